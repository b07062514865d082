"""seo/vcard.py: escaping, folding, names, optional fields."""

from __future__ import annotations

from types import SimpleNamespace

from portfoliogen.seo.vcard import escape_value, fold, render_vcard, split_name


def test_vcard_escaping_and_folding() -> None:
    assert escape_value("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "NOTE:" + "é" * 80
    folded = fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    assert split_name("Ada King Lovelace") == ("Lovelace", "Ada King")
    assert split_name("Prince") == ("Prince", "")


def test_vcard_without_optional_fields() -> None:
    profile = SimpleNamespace(name="Ada", headline="Engineer", photo_image=None, location=None,
                              timezone=None, links=(), languages=())
    text = render_vcard(profile, None, lambda p: "https://a.example" + p).decode()
    assert text.split("\r\n")[:5] == ["BEGIN:VCARD", "VERSION:3.0", "N:Ada;;;;", "FN:Ada", "TITLE:Engineer"]
    assert "EMAIL" not in text and "PHOTO" not in text and "ADR" not in text
