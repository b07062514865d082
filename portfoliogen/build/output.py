"""The output folder: refuse one that is not ours to replace, and the marker that says a
folder is this site's output. With staging.py, the only writers of output/ (STYLE.md 5)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from portfoliogen.build.cachedirs import CacheDirs
from portfoliogen.errors import SiteError
from portfoliogen.fsutil import TMP_SUFFIX, write_atomic

if TYPE_CHECKING:
    from portfoliogen.config import Config

MARKER = ".portfoliogen-output"
MARKER_FORMAT = 1
# A user's own entries for GitHub Pages from a branch (a clone of gh-pages as
# output/): carried into each new output by rename, never deleted. One from
# content/static/ is the site's own (the marker lists it as "generated").
KEPT = (".git", "CNAME", ".nojekyll")
FOREIGN = ("holds files portfoliogen did not write; empty it (a .git, CNAME or .nojekyll may stay), "
           "delete it, or choose another output folder")


@dataclass(frozen=True)
class OutputSite:
    """Where a site's output goes and how to recognise a previous one."""
    out: Path
    identity: str          # the marker's "site": which config built it
    cache_path: Path
    where: tuple           # (path, line, column) for error messages

    def refuse(self, why: str) -> SiteError:
        return SiteError(self.where[0], self.where[1], self.where[2], f"output folder '{self.out}' {why}")


def output_site(config: Config, from_command_line: bool = False) -> OutputSite:
    """`from_command_line`: the folder came from --output, so errors about it
    name the option rather than a line of config.yaml."""
    out = config.output_dir
    line, column = config.locs.of(("output",)) if config.locs and config.locs.has(("output",)) else (None, None)
    # The config file as seen from the output folder: the same wherever the
    # project is moved or cloned, so the output stays byte-identical.
    relative = os.path.relpath(config.config_path.resolve(), out)
    identity = hashlib.blake2b(relative.encode(), digest_size=8).hexdigest()
    where = ("--output", None, None) if from_command_line else (config.config_path.name, line, column)
    return OutputSite(out, identity, config.cache_path, where)


def check_output_dir(config: Config, write: bool = True, site: OutputSite | None = None) -> None:
    """Refuse an output folder whose replacement would destroy anything but a
    previous output of this site. Runs before any work (`check`, which writes
    nothing, looks at the path only); Staging.swap looks again."""
    site = site or output_site(config)
    out, root = site.out, config.root.resolve()

    def refuse(why: str) -> None:
        raise site.refuse(f"{why}; choose a folder of its own, such as 'output'")

    if out.exists() and not out.is_dir():
        refuse("is a file")
    if out == Path(out.anchor):
        refuse("is the file system root")
    home = Path(os.path.expanduser("~")).resolve()     # "~" itself when no home is known
    if out == home or home.is_relative_to(out):
        refuse("is your home folder or one of its parents")
    if out == root or root.is_relative_to(out):
        refuse("holds the config file: it is the project folder or one of its parents")
    for name in ("content", "themes"):
        if out.is_relative_to(root / name):
            refuse(f"is inside {name}/")
    if out.is_relative_to(config.cache_path) or config.cache_path.is_relative_to(out):
        refuse("overlaps the cache folder")
    if write:
        inspect_output(site)


def inspect_output(site: OutputSite) -> list[str]:
    """The user's own KEPT entries in the output folder, to carry over; a
    SiteError when the folder is not ours to replace (missing, empty, or
    marked by this site is fine)."""
    out = site.out
    try:
        entries = os.listdir(out)
    except FileNotFoundError:
        return []
    except OSError as err:
        raise site.refuse(f"cannot be read ({err.strerror})") from None
    mark = read_marker(out)
    if mark is not None:
        if mark.get("site") != site.identity:
            raise site.refuse("holds the output of another portfoliogen site; delete it or choose another "
                              "output folder")
        generated = mark.get("generated") or []
        return [name for name in KEPT if name in entries and name not in generated]
    if all(name in KEPT for name in entries):
        return [name for name in KEPT if name in entries]
    if _written_by_previous_version(out, site.cache_path):
        return []
    raise site.refuse(FOREIGN)


def _written_by_previous_version(out: Path, cache_path: Path) -> bool:
    """Versions before the marker: accept an output exactly as the last
    build recorded it in the cache's fast.json (every file's name, size and
    modification time), so an upgrade needs no manual step."""
    from portfoliogen.build import fastpath

    try:
        state = json.loads(CacheDirs(cache_path).fast_file.read_text(encoding="utf-8"))
        return state["output"] == str(out) and state["output_digest"] == fastpath.output_digest(out)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def read_marker(folder: Path | str) -> dict | None:
    try:
        with open(os.path.join(folder, MARKER), "rb") as handle:
            mark = json.loads(handle.read(65536))
    except (OSError, ValueError):
        return None
    if isinstance(mark, dict) and mark.get("generator") == "portfoliogen":
        return mark
    return None


def write_marker(folder: str, identity: str, generated: list[str] | None) -> None:
    """`generated` None: a staging folder still being written (with the pid
    of its build, so a concurrent build leaves it alone); a list: complete,
    naming the KEPT entries the site itself made (the rest are the user's)."""
    mark: dict = {"generator": "portfoliogen", "format": MARKER_FORMAT, "site": identity}
    if generated is None:
        mark["pid"] = os.getpid()
    else:
        mark["generated"] = generated
    write_atomic(os.path.join(folder, MARKER), json.dumps(mark, sort_keys=True) + "\n")


def _is_marker(name: str) -> bool:
    """The marker, or write_atomic's temporary file for it."""
    return name == MARKER or (name.startswith(f".{MARKER}.") and name.endswith(TMP_SUFFIX))


def remove_tree(folder: str) -> None:
    """Delete one of our output trees, its marker last: a deletion cut short
    still carries it, so the next build knows the rest is ours to remove."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        if name == MARKER:
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass
    try:
        left = os.listdir(folder)
    except OSError:
        return
    if not all(_is_marker(name) for name in left):
        return    # something was written meanwhile: keep the marker, the next build tries again
    for name in sorted(left, key=lambda name: name == MARKER):   # the marker itself last
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass
    try:
        os.rmdir(folder)
    except OSError:
        pass


