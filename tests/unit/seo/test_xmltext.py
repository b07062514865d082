"""Text for the XML files portfoliogen writes: escaped and free of the
characters XML 1.0 forbids, so every file parses."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from portfoliogen.seo.icons import _svg_icon
from portfoliogen.seo.xmltext import xml_attr, xml_text

NASTY = 'a\x00b\x01c\x08d\x0be\x0cf\x1fg\ud800h\udfffi\ufffej\uffffk & <l> "m" \tn\no\rp'


def test_forbidden_characters_are_dropped_and_the_rest_kept():
    root = ET.fromstring(f'<x a="{xml_attr(NASTY)}">{xml_text(NASTY)}</x>')
    assert root.get("a") == 'abcdefghijk & <l> "m" \tn\no\rp'
    assert root.text == 'abcdefghijk & <l> "m" \tn\no\np'   # a parser reads CR LF as LF in text


def test_an_attribute_keeps_its_quotes():
    root = ET.fromstring(f'<category term="{xml_attr(chr(39) + "27" + chr(34) + " displays")}"/>')
    assert root.get("term") == "'27\" displays"


def test_the_letter_icon_is_well_formed_whatever_the_name():
    spec = SimpleNamespace(picture=None, name="<&> \x0c", accent="#336699")
    ET.fromstring(_svg_icon(spec, None))
