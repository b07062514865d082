"""One language's template globals: the theme's catalog, and dates, prices, availability and
time-zone phrases written for that language (numbers isolated in right-to-left text)."""

from __future__ import annotations

import gettext
from typing import Any

from markupsafe import Markup, escape

from portfoliogen.config import Config
from portfoliogen.i18n import (
    N_,
    ThemeLanguage,
    availability_label,
    city_name,
    format_date,
    format_money,
    format_price,
    money_range,
    text_direction,
    theme_language,
)
from portfoliogen.render.theme import Theme
from portfoliogen.render.timezones import ZoneFacts


def load_theme_language(config: Config, theme: Theme, language: str) -> ThemeLanguage:
    return theme_language(theme.folders, language, config.display)


LONG_ISOLATE = 20   # characters: past this, an isolated text may wrap (a date or hours stay whole)


def language_globals(language: str, translations: gettext.NullTranslations) -> dict[str, Any]:
    _ = translations.gettext
    rtl = text_direction(language) == "rtl"

    def isolate(text: str) -> Markup | str:
        """Numbers and Latin names keep their own direction inside right-to-left text. A <bdi>
        stays on one line (a date, hours: the theme's CSS); a long one (a service's name) may
        wrap, or a phone's line could not hold it."""
        if not (rtl and text):
            return text
        return Markup('<bdi class="long">%s</bdi>' if len(text) > LONG_ISOLATE else "<bdi>%s</bdi>") % text

    def availability(view) -> str:
        if view is None:
            return ""
        when = format_date(view.from_date, language, "long") if view.from_date else ""
        label = escape(availability_label(view.status, when, translations))
        # The label may wrap on a phone, never inside its date.
        return Markup(label.replace(escape(when), Markup('<span class="nowrap">%s</span>') % when)) if when else label

    def zone_offsets(facts: ZoneFacts) -> str:
        standard = isolate(facts.standard)
        if not facts.summer:
            return standard
        return Markup(escape(_(N_("%(standard)s, %(summer)s in summer")))) % {"standard": standard, "summer": isolate(facts.summer)}

    return {
        "language": language,
        "text_direction": "rtl" if rtl else "ltr",
        "isolate": isolate,
        "format_date": lambda d, style="long": isolate(format_date(d, language, style)),
        "format_price": lambda price: format_price(price, language, translations, isolate=True),
        "format_money": lambda amount, currency: isolate(format_money(amount, currency, language)),
        "money_range": lambda low, high, currency: isolate(money_range(low, high, currency, language)),
        "availability_label": availability,
        "city_name": lambda zone: city_name(zone, language),
        "zone_offsets": zone_offsets,
    }
