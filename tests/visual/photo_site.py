"""The photographer's fixture site (tests/fixtures/photo-site): its text from the repository,
its photos copied and cropped at test time from the shared real-photo test data."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageOps

from tests.conftest import REPO, TESTDATA, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "photo-site"
PHOTOS = TESTDATA / "photos"
CASES = "content/case-studies"

# output name -> (source photo, crop box as fractions (left, top, right, bottom) or None)
PHOTO_PLAN = {
    f"{CASES}/cevennes-autumn/village.jpg": ("cameras/DSCN0010.jpg", None),
    f"{CASES}/cevennes-autumn/wisteria-pano.jpg": ("cameras/iphone_hdr_YES.jpg", (0, .3, 1, .72)),
    f"{CASES}/cevennes-autumn/park.jpg": ("cameras/DSCN0021.jpg", None),
    f"{CASES}/cevennes-autumn/park-detail.jpg": ("cameras/DSCN0021.jpg", (.12, 0, .52, 1)),
    f"{CASES}/cevennes-autumn/wisteria.jpg": ("cameras/iphone_hdr_YES.jpg", (.2, 0, .75, 1)),
    f"{CASES}/night-shift/stage.jpg": ("cameras/BSG1.tiff", None),
    f"{CASES}/night-shift/encore-poster.jpg": ("cameras/BSG1.tiff", (.05, 0, .95, .9)),
    f"{CASES}/kitchen-table/food.jpg": ("cameras/fujifilm-dx10.jpg", None),
    f"{CASES}/kitchen-table/waterfall.jpg": ("orientation/Landscape_1.jpg", None),
    "content/images/noor.jpg": ("orientation/Portrait_1.jpg", None),
}


def make_photo_site(dest: Path, theme: str = "lumen") -> Path:
    """A copy of the fixture at `dest`, with its photos, building with `theme`."""
    shutil.copytree(FIXTURE, dest)
    for rel, (source, box) in PHOTO_PLAN.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)   # git keeps no empty folder (content/images/)
        if box is None and source.endswith(".jpg"):
            shutil.copy(PHOTOS / source, target)   # the camera's file as it is, EXIF and all
            continue
        with Image.open(PHOTOS / source) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            if box:
                w, h = image.size
                image = image.crop((round(box[0] * w), round(box[1] * h), round(box[2] * w), round(box[3] * h)))
            image.save(target, quality=88)
    # A stand-in for a clip: there is no video encoder on the test machines, and the
    # build copies video files byte for byte whatever they hold (preload="none").
    (dest / CASES / "night-shift" / "encore.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    config = dest / "config.yaml"
    config.write_text(config.read_text().replace("theme: lumen", f"theme: {theme}"))
    return dest


def built_photo_site(root: Path, theme: str = "lumen") -> Path:
    """The fixture made under `root` with `theme` and built; returns its output folder."""
    site = make_photo_site(root / "site", theme=theme)
    result = run_cli("build", "--output", str(root / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    return root / "out"


def page(out: Path, url_path: str) -> str:
    """The HTML of the built page at `url_path`."""
    return (out / url_path.strip("/") / "index.html").read_text(encoding="utf-8")
