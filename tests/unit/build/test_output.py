"""output.py: the swap looks at the output folder again, and a failed
build gives back a user's entries it carried."""

from __future__ import annotations

from pathlib import Path

import pytest

from portfoliogen.build.output import MARKER, OutputSite, read_marker
from portfoliogen.build.staging import Staging
from portfoliogen.errors import SiteError


def site(tmp_path: Path) -> OutputSite:
    return OutputSite(tmp_path / "output", "0123456789abcdef", tmp_path / "cache", ("config.yaml", None, None))


def test_a_folder_that_became_foreign_during_the_build_is_not_replaced(tmp_path: Path) -> None:
    staging = Staging(site(tmp_path))
    staging.write("index.html", b"<p>new</p>")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "taxes.txt").write_text("mine\n", encoding="utf-8")   # made meanwhile
    with pytest.raises(SiteError) as err:
        staging.swap()
    assert str(err.value) == (f"config.yaml: output folder '{tmp_path / 'output'}' holds files portfoliogen "
                              "did not write; empty it (a .git, CNAME or .nojekyll may stay), delete it, "
                              "or choose another output folder")
    staging.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (tmp_path / "output" / "taxes.txt").read_text(encoding="utf-8") == "mine\n"


def test_swap_marks_the_output_and_keeps_the_users_entries(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "CNAME").write_text("mira.example\n", encoding="utf-8")
    staging = Staging(site(tmp_path))
    staging.write("index.html", b"<p>new</p>")
    staging.swap()
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "CNAME", "index.html"]
    assert read_marker(out) == {"generator": "portfoliogen", "format": 1, "site": "0123456789abcdef",
                                "generated": []}


def test_discard_after_carrying_gives_the_users_entries_back(tmp_path: Path) -> None:
    out = tmp_path / "output"
    staging = Staging(site(tmp_path))
    staging.swap()                      # a first output
    (out / ".git").mkdir()
    staging = Staging(site(tmp_path))
    staging._carried.append(".git")     # as if the build failed right after carrying it in
    (out / ".git").rename(staging.path / ".git")
    staging.discard()
    assert (out / ".git").is_dir()
    assert not staging.path.exists()
