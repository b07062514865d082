"""Benchmark the search index: Pagefind over the pages of a built 1,000-case-study site.

    python benchmarks/search.py [--case-studies 1000] [--runs 3]

Builds a synthetic site (make_site.py, no photos) once, then times
build/search.build_index() on its staged pages, the way the build calls it:
the searchable pages linked into a folder of their own, Pagefind's binary run
over it, the filter lists sorted. Target: under 5 s for 1,000 case studies.
Also reports the home page's weight with and without search (it must not change:
the search box is a plain form, nothing of Pagefind loads until a visitor searches).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.make_site import generate, write_site  # noqa: E402
from portfoliogen.build.search import BUNDLE, build_index  # noqa: E402

TARGET_SECONDS = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case-studies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        root = Path(tmp) / "site"
        write_site(generate(args.case_studies, 0, 1), root)
        built = subprocess.run([sys.executable, "-m", "portfoliogen", "build"], cwd=root,
                               capture_output=True, text=True)
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            return 1
        out = root / "output"
        pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html")
                       if "data-pagefind-body" in p.read_text(encoding="utf-8"))
        times, cpu = [], []
        for _ in range(args.runs):
            shutil.rmtree(out / BUNDLE, ignore_errors=True)
            started, used = time.perf_counter(), _cpu_seconds()
            build_index(out, pages, Path(tmp) / "work")
            times.append(time.perf_counter() - started)
            cpu.append(_cpu_seconds() - used)
        size = sum(f.stat().st_size for f in (out / BUNDLE).rglob("*") if f.is_file())
        home = (out / "index.html").read_text(encoding="utf-8")
        print(f"pages indexed: {len(pages)}  bundle: {size / 1e6:.1f} MB")
        print(f"index time: median {statistics.median(times):.2f} s, min {min(times):.2f} s "
              f"(target < {TARGET_SECONDS:.0f} s)")
        print(f"CPU seconds (this process and Pagefind): median {statistics.median(cpu):.2f} s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        loads = [name for name in ("pagefind.js", "/pagefind/", "search.js", ".wasm") if name in home]
        print(f"home page loads of search: {loads or 'nothing'}")
        return 0 if statistics.median(times) < TARGET_SECONDS and not loads else 1


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    sys.exit(main())
