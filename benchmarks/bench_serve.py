"""How long from saving a file to `portfoliogen serve` serving the new page.

    python benchmarks/bench_serve.py                    # N = 1000, 20 saves per edit kind, Hugo beside it
    python benchmarks/bench_serve.py --quick            # N = 100, 5 saves: a smoke run
    python benchmarks/bench_serve.py --sizes 100,1000 --saves 20 --no-hugo

For each size N a synthetic site is made with make_site.py (and the same site
for Hugo with make_hugo_site.py when it exists and `hugo` is installed), the
real CLI is started (`portfoliogen serve --port P`, `hugo server`), and three
kinds of edit are saved `--saves` times each. portfoliogen starts twice on the
same port, as a writer's `serve` does every day on 8000: first cold (its build
cache removed), then warm, from what the first session left when it stopped;
the edits run on the warm one and both start-ups are reported.

- case study: a sentence appended to one case study's body; done when that
  case study's page is served with it;
- CSS: a rule appended to the theme's stylesheet (a site override of
  themes/default/assets/site.css; Hugo: assets/site.css behind `fingerprint`);
  done when the page links a stylesheet that contains it;
- template: a marker added to the case-study template (a site override of
  case_study.html; Hugo: layouts/work/single.html); done when the page has it.

"Done" is seen by polling over HTTP every 2 ms, as a browser reload would.
Reported: the median and the 90th percentile in ms (time from just before the
write to the first response with the new content; it includes the server's
quiet period: 2 ms once the written file is closed on Linux, otherwise 50 ms, or
12 ms for theme assets, which lets bursts of saves make one build), the start-up
time (process start to first page) and the memory of the server's process
tree (RSS now, and the peak of the main process, VmHWM). The first save of each
kind is printed too (the first case-study save is the first save after the warm
start). Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SITES = HERE / "sites"
RESULTS = HERE / "results"
POLL = 0.002


# ---------------------------------------------------------------- HTTP and /proc
def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def tree_pids(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                pass
    return pids


def status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(pid: int) -> dict[str, float]:
    return {"rss_mib": sum(status_kib(p, "VmRSS") for p in tree_pids(pid)) / 1024,
            "peak_mib": status_kib(pid, "VmHWM") / 1024}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll `check` until true; the seconds it took."""
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{what}: nothing after {timeout:.0f} s")
        time.sleep(POLL)
    return time.perf_counter() - started


# ---------------------------------------------------------------- the two servers
class Server:
    name = ""
    proc: subprocess.Popen
    base = ""          # http://127.0.0.1:PORT/portfolio/

    def page(self, slug: str) -> str:
        return f"{self.base}work/{slug}/"

    def stylesheet_with(self, page_url: str, needle: str) -> bool:
        html = get(page_url)
        if html is None:
            return False
        for href in re.findall(r'<link rel="?stylesheet"? href="([^"]+)"', html):
            css = get(self.origin + href if href.startswith("/") else href)
            if css and needle in css:
                return True
        return False

    @property
    def origin(self) -> str:
        return re.match(r"http://[^/]+", self.base)[0]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Portfoliogen(Server):
    name = "portfoliogen serve"

    def __init__(self, site: Path, slug: str, port: int = 0) -> None:
        self.site = site
        css = site / "themes" / "default" / "assets" / "site.css"
        template = site / "themes" / "default" / "templates" / "case_study.html"
        css.parent.mkdir(parents=True, exist_ok=True)
        template.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "themes" / "default" / "assets" / "site.css", css)
        shutil.copyfile(REPO / "themes" / "default" / "templates" / "case_study.html", template)
        self.css, self.template = css, template
        self.study = site / "content" / "case-studies" / f"{slug}.md"
        started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "portfoliogen", "serve", "--port", str(port)],
                                     cwd=site, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        for line in self.proc.stdout:
            match = re.search(r"Serving (http://\S+)", line)
            if match:
                self.base = match[1]
                break
        else:
            raise RuntimeError("portfoliogen serve did not start")
        # Keep reading its output (a closed pipe would make its prints fail).
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        wait_until(lambda: get(self.page(slug)) is not None, 600, "first page")
        self.startup = time.perf_counter() - started
        self.block_marker = "{% block content %}"


class Hugo(Server):
    name = "hugo server"

    def __init__(self, site: Path, slug: str, hugo: str) -> None:
        self.site = site
        self.css = site / "assets" / "site.css"
        self.css.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / "themes" / "default" / "assets" / "site.css", self.css)
        baseof = site / "layouts" / "_default" / "baseof.html"
        text = baseof.read_text(encoding="utf-8")
        if "site.css" not in text:
            link = '{{ with resources.Get "site.css" | fingerprint }}<link rel="stylesheet" href="{{ .RelPermalink }}">{{ end }}\n'
            baseof.write_text(text.replace("</head>", link + "</head>", 1), encoding="utf-8")
        self.template = site / "layouts" / "work" / "single.html"
        flat = site / "content" / "work" / f"{slug}.md"
        self.study = flat if flat.exists() else site / "content" / "work" / slug / "index.md"
        port = free_port()
        started = time.perf_counter()
        self.proc = subprocess.Popen([hugo, "server", "--bind", "127.0.0.1", "--port", str(port),
                                      "--appendPort=true", "--disableBrowserError"],
                                     cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base_path = re.search(r'baseURL = "https?://[^/]+(/[^"]*)"', (site / "hugo.toml").read_text())[1]
        self.base = f"http://127.0.0.1:{port}{base_path}"
        wait_until(lambda: get(self.page(slug)) is not None, 600, "first page")
        self.startup = time.perf_counter() - started
        self.block_marker = '{{ define "main" }}'


# ---------------------------------------------------------------- the edits
def run_edits(server: Server, slug: str, saves: int) -> dict[str, list[float]]:
    page = server.page(slug)
    study0 = server.study.read_text(encoding="utf-8")
    css0 = server.css.read_text(encoding="utf-8")
    template0 = server.template.read_text(encoding="utf-8")
    assert server.block_marker in template0, server.template
    tag = f"{os.getpid()}-{int(time.time())}"

    edits = {
        "case study": (server.study,
                       lambda k: study0 + f"\n\nBench edit {tag} {k}.\n",
                       lambda k: f"Bench edit {tag} {k}." in (get(page) or "")),
        "CSS": (server.css,
                lambda k: css0 + f"\n.bench-{tag}-{k} {{ color: red }}\n",
                lambda k: server.stylesheet_with(page, f".bench-{tag}-{k}")),
        "template": (server.template,
                     lambda k: template0.replace(server.block_marker,
                                                 server.block_marker + f'<span hidden data-bench="{tag}-{k}"></span>', 1),
                     lambda k: f'data-bench="{tag}-{k}"' in (get(page) or "")),
    }
    times: dict[str, list[float]] = {}
    try:
        for kind, (path, content, done) in edits.items():
            times[kind] = []
            for k in range(saves):
                text = content(k)
                started = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                wait_until(lambda: done(k), 600, f"{server.name}: {kind} save {k}")
                times[kind].append(time.perf_counter() - started)
                time.sleep(0.2)   # let the watcher settle between saves
            print(f"  {kind:<11} median {statistics.median(times[kind]) * 1000:8.0f} ms, "
                  f"first {times[kind][0] * 1000:5.0f} ms", flush=True)
    finally:
        server.study.write_text(study0, encoding="utf-8")
        server.css.write_text(css0, encoding="utf-8")
        server.template.write_text(template0, encoding="utf-8")
    return times


def summarize(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return {"median_ms": statistics.median(ordered) * 1000, "p90_ms": p90 * 1000,
            "min_ms": ordered[0] * 1000, "first_ms": times[0] * 1000, "saves": len(ordered)}


def make_sites(n: int, fresh: bool, hugo: bool) -> tuple[Path, Path | None]:
    ours = SITES / f"serve-{n}"
    theirs = SITES / f"serve-{n}-hugo"
    if fresh or not (ours / "config.yaml").is_file():
        shutil.rmtree(ours, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "make_site.py"), str(ours), "--case-studies", str(n)],
                       check=True, stdout=subprocess.DEVNULL)
    if not hugo:
        return ours, None
    if fresh or not (theirs / "hugo.toml").is_file():
        shutil.rmtree(theirs, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "make_hugo_site.py"), str(theirs), "--case-studies", str(n)],
                       check=True, stdout=subprocess.DEVNULL)
    return ours, theirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated N (case studies)")
    parser.add_argument("--saves", type=int, default=20, help="saves per edit kind")
    parser.add_argument("--quick", action="store_true", help="N=100 and 5 saves")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--hugo", default=shutil.which("hugo") or "/usr/bin/hugo")
    parser.add_argument("--fresh", action="store_true", help="regenerate the synthetic sites")
    args = parser.parse_args(argv)
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    saves = 5 if args.quick else args.saves
    use_hugo = (not args.no_hugo and (HERE / "make_hugo_site.py").is_file() and Path(args.hugo).is_file())

    report = {"saves": saves, "load": os.getloadavg(), "cpus": os.cpu_count(), "sizes": {}}
    for n in sizes:
        ours, theirs = make_sites(n, args.fresh, use_hugo)
        slug = sorted(p.stem for p in (ours / "content" / "case-studies").glob("*.md"))[n // 2]
        port = free_port()

        def ours_warm() -> Server:
            # Start-up twice on the same port (a writer's `serve` is on 8000 every day): cold, with
            # the build cache removed, then warm, from what the first session left on stop.
            shutil.rmtree(ours / ".portfoliogen-cache", ignore_errors=True)
            cold = Portfoliogen(ours, slug, port)
            cold.stop()
            print(f"N={n} {cold.name}: cold start in {cold.startup:.1f} s", flush=True)
            warm = Portfoliogen(ours, slug, port)
            warm.cold_startup = cold.startup
            return warm

        targets: list[Callable[[], Server]] = [ours_warm]
        if theirs is not None:
            targets.append(lambda: Hugo(theirs, slug, args.hugo))
        report["sizes"][n] = {}
        for make in targets:
            server = make()
            try:
                print(f"N={n} {server.name}: started in {server.startup:.1f} s", flush=True)
                times = run_edits(server, slug, saves)
                result = {kind: summarize(t) for kind, t in times.items()}
                result["startup_s"] = server.startup
                result["cold_startup_s"] = getattr(server, "cold_startup", server.startup)
                result["memory"] = memory(server.proc.pid)
                report["sizes"][n][server.name] = result
            finally:
                server.stop()

    print()
    print(f"save -> new page served, median / p90 of {saves} saves (ms); load average {report['load'][0]:.1f}")
    print(f"{'N':>5}  {'server':<20}{'case study':>16}{'CSS':>16}{'template':>16}{'start s':>9}{'cold s':>8}{'RSS MiB':>9}")
    for n, servers in report["sizes"].items():
        for name, r in servers.items():
            cells = "".join(f"{r[k]['median_ms']:>8.0f} /{r[k]['p90_ms']:>6.0f}" for k in ("case study", "CSS", "template"))
            print(f"{n:>5}  {name:<20}{cells}{r['startup_s']:>9.1f}{r['cold_startup_s']:>8.1f}{r['memory']['rss_mib']:>9.0f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"serve-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\n(details: {out.relative_to(REPO)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
