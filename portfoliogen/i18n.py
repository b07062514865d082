"""Dates and prices written for the site's language (Babel lives here only)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency

from portfoliogen.schema.fields import PartialDate

UNIT_TEXT = {"project": "per project", "hour": "per hour", "day": "per day", "month": "per month"}


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def format_date(value: PartialDate | dt.date | None, language: str = "en", style: str = "long") -> str:
    """'long': 12 March 2024 (or March 2024 for a YYYY-MM date); 'month':
    March 2024; 'short': Mar 2024."""
    if value is None:
        return ""
    locale = _locale(language)
    if isinstance(value, PartialDate):
        day_known = value.day is not None
        value = value.date
    else:
        day_known = True
    if style == "short":
        return babel_format_date(value, "MMM y", locale=locale)
    if style == "month" or not day_known:
        return babel_format_date(value, "LLLL y", locale=locale)
    return babel_format_date(value, "long", locale=locale)


def iso_date(value: PartialDate | dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def format_money(amount: float, currency: str, language: str) -> str:
    """Whole amounts without decimals (€4,800, not €4,800.00)."""
    locale = _locale(language)
    if float(amount).is_integer():
        pattern = locale.currency_formats["standard"].pattern.split(";")[0]
        pattern = pattern.replace(".00", "").replace(",00", "")
        return format_currency(int(amount), currency, format=pattern, locale=locale,
                               currency_digits=False)
    return format_currency(amount, currency, locale=locale)


def format_price(price, language: str = "en") -> str:
    """'from €4,800 per project', '€3,000–€5,000 per project', '€650 per day'."""
    if price is None:
        return ""
    unit = UNIT_TEXT.get(price.unit, "")
    low, high = price.from_, price.to
    if low is not None and high is not None and high > low:
        text = f"{format_money(low, price.currency, language)}–{format_money(high, price.currency, language)}"
    elif low is not None and high is None:
        text = f"from {format_money(low, price.currency, language)}"
    elif low is not None:
        text = format_money(low, price.currency, language)
    elif high is not None:
        text = f"up to {format_money(high, price.currency, language)}"
    else:
        return ""
    return f"{text} {unit}".strip()


@lru_cache(maxsize=64)
def language_name(language: str, with_region: bool = False) -> str:
    """A language's name in itself, as a language switcher shows it: 'Português',
    'English'; with_region: 'Português (Portugal)' (two variants on one site)."""
    try:
        locale = _locale(language)
    except (ValueError, TypeError):
        return language
    name = (locale.get_display_name(locale) if with_region else locale.languages.get(locale.language)) or language
    return name[:1].upper() + name[1:]
