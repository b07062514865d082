"""What a prospective client checks before writing, in Chromium: the
time-zone block (the visitor's time and the overlap of the two working days,
right across daylight saving time in both hemispheres, checked against an
independent zoneinfo computation), the contact routes (mailto with a prepared
subject and body; a form backend with browser validation and a honeypot;
the booking link), with JavaScript on and off, and the services, prices,
availability and testimonials of the example site.

A missing /usr/bin/chromium is a failure, never a skip (tests/browser.py)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from playwright.sync_api import sync_playwright

from tests.browser import _QuietHandler, launch, serve_folder
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.browser

HOURS = "09:00-17:30"            # the freelancer's working hours in the fixtures
VISITOR_DAY = (9 * 60, 17 * 60)  # the theme's assumed visitor day (theme.yaml visitor_hours)
JANUARY = dt.datetime(2025, 1, 15, 12, 0, tzinfo=dt.timezone.utc)   # a Wednesday
JULY = dt.datetime(2025, 7, 16, 12, 0, tzinfo=dt.timezone.utc)      # a Wednesday


# ------------------------------------------------------------------ fixtures
def make_site(root: Path, name: str, *, timezone: str, hours: str | None = HOURS,
              contact: dict | None = None, services: list | None = None) -> Path:
    """A scaffold site (`portfoliogen new`) with the profile's zone and hours set."""
    result = run_cli("new", str(root / name), cwd=root)
    assert result.returncode == 0, result.stderr
    site = root / name
    profile_path = site / "content/profile.yaml"
    profile = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    profile["timezone"] = timezone
    if hours:
        profile["working_hours"] = hours
    else:
        profile.pop("working_hours", None)
    profile_path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if contact is not None or services is not None:
        config_path = site / "config.yaml"
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        if contact is not None:
            config["contact"] = contact
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if services is not None:
        path = site / "content/services.yaml"
        current = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(current + services, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    return site / "output"


@pytest.fixture(scope="module")
def zone_sites(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("zones")
    return {zone: make_site(root, zone.replace("/", "-").lower(), timezone=zone)
            for zone in ("Europe/Lisbon", "Australia/Sydney")}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


# ------------------------------------------- the independent computation
def hm(t: dt.datetime) -> str:
    return t.strftime("%H:%M")


def expected_view(freelancer: str, hours: str, visitor: str, now: dt.datetime) -> dict[str, str]:
    """What the block must say, computed with zoneinfo on real instants: the
    freelancer's working intervals on the visitor's day and the days either
    side, intersected with the visitor's 09:00-17:00."""
    fz, vz = ZoneInfo(freelancer), ZoneInfo(visitor)
    (h1, m1), (h2, m2) = ((int(x) for x in part.split(":")) for part in hours.split("-"))
    vnow, fnow = now.astimezone(vz), now.astimezone(fz)

    def at(day: dt.date, minutes: int, zone: ZoneInfo) -> dt.datetime:
        """The instant of `minutes` after midnight on `day` in `zone` (wall-clock time)."""
        return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=zone)

    day = vnow.date()
    v_start, v_end = at(day, VISITOR_DAY[0], vz), at(day, VISITOR_DAY[1], vz)
    labels = {-1: "Tuesday to Friday", 0: "on weekdays", 1: "Monday to Thursday"}
    pieces = []
    for shift in (-1, 0, 1):
        f_day = day + dt.timedelta(days=shift)
        lo = max(at(f_day, h1 * 60 + m1, fz), v_start)
        hi = min(at(f_day, h2 * 60 + m2, fz), v_end)
        if hi > lo:
            pieces.append(f"{hm(lo.astimezone(vz))}–{hm(hi.astimezone(vz))} {labels[shift]}")
    today = fnow.date()
    start = at(today, h1 * 60 + m1, fz).astimezone(vz)
    end = at(today, h2 * 60 + m2, fz).astimezone(vz)
    return {"your_time": hm(vnow), "their_time": hm(fnow), "day": f"{hm(start)}–{hm(end)}",
            "overlap": " and ".join(pieces) if pieces else "none"}


def read_view(text: str) -> dict[str, str]:
    """The parts of "It’s 13:00 for you and 17:30 in Kolkata — we share 09:00–12:00 on weekdays."
    (or "..., as in Sydney — ...", or "— I work 20:00–04:30 your time, so our days don’t overlap.")."""
    text = text.replace("\u2060", "")
    m = re.match(r"It’s (\d\d:\d\d) for you(?: and (\d\d:\d\d) in ([^—.]+?)|, as in ([^—.]+?))(?: — |\.$)", text)
    assert m, text
    shared = re.search(r" — we share (.+)\.$", text)
    apart = re.search(r" — I work (\d\d:\d\d–\d\d:\d\d) your time, so our days don’t overlap\.$", text)
    assert shared or apart or text.endswith(".") and "—" not in text, text
    return {"your_time": m.group(1), "their_time": m.group(2) or m.group(1), "city": m.group(3) or m.group(4),
            "overlap": shared.group(1) if shared else "none", "day": apart.group(1) if apart else None}


def live_text(browser, base: str, url: str, visitor: str, now: dt.datetime, **context) -> tuple[str, list[str]]:
    context = browser.new_context(timezone_id=visitor, **context)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.set_fixed_time(now)
    page.goto(base + url, wait_until="load")
    text = page.locator(".tz__live").inner_text().strip()
    context.close()
    return text, errors


# ------------------------------------------------------------ time zones
CASES = [
    # freelancer, visitor: both hemispheres, a non-hour offset, and a visitor a day behind
    ("Europe/Lisbon", "America/New_York"),
    ("Europe/Lisbon", "Australia/Sydney"),
    ("Europe/Lisbon", "Asia/Kolkata"),
    ("Australia/Sydney", "America/New_York"),
    ("Australia/Sydney", "Asia/Kolkata"),
    ("Australia/Sydney", "America/Los_Angeles"),
    ("Australia/Sydney", "Australia/Sydney"),
]


@pytest.mark.parametrize("when", [JANUARY, JULY], ids=["january", "july"])
@pytest.mark.parametrize("freelancer,visitor", CASES, ids=[f"{f}-from-{v}" for f, v in CASES])
def test_overlap_matches_zoneinfo(zone_sites, browser, freelancer, visitor, when) -> None:
    with serve_folder(zone_sites[freelancer]) as base:
        for url in ("", "contact/"):
            text, errors = live_text(browser, base, url, visitor, when)
            assert errors == [], (url, errors)
            seen = read_view(text)
            want = expected_view(freelancer, HOURS, visitor, when)
            assert seen["city"] == freelancer.rsplit("/")[-1].replace("_", " "), text
            if want["overlap"] != "none":   # the freelancer's day is told only when there is no overlap
                want["day"] = None
            assert {k: seen[k] for k in want} == want, (url, text)


def test_daylight_saving_flips_in_opposite_directions(zone_sites, browser) -> None:
    """Lisbon is UTC+0 in January and UTC+1 in July, Sydney UTC+11 and
    UTC+10: for a Sydney visitor the Lisbon day moves two hours earlier in
    July; for a Kolkata visitor (UTC+5:30 all year) the Sydney day starts at
    03:30 in January and 04:30 in July."""
    with serve_folder(zone_sites["Europe/Lisbon"]) as base:
        jan = read_view(live_text(browser, base, "contact/", "Australia/Sydney", JANUARY)[0])
        jul = read_view(live_text(browser, base, "contact/", "Australia/Sydney", JULY)[0])
    assert (jan["day"], jul["day"]) == ("20:00–04:30", "18:00–02:30")
    with serve_folder(zone_sites["Australia/Sydney"]) as base:
        jan = read_view(live_text(browser, base, "contact/", "Asia/Kolkata", JANUARY)[0])
        jul = read_view(live_text(browser, base, "contact/", "Asia/Kolkata", JULY)[0])
    assert jan["overlap"] == "09:00–12:00 on weekdays"
    assert jul["overlap"] == "09:00–13:00 on weekdays"


def test_local_time_ticks_each_minute(zone_sites, browser) -> None:
    context = browser.new_context(timezone_id="Asia/Kolkata")
    page = context.new_page()
    page.clock.install(time=dt.datetime(2025, 1, 15, 12, 0, 30, tzinfo=dt.timezone.utc))
    with serve_folder(zone_sites["Europe/Lisbon"]) as base:
        page.goto(base + "contact/")
        assert read_view(page.locator(".tz__live").inner_text())["your_time"] == "17:30"
        page.clock.run_for(60_000)
        assert read_view(page.locator(".tz__live").inner_text())["your_time"] == "17:31"
    context.close()


def test_timezone_block_without_javascript(zone_sites, browser) -> None:
    context = browser.new_context(java_script_enabled=False, timezone_id="America/New_York")
    page = context.new_page()
    with serve_folder(zone_sites["Australia/Sydney"]) as base:
        for url in ("", "contact/"):
            page.goto(base + url)
            static = page.locator(".tz__static")
            assert static.is_visible(), url
            text = static.inner_text()
            assert "09:00–17:30" in text and "Australia/Sydney" in text, text
            assert "UTC+10, UTC+11 in summer" in text, text
            assert not page.locator(".tz__live").is_visible(), url
        # the contact page's facts still carry the response time
        assert "within one business day" in page.locator("main").inner_text().lower()
    context.close()


def test_timezone_block_without_working_hours(tmp_path, browser) -> None:
    out = make_site(tmp_path, "nohours", timezone="Asia/Kolkata", hours=None)
    with serve_folder(out) as base:
        text, errors = live_text(browser, base, "contact/", "Europe/Berlin", JANUARY)
    assert errors == []
    assert text == "It’s 13:00 for you and 17:30 in Kolkata.", text


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("visitor", ["Asia/Kolkata", "America/Los_Angeles"])
def test_no_layout_shift_from_the_script(zone_sites, browser, width, visitor) -> None:
    context = browser.new_context(timezone_id=visitor, viewport={"width": width, "height": 900})
    context.add_init_script("""
        window.__shifts = [];
        new PerformanceObserver(l => l.getEntries().forEach(e => window.__shifts.push(e.value)))
            .observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()
    # The script's shifts alone: no web font swaps in during the measurement (their own small
    # shift is measured by test_design_browser's home-page test).
    page.route("**/*.woff2", lambda route: route.abort())
    with serve_folder(zone_sites["Australia/Sydney"]) as base:
        for url in ("", "contact/"):
            page.goto(base + url, wait_until="load")
            page.wait_for_timeout(300)
            assert page.locator(".tz__live").inner_text().startswith("It’s "), url
            assert sum(page.evaluate("window.__shifts")) == 0, url
            # the script's text fits in the height reserved for it (min-height)
            used, reserved = page.evaluate("(() => { const e = document.querySelector('.tz__live');"
                                           " return [e.offsetHeight, parseFloat(getComputedStyle(e).minHeight)] })()")
            assert used <= reserved + 1, (url, used, reserved)
    context.close()


# ------------------------------------------------------------ contact
class _Recorder(_QuietHandler):
    posts: list[dict[str, list[str]]]

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        self.posts.append(parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Thanks</title><p>Thanks</p>")


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    """A site whose form posts to this test's server, which also serves it."""
    root = tmp_path_factory.mktemp("form")
    posts: list[dict[str, list[str]]] = []
    handler_class = type("Handler", (_Recorder,), {"posts": posts})
    out = root / "formsite" / "output"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(out)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    make_site(root, "formsite", timezone="Europe/Lisbon",
              contact={"email": "hello@example.com", "form_action": base + "submit",
                       "booking_url": "https://cal.com/alex-example/intro"})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, posts
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_mailto_subject_and_body_decode(tmp_path, browser, js) -> None:
    out = make_site(tmp_path, "mail", timezone="Europe/Lisbon")
    context = browser.new_context(java_script_enabled=js)
    page = context.new_page()
    with serve_folder(out) as base:
        page.goto(base + "contact/")
        link = page.locator("main a[href^='mailto:'][href*='subject=']")
        assert link.count() == 1 and link.is_visible()
        href = link.get_attribute("href")
    context.close()
    parts = urlsplit(href)
    assert parts.path == "hello@example.com"
    query = dict(pair.split("=", 1) for pair in parts.query.split("&"))
    assert unquote(query["subject"]) == "Project enquiry for Alex Example"
    body = unquote(query["body"])
    assert body.startswith("Hi Alex,\n\n") and "The project:\n" in body and "Budget:" in body
    assert "+" not in query["body"] and "%20" in query["body"]   # mail apps do not decode '+' as space


def _fill(page) -> None:
    page.fill("#f-name", "Grace Hopper")
    page.fill("#f-email", "grace@example.org")
    page.select_option("#f-budget", index=2)
    page.select_option("#f-timeline", index=1)
    page.fill("#f-message", "A compiler for business people.")


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_contact_form_validates_then_posts(form_site, browser, js) -> None:
    base, posts = form_site
    posts.clear()
    context = browser.new_context(java_script_enabled=js)
    page = context.new_page()
    page.goto(base + "contact/")
    form = page.locator("main form")
    assert form.get_attribute("action") == base + "submit" and form.get_attribute("method") == "post"
    # every visible field is labelled
    for field in page.locator("main form input:visible, main form select, main form textarea").all():
        field_id = field.get_attribute("id")
        assert page.locator(f"label[for='{field_id}']").inner_text().strip(), field_id
    for field_id in ("f-name", "f-email", "f-message"):
        assert page.locator(f"#{field_id}").get_attribute("required") is not None
    assert page.locator("#f-email").get_attribute("type") == "email"

    # empty: the browser refuses to send it
    page.click("main form button[type=submit]")
    page.wait_for_timeout(400)
    assert page.url == base + "contact/"
    assert posts == []
    assert page.evaluate("document.querySelector('main form').checkValidity()") is False
    assert page.evaluate("document.activeElement.id") == "f-name"
    # a malformed email is refused too
    _fill(page)
    page.fill("#f-email", "grace-at-example")
    page.click("main form button[type=submit]")
    page.wait_for_timeout(400)
    assert posts == [] and page.evaluate("document.activeElement.id") == "f-email"

    page.fill("#f-email", "grace@example.org")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == base + "submit"
    assert len(posts) == 1
    sent = {k: v[0] for k, v in posts[0].items()}
    assert sent["name"] == "Grace Hopper" and sent["email"] == "grace@example.org"
    assert sent["message"] == "A compiler for business people."
    assert sent["budget"] and sent["timeline"] == "As soon as possible"
    assert sent["_gotcha"] == ""
    context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_honeypot_is_invisible_and_out_of_the_tab_order(form_site, browser, js) -> None:
    base, _ = form_site
    context = browser.new_context(java_script_enabled=js)
    page = context.new_page()
    page.goto(base + "contact/")
    honeypot = page.locator("input[name=_gotcha]")
    assert honeypot.count() == 1 and not honeypot.is_visible()
    page.focus("#f-name")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert "f-hp" not in reached
    assert reached[:4] == ["f-email", "f-budget", "f-timeline", "f-message"], reached
    assert reached[4] == "BUTTON", reached
    # the booking link is on the page
    booking = page.locator("main a[href='https://cal.com/alex-example/intro']")
    assert booking.count() >= 1 and booking.first.is_visible()
    context.close()


# ------------------------------------ services, availability, testimonials
def test_services_prices_and_their_case_studies(example_output, browser) -> None:
    def english(value):   # a per-language map ({en: ..., pt: ...}) or a plain value
        if isinstance(value, dict) and "en" in value:
            return value["en"]
        return [english(v) for v in value] if isinstance(value, list) else value

    services = [{k: english(v) for k, v in s.items()}
                for s in yaml.safe_load((REPO / "content/services.yaml").read_text(encoding="utf-8"))]
    page = browser.new_page()
    with serve_folder(example_output) as base:
        page.goto(base + "services/")
        for s in services:
            card = page.locator(f"article#{s['id']}")
            text = card.inner_text()
            assert s["summary"] in text and s["timeline"] in text
            for item in s.get("deliverables", []) + s.get("not_included", []):
                assert item in text, (s["id"], item)
            assert (s["includes"] if isinstance(s["includes"], str) else s["includes"][0]) in text
            # each service lists the case studies that used it, and they link back
            for href in card.locator(".price__work a").evaluate_all("els => els.map(e => e.href)"):
                page.goto(href)
                assert page.locator(f".factbox a[href$='/services/#{s['id']}']").count() == 1
                page.goto(base + "services/")
        amounts = page.locator(".price__amount").all_inner_texts()
        assert amounts == ["from €3,800 per project", "€14,000–€32,000 per project",
                           "from €720 per day", "from €5,200 per month"]
        page.goto(base)   # the home page: each service in brief, linking to its full card
        assert page.locator("main .offer__price").all_inner_texts() == amounts
        links = page.locator("main .offer__name a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert links == [f"/services/#{s['id']}" for s in services]
        assert page.locator("main .checks").count() == 0   # the bullet lists stay on /services/
    page.close()


def test_hour_prices_in_other_currencies(tmp_path, browser) -> None:
    out = make_site(tmp_path, "hourly", timezone="America/New_York", services=[
        {"id": "coaching", "name": "Design coaching", "summary": "An hour with a senior designer.",
         "price": {"from": 95, "currency": "USD", "unit": "hour"}},
        {"id": "workshop", "name": "Workshop", "summary": "A day with your team.",
         "price": {"from": 900, "to": 1400, "currency": "GBP", "unit": "day"}}])
    page = browser.new_page()
    with serve_folder(out) as base:
        page.goto(base + "services/")
        assert page.locator("#coaching .price__amount").inner_text() == "from $95 per hour"
        assert page.locator("#workshop .price__amount").inner_text() == "£900–£1,400 per day"
    page.close()


def test_availability_on_every_page_and_testimonials(example_output, browser) -> None:
    testimonials = yaml.safe_load((REPO / "content/testimonials.yaml").read_text(encoding="utf-8"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    with serve_folder(example_output) as base:
        for html in sorted(example_output.rglob("*.html")):
            rel = html.relative_to(example_output).as_posix()
            page.goto(base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
            badge = page.locator(".badge").first
            assert badge.is_visible(), rel
            expected = ("Disponibilidade limitada a partir de 1 de fevereiro de 2027" if rel.startswith("pt/")
                        else "Limited availability from February 1, 2027")
            assert badge.inner_text().strip() == expected, rel
        page.goto(base + "testimonials/")
        quotes = page.locator("figure.quote")
        assert quotes.count() == len(testimonials)
        for t, figure in zip(testimonials, quotes.all()):
            caption = figure.locator("figcaption").inner_text()
            if t.get("visibility") == "blind":   # published without who said it (test_nda.py)
                assert t["author"] not in caption and t.get("company", "") not in caption
                continue
            assert t["author"] in caption and t.get("role", "") in caption and t.get("company", "") in caption
            if t.get("avatar"):
                assert figure.locator(".quote__avatar img").is_visible()
            else:   # no photo: no placeholder disc with an initial
                assert figure.locator(".quote__avatar").count() == 0
            verified = figure.locator("a.quote__verified")
            assert verified.count() == (1 if t.get("source_url") else 0), t["id"]
            if t.get("source_url"):
                assert verified.get_attribute("href") == t["source_url"]
        for t in testimonials:
            if t.get("case_study") and t.get("visibility", "public") == "public":
                page.goto(base + f"work/{t['case_study']}/")
                assert t["author"] in page.locator("main").inner_text()
        page.goto(base)
        home = page.locator("main").inner_text()
        for t in testimonials:
            assert (t["author"] in home) == bool(t.get("featured")), t["id"]
    page.close()
