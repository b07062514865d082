"""A typical freelancer's site, timed the way its owner meets it.

    python benchmarks/typical.py                 # 30 case studies x 4 photos (12 MP), 3 runs, 10 saves
    python benchmarks/typical.py --quick         # 6 case studies x 2 photos (3 MP), 1 run, 3 saves: a smoke run

The site: 30 case studies (make_site.py's bodies and front matter), each with a
cover and 3 photos in its body; 120 photos of ~12 MP made from the camera and
orientation photos in /work/shared/testdata/photos (scaled up or down to 4000x3000
or 3000x4000 and cropped at a different place each, so every file is different;
made once and kept in benchmarks/sites/.typical-photos/); 10 testimonials and 5
services. Three figures, each the median of --repeat runs (wall and CPU of the
build's process tree, peak PSS, measured by run.py's wrapper):

- cold: no cache, no output/ (a CI job without a cache);
- CI, cache restored: output/ deleted, the cache folder kept (a CI job that
  restores `.portfoliogen-cache/`);
- save -> served: `portfoliogen serve` running, a sentence appended to one case
  study, a stylesheet rule, a template marker (bench_serve.py's edits), time until
  the page over HTTP shows it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_serve  # noqa: E402
import make_site  # noqa: E402
import run as runner  # noqa: E402

PHOTOS = Path("/work/shared/testdata/photos")
PHOTO_CACHE = HERE / "sites" / ".typical-photos"


def source_photos() -> list[Path]:
    return sorted(p for folder in ("cameras", "orientation") for p in (PHOTOS / folder).glob("*.jpg"))


def make_photos(count: int, size: tuple[int, int]) -> list[Path]:
    """`count` different photos of about size[0] x size[1] (landscape) or the
    transpose (every third is portrait), cached by count and size."""
    from PIL import Image, ImageOps

    folder = PHOTO_CACHE / f"{count}-{size[0]}x{size[1]}"
    made = sorted(folder.glob("*.jpg"))
    if len(made) == count:
        return made
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = source_photos()
    rng = random.Random(7)
    for i in range(count):
        with Image.open(sources[i % len(sources)]) as im:
            im = ImageOps.exif_transpose(im).convert("RGB")
            w, h = size if i % 3 else size[::-1]
            scale = max(w / im.width, h / im.height) * (1 + rng.random() * 0.3)
            im = im.resize((round(im.width * scale), round(im.height * scale)), Image.Resampling.BICUBIC)
            left, top = rng.randint(0, im.width - w), rng.randint(0, im.height - h)
            im = im.crop((left, top, left + w, top + h))
            if i % 2:
                im = ImageOps.mirror(im)
            im.save(folder / f"photo-{i:03d}.jpg", quality=88)
    return sorted(folder.glob("*.jpg"))


def write_typical_site(root: Path, studies: int, per_study: int, size: tuple[int, int]) -> str:
    """The site into `root`; returns the slug of the case study the saves edit."""
    data = make_site.generate(studies, photos=0, seed=3)
    data.testimonials = data.testimonials[:10]
    kept = {t["id"] for t in data.testimonials}
    fifth = dict(data.services[-1], id="care-plan", name="Care plan")
    data.services = (data.services + [fifth])[:5]
    for cs in data.case_studies:
        if "testimonials" in cs.front:
            cs.front["testimonials"] = [t for t in cs.front["testimonials"] if t in kept]
    shutil.rmtree(root, ignore_errors=True)
    make_site.write_site(data, root)
    photos = iter(make_photos(studies * per_study, size))
    images = root / "content" / "images"
    images.mkdir()
    for cs in data.case_studies:
        path = root / "content" / "case-studies" / f"{cs.slug}.md"
        names = []
        for k in range(per_study):
            name = f"{cs.slug}-{k}.jpg"
            shutil.copyfile(next(photos), images / name)
            names.append(name)
        text = path.read_text(encoding="utf-8")
        front, _, body = text[4:].partition("\n---\n")
        front += f"\ncover: images/{names[0]}\ncover_alt: The finished work for {cs.front['client']}"
        body += "".join(f"\n\n![A photo from the project, {k}](../images/{n})\n" for k, n in enumerate(names[1:], 1))
        path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return data.case_studies[len(data.case_studies) // 2].slug


def timed(root: Path, slug: str, repeat: int, before) -> list[runner.Run]:
    edited = root / "content" / "case-studies" / f"{slug}.md"
    tool = runner.Portfoliogen(root, edited, runner.portfoliogen_command(None))
    runs = []
    for _ in range(repeat):
        before()
        result, error = runner.run_once(tool)
        if result is None:
            raise SystemExit(f"build failed: {error}")
        runs.append(result)
    return runs


def median(runs, attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args(argv)
    studies, per_study, size = (6, 2, (2000, 1500)) if args.quick else (30, 4, (4000, 3000))
    repeat, saves = (1, 3) if args.quick else (args.repeat, args.saves)
    root = HERE / "sites" / ("typical-quick" if args.quick else "typical")
    slug = write_typical_site(root, studies, per_study, size)
    print(f"typical site: {studies} case studies x {per_study} photos ({size[0]}x{size[1]}), "
          f"10 testimonials, 5 services; {repeat} run(s), {saves} saves", flush=True)

    def wipe(cache: bool) -> None:
        shutil.rmtree(root / "output", ignore_errors=True)
        if cache:
            shutil.rmtree(root / ".portfoliogen-cache", ignore_errors=True)

    rows = [("cold (CI, no cache)", timed(root, slug, repeat, lambda: wipe(cache=True))),
            ("CI, cache restored", timed(root, slug, repeat, lambda: wipe(cache=False)))]
    server = bench_serve.Portfoliogen(root, slug)
    try:
        edits = bench_serve.run_edits(server, slug, saves)
    finally:
        server.stop()
    print("\n| work | wall | CPU | peak PSS |\n|---|---|---|---|")
    for name, runs in rows:
        print(f"| {name} | {median(runs, 'wall'):.2f} s | {median(runs, 'cpu'):.2f} s | "
              f"{max(r.peak_kb for r in runs) / 1024:.0f} MB |")
    print(f"| serve start-up | {server.startup:.2f} s | | |")
    for kind, times in edits.items():
        print(f"| save -> served, {kind} | {statistics.median(times) * 1000:.0f} ms | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
