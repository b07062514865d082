"""The HTTP headers a built site should be served with: long-lived caching
for content-hashed files, noindex for pitches, and a strict
Content-Security-Policy the theme satisfies (no 'unsafe-inline')."""

from __future__ import annotations

import base64
import hashlib

import jinja2

IMMUTABLE = "public, max-age=31536000, immutable"

# Output folders whose file names carry a content hash (a change makes a new
# name), so browsers may keep them for a year: theme assets, processed images
# and the generated share cards.
HASHED_DIRS = ("assets", "images", "cards")
PITCH_DIR = "p"

# The accent colours are the theme's one inline <style>: allowed by its hash.
ACCENT_PARTIAL = "partials/accent_style.css"


def content_security_policy(style_hashes: list[str]) -> str:
    styles = " ".join(["'self'", *(f"'{h}'" for h in style_hashes)])
    return "; ".join([
        "default-src 'self'",
        # JSON-LD blocks are data, never run: no allowance needed. Pagefind's search runs
        # WebAssembly, which needs 'wasm-unsafe-eval' (it allows no JavaScript eval).
        "script-src 'self' 'wasm-unsafe-eval'",
        f"style-src {styles}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src https:",                  # videos embedded in case-study bodies
        "form-action 'self' https:",         # contact.form_action: a form backend
        "base-uri 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ])


def header_rules(style_hashes: list[str]) -> list[tuple[str, dict[str, str]]]:
    """(path pattern under the site root, headers); `*` matches the rest of a path."""
    every_page = {
        "Content-Security-Policy": content_security_policy(style_hashes),
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
    }
    return ([("/*", every_page)]
            + [(f"/{folder}/*", {"Cache-Control": IMMUTABLE}) for folder in HASHED_DIRS]
            + [(f"/{PITCH_DIR}/*", {"X-Robots-Tag": "noindex"})])


def theme_style_hashes(template_dirs: list, options: dict) -> list[str]:
    """CSP hashes of the inline <style> a theme renders, from its own template
    (so an overridden partial is hashed as the build renders it)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    try:
        template = env.get_template(ACCENT_PARTIAL)
    except jinja2.TemplateNotFound:
        return []
    return [style_hash(template.render(options=options))]


def style_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def headers_file(rules: list[tuple[str, dict[str, str]]]) -> str:
    """Netlify's and Cloudflare Pages' `_headers` format."""
    blocks = []
    for pattern, headers in rules:
        blocks.append(pattern + "\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items()))
    return "\n".join(blocks)


def netlify_toml_headers(rules: list[tuple[str, dict[str, str]]]) -> str:
    out = []
    for pattern, headers in rules:
        out.append(f'[[headers]]\n  for = "{pattern}"\n  [headers.values]\n'
                   + "".join(f'    {name} = "{value}"\n' for name, value in headers.items()))
    return "\n".join(out)


def vercel_headers(rules: list[tuple[str, dict[str, str]]]) -> list[dict]:
    # Vercel's `source` is a path-to-regexp pattern: "/assets/(.*)" for "/assets/*".
    return [{"source": pattern.replace("*", "(.*)"),
             "headers": [{"key": name, "value": value} for name, value in headers.items()]}
            for pattern, headers in rules]
