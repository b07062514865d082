"""i18n/catalogs.py: a theme's translations are read once per set of catalogs;
an edited catalog is read again."""

from __future__ import annotations

from pathlib import Path

from portfoliogen.i18n.catalogs import po_path, theme_language

PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Work"\nmsgstr "{}"\n'


def test_the_same_catalogs_give_the_same_translations_and_an_edit_new_ones(tmp_path: Path) -> None:
    base, child = tmp_path / "base", tmp_path / "child"
    catalog = po_path(base, "pt")
    catalog.parent.mkdir(parents=True)
    catalog.write_text(PO.format("Trabalho"), encoding="utf-8")
    first = theme_language((child, base), "pt")
    assert first.translations.gettext("Work") == "Trabalho" and first.locale == "pt"
    assert theme_language((child, base), "pt") is first
    catalog.write_text(PO.format("Projetos"), encoding="utf-8")        # the same size: bytes decide
    assert theme_language((child, base), "pt").translations.gettext("Work") == "Projetos"
    own = po_path(child, "pt")
    own.parent.mkdir(parents=True)
    own.write_text(PO.format("Obras"), encoding="utf-8")               # a child theme's catalog wins
    assert theme_language((child, base), "pt").translations.gettext("Work") == "Obras"
    own.unlink()
    assert theme_language((child, base), "pt").translations.gettext("Work") == "Projetos"
