"""Short fields are inline Markdown with raw HTML as text; a body's images,
inline or reference-style, come from its one parse, never from code."""

from bs4 import BeautifulSoup

from portfoliogen.render.markdown import (
    ImageRef,
    MarkdownRenderer,
    image_position,
    insert_pictures,
)

RENDERER = MarkdownRenderer()


def same(href):
    return href


def inline(text):
    return BeautifulSoup(RENDERER.inline(text, same).html, "html.parser")


def test_block_syntax_in_a_quote_stays_text():
    for text in ("#1 designer we have ever hired.", "2019. That was a good year.", "> 99.9% uptime",
                 "- not a list", "    not code", "Title\n=====", "[x]: /not-a-definition"):
        soup = inline(text)
        assert [t.name for t in soup.find_all(True)] == ["p"], text
        assert soup.get_text() == text.replace("    ", ""), text


def test_raw_html_in_a_quote_is_escaped():
    html = RENDERER.inline("our <form> checkout </script><script>alert(1)</script>", same).html
    assert html == "<p>our &lt;form&gt; checkout &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_a_quote_keeps_emphasis_links_and_code():
    soup = inline("*Fast* and **kind**, see [the site](https://example.com) and `make`.")
    assert [t.name for t in soup.p.find_all(True)] == ["em", "strong", "a", "code"]
    assert soup.a["href"] == "https://example.com"


def test_a_reference_style_image_is_found_like_an_inline_one():
    parsed = RENDERER.parse("![Inline](a.jpg)\n\n![Ref][flow]\n\n![flow]\n\n[flow]: ../images/x.jpg \"T\"\n", same)
    assert parsed.images == [ImageRef("a.jpg", "Inline", None), ImageRef("../images/x.jpg", "Ref", "T"),
                             ImageRef("../images/x.jpg", "flow", "T")]
    html = insert_pictures(parsed.html, ["<picture>1</picture>", "<picture>2</picture>", "<picture>3</picture>"])
    assert "pg-picture" not in html and html.count("<picture>") == 3


def test_images_in_code_are_not_images():
    parsed = RENDERER.parse("```\n![a](fenced.jpg)\n```\n\n    ![b](indented.jpg)\n\n`![c](inline.jpg)`\n", same)
    assert parsed.images == []
    assert "![a](fenced.jpg)" in parsed.html and "![c](inline.jpg)" in parsed.html


def test_remote_images_are_left_alone():
    parsed = RENDERER.parse("![a](https://example.com/a.png)", same)
    assert parsed.images == [] and 'src="https://example.com/a.png"' in parsed.html


def test_raw_html_in_bodies_follows_the_policy():
    body = '<iframe src="https://example.com/v"></iframe>\n\nText <b>bold</b>\n'
    assert "<iframe" in RENDERER.parse(body, same).html
    off = MarkdownRenderer(raw_html=False).parse(body, same).html
    assert "<iframe" not in off and "<b>" not in off and "&lt;iframe" in off and "&lt;b&gt;" in off


def test_a_marker_typed_by_the_user_is_left_alone():
    html = '<pg-picture data-index="7"></pg-picture>'
    assert insert_pictures(html, ["<picture></picture>"]) == html


def test_an_image_error_points_at_the_path():
    body = "Intro\n\n```\n[r]: x.jpg\n```\n\n![A](x.jpg)\n"
    assert image_position(body, "x.jpg", 10) == (16, 6)
    assert image_position("![A][r]\n\n[r]: ../nope.jpg\n", "../nope.jpg", 3) == (5, 6)
