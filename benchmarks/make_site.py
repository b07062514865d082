"""Generate a synthetic portfoliogen site project for benchmarks.

    python benchmarks/make_site.py DIR --case-studies N [--photos M] [--seed S]

The content is deterministic for a given seed: case studies with realistic
front matter (SPEC.md "Case studies") and 600-900-word Markdown bodies built
from word lists and sentence templates, plus config.yaml, profile.yaml,
testimonials.yaml, services.yaml and three pages.  With ``--photos M`` the
first M case studies get a photo-like 2400x1600 JPEG cover; the photos are
generated with Pillow once per seed and cached under
``benchmarks/sites/.photo-cache/`` (gitignored).

`generate(n, photos, seed)` returns the content as plain data, so
`make_hugo_site.py` can write exactly the same site for Hugo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PHOTO_CACHE = HERE / "sites" / ".photo-cache"
PHOTO_SIZE = (2400, 1600)

# ---------------------------------------------------------------- word pools
CLIENT_PREFIXES = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell",
    "Cyberdyne", "Soylent", "Aperture", "Vandelay", "Gringotts", "Oceanic", "Monarch",
    "Nakatomi", "Pied Piper", "Massive", "Dunder", "Sterling", "Bluth", "Prestige", "Vehement",
    "Ollivander", "Kessler", "Northwind", "Contoso", "Fabrikam", "Lumen", "Halcyon", "Brightline",
    "Fernwood", "Copperleaf", "Saltmarsh", "Juniper", "Kestrel", "Meridian", "Quarry", "Redwood",
]
CLIENT_SUFFIXES = [
    "Bank", "Health", "Foods", "Logistics", "Studio", "Labs", "Travel", "Energy", "Insurance",
    "Books", "Coffee", "Outdoor", "Bikes", "Legal", "Clinic", "Ventures", "Records", "Homes",
    "Academy", "Festival", "Museum", "Market", "Mobility", "Analytics",
]
PROJECT_KINDS = [
    "checkout redesign", "rebrand", "design system", "mobile app", "booking flow",
    "onboarding", "marketing site", "dashboard", "pricing page", "e-commerce relaunch",
    "content strategy", "accessibility audit", "performance overhaul", "search experience",
    "customer portal", "annual report", "newsletter", "visual identity", "API platform",
    "data migration", "help centre", "loyalty programme", "product launch", "style guide",
]
ROLES = [
    "Lead product designer", "Freelance UX designer", "Full-stack developer", "Frontend developer",
    "Brand designer", "Content strategist", "Technical writer", "Design lead",
    "UX researcher", "Consultant", "Art director", "Product engineer",
]
TAG_POOL = [
    "ux", "ui", "branding", "e-commerce", "fintech", "healthcare", "saas", "mobile",
    "accessibility", "performance", "design-systems", "research", "copywriting", "strategy",
    "illustration", "motion", "python", "django", "react", "typescript", "wordpress", "shopify",
    "seo", "analytics", "nonprofit", "education", "travel", "hospitality", "b2b", "startups",
]
OUTCOME_LABELS = [
    "checkout conversion", "support tickets", "page weight", "time to first byte",
    "sign-ups", "average order value", "bounce rate", "task success", "NPS",
    "load time", "monthly active users", "churn", "trial-to-paid", "organic traffic",
]
FIRST_NAMES = [
    "Ada", "Grace", "Linus", "Margaret", "Alan", "Katherine", "Tim", "Hedy", "Dennis", "Barbara",
    "Ken", "Radia", "Guido", "Frances", "Donald", "Anita", "Edsger", "Sophie", "Yukihiro", "Joan",
]
LAST_NAMES = [
    "Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Johnson", "Berners-Lee", "Lamarr",
    "Ritchie", "Liskov", "Thompson", "Perlman", "van Rossum", "Allen", "Knuth", "Borg",
    "Dijkstra", "Wilson", "Matsumoto", "Clarke",
]
JOB_TITLES = [
    "Head of Product", "CTO", "Founder", "Marketing Director", "Design Manager",
    "VP Engineering", "Operations Lead", "CEO", "Product Owner", "Brand Manager",
]

NOUNS = [
    "checkout", "onboarding flow", "design system", "component library", "navigation",
    "pricing page", "search", "dashboard", "content model", "style guide", "prototype",
    "landing page", "signup form", "release process", "analytics setup", "information architecture",
    "test suite", "build pipeline", "product page", "support centre", "brand voice", "colour palette",
    "type scale", "icon set", "API", "data model", "editorial calendar", "user journey",
]
VERBS = [
    "rebuilt", "simplified", "audited", "redesigned", "documented", "prototyped", "tested",
    "measured", "migrated", "refactored", "streamlined", "rewrote", "mapped", "replaced",
    "consolidated", "shipped", "instrumented", "reorganised",
]
ADJECTIVES = [
    "fragile", "slow", "inconsistent", "confusing", "outdated", "cluttered", "brittle",
    "expensive", "hard-to-maintain", "inaccessible", "fragmented", "undocumented",
]
GOOD_ADJECTIVES = [
    "clear", "fast", "consistent", "accessible", "maintainable", "calm", "focused",
    "predictable", "lightweight", "robust", "friendly", "well-documented",
]
PEOPLE = [
    "the product team", "customer support", "the founders", "two senior engineers",
    "the marketing lead", "a group of long-time customers", "the sales team", "new users",
    "the operations staff", "the in-house designers", "stakeholders", "the board",
]
TIMES = [
    "in the first week", "over three sprints", "within a month", "by the end of the quarter",
    "during the discovery phase", "in two short workshops", "before launch", "after the pilot",
]
METHODS = [
    "moderated usability tests", "a round of stakeholder interviews", "card sorting",
    "a content inventory", "analytics funnels", "session recordings", "a heuristic review",
    "A/B tests", "a competitor teardown", "diary studies", "a performance budget",
    "accessibility checks with a screen reader",
]

SENTENCES = [
    "The {noun} had grown {adj} over the years, and {people} felt it every day.",
    "We {verb} the {noun} {time}, keeping every change small enough to review in an afternoon.",
    "Early on, {method} showed that the {noun} was the biggest source of friction.",
    "{People} asked for a {good} {noun} that would not need a developer for every small change.",
    "Instead of a big-bang relaunch, we {verb} the {noun} piece by piece and measured each step.",
    "The old {noun} was {adj}, so the first job was to understand why it had ended up that way.",
    "We ran {method} with {people}, which changed our priorities more than any workshop did.",
    "By the end of the project the {noun} was {good}, and {people} could own it without us.",
    "A {good} {noun} turned out to matter more than any single visual flourish.",
    "We wrote down every decision about the {noun} so the next team would not have to guess.",
    "{Time}, we {verb} the {noun} and retired two {adj} internal tools along the way.",
    "Numbers alone did not tell the story, so we paired them with {method}.",
    "The budget was fixed, which forced us to {verb_base} only what moved the needle.",
    "Working closely with {people} meant problems surfaced in hours rather than weeks.",
    "It is tempting to treat the {noun} as a purely visual problem; it rarely is.",
    "We kept a shared log of open questions about the {noun} and reviewed it every Friday.",
    "The result is a {good}, {good2} {noun} that new hires understand on their first day.",
    "Where the data was thin, we chose the simplest option and planned to revisit it {time}.",
    "Handover included a short video walkthrough of the {noun} and a written checklist.",
    "{People} now ship changes to the {noun} weekly instead of quarterly.",
]
VERB_BASE = ["build", "fix", "polish", "ship", "test", "document", "redesign", "simplify"]
HEADINGS = [
    "The challenge", "Context", "Discovery", "Research", "What we found", "Approach",
    "Design", "Building it", "Constraints", "Iterations", "Launch", "Results",
    "What I would do differently", "Lessons learned", "Handover", "Next steps",
]
CODE_SNIPPETS = [
    ("python", "def price_with_tax(amount: Decimal, rate: Decimal) -> Decimal:\n"
               "    \"\"\"Round half up, like the accounting system does.\"\"\"\n"
               "    return (amount * (1 + rate)).quantize(Decimal(\"0.01\"), ROUND_HALF_UP)\n"),
    ("css", ":root {\n  --space-1: 0.25rem;\n  --space-2: 0.5rem;\n  --brand: oklch(62% 0.19 255);\n}\n"
            ".button { padding: var(--space-2) var(--space-1); background: var(--brand); }\n"),
    ("js", "export function debounce(fn, ms = 200) {\n  let timer;\n  return (...args) => {\n"
           "    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}\n"),
    ("yaml", "checkout:\n  steps: [cart, address, payment, review]\n  guest_checkout: true\n"
             "  saved_cards: opt-in\n"),
    ("bash", "npm ci\nnpm run build -- --mode production\nnpx lighthouse-ci autorun\n"),
]


# ---------------------------------------------------------------- data
@dataclass
class CaseStudyData:
    slug: str
    front: dict[str, Any]          # portfoliogen front matter (SPEC keys only)
    body: str                      # Markdown; cross-links as {{xref:<slug>}}
    photo: Path | None = None      # cached source photo for the cover, if any


@dataclass
class SiteData:
    seed: int
    config: dict[str, Any]
    profile: dict[str, Any]
    testimonials: list[dict[str, Any]]
    services: list[dict[str, Any]]
    pages: list[tuple[str, dict[str, Any], str]]      # (slug, front matter, body)
    case_studies: list[CaseStudyData] = field(default_factory=list)


def slugify(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-").replace("_", "-")


def _sentence(rng: random.Random) -> str:
    tpl = rng.choice(SENTENCES)
    good, good2 = rng.sample(GOOD_ADJECTIVES, 2)
    people = rng.choice(PEOPLE)
    time = rng.choice(TIMES)
    return _article(tpl.format(
        noun=rng.choice(NOUNS), adj=rng.choice(ADJECTIVES), verb=rng.choice(VERBS),
        verb_base=rng.choice(VERB_BASE), good=good, good2=good2, people=people,
        People=people[0].upper() + people[1:], time=time, Time=time[0].upper() + time[1:],
        method=rng.choice(METHODS),
    ))


_VOWEL_WORDS = re.compile(
    r"\b([Aa]) (?=(?:accessible|inconsistent|outdated|expensive|inaccessible|undocumented|icon|"
    r"API|analytics|information|editorial|A/B)\b)")


def _article(text: str) -> str:
    """'a accessible' -> 'an accessible'."""
    return _VOWEL_WORDS.sub(lambda m: m.group(1) + "n ", text)


def _paragraph(rng: random.Random, sentences: tuple[int, int] = (3, 6)) -> str:
    parts = [_sentence(rng) for _ in range(rng.randint(*sentences))]
    # Some inline Markdown, as real writing has.
    i = rng.randrange(len(parts))
    if rng.random() < 0.35:
        words = parts[i].split(" ")
        j = rng.randrange(1, len(words) - 1)
        words[j] = f"**{words[j]}**" if rng.random() < 0.5 else f"*{words[j]}*"
        parts[i] = " ".join(words)
    return " ".join(parts)


def _words(text: str) -> int:
    return len(text.split())


def make_body(rng: random.Random, others: list[str]) -> str:
    """A 600-900-word case study body: headings, paragraphs, a list, sometimes
    a table, a code block, a quote, links."""
    target = rng.randint(600, 900)
    headings = rng.sample(HEADINGS, 6)
    blocks: list[str] = [_paragraph(rng, (3, 5))]
    list_done = table_done = code_done = quote_done = False
    want_table = rng.random() < 0.35
    want_code = rng.random() < 0.3
    want_quote = rng.random() < 0.3
    h = 0
    while _words("\n".join(blocks)) < target:
        if h < len(headings) and (h == 0 or rng.random() < 0.45):
            blocks.append(f"## {headings[h]}")
            h += 1
        blocks.append(_paragraph(rng))
        if not list_done and h >= 1:
            items = [f"- {_sentence(rng)}" for _ in range(rng.randint(3, 6))]
            blocks.append("\n".join(items))
            list_done = True
        elif want_table and not table_done and h >= 2:
            rows = ["| Metric | Before | After |", "|---|---:|---:|"]
            for label in rng.sample(OUTCOME_LABELS, rng.randint(3, 5)):
                before = rng.randint(10, 90)
                rows.append(f"| {label} | {before} | {before + rng.randint(-8, 30)} |")
            blocks.append("\n".join(rows))
            table_done = True
        elif want_code and not code_done and h >= 2:
            lang, code = rng.choice(CODE_SNIPPETS)
            blocks.append(f"```{lang}\n{code}```")
            code_done = True
        elif want_quote and not quote_done and h >= 3:
            blocks.append(f"> {_sentence(rng)}")
            quote_done = True
    # A closing paragraph with links: one external, sometimes a cross-link.
    closing = _paragraph(rng, (1, 2))
    if others and rng.random() < 0.5:
        other = rng.choice(others)
        closing += f" A related project is [{other}]({{{{xref:{other}}}}})."
    closing += " The [public write-up](https://example.com/notes) has more detail."
    blocks.append(closing)
    text = "\n\n".join(blocks)
    # Trim to at most 900 words by dropping trailing sentences of long bodies.
    while _words(text) > 900 and len(blocks) > 3:
        blocks.pop(-2)
        text = "\n\n".join(blocks)
    return text + "\n"


def generate(n: int, photos: int = 0, seed: int = 1, image_formats: list[str] | None = None) -> SiteData:
    rng = random.Random(seed)
    person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    config: dict[str, Any] = {
        "title": f"{person} — design and development",
        "base_url": "https://example.com/portfolio/",
        "language": "en",
        "contact": {"email": "hello@example.com"},
    }
    if image_formats is not None:
        config["images"] = {"formats": image_formats}
    profile = {
        "name": person,
        "headline": "I design and build calm, fast websites for small companies.",
        "bio": _paragraph(rng, (4, 6)),
        "location": "Lisbon, Portugal",
        "timezone": "Europe/Lisbon",
        "working_hours": "09:00-17:00",
        "languages": ["English", "Portuguese"],
        "skills": rng.sample(TAG_POOL, 8),
        "links": [{"label": "GitHub", "url": "https://github.com/example"},
                  {"label": "LinkedIn", "url": "https://www.linkedin.com/in/example"}],
        "availability": {"status": "limited", "from": "2025-09", "note": "One slot left this quarter."},
        "response_time": "within one business day",
    }
    services = [
        {"id": "discovery", "name": "Discovery sprint",
         "summary": "Two weeks of research and workshops that end in a prioritised plan.",
         "deliverables": ["Research report", "Prioritised roadmap", "Clickable prototype"],
         "timeline": "2 weeks", "price": {"from": 4000, "currency": "EUR", "unit": "project"},
         "includes": ["Two workshops"], "not_included": ["Implementation"]},
        {"id": "design", "name": "Product design",
         "summary": "Interface design from wireframes to a documented design system.",
         "deliverables": ["Figma files", "Design system", "Handover session"],
         "timeline": "4-8 weeks", "price": {"from": 600, "to": 800, "currency": "EUR", "unit": "day"},
         "includes": ["2 revision rounds"]},
        {"id": "build", "name": "Website build",
         "summary": "A fast, accessible website built on a static generator or headless CMS.",
         "deliverables": ["Production site", "CI pipeline", "Editor guide"],
         "timeline": "3-6 weeks", "price": {"from": 9000, "to": 25000, "currency": "EUR", "unit": "project"}},
        {"id": "retainer", "name": "Ongoing support",
         "summary": "A few days a month for improvements, audits and advice.",
         "timeline": "monthly", "price": {"from": 2500, "currency": "EUR", "unit": "month"},
         "not_included": ["Emergency on-call"]},
    ]
    service_ids = [s["id"] for s in services]

    # Case study slugs first, so bodies can cross-link and testimonials can point at them.
    titles: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    while len(titles) < n:
        client = f"{rng.choice(CLIENT_PREFIXES)} {rng.choice(CLIENT_SUFFIXES)}"
        kind = rng.choice(PROJECT_KINDS)
        slug = slugify(f"{client} {kind}")
        if slug in seen:
            slug = f"{slug}-{len(titles)}"
        seen.add(slug)
        titles.append((slug, client, kind))
    slugs = [t[0] for t in titles]

    testimonials = []
    for i in range(20):
        who = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        t: dict[str, Any] = {
            "id": f"t{i + 1:02d}-{slugify(who)}",
            "quote": " ".join(_sentence(rng) for _ in range(rng.randint(1, 3))),
            "author": who,
            "role": rng.choice(JOB_TITLES),
            "company": titles[i % n][1] if n else "Acme Bank",
            "date": f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}",
            "featured": i < 4,
        }
        if n:
            t["case_study"] = slugs[i % n]
        if i % 3 == 0:
            t["source_url"] = f"https://www.linkedin.com/in/example-{i}"
        testimonials.append(t)
    testimonial_ids = [t["id"] for t in testimonials]

    pages = [
        ("about", {"title": "About", "description": f"Who {person} is and how they work.", "menu": 1},
         "\n\n".join(_paragraph(rng) for _ in range(5)) + "\n"),
        ("process", {"title": "Process", "description": "How a project runs, week by week.", "menu": 2},
         "\n\n".join(f"## {h}\n\n{_paragraph(rng)}" for h in ["Discovery", "Design", "Build", "Launch"]) + "\n"),
        ("privacy", {"title": "Privacy", "description": "What this site does and does not collect."},
         "\n\n".join(_paragraph(rng, (2, 4)) for _ in range(3)) + "\n"),
    ]

    photo_paths = ensure_photos(photos, seed) if photos else []
    start = dt.date(2014, 1, 1)
    span = (dt.date(2025, 6, 30) - start).days
    data = SiteData(seed, config, profile, testimonials, services, pages)
    for i, (slug, client, kind) in enumerate(titles):
        others = [s for s in rng.sample(slugs, min(3, n)) if s != slug]
        date = start + dt.timedelta(days=rng.randrange(span))
        front: dict[str, Any] = {
            "title": f"{client}: {kind}",
            "summary": f"How we {rng.choice(VERBS)} the {kind} for {client} and made it "
                       f"{rng.choice(GOOD_ADJECTIVES)}.",
            "date": date.isoformat(),
            "client": client,
            "role": rng.choice(ROLES),
            "duration": f"{rng.randint(2, 26)} weeks",
            "tags": rng.sample(TAG_POOL, rng.randint(2, 4)),
            "services": rng.sample(service_ids, rng.randint(1, 2)),
            "testimonials": rng.sample(testimonial_ids, rng.randint(0, 2)),
            "outcomes": [{"value": f"{rng.choice('+-')}{rng.randint(5, 60)}%", "label": label}
                         for label in rng.sample(OUTCOME_LABELS, rng.randint(1, 3))],
        }
        if rng.random() < 0.3:
            front["link"] = f"https://{slug}.example.com/"
        if i % max(1, n // 6) == 0 and i < n:
            front["featured"] = True
        photo = None
        if i < len(photo_paths):
            photo = photo_paths[i]
            front["cover"] = f"images/covers/{slug}.jpg"
            front["cover_alt"] = f"Screens from the {kind} for {client}"
        data.case_studies.append(CaseStudyData(slug, front, make_body(rng, others), photo))
    return data


# ---------------------------------------------------------------- photos
def make_photo(seed: int, size: tuple[int, int] = PHOTO_SIZE):
    """A photo-like image: smooth colour gradients, soft shapes, sensor-like
    noise; as JPEG at quality 82 it weighs ~350-450 KB at 2400x1600."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    w, h = size
    rng = random.Random(seed)
    small = Image.new("RGB", (6, 4))
    base = [rng.randrange(256) for _ in range(3)]
    small.putdata([tuple(max(0, min(255, c + rng.randint(-90, 90))) for c in base) for _ in range(24)])
    img = small.resize((w, h), Image.BICUBIC)
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(rng.randint(6, 14)):
        colour = tuple(rng.randrange(256) for _ in range(3)) + (rng.randint(60, 200),)
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randint(w // 30, w // 4)
        kind = rng.random()
        if kind < 0.4:
            draw.ellipse((x - r, y - r, x + r, y + r * rng.uniform(0.5, 1.5)), fill=colour)
        elif kind < 0.7:
            draw.rectangle((x, y, x + r * 2, y + r), fill=colour)
        else:
            draw.polygon([(rng.randrange(w), rng.randrange(h)) for _ in range(rng.randint(3, 6))],
                         fill=colour)
    layer = layer.filter(ImageFilter.GaussianBlur(rng.uniform(2, 12)))
    img = Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")
    sigma = rng.uniform(14, 24)
    noise = Image.merge("RGB", [Image.effect_noise((w, h), sigma) for _ in range(3)])
    img = ImageChops.add(img, noise, 1.0, -128)
    return img.filter(ImageFilter.GaussianBlur(rng.uniform(0.9, 1.3)))


def ensure_photos(count: int, seed: int, cache: Path = PHOTO_CACHE) -> list[Path]:
    """Paths of `count` cached photos for `seed`, generating missing ones."""
    folder = cache / f"seed-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"photo-{i:04d}.jpg"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            make_photo(seed * 100_003 + i).save(tmp, "JPEG", quality=82, optimize=True)
            tmp.replace(path)
        paths.append(path)
    return paths


def place_photo(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists():
        dest.unlink()
    try:
        dest.hardlink_to(src)
    except OSError:
        shutil.copyfile(src, dest)


# ---------------------------------------------------------------- writing
def dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def front_matter(front: dict[str, Any], body: str) -> str:
    return f"---\n{dump_yaml(front)}---\n\n{body}"


def write_site(data: SiteData, root: Path) -> None:
    """Write a portfoliogen site project into `root` (replacing its content/)."""
    root.mkdir(parents=True, exist_ok=True)
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "case-studies").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "static").mkdir()
    (root / "config.yaml").write_text(dump_yaml(data.config), encoding="utf-8")
    (content / "profile.yaml").write_text(dump_yaml(data.profile), encoding="utf-8")
    (content / "testimonials.yaml").write_text(dump_yaml(data.testimonials), encoding="utf-8")
    (content / "services.yaml").write_text(dump_yaml(data.services), encoding="utf-8")
    (content / "static" / "robots-extra.txt").write_text("# benchmark site\n", encoding="utf-8")
    for slug, front, body in data.pages:
        (content / "pages" / f"{slug}.md").write_text(front_matter(front, body), encoding="utf-8")
    for cs in data.case_studies:
        body = re.sub(r"\{\{xref:([^}]+)\}\}", r"\1.md", cs.body)
        (content / "case-studies" / f"{cs.slug}.md").write_text(
            front_matter(cs.front, body), encoding="utf-8")
        if cs.photo:
            place_photo(cs.photo, content / cs.front["cover"])


def parse_args(description: str, formats_help: str, argv: list[str] | None) -> tuple[argparse.Namespace, SiteData]:
    """The command line shared with make_hugo_site.py, and the generated content."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--case-studies", "-n", type=int, required=True)
    parser.add_argument("--photos", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--image-formats", default=None, help=formats_help)
    args = parser.parse_args(argv)
    if args.photos > args.case_studies:
        parser.error("--photos cannot exceed --case-studies")
    formats = None if args.image_formats is None else [f for f in args.image_formats.split(",") if f]
    return args, generate(args.case_studies, args.photos, args.seed, formats)


def main(argv: list[str] | None = None) -> int:
    args, data = parse_args(__doc__.split("\n\n")[0],
                            "comma-separated images.formats for config.yaml (default: theirs)", argv)
    write_site(data, args.dir)
    print(f"wrote {args.case_studies} case studies ({args.photos} with photos) to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
