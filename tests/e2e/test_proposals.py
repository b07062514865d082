"""Proposals on pitch pages: milestone dates for freelancers in three countries (checked against
a day-by-day count over the published holidays), validation errors with file and line, expiry."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_cli, set_site_language
from tests.unit.documents.test_schedule import OFFICIAL, independent_end

PITCH = """\
---
title: A proposal for Acme
prospect: Acme
token: 0123456789abcdef01234567
proposal:
  problem: Our booking flow loses half of its users.
  start: {start}
  valid_until: {valid_until}
  client_timezone: {client_tz}
  weekly_call: {{day: wednesday, minutes: 30}}
  scope:
    - service: product-design
    - service: design-systems
      quantity: 10
{extra_scope}  milestones:
    - name: Research
      days: 8
      review_days: 2
    - name: Design
      days: 20
      review_days: 3
    - name: Handoff
      days: 5
  payments:
    - percent: {first_share}
    - percent: 50
      milestone: {pay_milestone}
{extra}---

Dear Acme,
"""


def write_pitch(site: Path, **values) -> Path:
    defaults = dict(start="2027-03-15", valid_until="2027-09-30", client_tz="America/New_York",
                    extra_scope="", first_share=50, pay_milestone="Handoff", extra="")
    path = site / "content" / "pitches" / "acme.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(PITCH.format(**{**defaults, **values}))
    return path


def set_profile(site: Path, **keys) -> None:
    profile = site / "content" / "profile.yaml"
    text = profile.read_text()
    for key, value in keys.items():
        text = re.sub(rf"(?m)^{key}:.*\n", "", text) + f"{key}: {value}\n"
    profile.write_text(text)


def page_milestones(site: Path) -> list[tuple[str, dt.date, dt.date]]:
    html = (site / "output" / "p" / "0123456789abcdef01234567" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    table = soup.select(".proposal table")[1]
    rows = []
    for row in table.select("tbody tr"):
        times = [dt.date.fromisoformat(t["datetime"]) for t in row.select("time")]
        rows.append((row.select_one(".proposal__item").get_text(), times[0], times[-1]))
    return rows


@pytest.mark.parametrize("country, zone", [("PT", "Europe/Lisbon"), ("DE", "Europe/Berlin"),
                                           ("US", "America/New_York")])
def test_milestone_dates_match_an_independent_count(new_site: Path, country: str, zone: str) -> None:
    set_profile(new_site, country=country, timezone=zone)
    start = "2027-03-15" if country != "US" else "2027-05-10"
    write_pitch(new_site, start=start)
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    off = OFFICIAL[country]
    cursor, expected = dt.date.fromisoformat(start), []
    for name, days, review in (("Research", 8, 2), ("Design", 20, 3), ("Handoff", 5, 0)):
        first = independent_end(cursor, 1, off)
        end = independent_end(first, days, off)
        review_end = independent_end(end + dt.timedelta(days=1), review, off) if review else end
        expected.append((name, end, review_end))
        cursor = review_end + dt.timedelta(days=1)
    assert page_milestones(new_site) == expected


def test_dst_change_inside_the_project_is_flagged(new_site: Path) -> None:
    set_profile(new_site, country="DE", timezone="Europe/Berlin")
    write_pitch(new_site, start="2027-03-01")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    html = (new_site / "output" / "p" / "0123456789abcdef01234567" / "index.html").read_text()
    flags = BeautifulSoup(html, "html.parser").select(".proposal__flag")
    assert [f.time["datetime"] for f in flags] == ["2027-03-14", "2027-03-28"]
    ics = (new_site / "output" / "p" / "0123456789abcdef01234567" / "proposal.ics").read_text()
    assert "TZID=Europe/Berlin" in ics and "BEGIN:VTIMEZONE" in ics


def test_each_problem_is_one_line_with_file_and_line(new_site: Path) -> None:
    pitch = write_pitch(new_site, start="2026-05-01", valid_until="2026-06-20", first_share=40,
                        pay_milestone="Launch", extra_scope="    - service: no-such-service\n",
                        extra="  currency: USD\n")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    where = "content/pitches/acme.md"
    text = pitch.read_text().splitlines()

    def line_of(fragment: str) -> int:
        return next(i for i, line in enumerate(text, 1) if fragment in line)

    expected = {
        line_of("days: 5"): "after the offer's validity date",
        line_of("payments:"): "sums to 90 %",
        line_of("milestone: Launch"): "no milestone named 'Launch'",
        line_of("service: no-such-service"): "no service with id 'no-such-service'",
        line_of("service: product-design"): "priced in EUR, the proposal in USD",
    }
    for line, message in expected.items():
        assert any(l.startswith(f"{where}:{line}:") and message in l for l in lines), (line, message, lines)
    assert "Traceback" not in result.stderr
    assert not (new_site / "output").exists()


def test_expired_proposal_is_not_built_and_check_warns_a_week_before(new_site: Path) -> None:
    pitch = write_pitch(new_site, start="2027-01-04", valid_until="2027-06-30")
    start_line = next(i for i, line in enumerate(pitch.read_text().splitlines(), 1) if "start:" in line)
    result = run_cli("check", cwd=new_site, today="2026-12-29")
    assert f"content/pitches/acme.md:{start_line}:" in result.stderr and "starts on 2027-01-04" in result.stderr
    result = run_cli("check", cwd=new_site, today="2026-12-20")
    assert "starts on" not in result.stderr and "expires on" not in result.stderr
    # A start gone by while the offer still stands: the page builds, check says so.
    result = run_cli("check", cwd=new_site, today="2027-01-20")
    assert f"content/pitches/acme.md:{start_line}:" in result.stderr and "in the past" in result.stderr
    result = run_cli("build", cwd=new_site, today="2027-01-20")
    assert result.returncode == 0, result.stderr
    assert (new_site / "output" / "p").is_dir()
    result = run_cli("build", cwd=new_site, today="2027-07-02")
    assert result.returncode == 0, result.stderr
    assert not (new_site / "output" / "p").exists()
    assert "expired on 2027-06-30, not built" in result.stdout + result.stderr


@pytest.mark.parametrize("language, holiday, call", [("fr", "Lundi de Pâques", "Appel hebdomadaire"),
                                                     ("en", "Easter Monday", "Weekly call")])
def test_holidays_and_calendar_events_are_in_the_sites_language(new_site: Path, language: str, holiday: str,
                                                                  call: str) -> None:
    set_site_language(new_site / "config.yaml", language)
    set_profile(new_site, country="FR", timezone="Europe/Paris")
    write_pitch(new_site, start="2027-03-15")
    result = run_cli("build", cwd=new_site)
    assert result.returncode == 0, result.stderr
    out = new_site / "output" / "p" / "0123456789abcdef01234567"
    soup = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    note = " ".join(p.get_text() for p in soup.select(".proposal__note"))
    assert holiday in note, note
    ics = (out / "proposal.ics").read_bytes().decode().replace("\r\n ", "")
    assert f"SUMMARY:{call}" in ics
