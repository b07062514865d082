"""Dates, prices, availability and time-zone phrases written for a language (Babel's CLDR data)."""

from __future__ import annotations

import datetime as dt
import gettext
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup, escape

from portfoliogen.schema.fields import PartialDate

ENGLISH = gettext.NullTranslations()   # the msgids are the English text


def N_(message: str) -> str:
    """Marks a phrase for `pybabel extract`; translated where it is shown."""
    return message


# The amount goes into the unit's phrase, so a language can put it anywhere.
UNIT_TEXT = {"project": N_("%(amount)s per project"), "hour": N_("%(amount)s per hour"),
             "day": N_("%(amount)s per day"), "month": N_("%(amount)s per month")}


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(language.split("-")[0].split("_")[0])


def text_direction(language: str) -> str:
    """'rtl' for Arabic, Hebrew, Persian...; else 'ltr'."""
    try:
        return _locale(language).text_direction
    except (UnknownLocaleError, ValueError):
        return "ltr"


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


def _whole_pattern(locale: Locale) -> str:
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    return pattern.replace(".00", "").replace(",00", "")


def format_money(amount: float, currency: str, language: str) -> str:
    """Whole amounts without decimals (€4,800, not €4,800.00)."""
    locale = _locale(language)
    if float(amount).is_integer():
        return format_currency(int(amount), currency, format=_whole_pattern(locale), locale=locale,
                               currency_digits=False)
    return format_currency(amount, currency, locale=locale)


def money_range(low: float, high: float, currency: str, language: str) -> str:
    """One currency sign for both ends, where the locale writes it:
    €5,000–15,000 (en), 5 000–15 000 € (fr)."""
    locale = _locale(language)
    sign_first = _whole_pattern(locale).lstrip("\u200e\u200f\u061c").startswith("¤")
    if sign_first:
        return f"{format_money(low, currency, language)}–{format_decimal(high, locale=locale)}"
    return f"{format_decimal(low, locale=locale)}–{format_money(high, currency, language)}"


def format_price(price, language: str = "en", translations: gettext.NullTranslations = ENGLISH,
                 isolate: bool = False) -> str:
    """'from €4,800 per project', '€3,000–€5,000 per project', '€650 per day'.
    `isolate`: Markup with each amount in <bdi> (numbers inside right-to-left text, and
    a theme can keep each amount on one line), the figure in <span class="price__figure">
    and the unit words in <span class="price__unit">."""
    if price is None:
        return ""

    def phrase(message: str) -> str:
        text = translations.gettext(message)
        return Markup(escape(text)) if isolate else text

    def money(amount: float) -> str:
        text = format_money(amount, price.currency, language)
        return Markup("<bdi>%s</bdi>") % text if isolate else text

    low, high = price.from_, price.to
    if low is not None and high is not None and high > low:
        text = phrase(N_("%(low)s–%(high)s")) % {"low": money(low), "high": money(high)}
    elif low is not None and high is None:
        text = phrase(N_("from %(amount)s")) % {"amount": money(low)}
    elif low is not None:
        text = money(low)
    elif high is not None:
        text = phrase(N_("up to %(amount)s")) % {"amount": money(high)}
    else:
        return ""
    unit = UNIT_TEXT.get(price.unit)
    if isolate:   # the figure and the unit words each stay on one line; a line may break between them
        figure = Markup('<span class="price__figure">%s</span>') % text
        if not unit:
            return figure
        before, _sep, after = translations.gettext(unit).partition("%(amount)s")
        return Markup("").join([_unit_piece(before), figure, _unit_piece(after)])
    return phrase(unit) % {"amount": text} if unit else text


def _unit_piece(words: str) -> Markup:
    """Unit words in a span; the spaces around them stay outside it (break opportunities)."""
    core = words.strip()
    if not core:
        return Markup(escape(words))
    lead, trail = words[:len(words) - len(words.lstrip())], words[len(words.rstrip()):]
    return Markup("%s<span class=\"price__unit\">%s</span>%s") % (lead, core, trail)


def availability_label(status: str, when: str, translations: gettext.NullTranslations = ENGLISH) -> str:
    """'Available from 1 March 2027' (`when`: the date as written, '' when it applies now)."""
    _ = translations.gettext
    if status == "available":
        return _("Available from %(date)s") % {"date": when} if when else _("Available for new projects")
    if status == "limited":
        return _("Limited availability from %(date)s") % {"date": when} if when else _("Limited availability")
    return _("Booked until %(date)s") % {"date": when} if when else _("Fully booked")


def city_name(zone: str, language: str) -> str:
    """The zone's city as the language writes it (Europe/Lisbon: Lisbonne, لشبونة)."""
    fallback = zone.rsplit("/", 1)[-1].replace("_", " ")
    try:
        return _locale(language).time_zones.get(zone, {}).get("city") or fallback
    except (UnknownLocaleError, ValueError):
        return fallback


@lru_cache(maxsize=64)
def language_name(language: str, with_region: bool = False) -> str:
    """A language's name in itself, as a language switcher shows it: 'Português',
    'English'; with_region: 'Português (Portugal)' (two variants on one site)."""
    try:
        locale = _locale(language)
    except (ValueError, TypeError, UnknownLocaleError):
        return language
    name = (locale.get_display_name(locale) if with_region else locale.languages.get(locale.language)) or language
    return name[:1].upper() + name[1:]
