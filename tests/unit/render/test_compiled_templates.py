"""The process-wide store of compiled templates (render/tracking.py): a new environment
reuses what an earlier one compiled, and an edited template is compiled again."""

from __future__ import annotations

from pathlib import Path

import jinja2

from portfoliogen.render.tracking import COMPILED, TrackingEnvironment


def env_for(folder: Path, **options) -> TrackingEnvironment:
    return TrackingEnvironment(loader=jinja2.FileSystemLoader(str(folder)), **options)


def test_an_edited_template_is_compiled_again_in_the_next_environment(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("one {{ x }}", encoding="utf-8")
    known = len(COMPILED._code)
    assert env_for(tmp_path).get_template("page.html").render(x=1) == "one 1"
    assert len(COMPILED._code) == known + 1
    page.write_text("two {{ x }}", encoding="utf-8")   # same size, same second: only the checksum tells
    assert env_for(tmp_path).get_template("page.html").render(x=2) == "two 2"


def test_environments_with_other_syntax_options_do_not_share_code(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{% if x %}\n  yes\n{% endif %}\n", encoding="utf-8")
    plain = env_for(tmp_path).get_template("page.html").render(x=True)
    trimmed = env_for(tmp_path, trim_blocks=True, lstrip_blocks=True).get_template("page.html").render(x=True)
    assert plain == "\n  yes\n" and trimmed == "  yes\n"
