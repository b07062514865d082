"""Benchmark the search index: Pagefind over the pages of a built 1,000-case-study site.

    python benchmarks/search.py [--case-studies 1000] [--runs 3]

Builds a synthetic site (make_site.py, no photos) once, then times
build/search.build_index() on its pages the way the build calls it, twice a run:
cold (every shard indexed, two Pagefind runs at once) and after one page changed
(that page's shard indexed, the others copied from the previous bundle). Target:
cold under 5 s for 1,000 case studies. Also reports the home page's weight with and
without search (it must not change: the search box is a plain form, nothing of
Pagefind loads until a visitor searches).
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
from portfoliogen.build.search import BUNDLE, Previous, build_index  # noqa: E402

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
        times, cpu, edit_times = [], [], []
        previous = Path(tmp) / "previous"
        for run in range(args.runs):
            shutil.rmtree(out / BUNDLE, ignore_errors=True)
            started, used = time.perf_counter(), _cpu_seconds()
            records = build_index(out, pages, Path(tmp) / "work")
            times.append(time.perf_counter() - started)
            cpu.append(_cpu_seconds() - used)
            # One page changed: the bundle as the previous output left it, the page edited.
            shutil.rmtree(previous, ignore_errors=True)
            shutil.move(out / BUNDLE, previous / BUNDLE)
            edited = out / pages[run * 97 % len(pages)]
            original = edited.read_bytes()
            edited.write_bytes(original.replace(b"</main>", b"<p>One more sentence.</p></main>", 1))
            started = time.perf_counter()
            build_index(out, pages, Path(tmp) / "work", Previous(
                records, lambda rel: previous / rel if (previous / rel).is_file() else None,
                lambda rel, src: _copy(src, out / rel)))
            edit_times.append(time.perf_counter() - started)
            edited.write_bytes(original)
        size = sum(f.stat().st_size for f in (out / BUNDLE).rglob("*") if f.is_file())
        home = (out / "index.html").read_text(encoding="utf-8")
        print(f"pages indexed: {len(pages)} in {len(records)} shards  bundle: {size / 1e6:.1f} MB")
        print(f"index time, cold: median {statistics.median(times):.2f} s, min {min(times):.2f} s "
              f"(target < {TARGET_SECONDS:.0f} s)")
        print(f"index time, one page changed: median {statistics.median(edit_times):.2f} s, "
              f"min {min(edit_times):.2f} s")
        print(f"CPU seconds, cold (this process and Pagefind): median {statistics.median(cpu):.2f} s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        loads = [name for name in ("pagefind.js", "/pagefind/", "search.js", ".wasm") if name in home]
        print(f"home page loads of search: {loads or 'nothing'}")
        return 0 if statistics.median(times) < TARGET_SECONDS and not loads else 1


def _copy(src: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    sys.exit(main())
