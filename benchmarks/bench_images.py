"""Benchmark the image pipeline alone.

    python benchmarks/bench_images.py [--count 100] [--widths 480,960,1600]
                                      [--formats avif,webp] [--quality 75] [--workers N]

Generates COUNT photo-like 2400x1600 JPEGs (crops of the real test photos,
resized, with sensor-like noise, so they compress like photos), then times:

  cold   process_images() into a fresh cache
  warm   the same call again (must decode nothing)
  floor  a bare Pillow loop in this process, one image after the other:
         open + draft + load + resize + encode the same variants (same widths,
         formats and encoder settings) to memory; divided by the core count,
         it is what perfect parallelism with zero overhead would take.

and Eleventy's image plugin (@11ty/eleventy-img, sharp) on the same photos,
widths, formats and qualities, in the same run, for the ratio cold / Eleventy.

Target: cold <= 1.3 x floor / cores. Peak memory is the RSS of the whole
process tree (this process, the forkserver and the workers), sampled from
/proc every 20 ms, with the CPU seconds of the same tree. On a shared machine
wall times swing with other load, so the script also calibrates how many
cores' worth of work actually ran in parallel, and compares CPU seconds
(cold vs floor), which other load does not change.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from PIL import Image, ImageChops, ImageFilter  # noqa: E402  (the benchmark measures Pillow itself too)

from portfoliogen.images.plan import (  # noqa: E402
    AVIF_QUALITY_OFFSET,
    AVIF_SPEED,
    WEBP_METHOD,
    ImageSettings,
    scaled_height,
    variant_widths,
)
from portfoliogen.images.process import process_images  # noqa: E402

PHOTOS = Path("/work/shared/testdata/photos")
SIZE = (2400, 1600)


# -- input ----------------------------------------------------------------------


def make_photos(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Crops of real photos (different region, zoom and flip each time), plus
    noise: they compress like photos, and no two are alike."""
    rng = random.Random(seed)
    originals = sorted((PHOTOS / "orientation").glob("*_1.jpg")) + [
        p for p in sorted((PHOTOS / "cameras").glob("*.jpg")) if p.stat().st_size > 100_000
    ]
    bases = []
    for path in originals:
        im = Image.open(path)
        im.draft("RGB", (1200, 800))
        bases.append(im.convert("RGB"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"photo-{i:04d}.jpg"
        paths.append(path)
        if path.exists():
            continue
        base = bases[i % len(bases)] if bases else Image.linear_gradient("L").convert("RGB")
        w, h = base.size
        cw = rng.randint(w // 3, w)
        ch = min(h, cw * 2 // 3)
        x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
        im = base.crop((x, y, x + cw, y + ch)).resize(SIZE, Image.Resampling.BICUBIC)
        if rng.random() < 0.5:
            im = im.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        noise = Image.merge("RGB", [Image.effect_noise(SIZE, rng.uniform(8, 16)) for _ in range(3)])
        im = ImageChops.add(im, noise, 1.0, -128).filter(ImageFilter.GaussianBlur(0.6))
        im.save(path, quality=88)
    return paths


# -- memory ----------------------------------------------------------------------


class TreeRss:
    """Peak RSS summed over this process and all its descendants, and the CPU
    seconds they used, sampled from /proc (Linux) every 20 ms. Workers are
    children of the forkserver, which getrusage(RUSAGE_CHILDREN) never sees."""

    def __enter__(self):
        self.peak = 0
        self.start = {pid: cpu for pid, (_, cpu) in tree_stats(os.getpid()).items()}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def cpu(self) -> float:
        return sum(cpu - self.start.get(pid, 0.0) for pid, cpu in self.last.items())

    def _sample(self):
        stats = tree_stats(os.getpid())
        self.peak = max(self.peak, sum(rss for rss, _ in stats.values()))
        for pid, (_, cpu) in stats.items():
            self.last[pid] = cpu

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.02)


def tree_stats(root: int) -> dict[int, tuple[int, float]]:
    """pid -> (RSS bytes, user+system CPU seconds) for root and its descendants."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                rss = int(f.read().split()[1]) * page
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        stats[int(entry)] = (rss, (int(fields[11]) + int(fields[12])) / tick)
    tree, stack = {}, [root]
    while stack:
        pid = stack.pop()
        if pid in stats:
            tree[pid] = stats[pid]
        stack.extend(children.get(pid, []))
    return tree


# -- the floor: the same work with no pipeline around it --------------------------


def floor_one(path: Path, settings: ImageSettings) -> None:
    im = Image.open(path)
    width, height = im.size
    widths = variant_widths(width, settings.widths)
    im.draft("RGB", (widths[-1], scaled_height(width, height, widths[-1])))
    im.load()
    for w in widths:
        variant = im.resize((w, scaled_height(width, height, w)), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for fmt in settings.formats:
            out = io.BytesIO()
            if fmt == "avif":
                variant.save(out, "AVIF", quality=settings.quality + AVIF_QUALITY_OFFSET, speed=AVIF_SPEED, max_threads=1)
            else:
                variant.save(out, "WEBP", quality=settings.quality, method=WEBP_METHOD)
        variant.save(io.BytesIO(), "JPEG", quality=settings.quality, progressive=True, optimize=True)


# -- the peer: Eleventy's image plugin on the same photos -----------------------------------

ELEVENTY = HERE / "eleventy"


def eleventy_images(photos: Path, out: Path, settings: ImageSettings) -> dict | None:
    """Run @11ty/eleventy-img (sharp) on the same photos, widths and formats (+ JPEG, as
    portfoliogen writes), the same qualities and the same AVIF speed (sharp's effort 0 is
    libaom's fastest, as AVIF_SPEED 9 is ours). Installs it into benchmarks/eleventy/ on
    first use; None (with why) when Node.js or npm is missing."""
    if not (ELEVENTY / "node_modules" / "@11ty" / "eleventy-img").is_dir():
        if not shutil.which("npm"):
            print("(no npm: Eleventy's image plugin is not compared)")
            return None
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ELEVENTY, check=True)
    shutil.rmtree(out, ignore_errors=True)
    formats = ",".join(dict.fromkeys((*settings.formats, "jpeg")))
    started = time.perf_counter()
    result = subprocess.run(["node", str(ELEVENTY / "images.cjs"), str(photos), str(out),
                             ",".join(str(w) for w in settings.widths), formats, str(settings.quality),
                             str(settings.quality + AVIF_QUALITY_OFFSET), "0"],
                            capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return {"process_s": wall, "images_s": report["seconds"], "files": report["files"]}


# -- how parallel is this machine right now? -------------------------------------------


def _burn(_: int = 0) -> float:
    im = Image.effect_noise((960, 640), 40).convert("RGB")
    t = time.perf_counter()
    for _ in range(12):
        im.save(io.BytesIO(), "WEBP", quality=75, method=4)
    return time.perf_counter() - t


def effective_cores(cores: int) -> float:
    """cores x (time of one burn alone) / (time of `cores` burns at once): 2.0 on
    an idle 2-core machine, less when the cores are shared or throttled."""
    import multiprocessing

    alone = min(_burn() for _ in range(2))
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        together = max(pool.map(_burn, range(cores)))
    return cores * alone / together


# -- main ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--widths", default="480,960,1600")
    parser.add_argument("--formats", default="avif,webp")
    parser.add_argument("--quality", type=int, default=75)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one, removed)")
    parser.add_argument("--no-eleventy", action="store_true", help="skip Eleventy's image plugin (needs Node.js and npm)")
    args = parser.parse_args(argv)

    settings = ImageSettings(
        widths=tuple(int(w) for w in args.widths.split(",")),
        formats=tuple(f for f in args.formats.split(",") if f),
        quality=args.quality,
    )
    cores = os.cpu_count() or 1
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-images-"))
    try:
        t = time.perf_counter()
        photos = make_photos(work / "photos", args.count)
        generated = time.perf_counter() - t
        megabytes = sum(p.stat().st_size for p in photos) / 1e6
        cache = work / "cache"
        shutil.rmtree(cache, ignore_errors=True)

        load_before = os.getloadavg()[0]
        parallel_before = effective_cores(cores)
        with TreeRss() as cold_rss:
            cold = process_images(photos, settings, cache, workers=args.workers)
        with TreeRss() as warm_rss:
            warm = process_images(photos, settings, cache, workers=args.workers)
        assert warm.decoded == 0, warm.summary

        with TreeRss() as peer_rss:
            peer = None if args.no_eleventy else eleventy_images(work / "photos", work / "eleventy-out", settings)

        with TreeRss() as floor_rss:
            t = time.perf_counter()
            for path in photos:
                floor_one(path, settings)
            floor = time.perf_counter() - t
        floor_parallel = floor / cores
        parallel = (parallel_before + effective_cores(cores)) / 2

        outputs = sum(len(image.files()) for image in cold.images.values())
        out_mb = sum(p.stat().st_size for image in cold.images.values() for p in image.files().values()) / 1e6
        n = len(photos)
        ratio = cold.seconds / floor_parallel
        print(f"\nimage pipeline: {n} JPEGs {SIZE[0]}x{SIZE[1]} ({megabytes:.0f} MB, generated in {generated:.1f}s), "
              f"widths {settings.widths}, formats {settings.formats} + JPEG, quality {settings.quality}, "
              f"{cores} cores, workers {args.workers or cores}")
        print(f"outputs: {outputs} files, {out_mb:.1f} MB; AVIF speed {AVIF_SPEED}, WebP method {WEBP_METHOD}\n")
        rows = [
            ("cold (fresh cache)", cold.seconds, cold_rss.cpu, cold.decoded, cold_rss.peak),
            ("warm (same cache)", warm.seconds, warm_rss.cpu, warm.decoded, warm_rss.peak),
            ("floor, 1 process", floor, floor_rss.cpu, n, floor_rss.peak),
            (f"floor / {cores} cores", floor_parallel, floor_rss.cpu / cores, n, None),
        ]
        print(f"| {'run':<22} | {'wall s':>8} | {'ms/image':>9} | {'CPU s':>8} | {'decoded':>7} | {'peak RSS (tree)':>15} |")
        print(f"|{'-' * 24}|{'-' * 9}:|{'-' * 10}:|{'-' * 9}:|{'-' * 8}:|{'-' * 16}:|")
        for name, seconds, cpu, decoded, rss in rows:
            rss_text = f"{rss / 1e6:.0f} MB" if rss else "-"
            print(f"| {name:<22} | {seconds:>8.2f} | {1000 * seconds / n:>9.1f} | {cpu:>8.1f} | {decoded:>7} | {rss_text:>15} |")
        if peer is not None:
            print(f"| {'Eleventy (eleventy-img)':<22} | {peer['process_s']:>8.2f} | {1000 * peer['process_s'] / n:>9.1f} "
                  f"| {peer_rss.cpu:>8.1f} | {n:>7} | {peer_rss.peak / 1e6:>12.0f} MB |")
            print(f"\ncold vs Eleventy, same photos, widths, formats, qualities and AVIF speed: "
                  f"{cold.seconds:.2f} s / {peer['process_s']:.2f} s = {cold.seconds / peer['process_s']:.2f}x "
                  f"(its {peer['files']} files; {peer['images_s']:.2f} s of it after Node.js started)")
        verdict = "OK" if ratio <= 1.3 else "OVER TARGET"
        print(f"\ncold / (floor / cores) = {ratio:.2f}  (target <= 1.30: {verdict})")
        print(f"this machine ran {parallel:.2f} cores' worth of work in parallel (calibrated, load average "
              f"{load_before:.1f} at start): cold / (floor / {parallel:.2f}) = {cold.seconds / (floor / parallel):.2f}")
        print(f"CPU work: cold {cold_rss.cpu:.1f} s vs floor {floor_rss.cpu:.1f} s = {cold_rss.cpu / floor_rss.cpu:.2f}x "
              f"(the pipeline's own overhead: hashing, cache, placeholder, pool; immune to other load)")
        print(f"cold summary: {cold.summary}")
        print(f"warm summary: {warm.summary}")
        return 0 if ratio <= 1.3 else 1
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
