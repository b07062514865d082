"""config.yaml -> Config: every key declared once with its type and default;
unknown keys are errors with a "did you mean"."""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from portfoliogen.errors import SiteError
from portfoliogen.schema.fields import Email, Language, Text, Url
from portfoliogen.schema.folders import (
    DEFAULT_CACHE_DIR,
    DEFAULT_OUTPUT,
    project_folders,
)
from portfoliogen.schema.model import Model, derived
from portfoliogen.schema.validate import validate_model
from portfoliogen.schema.yamlfile import decode_text, load_yaml, read_bytes
from portfoliogen.urls import base_path_of

ImageFormat = Literal["avif", "webp", "jpeg", "png"]


class ImageConfig(Model):
    """How images are processed (images.* in config.yaml)."""

    widths: tuple[int, ...] = Field(default=(480, 960, 1600),
                                    description='Widths of the responsive variants, in pixels.',
                                    examples=[[480, 960, 1600]])
    formats: tuple[ImageFormat, ...] = Field(default=("avif", "webp"),
                                             description='Modern formats to emit; a JPEG (or PNG with transparency) fallback always exists.',
                                             examples=[['avif', 'webp']])
    quality: int = Field(default=75, ge=1, le=100, description='Encoder quality, 1-100.', examples=[75])
    max_pixels: int = Field(default=89_478_485, ge=1,
                            description="Pillow's decompression-bomb limit; raise it for very large scans.",
                            examples=[89478485])

    @field_validator("widths")
    @classmethod
    def _widths(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or any(w < 16 or w > 10_000 for w in value):
            raise ValueError("widths must be a list of pixel widths between 16 and 10000")
        return tuple(sorted(set(value)))


class MarkdownConfig(Model):
    """How Markdown bodies are rendered (markdown.* in config.yaml)."""

    raw_html: bool = Field(default=True,
                           description='Keep raw HTML written in bodies and the bio (embedded videos); false shows it as text.',
                           examples=[True])


class ContactConfig(Model):
    email: Email | None = Field(default=None,
                                description='Where enquiries go; shown on the contact page.',
                                examples=['hello@example.com'])
    form_action: Url | None = Field(default=None,
                                    description="A form backend's URL; without it, the contact button opens the visitor's e-mail program.",
                                    examples=['https://formspree.io/f/your-id'])
    booking_url: Url | None = Field(default=None,
                                    description='A scheduling link for an intro call.',
                                    examples=['https://cal.com/your-name/intro'])


class LanguageConfig(Model):
    """One language of a multilingual site (an entry of `languages:` written as a mapping)."""

    code: Language = Field(description='The language, as a BCP 47 code.', examples=['pt-PT'])
    prefix: Text | None = Field(default=None,
                                description="Where its pages live under base_url (default: /<code>/; the first language's is /).",
                                examples=['/pt/'])
    title: Text | None = Field(default=None,
                               description="The site's title in this language (default: title).",
                               examples=['Mira Solberg — Designer de produto'])
    name: Text | None = Field(default=None,
                              description="Its name in the language switcher (default: the language's own name, e.g. Português).",
                              examples=['Português'])


@dataclass(frozen=True)
class SiteLanguage:
    """A language the site is published in, with its URL prefix ('/' or '/pt/')."""

    code: str
    prefix: str
    title: str
    name: str | None
    default: bool


class Config(Model):
    title: Text = Field(description="The site's title, shown in the browser tab and in search results.",
                        examples=['Alex Example — Product designer'])
    base_url: Url = Field(description='The address the site is published at, ending with /.',
                          examples=['https://example.com/'])
    language: Language = Field(default="en",
                               description="The site's language, as a BCP 47 code; dates and prices are written in it.",
                               examples=['en'])
    languages: tuple[Language | LanguageConfig, ...] = Field(
        default=(),
        description="The languages of a multilingual site, the default first: codes, or mappings with code, prefix, title, name. Content in another language sits beside the default file with the code before .md (about.pt.md).",
        examples=[['en', {'code': 'pt', 'prefix': '/pt/'}]])
    theme: Text = Field(default="default",
                        description='The theme: a built-in one or a folder in themes/.',
                        examples=['default'])
    output: Text = Field(default=DEFAULT_OUTPUT,
                         description='The folder the site is built into.',
                         examples=['output'])
    images: ImageConfig = Field(default=ImageConfig(),
                                description='How images are processed.',
                                examples=[{'widths': [480, 960, 1600], 'formats': ['avif', 'webp']}])
    contact: ContactConfig = Field(default=ContactConfig(),
                                   description='How clients reach you.',
                                   examples=[{'email': 'hello@example.com'}])
    markdown: MarkdownConfig = Field(default=MarkdownConfig(),
                                     description='How Markdown is rendered.',
                                     examples=[{'raw_html': True}])
    cache_dir: Text = Field(default=DEFAULT_CACHE_DIR,
                            description='Where processed images are kept between builds (keep it out of git).',
                            examples=['.portfoliogen-cache'])
    paper: Literal["auto", "A4", "Letter"] = Field(default="auto",
                                                   description="Paper size of cv.pdf and proposal.pdf; auto: Letter "
                                                               "for a language of the US, Canada, Mexico and other "
                                                               "Letter countries (en-US), else A4.",
                                                   examples=['A4'])
    pdf: bool = Field(default=True,
                      description="Write cv.pdf and proposal.pdf (needs WeasyPrint: pip install 'portfoliogen-ssg[pdf]').",
                      examples=[True])
    theme_options: dict[str, Any] = Field(default={},
                                          description='Options of the theme (see its theme.yaml), e.g. the accent colour.',
                                          examples=[{'accent': '#1d4ed8'}])
    confidential: tuple[Text, ...] = Field(default=(),
                                           description='Names that must never appear in the public site (clients, product code names); the build fails if one does.',
                                           examples=[['Brightbank', 'Project Falcon']])

    root: Path = derived(Path("."))       # the folder holding config.yaml
    config_path: Path = derived(Path("config.yaml"))
    drafts: bool = derived(False)        # --drafts
    locs: Any = derived()

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.query or parts.fragment:
            raise ValueError(f"{value!r} must not have a query or fragment")
        return value if value.endswith("/") else value + "/"

    @model_validator(mode="before")
    @classmethod
    def _default_language(cls, data: Any) -> Any:
        """With `languages:`, `language:` is the first one (and may be left out)."""
        if isinstance(data, dict) and data.get("languages") and "language" not in data:
            first = data["languages"][0] if isinstance(data["languages"], (list, tuple)) else None
            code = first.get("code") if isinstance(first, dict) else first
            if isinstance(code, str):
                data = {**data, "language": code}
        return data

    @model_validator(mode="after")
    def _check_languages(self) -> "Config":
        if not self.languages:
            return self
        codes = [entry if isinstance(entry, str) else entry.code for entry in self.languages]
        if self.language != codes[0]:
            raise ValueError(f"language '{self.language}' must be the first of languages ({codes[0]}), "
                             f"or be left out")
        seen: set[str] = set()
        for lang in self.site_languages:
            if lang.code.lower() in seen or lang.prefix in seen:
                raise ValueError(f"languages: '{lang.code}' (prefix {lang.prefix}) is listed twice")
            seen.update({lang.code.lower(), lang.prefix})
        return self

    # ------------------------------------------------------------ languages
    @property
    def site_languages(self) -> tuple[SiteLanguage, ...]:
        """Every language the site is published in, the default first; a site
        with only `language:` has one, at the root."""
        return _site_languages(self.languages, self.language, self.title)

    @property
    def language_aliases(self) -> dict[str, str]:
        """{what a file suffix or a per-language map key may say, lower-cased:
        the language's code}: its code, or its prefix ('pt' for pt-PT under /pt/)."""
        out: dict[str, str] = {}
        for lang in self.site_languages:
            out.setdefault(lang.code.lower(), lang.code)
            if not lang.default:
                out.setdefault(lang.prefix.strip("/").lower(), lang.code)
        return out

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1

    def for_language(self, code: str) -> "Config":
        """This config as seen by the pages of one language: `language` and
        `title` are that language's."""
        if code == self.language:
            return self
        lang = next(lang for lang in self.site_languages if lang.code == code)
        return self.model_copy(update={"language": lang.code, "title": lang.title})

    # ------------------------------------------------------------ derived paths
    @property
    def base_path(self) -> str:
        """The path part of base_url, always with slashes: '/' or '/portfolio/'."""
        return base_path_of(self.base_url)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def output_dir(self) -> Path:
        return project_folders(self.root, {"output": self.output}).output

    @property
    def cache_path(self) -> Path:
        return project_folders(self.root, {"cache_dir": self.cache_dir}).cache

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the project when inside it."""
        try:
            return Path(path).resolve().relative_to(_resolved(self.root, "" if self.root.is_absolute() else os.getcwd())).as_posix()
        except ValueError:
            return str(path)


# The dev server loads the config several times a save; parsing and validating it is ~15 ms.
# A Config is frozen and made only from the file's bytes, its resolved path and the overrides,
# so the same three give the very same object back.
_LOADED: dict[tuple, Config] = {}
_LOADED_KEPT = 8
_LOADED_LOCK = threading.Lock()   # the dev server's build loop and its other threads


def load_config(config_path: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read and validate config.yaml; `overrides` (from the command line)
    replace keys after validation of the file."""
    config_path = Path(config_path)
    display = config_path.name
    if not config_path.is_file():
        raise SiteError(display, None, None,
                        "no config.yaml here: run portfoliogen in a site folder, "
                        "pass --config FILE, or create a site with 'portfoliogen new PATH'")
    raw = read_bytes(config_path, display)
    key = (str(config_path.resolve()), raw, repr(sorted((overrides or {}).items())))
    with _LOADED_LOCK:
        config = _LOADED.get(key)
    if config is None:
        config = _parse_config(config_path, raw, overrides)
        with _LOADED_LOCK:
            while len(_LOADED) >= _LOADED_KEPT:
                del _LOADED[next(iter(_LOADED))]
            _LOADED[key] = config
    return config


def _parse_config(config_path: Path, raw: bytes, overrides: dict[str, Any] | None) -> Config:
    display = config_path.name
    data, locs = load_yaml(decode_text(raw, display), display)
    if data is None:
        data = {}
    extra = {"root": config_path.parent.resolve(), "config_path": config_path.resolve(), "locs": locs}
    config = validate_model(Config, data, locs, display, extra=extra)
    if overrides:
        merged = {**data, **{k: v for k, v in overrides.items() if k in Config.user_keys()}}
        config = validate_model(Config, merged, locs, display, extra={
            **extra, **{k: v for k, v in overrides.items() if k not in Config.user_keys()}})
    return config


@functools.lru_cache(maxsize=16)
def _site_languages(entries: tuple, language: str, title: str) -> tuple[SiteLanguage, ...]:
    if not entries:
        return (SiteLanguage(language, "/", title, None, True),)
    out = []
    for index, entry in enumerate(entries):
        entry = LanguageConfig(code=entry) if isinstance(entry, str) else entry
        prefix = entry.prefix or ("/" if index == 0 else f"/{entry.code.lower()}/")
        prefix = "/" + "/".join(part for part in prefix.split("/") if part) + "/"
        prefix = "/" if prefix == "//" else prefix
        if (index == 0) != (prefix == "/"):
            raise ValueError(f"languages: the first language is published at the root (prefix /), "
                             f"the others under their own prefix; '{entry.code}' has {prefix}")
        out.append(SiteLanguage(entry.code, prefix, entry.title or title, entry.name, index == 0))
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _resolved(root: Path, cwd: str) -> Path:
    """The project folder, resolved once (per working folder when relative):
    display() runs for every content file."""
    return root.resolve()
