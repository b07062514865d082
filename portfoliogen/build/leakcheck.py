"""The leak check: every file staged for publishing, outside pitch pages, scanned for the
confidential names before the swap; a hit fails the build naming both files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from portfoliogen.build.leakcache import CheckedFiles
from portfoliogen.build.search import BUNDLE
from portfoliogen.build.textscan import byte_patterns, normalise, texts_of
from portfoliogen.config import Config
from portfoliogen.errors import SiteError, SiteErrors

MAX_REPORTED = 10   # lines; one per content file and name


class NamePattern:
    """A name's words in order, with or without anything between them:
    'Project Falcon' also finds 'project-falcon', 'project_falcon', 'ProjectFalcon';
    in normalised text, or in binary data in its common encodings."""

    def __init__(self, name: str):
        words = re.findall(r"[^\W_]+", normalise(name)) or [normalise(name)]
        self.text = re.compile(r"[\W_]*".join(re.escape(w) for w in words))
        self.binary = byte_patterns(words)

    def search(self, found: str | bytes) -> bool:
        if isinstance(found, str):
            return self.text.search(found) is not None
        lowered = found.lower()   # ASCII only: the patterns spell other letters in both cases
        return any(p.search(lowered) for p in self.binary)


def name_pattern(name: str) -> NamePattern:
    return NamePattern(name)


def find_leaks(root: Path, names: Iterable[str], skip: tuple[str, ...] = (),
               extra_texts: dict[str, list[str]] | None = None, checked: CheckedFiles | None = None) -> dict[str, str]:
    """{out_path: the name found} for every file under `root` (a path under one
    of `skip` is left out) whose name, contents or `extra_texts` (what was drawn
    on an image) hold one of `names`. Contents whose exact bytes `checked` found
    clean against the same names are not scanned again."""
    patterns = [(name, name_pattern(name)) for name in names if name.strip()]
    if not patterns:
        return {}
    extra_texts = extra_texts or {}
    found: dict[str, str] = {}
    for rel, path in _files(root):
        if rel.startswith(skip):
            continue
        texts = [normalise(rel)]
        texts.extend(normalise(t) for t in extra_texts.get(rel, ()))
        name = _first_hit(patterns, texts) or _scan_contents(patterns, _read(path), checked)
        if name:
            found[rel] = name
    return found


def _scan_contents(patterns, data: bytes, checked: CheckedFiles | None) -> str | None:
    if checked is None:
        return _first_hit(patterns, texts_of(data))
    digest = checked.digest(data)
    if checked.known_clean(digest):
        return None
    name = _first_hit(patterns, texts_of(data))
    if name is None:
        checked.add_clean(digest)
    return name


def check_leaks(root: Path, config: Config, secrets, skip: tuple[str, ...], producers: dict[str, str],
                extra_texts: dict[str, list[str]], private: set[str], record: Path | None = None) -> None:
    """Raise SiteErrors, one line per content file and name, naming the output
    file it would be published in (a page before the search index). `record`
    keeps the digests of the files found clean, for the next build."""
    names = [s.name for s in secrets]
    checked = CheckedFiles(record, names)
    leaks = find_leaks(root, names, skip, extra_texts, checked)
    checked.save()   # true of those bytes whatever becomes of this build
    if not leaks:
        return
    declared = {s.name: s.declared_in for s in secrets}
    grouped: dict[tuple[str, str], list[str]] = {}
    for rel, name in sorted(leaks.items(), key=lambda item: (item[0].startswith(f"{BUNDLE}/"), item[0])):
        source = _source_of(config, name, producers.get(rel), declared[name], private)
        grouped.setdefault((source, name), []).append(rel)
    errors = []
    for (source, name), rels in list(grouped.items())[:MAX_REPORTED]:
        why = "a confidential name" if declared[name] == config.config_path.name else "a blind item's real name"
        more = f" (and {len(rels) - 1} more files)" if len(rels) > 1 else ""
        errors.append(SiteError(source, None, None,
                                f"'{name}' ({why}) would be published in {config.display(config.output_dir / rels[0])}"
                                f"{more}; remove it here, or make what shows it blind or pitch-only"))
    raise SiteErrors(errors)


def _source_of(config: Config, name: str, producer: str | None, declared_in: str, private: set[str]) -> str:
    """The content file that put `name` into the output file: the page's (or
    image's) own source when it holds the name, else a content file that does,
    other than where the name is declared or pitches and private items (they
    may name it); text files before images."""
    pattern = name_pattern(name)
    if producer and (_holds(config.root / producer, pattern) or _holds_loosely(config.root / producer, name)):
        return producer
    shown = [config.display(path) for _, path in _files(config.content_dir)]
    candidates = sorted((s for s in shown if s != declared_in and s not in private),
                        key=lambda s: (not s.endswith((".md", ".yaml", ".yml")), s))
    return next((s for s in candidates if _holds(config.root / s, pattern)), producer or declared_in)


def _holds(path: Path, pattern: NamePattern) -> bool:
    try:
        return _first_hit([("", pattern)], [normalise(path.name), *texts_of(_read(path))]) is not None
    except OSError:
        return False


def _holds_loosely(path: Path, name: str) -> bool:
    """The name with anything between its letters: Markdown ('Glo*bex*') or markup."""
    squeeze = re.compile(r"[\W_]+")
    try:
        return squeeze.sub("", normalise(name)) in squeeze.sub("", normalise(path.read_text("utf-8", "ignore")))
    except OSError:
        return False


def _first_hit(patterns, texts) -> str | None:
    for text in texts:
        for name, pattern in patterns:
            if pattern.search(text):
                return name
    return None


def _files(root: Path):
    """(path relative to root with '/', path) of every file, folders' names included
    in their files' relative paths; symbolic links are not followed."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            yield path.relative_to(root).as_posix(), path


def _read(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def leak_inputs(site, pages, images: dict) -> tuple[tuple[str, ...], dict[str, str], dict[str, list[str]], set[str]]:
    """What the check needs besides the files: the pitch folders it skips, the
    content file behind each output file, the text drawn on each social card,
    and the files of pitches and private case studies (they may name anything)."""
    from portfoliogen.urls import out_path_for
    config = site.config
    skip = tuple(out_path_for(p.url_path).rsplit("/", 1)[0] + "/" for p in site.pitches)
    sources = {item.url_path: item.src_path for item in (*site.case_studies, *site.pages, *site.pitches)}
    producers: dict[str, str] = {}
    drawn: dict[str, list[str]] = {}
    for page in pages:
        source = sources.get(page.url_path)
        if source:
            producers[out_path_for(page.url_path)] = source
        if page.card is not None and page.kind != "pitch":
            card = page.card.url_path.lstrip("/")
            drawn[card] = [page.card.title, page.card.label, page.card.name, page.card.host]
            if source:
                producers[card] = source
    for src, image in images.items():
        if image is not None:
            for url_path in image.files():
                producers[url_path.lstrip("/")] = config.display(src)
    static_root = config.content_dir / "static"
    for path in site.static_files:   # published as they are
        producers[path.relative_to(static_root).as_posix()] = config.display(path)
    private = {item.src_path for item in (*site.pitches, *site.private_case_studies)}
    return skip, producers, drawn, private
