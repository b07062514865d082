"""Everything language-dependent (Babel lives here only): formats.py writes dates, prices
and phrases for a language; catalogs.py reads a theme's translations."""

from portfoliogen.i18n.catalogs import ThemeLanguage, theme_language
from portfoliogen.i18n.formats import (
    ENGLISH,
    N_,
    availability_label,
    city_name,
    format_date,
    format_money,
    format_price,
    iso_date,
    language_name,
    money_range,
    text_direction,
)

__all__ = ["ENGLISH", "N_", "ThemeLanguage", "availability_label", "city_name", "format_date",
           "format_money", "format_price", "iso_date", "language_name", "money_range", "text_direction", "theme_language"]
