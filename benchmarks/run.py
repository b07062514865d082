"""Time `portfoliogen build` on synthetic sites, beside Hugo on the same content.

    python benchmarks/run.py [--sizes 100,1000] [--repeat 3] [--photos M] [--no-hugo]

For each size N it generates (once, under benchmarks/sites/) a portfoliogen
site with make_site.py and the same content as a Hugo site with
make_hugo_site.py, then times three builds, each the median of --repeat runs:

  cold       the cache folder and the output folder deleted first
  unchanged  a second build with nothing changed
  one edit   one case study's body gets one more sentence

portfoliogen's site has a search index (Pagefind) and Hugo's has none. So Hugo
is also timed as a Hugo user with the same search would run it: `hugo`, then
`pagefind --site public` over every page (Pagefind has no incremental mode),
with the Pagefind binary portfoliogen uses. `--no-search-peer` skips that run.

Every build runs as a subprocess of a tiny wrapper process that reports the
wall time and the peak memory of the build's process tree: the sum of PSS
(/proc/PID/smaps_rollup) over the tree sampled every 20 ms, which counts pages
shared by forked workers once (RSS summed over the tree as a fallback).
Linux only.

The results are printed as a Markdown table and written as JSON to
benchmarks/results/ (gitignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITES = HERE / "sites"
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

import make_hugo_site  # noqa: E402
import make_site  # noqa: E402

SCENARIOS = ("cold", "unchanged", "one edit")
EDIT_MARKER = "Benchmark edit"

# Runs one command, then prints {"rc", "wall", "maxrss_kb", "tree_kb"} as JSON.
WRAPPER = r"""
import json, os, resource, subprocess, sys, threading, time

def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out

def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0

def pss_kb(pid):
    # Proportional set size: a page shared by k processes (forked workers
    # and their parent) counts 1/k in each, so the sum is not inflated.
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return None

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
log, cmd = sys.argv[1], sys.argv[2:]
peak = pss_peak = 0
has_pss = os.path.exists("/proc/self/smaps_rollup")
with open(log, "wb") as out:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    done = threading.Event()
    def sample():
        global peak, pss_peak
        while not done.is_set():
            todo, total, pss = [proc.pid], 0, 0
            while todo:
                pid = todo.pop()
                total += rss_kb(pid)
                if has_pss:
                    pss += pss_kb(pid) or 0
                todo += children(pid)
            peak = max(peak, total)
            pss_peak = max(pss_peak, pss)
            done.wait(0.02)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rc = proc.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "maxrss_kb": usage.ru_maxrss, "tree_kb": peak,
                  "pss_kb": pss_peak if has_pss else None, "cpu": usage.ru_utime + usage.ru_stime}))
"""


@dataclass
class Run:
    wall: float
    peak_kb: int
    cpu: float
    deferred: float = 0.0   # seconds of work the build left running after it exited
    rss_kb: int = 0         # the RSS figure (larger of ru_maxrss and the tree's sampled sum)


@dataclass
class Measure:
    tool: str
    n: int
    scenario: str
    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    error: str | None = None

    @property
    def wall(self) -> float | None:
        return statistics.median(r.wall for r in self.runs) if self.runs and not self.error else None

    @property
    def peak_mb(self) -> float | None:
        return max(r.peak_kb for r in self.runs) / 1024 if self.runs and not self.error else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(r.cpu for r in self.runs) if self.runs and not self.error else None

    @property
    def pages_per_s(self) -> float | None:
        wall = self.wall
        return self.pages / wall if wall and self.pages else None


# ---------------------------------------------------------------- tools
class Tool:
    name = ""
    output = "output"
    caches: tuple[str, ...] = ()

    def __init__(self, root: Path, edit_file: Path):
        self.root = root
        self.edit_file = edit_file

    def command(self) -> list[str]:
        raise NotImplementedError

    def clean(self) -> None:
        self.settle()
        for rel in (self.output, *self.caches):
            path = self.root / rel
            for _ in range(50):   # a detached deleter may be removing parts of it too
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                elif path.exists() or path.is_symlink():
                    path.unlink(missing_ok=True)
                else:
                    break

    def settle(self, timeout: float = 300.0) -> float:
        """Wait for work the build left running after it exited; return the seconds waited."""
        return 0.0

    def count_pages(self) -> int:
        return sum(1 for _ in (self.root / self.output).rglob("*.html"))


class Portfoliogen(Tool):
    name = "portfoliogen"
    output = "output"
    caches = (".portfoliogen-cache",)

    def __init__(self, root: Path, edit_file: Path, cmd: list[str]):
        super().__init__(root, edit_file)
        self.cmd = cmd

    def command(self) -> list[str]:
        return [*self.cmd, "build"]

    def settle(self, timeout: float = 300.0) -> float:
        """portfoliogen moves the previous output into <cache>/trash and deletes it
        in a detached process after it exits; wait for that, so the next run
        does not compete with it (the wait is reported apart, not timed)."""
        trash = self.root / ".portfoliogen-cache" / "trash"
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            try:
                if not any(trash.iterdir()):
                    break
            except OSError:
                break
            time.sleep(0.05)
        return time.perf_counter() - start


class Hugo(Tool):
    name = "Hugo"
    output = "public"
    caches = ("resources/_gen", ".hugo-cache", ".hugo_build.lock")

    def __init__(self, root: Path, edit_file: Path, exe: str):
        super().__init__(root, edit_file)
        self.exe = exe

    def command(self) -> list[str]:
        return [self.exe, "--quiet"]


class HugoPagefind(Hugo):
    """Hugo, then Pagefind over its output: what a Hugo user runs for the same site search."""
    name = "Hugo+Pagefind"

    def __init__(self, root: Path, edit_file: Path, exe: str, pagefind: str):
        super().__init__(root, edit_file, exe)
        self.pagefind = pagefind

    def command(self) -> list[str]:
        return ["sh", "-c", '"$0" --quiet && "$1" --site public --silent', self.exe, self.pagefind]


def pagefind_executable() -> str | None:
    """The Pagefind binary portfoliogen runs (the `pagefind[bin]` package), else one on PATH."""
    try:
        from pagefind.service import get_executable
        found = get_executable()
    except ImportError:
        found = None
    return str(found) if found else shutil.which("pagefind")


def portfoliogen_command(explicit: str | None) -> list[str]:
    if explicit:
        return explicit.split()
    beside = Path(sys.executable).parent / "portfoliogen"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("portfoliogen")
    return [found] if found else [sys.executable, "-m", "portfoliogen"]


# ---------------------------------------------------------------- sites
def generator_hash() -> str:
    h = hashlib.sha256()
    for name in ("make_site.py", "make_hugo_site.py"):
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:16]


def edit_slug(data: make_site.SiteData) -> str:
    """The case study the "one edit" scenario touches: one in the middle, without a photo."""
    plain = [cs for cs in data.case_studies if cs.photo is None] or data.case_studies
    return plain[len(plain) // 2].slug


def ensure_sites(n: int, photos: int, seed: int, formats: list[str] | None,
                 hugo: bool) -> tuple[Path, Path, str]:
    """Generate (or reuse) the two sites for size n; return their roots and the edit slug."""
    fmt = "default" if formats is None else "-".join(formats) or "none"
    key = f"n{n}-p{photos}-s{seed}-f{fmt}"
    pg_root, hugo_root = SITES / f"pg-{key}", SITES / f"hugo-{key}"
    stamp = {"n": n, "photos": photos, "seed": seed, "formats": formats, "generator": generator_hash()}
    data = None

    def fresh(root: Path, edited: Path | None) -> bool:
        try:
            ok = json.loads((root / ".benchmark-site.json").read_text()) == stamp
        except (OSError, ValueError):
            return False
        return ok and edited is not None and EDIT_MARKER not in edited.read_text(encoding="utf-8")

    def load():
        nonlocal data
        if data is None:
            print(f"  generating content for N={n} (photos={photos}, seed={seed})", flush=True)
            data = make_site.generate(n, photos, seed, formats)
        return data

    slug_file = SITES / f".edit-slug-{key}"
    slug = slug_file.read_text().strip() if slug_file.exists() else edit_slug(load())
    slug_file.parent.mkdir(parents=True, exist_ok=True)
    slug_file.write_text(slug)

    if not fresh(pg_root, pg_root / "content" / "case-studies" / f"{slug}.md"):
        make_site.write_site(load(), pg_root)
        (pg_root / ".benchmark-site.json").write_text(json.dumps(stamp))
        print(f"  wrote {pg_root.relative_to(HERE.parent)}", flush=True)
    if hugo and not fresh(hugo_root, make_hugo_site.case_study_path(hugo_root, slug)
                          if (hugo_root / "content").exists() else None):
        make_hugo_site.write_hugo_site(load(), hugo_root)
        (hugo_root / ".benchmark-site.json").write_text(json.dumps(stamp))
        print(f"  wrote {hugo_root.relative_to(HERE.parent)}", flush=True)
    return pg_root, hugo_root, slug


# ---------------------------------------------------------------- timing
def run_once(tool: Tool, extra: list[str] | None = None,
             keep_log: list[str] | None = None) -> tuple[Run | None, str | None]:
    """One timed build. `extra` replaces the command (for --debug runs);
    `keep_log`, when given, receives the build's output."""
    with tempfile.NamedTemporaryFile(prefix="bench-", suffix=".log", delete=False) as tmp:
        log = Path(tmp.name)
    try:
        proc = subprocess.run([sys.executable, "-c", WRAPPER, str(log), *(extra or tool.command())],
                              cwd=tool.root, capture_output=True, text=True)
        if proc.returncode != 0:
            return None, f"wrapper failed: {proc.stderr.strip()[-500:]}"
        stats = json.loads(proc.stdout.strip().splitlines()[-1])
        if keep_log is not None:
            keep_log.append(log.read_text(errors="replace"))
        if stats["rc"] != 0:
            tail = log.read_text(errors="replace").strip().splitlines()[-5:]
            return None, f"exit status {stats['rc']}: " + " | ".join(tail)
        # Peak memory: the sum of PSS over the process tree (RSS would count
        # pages shared by forked workers once per process); where the kernel
        # has no smaps_rollup, the older RSS figure.
        peak = stats.get("pss_kb") or max(stats["maxrss_kb"], stats["tree_kb"])
        return Run(stats["wall"], peak, stats["cpu"], rss_kb=max(stats["maxrss_kb"], stats["tree_kb"])), None
    finally:
        log.unlink(missing_ok=True)


def drop_page_cache() -> None:
    """Write back and drop the kernel's page cache (root only). Cold builds run back to back
    otherwise pay for the earlier runs' files: on this project's 2-core machine, up to 2 s more
    system time at 1,000 case studies in whichever build ran later, whatever its code."""
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as handle:
        handle.write("3\n")
    time.sleep(1)


def measure(tool: Tool, n: int, repeat: int, drop_caches: bool = False) -> list[Measure]:
    original = tool.edit_file.read_text(encoding="utf-8")
    results = {s: Measure(tool.name, n, s) for s in SCENARIOS}
    try:
        for scenario in SCENARIOS:
            m = results[scenario]
            for i in range(repeat):
                if scenario == "cold":
                    tool.clean()
                    if drop_caches:
                        drop_page_cache()
                elif scenario == "one edit":
                    with tool.edit_file.open("a", encoding="utf-8") as f:
                        f.write(f"\n{EDIT_MARKER} {i + 1}: one more sentence about the project.\n")
                run, error = run_once(tool)
                if error:
                    m.error = error
                    break
                run.deferred = tool.settle()
                m.runs.append(run)
                print(f"    {tool.name:12} N={n:<5} {scenario:9} run {i + 1}: {run.wall:7.2f} s "
                      f"(CPU {run.cpu:6.2f} s) {run.peak_kb / 1024:6.0f} MB PSS, {run.rss_kb / 1024:6.0f} MB RSS"
                      + (f"  +{run.deferred:.2f} s deferred deletion" if run.deferred > 0.1 else ""),
                      flush=True)
            if m.error:
                print(f"    {tool.name:12} N={n:<5} {scenario:9} FAILED: {m.error}", flush=True)
                if scenario == "cold":
                    for s in SCENARIOS[1:]:
                        results[s].error = "cold build failed"
                    break
            else:
                m.pages = tool.count_pages()
    finally:
        tool.edit_file.write_text(original, encoding="utf-8")
    return list(results.values())


STAGE_LINE = re.compile(r"^(\w[^\n:]*): (\d+\.\d+) s$", re.M)
WHOLE = "(whole process)"


def stages(tool: Portfoliogen) -> dict[str, dict[str, float]]:
    """Per-stage seconds of one cold and one unchanged `portfoliogen --debug build`
    (build.py logs each stage at debug level as "name: 1.234 s")."""
    out: dict[str, dict[str, float]] = {}
    for scenario in ("cold", "unchanged"):
        if scenario == "cold":
            tool.clean()
        logs: list[str] = []
        run, error = run_once(tool, [*tool.cmd, "--debug", "build"], logs)
        if error:
            print(f"    stage timings ({scenario}) failed: {error}")
            continue
        for name, secs in STAGE_LINE.findall(logs[0]):
            out.setdefault(name, {})[scenario] = float(secs)
        out.setdefault(WHOLE, {})[scenario] = run.wall
        tool.settle()
    return out


def stage_table(n: int, timings: dict[str, dict[str, float]]) -> str:
    timings = dict(timings)
    whole = timings.pop(WHOLE, {})
    totals = {s: sum(t.get(s, 0.0) for t in timings.values()) for s in ("cold", "unchanged")}
    timings["(outside stages: start-up, imports)"] = {
        s: whole[s] - totals[s] for s in whole if totals[s]}
    timings[WHOLE] = whole
    lines = [f"| stage (N={n}) | cold | share | unchanged | share |", "|---|---:|---:|---:|---:|"]
    for name, t in timings.items():
        row = [name]
        for s in ("cold", "unchanged"):
            v = t.get(s)
            share = v / totals[s] * 100 if v is not None and totals[s] and name != WHOLE and \
                not name.startswith("(outside") else None
            row += ["–" if v is None else f"{v:.3f} s",
                    "–" if share is None else f"{share:.0f}%" + (" ⚠" if share > 8 else "")]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def versions(pg_cmd: list[str], hugo_exe: str | None) -> dict[str, str]:
    """What was measured: `portfoliogen --version` (+ the git commit when run
    from a checkout) and `hugo version`."""
    def out(cmd: list[str], cwd: Path | None = None) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd,
                                  timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    pg = out([*pg_cmd, "--version"]) or "portfoliogen (unknown version)"
    commit = out(["git", "rev-parse", "--short", "HEAD"], HERE.parent)
    if commit:
        dirty = out(["git", "status", "--porcelain", "--untracked-files=no"], HERE.parent)
        pg += f" at {commit}{'+changes' if dirty else ''}"
    result = {"portfoliogen": pg}
    if hugo_exe:
        result["hugo"] = (out([hugo_exe, "version"]).split(" BuildDate")[0] or "hugo")
    return result


# ---------------------------------------------------------------- report
def fmt(value: float | None, spec: str, unit: str = "") -> str:
    return "failed" if value is None else f"{value:{spec}}{unit}"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "–"


def table(pg: list[Measure], hugo: list[Measure], searched: list[Measure] | None = None) -> str:
    hugo_by = {(m.n, m.scenario): m for m in hugo}
    if searched:
        return table(pg, hugo) + "\n\n" + search_table(pg, searched)
    if hugo:
        lines = ["| N | build | portfoliogen | Hugo | ratio | CPU | Hugo CPU | peak PSS | Hugo peak PSS "
                 "| memory ratio | pages/s | Hugo pages/s |",
                 "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    else:
        lines = ["| N | build | portfoliogen | CPU | peak PSS | pages/s |",
                 "|---:|---|---:|---:|---:|---:|"]
    for m in pg:
        row = [str(m.n), m.scenario, fmt(m.wall, ".2f", " s")]
        h = hugo_by.get((m.n, m.scenario))
        if hugo:
            row += [fmt(h.wall, ".2f", " s") if h else "–", ratio(m.wall, h.wall if h else None)]
            row += [fmt(m.cpu, ".2f", " s"), fmt(h.cpu, ".2f", " s") if h else "–"]
            row += [fmt(m.peak_mb, ".0f", " MB"), fmt(h.peak_mb, ".0f", " MB") if h else "–",
                    ratio(m.peak_mb, h.peak_mb if h else None)]
            row += [fmt(m.pages_per_s, ".0f"), fmt(h.pages_per_s, ".0f") if h else "–"]
        else:
            row += [fmt(m.cpu, ".2f", " s"), fmt(m.peak_mb, ".0f", " MB"), fmt(m.pages_per_s, ".0f")]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def search_table(pg: list[Measure], searched: list[Measure]) -> str:
    """portfoliogen beside Hugo+Pagefind: the same site with the same search."""
    by = {(m.n, m.scenario): m for m in searched}
    lines = ["| N | build | portfoliogen | Hugo+Pagefind | ratio | CPU | Hugo+Pagefind CPU | peak PSS "
             "| Hugo+Pagefind peak PSS |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for m in pg:
        h = by.get((m.n, m.scenario))
        row = [str(m.n), m.scenario, fmt(m.wall, ".2f", " s"), fmt(h.wall, ".2f", " s") if h else "–",
               ratio(m.wall, h.wall if h else None), fmt(m.cpu, ".2f", " s"),
               fmt(h.cpu, ".2f", " s") if h else "–", fmt(m.peak_mb, ".0f", " MB"),
               fmt(h.peak_mb, ".0f", " MB") if h else "–"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000",
                        help="comma-separated numbers of case studies (default 100,1000; e.g. 4000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is shown")
    parser.add_argument("--photos", type=int, default=0,
                        help="give the first M case studies a 2400x1600 photo cover")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--image-formats", default="webp",
                        help="images.formats for portfoliogen (default webp, which Hugo can also "
                             "encode; 'default' keeps portfoliogen's own default)")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo comparison")
    parser.add_argument("--no-search-peer", action="store_true",
                        help="skip timing Hugo followed by Pagefind (the same site search as portfoliogen's)")
    parser.add_argument("--drop-caches", action="store_true",
                        help="before each cold build, write back and drop the kernel's page cache "
                             "(root only): a fairer before/after comparison of cold builds")
    parser.add_argument("--stages", action="store_true",
                        help="also show portfoliogen's own per-stage timings (from --debug) per size")
    parser.add_argument("--hugo", default=None, help="the hugo executable (default: hugo on PATH)")
    parser.add_argument("--portfoliogen", default=None,
                        help="command running portfoliogen (default: the one installed beside "
                             "this Python, else python -m portfoliogen)")
    args = parser.parse_args(argv)

    if not sys.platform.startswith("linux"):
        parser.error("run.py measures memory through /proc and getrusage: Linux only")
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be comma-separated integers, not {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.repeat < 1 or args.photos < 0:
        parser.error("--sizes, --repeat must be positive and --photos not negative")
    if args.drop_caches and not os.access("/proc/sys/vm/drop_caches", os.W_OK):
        parser.error("--drop-caches writes /proc/sys/vm/drop_caches: run as root, or without it")
    formats = None if args.image_formats == "default" else \
        [f for f in args.image_formats.split(",") if f]
    hugo_exe = None if args.no_hugo else (args.hugo or shutil.which("hugo"))
    if not args.no_hugo and not hugo_exe:
        print("hugo not found on PATH: measuring portfoliogen alone (pass --no-hugo to silence)")
    pagefind = None if args.no_search_peer or not hugo_exe else pagefind_executable()
    if hugo_exe and not args.no_search_peer and not pagefind:
        print("Pagefind not found: no Hugo+Pagefind figures (pass --no-search-peer to silence)")
    pg_cmd = portfoliogen_command(args.portfoliogen)

    tools = versions(pg_cmd, hugo_exe)
    print("; ".join(tools.values()), flush=True)
    pg_results: list[Measure] = []
    hugo_results: list[Measure] = []
    searched_results: list[Measure] = []
    stage_results: dict[int, dict[str, dict[str, float]]] = {}
    for n in sizes:
        photos = min(args.photos, n)
        print(f"N={n}: {photos} photos, {args.repeat} runs per figure", flush=True)
        pg_root, hugo_root, slug = ensure_sites(n, photos, args.seed, formats, hugo_exe is not None)
        pg = Portfoliogen(pg_root, pg_root / "content" / "case-studies" / f"{slug}.md", pg_cmd)
        pg_results += measure(pg, n, args.repeat, args.drop_caches)
        if args.stages and not pg_results[-3].error:
            stage_results[n] = stages(pg)
        if hugo_exe:
            hugo = Hugo(hugo_root, make_hugo_site.case_study_path(hugo_root, slug), hugo_exe)
            hugo_results += measure(hugo, n, args.repeat, args.drop_caches)
            if pagefind:
                searched = HugoPagefind(hugo_root, make_hugo_site.case_study_path(hugo_root, slug), hugo_exe,
                                        pagefind)
                searched_results += measure(searched, n, args.repeat, args.drop_caches)

    print()
    print(f"portfoliogen build vs {'Hugo' if hugo_exe else '(no Hugo)'}: median of {args.repeat} "
          f"runs, photos={args.photos}, image formats={args.image_formats}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"ratio = portfoliogen / Hugo")
    print("; ".join(tools.values()))
    print()
    print(table(pg_results, hugo_results, searched_results))
    for n, timings in stage_results.items():
        print()
        print(stage_table(n, timings))
    for m in pg_results + hugo_results + searched_results:
        if m.error and m.error != "cold build failed":
            print(f"\n{m.tool} N={m.n} {m.scenario}: {m.error}")

    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"run-{stamp}.json"
    out.write_text(json.dumps({
        "args": vars(args), "cpus": os.cpu_count(), "versions": tools, "portfoliogen": pg_cmd, "hugo": hugo_exe,
        "stages": stage_results,
        "results": [{**asdict(m), "median_s": m.wall, "median_cpu_s": m.cpu, "peak_mb": m.peak_mb,
                     "pages_per_s": m.pages_per_s} for m in pg_results + hugo_results + searched_results],
    }, indent=2))
    print(f"\nresults written to {out.relative_to(HERE.parent)}")
    return 1 if any(m.error for m in pg_results + hugo_results + searched_results) else 0


if __name__ == "__main__":
    sys.exit(main())
