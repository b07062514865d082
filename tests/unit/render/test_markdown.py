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
