"""Multilingual sites in process: `languages:` in config.yaml, translations found by
file suffix and translation_key, per-language YAML maps, one resolved site per
language under its prefix, and what check lists about translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfoliogen.check import translation_warnings
from portfoliogen.config import load_config
from portfoliogen.content.loaders import load_content
from portfoliogen.content.resolve import resolve_site
from portfoliogen.content.sources import split_language
from portfoliogen.content.translations import set_front_matter_key, source_hash
from portfoliogen.errors import SiteError, SiteErrors
from portfoliogen.urls import Urls, localize
from tests.unit.sitefiles import TODAY, study, write_site

BILINGUAL = "title: Ada\nbase_url: https://ada.example/p/\nlanguages: [en, {code: pt-PT, prefix: /pt/, title: Ada PT}]\n"


def site_of(tmp_path: Path, files: dict[str, str]):
    write_site(tmp_path, {"config.yaml": BILINGUAL, **files})
    config = load_config(tmp_path / "config.yaml")
    return resolve_site(load_content(config), config, TODAY)[0]


def test_languages_config_the_first_is_the_default_and_each_has_a_prefix(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text(BILINGUAL, encoding="utf-8")
    config = load_config(tmp_path / "config.yaml")
    assert config.language == "en" and config.multilingual
    assert [(lang.code, lang.prefix, lang.title) for lang in config.site_languages] == [
        ("en", "/", "Ada"), ("pt-PT", "/pt/", "Ada PT")]
    assert config.language_aliases == {"en": "en", "pt-pt": "pt-PT", "pt": "pt-PT"}
    assert config.for_language("pt-PT").title == "Ada PT" and config.for_language("pt-PT").language == "pt-PT"


@pytest.mark.parametrize("text, message", [
    ("languages: [en, fr]\nlanguage: fr\n", "must be the first of languages"),
    ("languages: [en, fr, fr]\n", "listed twice"),
    ("languages: [en, {code: fr, prefix: /}]\n", "the first language is published at the root"),
    ("languages: [en, xx-notalanguage-at-all]\n", "languages"),
])
def test_bad_languages_are_errors_in_config_yaml(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "config.yaml").write_text("title: Ada\nbase_url: https://ada.example/\n" + text, encoding="utf-8")
    with pytest.raises((SiteError, SiteErrors)) as err:
        load_config(tmp_path / "config.yaml")
    assert str(err.value).startswith("config.yaml:") and message in str(err.value)


def test_a_site_with_only_language_has_one_language_at_the_root(tmp_path: Path) -> None:
    site = site_of(tmp_path, {"config.yaml": "title: Ada\nbase_url: https://ada.example/\nlanguage: fr\n",
                              "content/pages/about.fr.md": "---\ntitle: À propos\n---\nTexte.\n"})
    assert site.views == () and [p.url_path for p in site.pages] == ["/about-fr/"]   # as before


def test_suffixes_name_a_language_by_code_or_prefix() -> None:
    aliases = {"en": "en", "pt-pt": "pt-PT", "pt": "pt-PT"}
    assert split_language("about.pt", aliases) == ("about", "pt-PT")
    assert split_language("about.PT-pt", aliases) == ("about", "pt-PT")
    assert split_language("v2.0", aliases) == ("v2.0", None)
    assert split_language("pt", aliases) == ("pt", None)


def test_translations_are_published_under_the_prefix_with_their_own_slugs(tmp_path: Path) -> None:
    site = site_of(tmp_path, {
        "content/case-studies/acme.md": study("Acme"),
        "content/case-studies/acme.pt.md": study("Acme PT", "slug: acme-pt\n"),
        "content/case-studies/globex/index.md": study("Globex", "tags: [fintech]\n"),
        "content/case-studies/globex/index.pt.md": study("Globex PT", "tags: [finanças]\n"),
        "content/case-studies/initech.md": study("Initech"),
        "content/pages/about.md": "---\ntitle: About\nmenu: 1\n---\nText.\n",
        "content/pages/sobre.pt.md": "---\ntitle: Sobre\ntranslation_key: about\nmenu: 1\n---\nTexto.\n",
        "content/testimonials.yaml": "- id: t1\n  quote: Great.\n  author: Bo\n  case_study: acme\n",
    })
    en, pt = site.all_views
    assert sorted(cs.url_path for cs in en.case_studies) == ["/work/acme/", "/work/globex/", "/work/initech/"]
    assert sorted(cs.url_path for cs in pt.case_studies) == ["/pt/work/acme-pt/", "/pt/work/globex/"]
    assert [t.url_path for t in pt.tags] == ["/pt/work/tags/finanças/"]
    assert [(m.title, m.url_path) for m in pt.menu] == [("Sobre", "/pt/sobre/")]
    assert pt.pages[0].translation_group == en.pages[0].translation_group
    acme_pt = pt.case_study("acme")   # testimonials and pitches refer to the default slug
    assert acme_pt.title == "Acme PT" and [t.id for t in pt.testimonials_for(acme_pt)] == ["t1"]
    assert pt.config.language == "pt-PT" and pt.prefix == "/pt/"


def test_per_language_maps_pick_each_language_and_fall_back_to_the_default(tmp_path: Path) -> None:
    site = site_of(tmp_path, {
        "content/profile.yaml": "name: Ada\nheadline: {en: Engineer, pt: Engenheira}\nskills:\n  en: [Maths]\n"
                                "  pt: [Matemática]\nlocation: {en: Lisbon}\n",
        "content/services.yaml": "- id: s\n  name: {en: Audit, pt: Auditoria}\n  summary: Two weeks.\n",
        "content/testimonials.yaml": "- id: a\n  quote: Toll.\n  author: A\n  language: de\n"
                                     "- id: b\n  quote: {en: Great, pt: Ótimo}\n  author: B\n",
    })
    en, pt = site.all_views
    assert (en.profile.headline, pt.profile.headline) == ("Engineer", "Engenheira")
    assert (en.profile.skills, pt.profile.skills) == (("Maths",), ("Matemática",))
    assert pt.profile.location == "Lisbon"
    assert (en.services[0].name, pt.services[0].name, pt.services[0].summary) == ("Audit", "Auditoria", "Two weeks.")
    assert [(t.quote, t.quote_lang) for t in pt.testimonials] == [("Toll.", "de"), ("Ótimo", "")]
    assert [(t.quote, t.quote_lang) for t in en.testimonials] == [("Toll.", "de"), ("Great", "")]


def test_a_map_without_the_default_language_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(SiteErrors) as err:
        site_of(tmp_path, {"content/profile.yaml": "name: Ada\nheadline:\n  pt: Engenheira\n"})
    assert str(err.value) == ("content/profile.yaml:3:3: this per-language value has no 'en' "
                              "(the default language); add 'en: ...'")


def test_localize_moves_pages_and_per_language_files_but_not_shared_files() -> None:
    assert localize("/work/", "/pt/") == "/pt/work/"
    assert localize("/", "/pt/") == "/pt/"
    assert localize("/feed.xml", "/pt/") == "/pt/feed.xml"
    assert localize("/pt/work/x/", "/pt/") == "/pt/work/x/"
    assert localize("/favicon.ico", "/pt/") == "/favicon.ico"
    urls = Urls("https://ada.example/p/", "/pt/")
    assert urls.url("/contact/") == "/p/pt/contact/"
    assert urls.abs_url("/feed.xml") == "https://ada.example/p/pt/feed.xml"


def test_check_lists_missing_translations_and_stale_ones(tmp_path: Path) -> None:
    files = {
        "content/case-studies/acme.md": study("Acme"),
        "content/case-studies/acme.pt.md": study("Acme PT"),
        "content/case-studies/initech.md": study("Initech"),
        "content/profile.yaml": "name: Ada\nheadline: {en: Engineer, pt: Engenheira}\nbio: Plain English.\n",
    }
    messages = [str(e) for e in translation_warnings(site_of(tmp_path, files))]
    assert "content/case-studies/initech.md: not translated into pt-PT: add content/case-studies/initech.pt.md" \
        in messages
    assert "content/profile.yaml:3:6: 'bio' has no pt-PT translation" in messages
    assert any(m.startswith("content/case-studies/acme.pt.md: translation of content/case-studies/acme.md "
                            "not yet marked") for m in messages)
    source = (tmp_path / "content/case-studies/acme.md").read_text(encoding="utf-8")
    marked = set_front_matter_key(study("Acme PT"), "source_hash", source_hash(source))
    (tmp_path / "content/case-studies/acme.pt.md").write_text(marked, encoding="utf-8")
    messages = [str(e) for e in translation_warnings(site_of(tmp_path, {**files, "content/case-studies/acme.pt.md": marked}))]
    assert not any("acme.pt.md" in m for m in messages)
    (tmp_path / "content/case-studies/acme.md").write_text(source + "More.\n", encoding="utf-8")
    messages = [str(e) for e in translation_warnings(site_of(tmp_path, {**files, "content/case-studies/acme.pt.md": marked,
                                                                          "content/case-studies/acme.md": source + "More.\n"}))]
    assert any("acme.pt.md:" in m and "changed since this translation was written" in m for m in messages)


def test_editor_schemas_accept_per_language_maps_and_refuse_wrong_values_inside_them() -> None:
    import jsonschema

    from portfoliogen.content.jsonschema import json_schema

    validator = jsonschema.Draft202012Validator(json_schema("profile"))
    good = {"name": "Ada", "headline": {"en": "Engineer", "pt-PT": "Engenheira"},
            "skills": {"en": ["Maths"], "pt": ["Matemática"]}}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({"name": "Ada", "headline": {"en": 3}}))
    assert list(validator.iter_errors({"name": "Ada", "headline": {"not a language": "x"}}))
