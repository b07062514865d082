"""Runs the image work: one decode per source, every variant encoded into the cache
(cache.py), sources spread over all cores. Pillow is in decode.py, imported lazily."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from portfoliogen.fsutil import Stamps

from .cache import (
    Index,
    Progress,
    SourceError,
    clean_stale_tmp,
    entry_dir,
    load_entry,
    remember_entry,
    store_svg,
)
from .plan import (
    ImageErrors,
    ImageSettings,
    ProcessedImage,
    image_from_meta,
    source_key,
)

_PROGRESS_MIN = 6  # "more than a handful"


@dataclass
class ProcessReport:
    images: dict[Path, ProcessedImage]
    decoded: int  # sources Pillow opened in this run (0 on a warm build)
    cached: int  # sources served from the cache
    seconds: float
    summary: str  # "images: 24 (3 processed, 21 cached) in 1.2s"


# -- orchestration (main process) ------------------------------------------


def process_images(
    sources: Iterable[Path],
    settings: ImageSettings,
    images_dir: Path,
    *,
    workers: int | None = None,
    progress: bool = False,
) -> ProcessReport:
    """Process every source (deduplicated), using the cache. Raises
    ImageErrors listing every bad source, after trying all of them.
    `images_dir` is the image cache (build.cachedirs names it).

    `images` (and ImageErrors.errors) are keyed by each source's absolute
    path, and by the path as given when that differs (a relative one)."""
    started = time.perf_counter()
    root = Path(images_dir)
    clean_stale_tmp(root)
    index = Index(root / "index.json")
    stamps = Stamps(root / "stamps.json")
    images: dict[Path, ProcessedImage] = {}
    errors: dict[Path, str] = {}
    jobs: dict[str, list[Path]] = {}  # key -> sources with those bytes: one decode for all
    sizes: dict[str, int] = {}
    cached = decoded = 0

    given: dict[Path, Path] = {Path(s): Path(s).absolute() for s in sources}
    for src in dict.fromkeys(given.values()):
        try:
            source_hash, size = index.hash(src)
            key = source_key(source_hash, settings, src.suffix)
            image = load_entry(root, src, key, stamps)
            if image is not None:
                images[src] = image
                cached += 1
            elif src.suffix.lower() == ".svg":
                images[src] = store_svg(root, src, key)
            else:
                jobs.setdefault(key, []).append(src)
                sizes[key] = size
        except SourceError as exc:
            errors[src] = str(exc)

    order = sorted(jobs, key=lambda key: -sizes[key])  # biggest first: the pool ends evenly
    workers = max(1, min(workers or os.cpu_count() or 1, len(order)))
    bar = Progress(len(order)) if progress and len(order) >= _PROGRESS_MIN and sys.stderr.isatty() else None
    for key, (opened, outcome) in _run_jobs([(key, jobs[key][0]) for key in order], settings, root, workers):
        decoded += opened
        for src in jobs[key]:
            if isinstance(outcome, str):
                errors[src] = outcome
            else:
                source_hash, new_key, meta = outcome
                index.remember(src, source_hash)
                remember_entry(root, new_key, meta, stamps)
                images[src] = image_from_meta(src, new_key, entry_dir(root, new_key), meta)
        if bar:
            bar.step()
    if bar:
        bar.close()
    index.save()
    stamps.save()

    seconds = time.perf_counter() - started
    processed = len(images) - cached
    summary = f"images: {len(images) + len(errors)} ({processed} processed, {cached} cached"
    summary += f", {len(errors)} failed) in {seconds:.1f}s" if errors else f") in {seconds:.1f}s"
    # Keyed by the absolute path, and also by the path as the caller gave it.
    for path, src in given.items():
        if src in images:
            images.setdefault(path, images[src])
        if src in errors:
            errors.setdefault(path, errors[src])
    report = ProcessReport(images, decoded, cached, seconds, summary)
    if errors:
        raise ImageErrors(errors, report)
    return report


def _run_jobs(jobs: list[tuple[str, Path]], settings: ImageSettings, root: Path, workers: int):
    """Yield (key, (opened, outcome)) as each job finishes."""
    if not jobs:
        return
    from . import decode  # Pillow: only when there is something to decode
    if workers == 1:
        saved = decode.Image.MAX_IMAGE_PIXELS
        try:
            for key, src in jobs:
                yield key, decode.process_job(src, settings, root, threads=0)
        finally:
            decode.Image.MAX_IMAGE_PIXELS = saved
        return
    # forkserver, not fork: the dev server has threads (watchdog, its HTTP server)
    # and forking a threaded process can deadlock the child. The preload makes
    # each worker start with PIL already imported.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([decode.__name__])
    # One thread per AVIF encode: the pool already keeps every core busy.
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = {pool.submit(decode.process_job, src, settings, root, 1): key for key, src in jobs}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except BrokenProcessPool:
                yield futures[future], (0, "the image worker died (out of memory?)")
