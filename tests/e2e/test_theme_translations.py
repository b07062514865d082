"""The default theme speaks every language it ships: the example site built in each shows no
English theme string; catalogs are complete; unknown languages fall back to English with one warning."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portfoliogen.i18n import theme_language
from tests.conftest import REPO, run_cli, set_site_language
from tests.e2e.theme_text import POT, english_fragments, english_left, msgids, visible_texts

THEME = REPO / "themes" / "default"
LOCALES = sorted(p.name for p in (THEME / "locale").iterdir() if p.is_dir())
SHIPPED = [name for name in LOCALES if name != "en"]


def set_language(site: Path, language: str) -> None:
    set_site_language(site / "config.yaml", language)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example site, built once per language (one image cache for all)."""
    site = tmp_path_factory.mktemp("example")
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "config.yaml", site / "config.yaml")
    return site


def build_in(site: Path, language: str) -> Path:
    out = site.parent / f"out-{language}"
    if not out.is_dir():
        set_language(site, language)
        result = run_cli("build", "--output", str(out), cwd=site)
        assert result.returncode == 0, result.stderr
    return out


def content_corpus(site: Path) -> str:
    """Everything the freelancer wrote (the example's content is English)."""
    return " ".join(" ".join(p.read_text(errors="ignore").split())
                    for p in (site / "content").rglob("*") if p.suffix in (".md", ".yaml", ".yml"))


@pytest.mark.parametrize("language", [name.replace("_", "-") for name in SHIPPED])
def test_no_english_theme_text_in_a_translated_build(example, language):
    out = build_in(example, language)
    translations = theme_language((THEME,), language).translations
    corpus = content_corpus(example)
    fragments = set()
    for ids in msgids():
        translated = (translations.gettext(ids[0]) if len(ids) == 1
                      else translations.ngettext(ids[0], ids[1], 1) + translations.ngettext(ids[0], ids[1], 5))
        for msgid in ids:
            fragments.update(f for f in english_fragments(msgid) if f not in translated)
    leaks = []
    for page in sorted(out.rglob("*.html")):
        texts = visible_texts(page.read_text(encoding="utf-8"))
        for fragment in sorted(fragments):
            for text in english_left(texts, fragment):
                if text != fragment and text in corpus:
                    continue   # the freelancer's own (English) words, not the theme's
                leaks.append(f"{page.relative_to(out)}: {fragment!r} in {text!r}")
    assert not leaks, "\n".join(leaks[:40])
    html = (out / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in html
    assert (' dir="rtl"' in html) == language.startswith("ar")


def _catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_catalog_is_complete(locale):
    catalog = _catalog(THEME / "locale" / locale / "LC_MESSAGES" / "messages.po")
    template = {m.id for m in _catalog(POT) if m.id}
    entries = {m.id: m for m in catalog if m.id}
    if locale != "pt_BR":   # pt-BR holds only what differs from pt-PT
        assert template - set(entries) == set(), "missing"
    assert set(entries) - template == set(), "obsolete"
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for msgid, m in entries.items():
        assert not m.fuzzy, msgid
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(forms), f"empty translation of {msgid!r}"
        if isinstance(msgid, tuple):
            assert len(forms) == catalog.num_plurals, msgid
        else:
            assert set(placeholder.findall(forms[0])) == set(placeholder.findall(msgid)), msgid


def test_regional_languages_fall_back_to_their_language():
    pt_br = theme_language((THEME,), "pt-BR")
    assert pt_br.locale == "pt_BR"
    assert pt_br.translations.gettext("Testimonials") == "Depoimentos"          # pt_BR's own
    assert pt_br.translations.gettext("Send message") == "Enviar mensagem"      # from pt
    assert theme_language((THEME,), "pt-PT").translations.gettext("Testimonials") == "Testemunhos"
    fr_ch = theme_language((THEME,), "fr-CH")
    assert (fr_ch.locale, fr_ch.translations.gettext("Services")) == ("fr", "Prestations")
    assert theme_language((THEME,), "ar").translations.ngettext(
        "and %(num)d more", "and %(num)d more", 11) == "و%(num)d بندًا آخر"    # Arabic "many"
    assert theme_language((THEME,), "pl").translations.ngettext(
        "and %(num)d more", "and %(num)d more", 22) == "i jeszcze %(num)d"


def test_a_language_the_theme_lacks_is_english_with_one_warning(example):
    set_language(example, "ja")
    out = example.parent / "out-ja"
    result = run_cli("build", "--output", str(out), cwd=example)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "no translation" in line]
    assert warnings == ["warning: config.yaml: theme 'default' has no translation for language 'ja'; "
                        "its text stays in English"]
    assert ">Start a project<" in (out / "index.html").read_text(encoding="utf-8")
