"""One error type for everything a user can fix, printed by the CLI as
`path:line:column: message`."""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass


class SiteError(Exception):
    """A problem in a user's file. `path` is relative to the project when it
    can be; `line` and `column` are 1-based (None: the whole file)."""

    def __init__(self, path: str, line: int | None, column: int | None, message: str):
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        # A position only where there is one: `path: message` for a whole
        # file or folder, `path:line: message` when only the line is known.
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.message)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the build tells the user without failing (a pitch past its
    `expires`, not built): the file it concerns and what happened."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SiteErrors(Exception):
    """A batch of SiteErrors, so the user fixes everything in one round."""

    def __init__(self, errors: Iterable[SiteError]):
        unique = {str(e): e for e in errors}
        self.errors = sorted(unique.values(), key=SiteError.sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))


class ErrorCollector:
    """Gathers SiteErrors across many files; `raise_if_any` ends the stage."""

    def __init__(self) -> None:
        self.errors: list[SiteError] = []

    def add(self, error: SiteError | SiteErrors) -> None:
        if isinstance(error, SiteErrors):
            self.errors.extend(error.errors)
        else:
            self.errors.append(error)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise SiteErrors(self.errors)


# What to do about the OS errors a user can meet (the strerror says what happened).
_OS_HINTS = {
    errno.ENOSPC: "free some space and build again",
    errno.EDQUOT: "free some space and build again",
    errno.EACCES: "check the permissions of this file and its folders",
    errno.EPERM: "check the permissions of this file and its folders",
    errno.EROFS: "choose a folder on a writable disk",
    errno.ENAMETOOLONG: "shorten the name",
    errno.ELOOP: "a symbolic link points at itself or round in a circle",
}


def os_error_line(err: OSError) -> str:
    """One line for an OSError that reached the command line: the path it
    concerns (relative to the working folder when inside it), what happened
    and what to do."""
    message = err.strerror or str(err) or type(err).__name__
    if err.errno in _OS_HINTS:
        message += f" ({_OS_HINTS[err.errno]})"
    if err.filename is None:
        return f"portfoliogen: {message}"
    return str(SiteError(_shown_path(err.filename), None, None, message))


def _shown_path(path: str | bytes | int) -> str:
    path = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''. Case is ignored
    (`Cover.JPG` finds `cover.jpg`). A short word must keep its first letter
    or its letters: a one-letter change of a four-letter word is as likely
    another word ('jour', French for day) as a typo of 'hour'."""
    match = closest(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate `word` is most likely a typo of, or None."""
    word = str(word)
    by_folded: dict[str, str] = {}
    for candidate in sorted(set(candidates)):
        by_folded.setdefault(candidate.casefold(), candidate)
    folded = word.casefold()
    if folded in by_folded:
        return by_folded[folded] if by_folded[folded] != word else None
    for match in difflib.get_close_matches(folded, list(by_folded), n=3, cutoff=0.6):
        if _plausible_typo(folded, match):
            return by_folded[match]
    return None


def _plausible_typo(word: str, match: str) -> bool:
    if len(word) > 4 or word[:1] == match[:1]:
        return True
    return sorted(word) == sorted(match)     # the same letters in another order


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 image', '2 images', '0 images'; `plural_form` for irregular nouns."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"
