"""The no-change build: when no input file, option or portfoliogen file
has changed since the last successful build and output/ is exactly as that
build left it, there is nothing to do.

Deliberately light (stdlib and PyYAML only): it runs before the heavy
imports, so an unchanged site "builds" in tens of milliseconds."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import yaml

from portfoliogen import __version__

PACKAGE = Path(__file__).parent
FAST_FILE = "fast.json"


def _builtin_themes() -> Path:
    packaged = PACKAGE / "_themes"
    return packaged if packaged.is_dir() else PACKAGE.parent / "themes"


def _walk(folder: Path, out: list) -> None:
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            full = os.path.join(dirpath, name)
            try:
                st = os.stat(full)
            except OSError:
                continue
            out.append((full, st.st_size, st.st_mtime_ns))


def _settings(config_path: Path) -> tuple[Path, Path] | None:
    """(cache folder, output folder) from config.yaml, or None if unreadable."""
    try:
        raw = yaml.load(config_path.read_text(encoding="utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    if not isinstance(raw, dict):
        return None
    root = config_path.parent
    return (root / str(raw.get("cache_dir", ".portfoliogen-cache"))).resolve(), \
        (root / str(raw.get("output", "output"))).resolve()


def input_signature(config_path: Path, options: dict, extra_inputs: list[str]) -> str:
    root = config_path.parent.resolve()
    stats: list = []
    for path in (config_path.resolve(), *map(Path, extra_inputs)):
        try:
            st = path.stat()
            stats.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            stats.append((str(path), -1, -1))
    for folder in (root / "content", root / "themes", _builtin_themes(), PACKAGE):
        _walk(folder, stats)
    payload = json.dumps([__version__, sorted(options.items()), stats], default=str)
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


def output_digest(out: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    entries: list = []
    _walk(out, entries)
    prefix = os.path.join(os.path.abspath(out), "")
    for full, size, mtime in entries:
        rel = full[len(prefix):] if full.startswith(prefix) else os.path.relpath(full, out)  # relpath is slow
        h.update(f"{rel}\0{size}\0{mtime}\n".encode())
    return h.hexdigest()


def record(config_path: Path, options: dict, out: Path, cache_dir: Path, summary: dict,
           extra_inputs: list[str]) -> None:
    """After a successful build: remember its inputs and its output."""
    state = {"signature": input_signature(config_path, options, extra_inputs), "output": str(out),
             "output_digest": output_digest(out), "extra_inputs": extra_inputs, **summary}
    path = cache_dir / "build" / FAST_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{FAST_FILE}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, path)


def unchanged(config_path: Path, options: dict) -> dict | None:
    """The last build's summary if nothing changed since, else None."""
    settings = _settings(config_path)
    if settings is None:
        return None
    cache_dir, out = settings
    if options.get("output"):
        out = Path(options["output"]).resolve()
    try:
        state = json.loads((cache_dir / "build" / FAST_FILE).read_text(encoding="utf-8"))
        if state["output"] != str(out) or not out.is_dir():
            return None
        if any(name.startswith((f"{out.name}.staging-", f"{out.name}.old-")) for name in os.listdir(out.parent)):
            return None   # a killed build left folders beside output/: a full build tidies them
        if state["signature"] != input_signature(config_path, options, state["extra_inputs"]):
            return None
        if state["output_digest"] != output_digest(out):
            return None
        return state
    except (OSError, ValueError, KeyError, TypeError):
        return None


def options_key(output, drafts: bool, base_url, strict: bool, today: dt.date | None) -> dict:
    return {"output": str(Path(output).resolve()) if output else "", "drafts": drafts,
            "base_url": base_url or "", "strict": strict,
            "today": (today or dt.date.today()).isoformat()}
