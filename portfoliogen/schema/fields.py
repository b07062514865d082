"""One small validator per kind of value, shared by the config and the content models."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from pydantic import BeforeValidator, WithJsonSchema

from portfoliogen.slugs import MAX_SLUG_BYTES, fit_slug, plain_slug


# Each validator takes the raw YAML value and returns the clean one or raises ValueError with a
# message meant for the user.
@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date written as YYYY-MM or YYYY-MM-DD; `day` is None for a month."""

    year: int
    month: int
    day: int | None = None

    @property
    def date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def isoformat(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


_PARTIAL_DATE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    match = _PARTIAL_DATE.match(str(value).strip()) if isinstance(value, (str, int)) else None
    if not match:
        raise ValueError(f"{value!r} is not a date (write YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month, day or 1)
    except ValueError as err:
        raise ValueError(f"{value!r} is not a valid date: {err}") from None
    return PartialDate(year, month, day)


def parse_full_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)") from None


def parse_url(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str) else None
    if not text:
        raise ValueError(f"{value!r} is not a URL")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise ValueError(f"{text!r} is not an absolute http(s) URL")
    return text


def parse_link_url(value: Any) -> str:
    """A profile link: http(s), mailto: or tel:."""
    text = str(value).strip() if isinstance(value, str) else ""
    if text.startswith(("mailto:", "tel:")) and len(text) > 5:
        return text
    return parse_url(value)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_email(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if not _EMAIL.match(text):
        raise ValueError(f"{value!r} is not an email address")
    return text


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def parse_currency(value: Any) -> str:
    text = str(value).strip().upper() if isinstance(value, str) else ""
    if text not in _currencies():
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (e.g. EUR, USD, GBP)")
    return text


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def parse_timezone(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if text not in _timezones():
        raise ValueError(f"{value!r} is not an IANA time zone (e.g. Europe/Lisbon)")
    return text


def parse_language(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    try:
        Locale.parse(text.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        raise ValueError(f"{value!r} is not a BCP 47 language tag (e.g. en, en-GB, pt-PT)") from None
    return text


_HOURS = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-4]):([0-5]\d)$")


def parse_working_hours(value: Any) -> str:
    match = _HOURS.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"{value!r} is not a time range (write \"09:00-17:00\")")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h2 * 60 + m2 <= h1 * 60 + m1:
        raise ValueError(f"{value!r}: the end must come after the start")
    return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def parse_slug(value: Any) -> str:
    text = str(value) if isinstance(value, (str, int)) else ""
    slug = plain_slug(text)
    if not slug or slug != text:
        hint = f" (did you mean '{fit_slug(slug)}'?)" if slug else ""
        raise ValueError(f"{value!r} is not a slug: use lower-case letters, digits and '-'{hint}")
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        raise ValueError(f"'{slug[:40]}...' is too long for a slug: at most {MAX_SLUG_BYTES} bytes "
                         f"(it becomes a file name)")
    return slug


def text_list(value: Any) -> Any:
    """Accept one string where a list of strings is expected."""
    return [value] if isinstance(value, str) else value


def _nonblank(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise ValueError("must not be empty")
    return value


# WithJsonSchema: what an editor sees (portfoliogen schema); the validators stay the judges.
_TEXT = {"type": "string", "pattern": "\\S"}
PartialDateField = Annotated[PartialDate, BeforeValidator(parse_partial_date),
                             WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{1,2}(-\d{1,2})?$"})]
DateField = Annotated[dt.date, BeforeValidator(parse_full_date),
                      WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
Url = Annotated[str, BeforeValidator(parse_url), WithJsonSchema({"type": "string", "pattern": r"^https?://\S+$"})]
LinkUrl = Annotated[str, BeforeValidator(parse_link_url),
                    WithJsonSchema({"type": "string", "pattern": r"^(https?://|mailto:|tel:)\S+$"})]
Email = Annotated[str, BeforeValidator(parse_email), WithJsonSchema({"type": "string", "pattern": _EMAIL.pattern})]
Currency = Annotated[str, BeforeValidator(parse_currency),
                     WithJsonSchema({"type": "string", "pattern": r"^\s*[A-Za-z]{3}\s*$"})]
TimeZone = Annotated[str, BeforeValidator(parse_timezone),
                     WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"})]
Language = Annotated[str, BeforeValidator(parse_language),
                     WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"})]
WorkingHours = Annotated[str, BeforeValidator(parse_working_hours),
                         WithJsonSchema({"type": "string", "pattern": _HOURS.pattern})]
Slug = Annotated[str, BeforeValidator(parse_slug),
                 WithJsonSchema({"type": "string", "pattern": r"^[^\sA-Z!-,./:-@\[-`{-~]+$"})]
Text = Annotated[str, BeforeValidator(_nonblank), WithJsonSchema(_TEXT)]
TextList = Annotated[tuple[Text, ...], BeforeValidator(text_list),
                     WithJsonSchema({"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]})]
