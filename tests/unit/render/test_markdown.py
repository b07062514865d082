from bs4 import BeautifulSoup

from portfoliogen.render.markdown import LinkProblem, MarkdownRenderer

RENDERER = MarkdownRenderer()


def render(text, links=None, image=None):
    def resolve(href):
        if links is None or href not in links:
            raise LinkProblem(f"link to '{href}': no such case study or page")
        return links[href]
    html, problems = RENDERER.render(text, resolve, image or (lambda s, a, t: None))
    return BeautifulSoup(html, "html.parser"), problems


def test_tables_footnotes_and_smart_quotes():
    soup, _ = render('He said "hi".[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: A note.\n')
    assert soup.find("table").find_all("td")[1].text == "2"
    assert "\u201chi\u201d" in soup.find("p").text
    assert soup.select_one("div.footnote li").get("id") == "fn:1"


def test_code_is_highlighted_with_classes_not_inline_styles():
    soup, _ = render("```python\nx = 1\n```\n")
    block = soup.select_one("div.codehilite")
    assert block is not None and block.find("span", class_="n")
    assert not soup.find(attrs={"style": True})


def test_heading_anchors_and_attribute_lists():
    soup, _ = render("## The challenge\n\nText\n{: .lead }\n")
    heading = soup.find("h2")
    assert heading["id"] == "the-challenge"
    assert heading.find("a", class_="headerlink")["href"] == "#the-challenge"
    assert "lead" in soup.find("p")["class"]


def test_a_body_h1_is_shifted_below_the_page_title():
    soup, _ = render("# Part one\n\n## Detail\n")
    assert soup.find("h1") is None
    assert soup.find("h2").text.startswith("Part one")
    assert soup.find("h3") is not None


def test_content_links_rewritten_and_broken_ones_reported():
    soup, problems = render("[ok](b.md#x) and [bad](nope.md) and [web](https://example.com)",
                            links={"b.md#x": "/work/b/#x"})
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["/work/b/#x", "nope.md", "https://example.com"]
    assert problems == [("nope.md", "link to 'nope.md': no such case study or page")]


def test_images_replaced_by_the_callback():
    soup, _ = render("Before ![A flow](flow.png) after",
                     image=lambda src, alt, title: f'<picture><img src="/i/{src}" alt="{alt}"></picture>')
    img = soup.find("picture").find("img")
    assert img["src"] == "/i/flow.png" and img["alt"] == "A flow"
    assert soup.find("p").text.strip() == "Before  after"


# The table of contents is made only when a body shows it, and one Pygments formatter serves all
# code blocks with the same options: the HTML must be Python-Markdown's own.
_AS_STOCK = [
    "# T\n\n[TOC]\n\n## A\n\ntext\n\n## B {#bee}\n\n### C\n",
    "[TOC]\n\n## One\n\n## One\n",
    "## H\n\n\\[TOC\\]\n\n&#91;TOC&#93;\n\nPara [TOC] inline\n\n## X[^1]\n\n[^1]: note [TOC]\n",
    '```python hl_lines="1"\nx = 1\ny = 2\n```\n\n```{.js linenums="1"}\nlet a\n```\n\n```python\nz = 3\n```\n'
    "\n```\nplain\n```\n\n```nosuchlang\nz\n```\n",
]


def _stock(baselevel: int):
    import markdown
    from portfoliogen.render.markdown import _Rewrite
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "codehilite", "footnotes", "toc", "attr_list",
                    "smarty", "sane_lists", "def_list", "abbr", _Rewrite()],
        extension_configs={
            "codehilite": {"css_class": "codehilite", "guess_lang": False},
            "toc": {"permalink": "#", "permalink_class": "headerlink",
                    "permalink_title": "Link to this section", "baselevel": baselevel},
            "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
        },
        output_format="html",
    )


def test_toc_and_code_blocks_as_python_markdown_makes_them():
    from portfoliogen.render.markdown import Parsed
    for text in _AS_STOCK:
        ours = MarkdownRenderer().parse(text, lambda href: href).html
        stock = _stock(2 if text.startswith("# ") else 1)
        stock.pg_parsed, stock.pg_resolve_link = Parsed(""), lambda href: href
        assert ours == stock.convert(text), text
    assert 'class="toc"' in MarkdownRenderer().parse(_AS_STOCK[0], lambda href: href).html
