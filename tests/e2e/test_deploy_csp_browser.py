"""The built default theme under a deploy preset's headers, in Chromium: no
page raises a Content-Security-Policy violation, and what the policy could
have blocked (the accent style, the placeholder colours, the scripts) works."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from portfoliogen.deploy import HOSTS
from portfoliogen.deploy.presets import preset_files, site_for
from tests.browser import launch
from tests.conftest import REPO
from tests.e2e.test_browser import page_urls
from tests.e2e.test_deploy_presets import header_rules, matches

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at line " + e.lineNumber);
});
"""


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    rules: list = []

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules:
            if matches(pattern, path):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # keep test output clean
        pass


@contextmanager
def serve_with_headers(folder: Path, rules: list):
    handler = functools.partial(type("Handler", (_HeadersHandler,), {"rules": rules}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_no_page_of_the_default_theme_violates_the_presets_csp(example_output: Path) -> None:
    site = site_for(REPO / "config.yaml")
    policies = {host: header_rules(host, preset_files(host, site)) for host in ("netlify", "cloudflare-pages", "vercel")}
    csps = {host: rules[0][1]["Content-Security-Policy"] for host, rules in policies.items()}
    assert len(set(csps.values())) == 1, csps          # one policy, three file formats
    assert set(policies) < set(HOSTS)
    problems: list[str] = []
    checked = 0
    with serve_with_headers(example_output, policies["cloudflare-pages"]) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        for url in page_urls(example_output):
            console.clear()
            response = page.goto(base + url, wait_until="load")
            assert response is not None
            assert "content-security-policy" in response.headers, url
            page.wait_for_timeout(50)   # let deferred scripts run and report
            violations = page.evaluate("window.__csp")
            if violations or console:
                problems.append(f"{url}: {violations} {console}")
            checked += 1
        # What the policy would break if it were wrong: the hashed accent style and
        # the placeholder colours set by a script file.
        page.goto(base, wait_until="load")
        accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
        assert accent == "#0f766e"
        painted = page.evaluate("""Array.from(document.querySelectorAll('img[data-placeholder]'))
            .map(i => getComputedStyle(i).backgroundColor !== 'rgba(0, 0, 0, 0)')""")
        assert painted and all(painted)
        browser.close()
    assert checked >= 20
    assert problems == []
