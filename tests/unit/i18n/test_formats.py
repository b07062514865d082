"""Prices, availability and time-zone phrases in the theme's languages (Babel's CLDR data
plus the default theme's catalogs)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from portfoliogen.content.model import Price
from portfoliogen.i18n import (
    availability_label,
    city_name,
    format_price,
    money_range,
    text_direction,
    theme_language,
)
from portfoliogen.render.language import language_globals
from portfoliogen.render.timezones import zone_facts

THEME = (Path(__file__).resolve().parents[3] / "themes" / "default",)
NBSP, NNBSP = "\u00a0", "\u202f"


def price(**fields) -> Price:
    return Price.model_validate(fields)


def tr(language: str):
    return theme_language(THEME, language).translations


@pytest.mark.parametrize("language, fields, expected", [
    ("en", {"from": 4800, "currency": "EUR", "unit": "project"}, "from €4,800 per project"),
    ("en", {"from": 3000, "to": 5000, "currency": "EUR", "unit": "project"}, "€3,000–€5,000 per project"),
    ("fr", {"from": 650, "currency": "EUR", "unit": "day"}, f"à partir de 650{NBSP}€ par jour"),
    ("fr-CH", {"from": 1800, "currency": "CHF", "unit": "day"}, f"à partir de 1'800{NBSP}CHF par jour"),
    ("de", {"to": 9000, "currency": "EUR", "unit": "month"}, f"bis 9.000{NBSP}€ pro Monat"),
    ("pt-BR", {"from": 120, "currency": "BRL", "unit": "hour"}, f"a partir de R${NBSP}120 por hora"),
    ("pl", {"from": 2000, "to": 3000, "currency": "PLN", "unit": "project"},
     f"2{NBSP}000{NBSP}zł–3{NBSP}000{NBSP}zł za projekt"),
])
def test_prices_read_naturally_in_each_language(language, fields, expected):
    assert format_price(price(**fields), language, tr(language)) == expected


def test_prices_on_right_to_left_pages_isolate_the_amounts():
    text = format_price(price(**{"from": 650, "currency": "EUR", "unit": "day"}), "ar", tr("ar"), isolate=True)
    html = str(text)
    assert re.sub(r"<[^>]+>", "", html) == "ابتداءً من €650 في اليوم".replace("€650", re.search(r"<bdi>(.*?)</bdi>", html)[1])
    assert html.startswith('<span class="price__figure">ابتداءً من <bdi>')   # the figure stays on one line
    assert html.endswith('</bdi></span> <span class="price__unit">في اليوم</span>')   # so do the unit words


def test_a_price_breaks_only_between_its_figure_and_its_unit():
    text = str(format_price(price(**{"from": 14000, "to": 32000, "currency": "EUR", "unit": "project"}), "en",
                            isolate=True))
    assert text == ('<span class="price__figure"><bdi>€14,000</bdi>–<bdi>€32,000</bdi></span> '
                    '<span class="price__unit">per project</span>')


def test_money_ranges_write_the_sign_once_where_the_locale_puts_it():
    assert money_range(5000, 15000, "EUR", "en") == "€5,000–15,000"
    assert money_range(5000, 15000, "EUR", "fr") == f"5{NNBSP}000–15{NNBSP}000{NBSP}€"


def test_availability_in_the_visitors_language():
    assert availability_label("limited", "1 février 2027", tr("fr")) == "Disponibilité limitée à partir du 1 février 2027"
    assert availability_label("booked", "", tr("de")) == "Ausgebucht"
    assert availability_label("available", "") == "Available for new projects"


def test_time_zone_sentences_and_direction():
    facts = zone_facts("Europe/Lisbon", 2026)
    assert str(language_globals("de", tr("de"))["zone_offsets"](facts)) == "UTC+0, im Sommer UTC+1"
    assert str(language_globals("ar", tr("ar"))["zone_offsets"](facts)) == "<bdi>UTC+0</bdi>، و<bdi>UTC+1</bdi> صيفًا"
    assert city_name("Europe/Lisbon", "fr") == "Lisbonne"
    assert (text_direction("ar"), text_direction("he"), text_direction("pt-BR")) == ("rtl", "rtl", "ltr")
    assert language_globals("en-GB", tr("en-GB"))["format_date"](dt.date(2027, 2, 1)) == "1 February 2027"
