"""Build time of a two-language site against the same site in one language.

    python benchmarks/languages.py [--sizes 100,1000] [--repeat 3]

For each N: make_site.py's site of N case studies in English, and the same
site with every case study and page translated into Portuguese (a `.pt.md`
beside each, with its own text: 2N case studies in all). Times three builds
of each, the median of --repeat runs: cold (cache and output deleted),
unchanged, and one edit (one case study's body). The goal: the two-language
site of N per language within ~2x the one-language site of N.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITES = HERE / "sites"
sys.path.insert(0, str(HERE))

import make_site  # noqa: E402


def make_sites(n: int) -> tuple[Path, Path]:
    one, two = SITES / f"lang1-{n}", SITES / f"lang2-{n}"
    for root in (one, two):
        shutil.rmtree(root, ignore_errors=True)
    data = make_site.generate(n)
    make_site.write_site(data, one)
    make_site.write_site(data, two)
    other = make_site.generate(n, seed=2)   # the "translations": other text of the same shape
    for cs, tr in zip(data.case_studies, other.case_studies):
        front = {**tr.front, "slug": f"{cs.slug}-pt"}
        for key in ("services", "testimonials", "cover", "cover_alt"):
            front.pop(key, None)
        body = tr.body.replace("{{xref:", "{{").replace("}}", "")
        (two / "content/case-studies" / f"{cs.slug}.pt.md").write_text(
            make_site.front_matter(front, body), encoding="utf-8")
    for slug, front, body in data.pages:
        (two / "content/pages" / f"{slug}.pt.md").write_text(
            make_site.front_matter({**front, "title": front["title"] + " (pt)"}, body), encoding="utf-8")
    config = two / "config.yaml"
    text = config.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("language:"))
    config.write_text(text + "\nlanguages: [en, pt]\n", encoding="utf-8")
    return one, two


def timed_build(site: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "portfoliogen", "build"], cwd=site,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{site}: build failed\n{result.stderr}")
    return time.perf_counter() - started


def scenarios(site: Path, repeat: int) -> dict[str, float]:
    cold, unchanged, edit = [], [], []
    study = sorted((site / "content/case-studies").glob("*.md"))[0]
    original = study.read_text(encoding="utf-8")
    for i in range(repeat):
        shutil.rmtree(site / ".portfoliogen-cache", ignore_errors=True)
        shutil.rmtree(site / "output", ignore_errors=True)
        cold.append(timed_build(site))
        unchanged.append(timed_build(site))
        study.write_text(original + f"\nBenchmark edit {i}.\n", encoding="utf-8")
        edit.append(timed_build(site))
    study.write_text(original, encoding="utf-8")
    return {"cold": statistics.median(cold), "unchanged": statistics.median(unchanged),
            "one edit": statistics.median(edit)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| N per language | build | 1 language | 2 languages | ratio |")
    print("|---:|---|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        one, two = make_sites(n)
        a, b = scenarios(one, args.repeat), scenarios(two, args.repeat)
        for name in a:
            print(f"| {n} | {name} | {a[name]:.2f} s | {b[name]:.2f} s | {b[name] / a[name]:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
