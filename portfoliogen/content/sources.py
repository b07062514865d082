"""Where a build may read a user's files from: regular files inside the project folder
(theme files also inside the built-in themes)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from portfoliogen.errors import ErrorCollector, SiteError

_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def shown(root: Path, path: Path) -> str:
    """The path as the user wrote it, relative to the project (links not followed:
    the message must name the link, not its target)."""
    for base in (os.path.abspath(root), os.path.realpath(root)):   # folders may come resolved
        try:
            return Path(os.path.abspath(path)).relative_to(base).as_posix()
        except ValueError:
            pass
    return str(path)


# A link that leads out, a named pipe or a device is refused with one line naming it, so nothing
# outside the project is ever published.
def check_source(path: Path, root: Path, allowed: tuple[Path, ...] = ()) -> Path | None:
    """The real path of `path` if it is a regular file or folder inside the
    project (or one of `allowed`); None if it does not exist (a dangling link
    publishes nothing). Raises SiteError for anything else."""
    display = shown(root, path)
    try:
        real = path.resolve(strict=False)
    except (RuntimeError, OSError):   # RuntimeError: a link loop (Python < 3.13)
        raise SiteError(display, None, None, "is a symbolic link loop; remove it") from None
    roots = (root.resolve(), *(a.resolve() for a in allowed))
    if not any(real.is_relative_to(r) for r in roots):
        what = "folder" if real.is_dir() else "file"
        raise SiteError(display, None, None, f"links outside the project ({_target(path, real)}); "
                                              f"copy the {what} into the project instead")
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise SiteError(display, None, None, f"cannot read it: {err.strerror}") from None
    kind = _SPECIAL.get(stat.S_IFMT(mode))
    if kind:
        raise SiteError(display, None, None, f"is {kind}, not a file; remove it")
    return real


def _target(path: Path, real: Path) -> str:
    """Where the link says it points (/proc/self/environ, not /proc/4242/environ),
    when that is an absolute path; else where it ends up."""
    try:
        written = os.readlink(path)
    except OSError:   # not a link itself: a folder above it is
        return str(real)
    return written if os.path.isabs(written) else str(real)


def entry_kind(path: Path, root: Path, allowed: tuple[Path, ...] = ()) -> str | None:
    """"file", "dir" or None (nothing there) for an entry of a folder already
    checked; a link is followed only after check_source. Raises SiteError."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise SiteError(shown(root, path), None, None, f"cannot read it: {err.strerror}") from None
    if stat.S_ISLNK(mode):
        real = check_source(path, root, allowed)
        if real is None:
            return None
        mode = real.stat().st_mode
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    raise SiteError(shown(root, path), None, None,
                    f"is {_SPECIAL.get(stat.S_IFMT(mode), 'not a regular file')}, not a file; remove it")


def list_files(folder: Path, root: Path, errors: ErrorCollector,
               allowed: tuple[Path, ...] = ()) -> list[Path]:
    """Every regular file under `folder` (as paths under it, sorted), following
    links to files and folders that stay inside the project. Problems go to
    `errors`; the offending entries are left out."""
    found: list[Path] = []

    def walk(current: Path, ancestors: tuple[Path, ...]) -> None:
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            errors.add(SiteError(shown(root, current), None, None, f"cannot read the folder: {err.strerror}"))
            return
        for entry in entries:
            path = current / entry.name
            if entry.is_file(follow_symlinks=False):   # no system call: the common case stays fast
                found.append(path)
            elif entry.is_dir(follow_symlinks=False):
                walk(path, (*ancestors, ancestors[-1] / entry.name))
            else:   # a link (or a special file): check where it leads
                visit(path, ancestors)

    def visit(path: Path, ancestors: tuple[Path, ...]) -> None:
        try:
            real = check_source(path, root, allowed)
        except SiteError as err:
            errors.add(err)
            return
        if real is None:
            return
        if not real.is_dir():
            found.append(path)
        elif any(a.is_relative_to(real) for a in ancestors):
            errors.add(SiteError(shown(root, path), None, None,
                                 "links to a folder that contains it (a loop); remove the link"))
        else:
            walk(path, (*ancestors, real))

    try:
        top = check_source(folder, root, allowed)
    except SiteError as err:
        errors.add(err)
        return []
    if top is not None and top.is_dir():
        walk(folder, (top,))
    return sorted(found)


def split_language(stem: str, aliases: dict[str, str]) -> tuple[str, str | None]:
    """'about.pt' -> ('about', 'pt-PT') when 'pt' names one of the site's
    languages (`aliases`: {code or prefix, lower-cased: code}); else (stem, None)."""
    base, dot, suffix = stem.rpartition(".")
    if dot and base and suffix.lower() in aliases:
        return base, aliases[suffix.lower()]
    return stem, None
