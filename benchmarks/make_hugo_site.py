"""Write the same synthetic site as make_site.py as a Hugo project, so Hugo does
comparable work: Markdown rendering of every case study and page, a listing of
all case studies, tag pages, the home page, sitemap and RSS, and (with photos)
responsive cover variants through Hugo's image processing.

    python benchmarks/make_hugo_site.py DIR --case-studies N [--photos M] [--seed S]

Layout of the generated project:

    hugo.toml
    data/        profile.yaml, testimonials.yaml, services.yaml (same data)
    content/     _index.md, work/_index.md, work/<slug>.md (or work/<slug>/index.md
                 + cover.jpg when it has a photo), about.md, process.md, privacy.md,
                 services.md, testimonials.md, contact.md
    layouts/     _default/baseof, single, list, taxonomy, term; work/single; index;
                 services, testimonials, contact page layouts; 404

Hugo cannot encode AVIF, so for a like-for-like comparison with photos give
portfoliogen `images.formats: [webp]` (run.py does by default).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_site import SiteData, dump_yaml, front_matter, parse_args, place_photo  # noqa: E402

DEFAULT_WIDTHS = [480, 960, 1600]
DEFAULT_FORMATS = ["avif", "webp"]


def hugo_toml(data: SiteData, root: Path) -> str:
    cfg = data.config
    images = cfg.get("images", {})
    quality = images.get("quality", 75)
    return f"""baseURL = {toml_str(cfg["base_url"])}
title = {toml_str(cfg["title"])}
languageCode = {toml_str(cfg.get("language", "en"))}
cacheDir = {toml_str(str(root.resolve() / ".hugo-cache"))}
enableRobotsTXT = true
disableHugoGeneratorInject = true

[taxonomies]
  tag = "tags"

[permalinks]
  work = "/work/:slug/"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[imaging]
  quality = {quality}
  resampleFilter = "Lanczos"

[markup.goldmark.parser.attribute]
  block = false

[markup.highlight]
  noClasses = false
"""


def toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _img_params(data: SiteData) -> tuple[list[int], list[str]]:
    images = data.config.get("images", {})
    widths = list(images.get("widths", DEFAULT_WIDTHS))
    formats = [f for f in images.get("formats", DEFAULT_FORMATS) if f == "webp"]
    return widths, formats


# The templates use plain HTML and no external theme.  `site.Data` holds the
# same profile, testimonials and services as the portfoliogen site.
BASEOF = """<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ with .Description }}{{ . }}{{ else }}{{ site.Data.profile.headline }}{{ end }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
</head>
<body>
<header>
  <a href="{{ "" | relURL }}">{{ site.Data.profile.name }}</a>
  <nav>
    <a href="{{ "work/" | relURL }}">Work</a>
    <a href="{{ "services/" | relURL }}">Services</a>
    <a href="{{ "testimonials/" | relURL }}">Testimonials</a>
    {{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}
    <a href="{{ "contact/" | relURL }}">Contact</a>
  </nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>&copy; {{ now.Year }} {{ site.Data.profile.name }} · <a href="{{ "index.xml" | relURL }}">Feed</a></footer>
</body>
</html>
"""

CARD = """<article class="card">
  {{ with .Resources.GetMatch "cover.*" }}{{ $t := .Resize "480x webp" }}{{ $j := .Resize "480x jpg" }}
  <picture><source type="image/webp" srcset="{{ $t.RelPermalink }}"><img src="{{ $j.RelPermalink }}" width="{{ $j.Width }}" height="{{ $j.Height }}" alt="{{ $.Params.cover_alt }}" loading="lazy"></picture>{{ end }}
  <h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <p>{{ .Params.summary }}</p>
  <p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2006" }}</time>
  {{ range .Params.tags }}<a class="tag" href="{{ (printf "tags/%s/" (. | urlize)) | relURL }}">{{ . }}</a> {{ end }}</p>
</article>
"""

SINGLE = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
"""

WORK_SINGLE = """{{ define "main" }}
<article class="case-study">
<h1>{{ .Title }}</h1>
<p class="summary">{{ .Params.summary }}</p>
{{ with .Resources.GetMatch "cover.*" }}{{ $cover := . }}
<picture>
{{- range $fmt := site.Params.imageFormats }}
  <source type="image/{{ $fmt }}" srcset="{{ range $i, $w := site.Params.imageWidths }}{{ if $i }}, {{ end }}{{ $r := $cover.Resize (printf "%dx %s" $w $fmt) }}{{ $r.RelPermalink }} {{ $r.Width }}w{{ end }}">
{{- end }}
  {{ $fallback := slice }}{{ range site.Params.imageWidths }}{{ $r := $cover.Resize (printf "%dx jpg" .) }}{{ $fallback = $fallback | append (printf "%s %dw" $r.RelPermalink $r.Width) }}{{ end }}
  <img srcset="{{ delimit $fallback ", " }}" alt="{{ $.Params.cover_alt }}" width="{{ .Width }}" height="{{ .Height }}">
</picture>
{{ end }}
<dl class="facts">
  {{ with .Params.client }}<dt>Client</dt><dd>{{ . }}</dd>{{ end }}
  {{ with .Params.role }}<dt>Role</dt><dd>{{ . }}</dd>{{ end }}
  {{ with .Params.duration }}<dt>Duration</dt><dd>{{ . }}</dd>{{ end }}
  <dt>Date</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2006" }}</time></dd>
  {{ with .Params.link }}<dt>Live</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}
</dl>
{{ with .Params.outcomes }}<ul class="outcomes">{{ range . }}<li><strong>{{ .value }}</strong> {{ .label }}</li>{{ end }}</ul>{{ end }}
<ul class="tags">{{ range .Params.tags }}<li><a href="{{ (printf "tags/%s/" (. | urlize)) | relURL }}">{{ . }}</a></li>{{ end }}</ul>
<div class="body">{{ .Content }}</div>
{{ $ids := .Params.testimonials }}
{{ range site.Data.testimonials }}{{ if in $ids .id }}
<blockquote>{{ .quote | markdownify }}<footer>{{ .author }}{{ with .role }}, {{ . }}{{ end }}{{ with .company }}, {{ . }}{{ end }}</footer></blockquote>
{{ end }}{{ end }}
{{ $sids := .Params.services }}
<ul class="services">{{ range site.Data.services }}{{ if in $sids .id }}<li><a href="{{ "services/" | relURL }}#{{ .id }}">{{ .name }}</a></li>{{ end }}{{ end }}</ul>
<nav class="pager">
  {{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  {{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="filters">{{ range site.Taxonomies.tags.ByCount }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} ({{ .Count }})</a> {{ end }}</p>
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}
{{ end }}
"""

TAXONOMY = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"""

TERM = """{{ define "main" }}
<h1>Work tagged “{{ .Title }}”</h1>
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}
{{ end }}
"""

HOME = """{{ define "main" }}
{{ $p := site.Data.profile }}
<section class="intro"><h1>{{ $p.name }}</h1><p>{{ $p.headline }}</p>{{ with $p.bio }}{{ . | markdownify }}{{ end }}
{{ with $p.availability }}<p class="availability {{ .status }}">{{ .status }}{{ with .note }} — {{ . }}{{ end }}</p>{{ end }}</section>
<section><h2>Featured work</h2>
{{ range where (where site.RegularPages "Section" "work") "Params.featured" true }}{{ partial "card.html" . }}{{ end }}</section>
<section><h2>What clients say</h2>
{{ range where site.Data.testimonials "featured" true }}<blockquote>{{ .quote | markdownify }}<footer>{{ .author }}</footer></blockquote>{{ end }}</section>
<section><h2>Services</h2>{{ range site.Data.services }}<h3>{{ .name }}</h3><p>{{ .summary }}</p>{{ end }}</section>
<section><a href="{{ "contact/" | relURL }}">Get in touch</a></section>
{{ end }}
"""

SERVICES = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range site.Data.services }}
<section id="{{ .id }}"><h2>{{ .name }}</h2><p>{{ .summary }}</p>
{{ with .deliverables }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .timeline }}<p>Timeline: {{ . }}</p>{{ end }}
{{ with .price }}<p>From {{ lang.FormatCurrency 0 .currency .from }}{{ with .to }} to {{ . }}{{ end }} per {{ .unit }}</p>{{ end }}
</section>
{{ end }}
{{ end }}
"""

TESTIMONIALS = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range site.Data.testimonials }}
<blockquote id="{{ .id }}">{{ .quote | markdownify }}<footer>{{ .author }}{{ with .role }}, {{ . }}{{ end }}{{ with .company }}, {{ . }}{{ end }}
{{ with .case_study }}<a href="{{ (printf "work/%s/" .) | relURL }}">Case study</a>{{ end }}</footer></blockquote>
{{ end }}
{{ end }}
"""

CONTACT = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<form method="post" action="mailto:hello@example.com"><label>Name <input name="name"></label>
<label>Message <textarea name="message"></textarea></label><button>Send</button></form>
{{ end }}
"""

NOT_FOUND = """{{ define "main" }}<h1>Page not found</h1><p><a href="{{ "" | relURL }}">Home</a></p>{{ end }}
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "_default/taxonomy.html": TAXONOMY,
    "_default/term.html": TERM,
    "work/single.html": WORK_SINGLE,
    "partials/card.html": CARD,
    "index.html": HOME,
    "page/services.html": SERVICES,
    "page/testimonials.html": TESTIMONIALS,
    "page/contact.html": CONTACT,
    "404.html": NOT_FOUND,
}


def case_study_front(front: dict[str, Any]) -> dict[str, Any]:
    """portfoliogen front matter -> Hugo front matter (same keys; cover lives
    in the page bundle as cover.jpg)."""
    out = dict(front)
    if "cover" in out:
        out["cover"] = "cover.jpg"
    return out


def write_hugo_site(data: SiteData, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for sub in ("content", "layouts", "data"):
        if (root / sub).exists():
            shutil.rmtree(root / sub)
    widths, formats = _img_params(data)
    toml = hugo_toml(data, root) + "\n[params]\n" + \
        f"  imageWidths = [{', '.join(map(str, widths))}]\n" + \
        f"  imageFormats = [{', '.join(toml_str(f) for f in formats)}]\n"
    (root / "hugo.toml").write_text(toml, encoding="utf-8")
    for rel, text in LAYOUTS.items():
        path = root / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "profile.yaml").write_text(dump_yaml(data.profile), encoding="utf-8")
    (root / "data" / "testimonials.yaml").write_text(dump_yaml(data.testimonials), encoding="utf-8")
    (root / "data" / "services.yaml").write_text(dump_yaml(data.services), encoding="utf-8")
    content = root / "content"
    (content / "work").mkdir(parents=True)
    (content / "_index.md").write_text(front_matter({"title": data.config["title"]}, ""), encoding="utf-8")
    (content / "work" / "_index.md").write_text(front_matter({"title": "Work"}, ""), encoding="utf-8")
    for slug, front, body in data.pages:
        hfront = {k: v for k, v in front.items() if k != "menu"}
        if "menu" in front:
            hfront["menu"] = {"main": {"weight": front["menu"]}}
        (content / f"{slug}.md").write_text(front_matter(hfront, body), encoding="utf-8")
    for slug, title in (("services", "Services"), ("testimonials", "What clients say"),
                        ("contact", "Contact")):
        (content / f"{slug}.md").write_text(
            front_matter({"title": title, "type": "page", "layout": slug}, ""), encoding="utf-8")
    for cs in data.case_studies:
        body = re.sub(r"\{\{xref:([^}]+)\}\}", r"../\1/", cs.body)
        text = front_matter(case_study_front(cs.front), body)
        if cs.photo:
            bundle = content / "work" / cs.slug
            bundle.mkdir()
            (bundle / "index.md").write_text(text, encoding="utf-8")
            place_photo(cs.photo, bundle / "cover.jpg")
        else:
            (content / "work" / f"{cs.slug}.md").write_text(text, encoding="utf-8")


def case_study_path(root: Path, slug: str) -> Path:
    """The Markdown file of one case study in a generated Hugo site."""
    flat = root / "content" / "work" / f"{slug}.md"
    return flat if flat.exists() else root / "content" / "work" / slug / "index.md"


def main(argv: list[str] | None = None) -> int:
    args, data = parse_args(__doc__.split("\n\n")[0],
                            "comma-separated image formats (Hugo: only webp is used besides JPEG)", argv)
    write_hugo_site(data, args.dir)
    print(f"wrote Hugo site with {args.case_studies} case studies ({args.photos} with photos) to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
