"""/llms.txt (llmstxt.org): the site in short Markdown for language models, from the same
public content as hire.json (blind items as published, no pitch-only ones)."""

from __future__ import annotations

from portfoliogen.i18n import availability_label, format_price, iso_date
from portfoliogen.seo.hire import SCHEMA_PATH
from portfoliogen.seo.meta import plain_text


# llms.txt is read by machines: its framing is English, dates ISO, prices as the site writes numbers.
def render_llms(site, abs_url) -> bytes:
    profile = site.profile
    language = site.config.language
    view = site.availability
    availability = view and availability_label(view.status, iso_date(view.from_date) if view.from_date else "")
    lines = [f"# {profile.name}", "", f"> {_line(profile.headline)}", ""]
    facts = [profile.location, profile.timezone and f"time zone {profile.timezone}",
             profile.working_hours and f"working hours {profile.working_hours}",
             profile.languages and "works in " + ", ".join(profile.languages),
             availability,
             profile.response_time and f"replies {profile.response_time}"]
    if any(facts):
        lines += ["; ".join(f for f in facts if f) + ".", ""]
    if profile.bio_html:
        lines += [_line(plain_text(str(profile.bio_html))), ""]
    lines += ["## Hire", "",
              f"- [Contact]({abs_url('/contact/')}): how to start a project",
              f"- [hire.json]({abs_url('/hire.json')}): services, prices, availability and contact routes as JSON "
              f"([schema]({abs_url(SCHEMA_PATH)}))", ""]
    if site.services:
        lines += ["## Services", ""]
        lines += [f"- [{_line(s.name)}]({abs_url('/services/')}#{s.id}): {_line(s.summary)}"
                  + (f" ({price})" if (price := format_price(s.price, language)) else "") for s in site.services]
        lines.append("")
    if site.case_studies:
        lines += ["## Case studies", ""]
        lines += [f"- [{_line(cs.title)}]({abs_url(cs.url_path)}): {_line(cs.summary)}" for cs in site.case_studies]
        lines.append("")
    if site.pages:
        lines += ["## Optional", ""]
        lines += [f"- [{_line(p.title)}]({abs_url(p.url_path)})" + (f": {_line(p.description)}" if p.description else "")
                  for p in site.pages]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _line(text: str) -> str:
    """One line of text: Markdown structure in a value cannot start a heading or a list."""
    return " ".join(str(text).split())


def machine_files(site, abs_url) -> dict[str, bytes]:
    """out_path -> bytes of hire.json, its schema and llms.txt."""
    from portfoliogen.seo.hire import hire_schema, render_hire
    return {"hire.json": render_hire(site, abs_url), SCHEMA_PATH.lstrip("/"): hire_schema(abs_url),
            "llms.txt": render_llms(site, abs_url)}
