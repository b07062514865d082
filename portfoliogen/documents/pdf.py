"""HTML of a print template -> PDF with WeasyPrint: embedded subset fonts shipped with
portfoliogen, tagged (PDF/UA-1), fixed metadata and identifier so the same input gives the same bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from markupsafe import Markup

from portfoliogen.errors import SiteError

FONTS = Path(__file__).resolve().parent.parent / "seo" / "fonts"
# Countries that use US Letter; every other region prints on A4.
LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "BZ"}
INSTALL_HINT = ("cv.pdf and proposal.pdf need WeasyPrint: pip install 'portfoliogen-ssg[pdf]' "
                "(it needs the Pango library: docs/guide/documents.md), or set 'pdf: false' in config.yaml")


def pdf_unavailable() -> str | None:
    """None when WeasyPrint loads; else one line: the site is built without PDFs, and how to get them."""
    try:
        weasyprint_module()
    except SiteError as err:
        return "built without PDFs: " + err.message
    return None


def paper_size(paper: str, language: str) -> str:
    """'A4' or 'Letter': config.yaml's choice, else from the language's region (en-US -> Letter)."""
    if paper != "auto":
        return paper
    region = language.replace("_", "-").split("-")[1:2]
    return "Letter" if region and region[0].upper() in LETTER_REGIONS else "A4"


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_label(gettext) -> Markup:
    """'Page 2 of 3' as a CSS content value, translated as one sentence."""
    text = str(gettext("Page %(page)s of %(pages)s", page="%(page)s", pages="%(pages)s"))
    value = css_string(text).replace("%(page)s", '" counter(page) "').replace("%(pages)s", '" counter(pages) "')
    return Markup(value)


def weasyprint_module():
    """WeasyPrint, or the one-line error that says how to get it."""
    try:
        import weasyprint
    except (ImportError, OSError) as err:   # OSError: installed, but Pango is missing
        raise SiteError("config.yaml", None, None, f"{INSTALL_HINT} ({type(err).__name__}: {err})") from None
    return weasyprint


def render_pdf(html: str, cache_dir: Path) -> bytes:
    """The PDF of `html`, from the cache when the same HTML was printed before."""
    weasyprint = weasyprint_module()
    # (the fonts' file URLs name the folder portfoliogen is installed in: not part of the key, or
    # the same site would print with another identifier from another checkout or machine)
    printed = html.replace(FONTS.as_uri(), "fonts:")
    key = hashlib.sha256(f"{weasyprint.__version__}\n{printed}".encode("utf-8")).hexdigest()
    cached = cache_dir / f"{key}.pdf"
    if cached.is_file():
        return cached.read_bytes()
    document = weasyprint.HTML(string=html, base_url=FONTS.as_uri() + "/", url_fetcher=_fetcher(weasyprint))
    data = document.write_pdf(pdf_identifier=key[:32].encode("ascii"), pdf_variant="pdf/ua-1",
                              pdf_tags=True, optimize_images=False)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(cached)
    return data


def _fetcher(weasyprint):
    """Only the fonts portfoliogen ships: a template never makes the build reach the network."""
    allowed = {path.as_uri() for path in FONTS.glob("*.ttf")}

    class FontsOnly(weasyprint.urls.URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"not fetched while printing: {url}")
            return super().fetch(url, headers)

    return FontsOnly()
