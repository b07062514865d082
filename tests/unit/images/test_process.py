"""The image pipeline on real photos (tests/../shared/testdata/photos) and on
small images made here in every awkward mode. No mocks: real Pillow, real
cache, real worker processes."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat

from portfoliogen.images.decode import configure_pillow
from portfoliogen.images.plan import ImageErrors, ImageSettings
from portfoliogen.images.process import process_images

configure_pillow(Image.MAX_IMAGE_PIXELS)   # the HEIF opener these tests use too, as a worker has it

PHOTOS = Path("/work/shared/testdata/photos")
ORIENTATION = sorted((PHOTOS / "orientation").glob("*.jpg"))
CAMERAS = sorted((PHOTOS / "cameras").iterdir())
BROKEN = PHOTOS / "broken"
SMALL = ImageSettings(widths=(160, 320), formats=("avif", "webp"), quality=70)
NAME = re.compile(r"^/images/[a-z0-9-]+-[0-9a-f]{10}\.(\d+\.(avif|webp|jpg|png|gif)|svg)$")

pytestmark = pytest.mark.skipif(not PHOTOS.is_dir(), reason="needs the shared test photos")


def open_variant(image, url_path) -> Image.Image:
    im = Image.open(image.files()[url_path])
    im.load()
    return im


def largest(image, mime: str):
    for m, variants in image.sources:
        if m == mime:
            return variants[-1]
    raise AssertionError(f"no {mime} source")


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    return sum(ImageStat.Stat(diff).mean) / 3


@pytest.fixture(scope="module")
def orientation_report(tmp_path_factory):
    settings = ImageSettings(widths=(96,), formats=("webp",), quality=80)
    return process_images(ORIENTATION, settings, tmp_path_factory.mktemp("cache"), workers=2)


@pytest.fixture(scope="module")
def camera_report(tmp_path_factory):
    sources = [*CAMERAS, BROKEN / "image00971.jpg", BROKEN / "image01088.jpg", BROKEN / "corrupted.jpg"]
    return process_images(sources, SMALL, tmp_path_factory.mktemp("cache"))


# -- orientation --------------------------------------------------------------


def test_all_orientations_come_out_upright_and_alike(orientation_report):
    images = orientation_report.images
    assert len(images) == 18
    reference = {
        kind: open_variant(images[PHOTOS / "orientation" / f"{kind}_1.jpg"],
                           images[PHOTOS / "orientation" / f"{kind}_1.jpg"].src.url_path)
        for kind in ("Landscape", "Portrait")
    }
    for path in ORIENTATION:
        image = images[path]
        kind = path.stem.split("_")[0]
        if kind == "Landscape":
            assert image.width > image.height, path.name
        else:
            assert image.height > image.width, path.name
        for variant in (image.src, largest(image, "image/webp")):
            out = open_variant(image, variant.url_path)
            assert out.size == reference[kind].size == (variant.width, variant.height)
            # The only differences left: the digit drawn on each photo and JPEG noise.
            assert mean_difference(out, reference[kind]) < 6, (path.name, variant.mime)


# -- metadata -----------------------------------------------------------------


def test_no_exif_xmp_or_gps_in_any_output(camera_report, orientation_report):
    checked = 0
    for report in (camera_report, orientation_report):
        for image in report.images.values():
            for url_path, path in image.files().items():
                data = path.read_bytes()
                for marker in (b"Exif", b"GPS", b"<x:xmpmeta", b"http://ns.adobe.com/xap"):
                    assert marker not in data, (image.src_path.name, url_path, marker)
                im = Image.open(path)
                assert not im.getexif(), url_path
                assert not {"exif", "xmp", "XML:com.adobe.xmp"} & set(im.info), url_path
                checked += 1
    assert checked > 100


def test_gps_photos_lose_their_gps(camera_report):
    for name in ("DSCN0010.jpg", "DSCN0021.jpg"):
        assert Image.open(PHOTOS / "cameras" / name).getexif().get_ifd(0x8825)  # the source has GPS
        image = camera_report.images[PHOTOS / "cameras" / name]
        for path in image.files().values():
            assert not Image.open(path).getexif().get_ifd(0x8825)


# -- real camera files ----------------------------------------------------------


def test_heic_tiff_and_camera_photos_are_processed(camera_report):
    images = camera_report.images
    heic = images[PHOTOS / "cameras" / "iphone_13_pro_max.HEIC"]
    assert (heic.width, heic.height) == (3024, 4032)
    assert [v.width for v in heic.fallback] == [160, 320]
    assert heic.fallback[-1].height == 427
    assert dict(heic.sources).keys() == {"image/avif", "image/webp"}
    assert open_variant(heic, largest(heic, "image/avif").url_path).size == (320, 427)
    other_heic = images[PHOTOS / "cameras" / "IMG_5195.HEIC"]
    assert other_heic.height > other_heic.width

    tiff = images[PHOTOS / "cameras" / "BSG1.tiff"]
    assert (tiff.width, tiff.height) == (635, 348)
    assert tiff.src.mime in ("image/jpeg", "image/png")

    # Smaller than every configured width: one variant at its own width, never upscaled.
    canon = images[PHOTOS / "cameras" / "Canon_40D.jpg"]
    assert [(v.width, v.height) for v in canon.fallback] == [(100, 68)]
    assert open_variant(canon, canon.src.url_path).size == (100, 68)

    # Width between two configured widths: the configured one below, plus its own.
    fuji = images[PHOTOS / "cameras" / "fujifilm-dx10.jpg"]
    assert [v.width for v in fuji.fallback] == [160, 320]

    for image in images.values():
        assert re.fullmatch(r"#[0-9a-f]{6}", image.placeholder)
        for url_path in image.files():
            assert NAME.match(url_path), url_path
        for mime, variants in image.sources:
            assert [v.width for v in variants] == sorted(v.width for v in variants)
            for v in variants:
                assert v.mime == mime
                assert open_variant(image, v.url_path).format == {"image/avif": "AVIF", "image/webp": "WEBP"}[mime]


def test_photos_with_invalid_exif_are_processed(camera_report):
    # corrupted.jpg: libjpeg decodes it to the end (the damaged last rows come
    # out grey) and Pillow reports no error, so it is processed like any photo.
    for name in ("image00971.jpg", "image01088.jpg", "corrupted.jpg"):
        image = camera_report.images[BROKEN / name]
        assert image.src.mime == "image/jpeg"
        assert open_variant(image, image.src.url_path).mode == "RGB"


# -- awkward modes made here ----------------------------------------------------


def make(tmp_path: Path, name: str, im: Image.Image, **save) -> Path:
    path = tmp_path / name
    im.save(path, **save)
    return path


def pixel(image, variant) -> tuple:
    return open_variant(image, variant.url_path).convert("RGBA").getpixel((variant.width // 2, variant.height // 2))


def close(actual, expected, tolerance=12) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def test_unusual_modes_give_correct_rgb(tmp_path):
    grey16 = Image.frombytes("I;16", (200, 100), (40000).to_bytes(2, "little") * 200 * 100)
    palette = Image.new("P", (200, 100))
    palette.putpalette([0, 0, 0, 20, 120, 220] + [0] * 762)
    palette.paste(1, (0, 0, 200, 100))
    sources = {
        make(tmp_path, "cmyk.jpg", Image.new("CMYK", (200, 100), (0, 255, 255, 0))): (255, 0, 0),
        make(tmp_path, "cmyk.tif", Image.new("CMYK", (200, 100), (255, 0, 255, 0))): (0, 255, 0),
        make(tmp_path, "grey16.png", grey16): (155, 155, 155),
        make(tmp_path, "grey16.tif", grey16): (155, 155, 155),
        make(tmp_path, "palette.png", palette): (20, 120, 220),
        make(tmp_path, "grey.jpg", Image.new("L", (200, 100), 200)): (200, 200, 200),
        make(tmp_path, "bilevel.png", Image.new("1", (200, 100), 1)): (255, 255, 255),
        make(tmp_path, "opaque.png", Image.new("RGBA", (200, 100), (10, 200, 30, 255))): (10, 200, 30),
    }
    report = process_images(sources, SMALL, tmp_path / "cache", workers=1)
    for path, expected in sources.items():
        image = report.images[path]
        assert image.src.mime == "image/jpeg", path.name  # nothing transparent: a JPEG fallback
        assert (image.width, image.height) == (200, 100)
        for variant in (image.src, largest(image, "image/webp"), largest(image, "image/avif")):
            r, g, b, a = pixel(image, variant)
            assert close((r, g, b), expected), (path.name, variant.mime, (r, g, b))
            assert a == 255
        assert close(bytes.fromhex(image.placeholder[1:]), expected), path.name


def test_transparency_keeps_alpha_and_a_png_fallback(tmp_path):
    la = Image.new("LA", (200, 100), (90, 0))
    la.paste((90, 255), (0, 0, 100, 100))  # left half opaque grey, right half clear
    p = Image.new("P", (200, 100), 0)
    p.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    p.paste(1, (0, 0, 100, 100))
    p.info["transparency"] = 0
    rgba = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    rgba.paste((250, 200, 0, 255), (0, 0, 100, 100))
    sources = {
        make(tmp_path, "la.png", la): (90, 90, 90),
        make(tmp_path, "p.gif", p): (0, 0, 255),
        make(tmp_path, "p.png", p, transparency=0): (0, 0, 255),
        make(tmp_path, "rgba.png", rgba): (250, 200, 0),
    }
    report = process_images(sources, SMALL, tmp_path / "cache", workers=1)
    for path, colour in sources.items():
        image = report.images[path]
        assert image.src.mime == "image/png", path.name
        for variant in (image.src, largest(image, "image/webp"), largest(image, "image/avif")):
            out = open_variant(image, variant.url_path).convert("RGBA")
            assert close(out.getpixel((variant.width // 4, variant.height // 2)), (*colour, 255)), (path.name, variant.mime)
            assert out.getpixel((variant.width * 3 // 4, variant.height // 2))[3] < 10, (path.name, variant.mime)


def test_colour_profile_is_converted_to_srgb(tmp_path):
    p3 = Image.open(PHOTOS / "cameras" / "iphone_13_pro_max.HEIC").info["icc_profile"]
    colour = (200, 60, 40)
    path = make(tmp_path, "p3.png", Image.new("RGB", (200, 100), colour), icc_profile=p3)
    expected = ImageCms.profileToProfile(
        Image.new("RGB", (1, 1), colour), ImageCms.ImageCmsProfile(io.BytesIO(p3)), ImageCms.createProfile("sRGB"),
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
    ).getpixel((0, 0))
    assert not close(expected, colour, 8)  # the conversion matters for this colour
    image = process_images([path], SMALL, tmp_path / "cache", workers=1).images[path]
    for variant in (image.src, largest(image, "image/webp")):
        out = open_variant(image, variant.url_path)
        assert "icc_profile" not in out.info  # converted, so no profile needed: sRGB is the default
        assert close(out.convert("RGB").getpixel((50, 50)), expected, 6), variant.mime


def test_animated_gif_stays_animated(tmp_path):
    frames = [Image.new("P", (120, 80), i) for i in range(3)]
    for frame in frames:
        frame.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 759)
    path = tmp_path / "spinner.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    image = process_images([path], SMALL, tmp_path / "cache", workers=1).images[path]
    assert image.src.mime == "image/gif" and len(image.fallback) == 1
    assert (image.src.width, image.src.height) == (120, 80)
    gif = Image.open(image.files()[image.src.url_path])
    assert gif.n_frames == 3
    webp = Image.open(image.files()[largest(image, "image/webp").url_path])
    assert webp.format == "WEBP" and webp.n_frames == 3
    webp.seek(1)
    webp.load()
    assert webp.info["duration"] == 100 and webp.info["loop"] == 0
    assert webp.convert("RGB").getpixel((60, 40))[1] > 200  # frame 2 is green
    assert "image/avif" not in dict(image.sources)


def test_animated_webp_and_apng_stay_animated_and_lose_metadata(tmp_path):
    frames = [Image.new("RGB", (90, 60), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255), (9, 9, 9))]
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    sources = []
    for name in ("anim.webp", "anim.png"):
        path = tmp_path / name
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=80, loop=0, exif=exif.tobytes())
        sources.append(path)
    report = process_images(sources, SMALL, tmp_path / "cache", workers=1)
    for path in sources:
        image = report.images[path]
        for url_path, file in image.files().items():
            out = Image.open(file)
            assert out.n_frames == 4, url_path
            assert not out.getexif() and b"Exif" not in file.read_bytes(), url_path
    assert report.images[sources[0]].src.mime == "image/webp"
    assert report.images[sources[1]].src.mime == "image/png"


def test_svg_is_copied_with_its_size(tmp_path):
    sized = tmp_path / "logo.svg"
    sized.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"/>')
    boxed = tmp_path / "Icon Mark.svg"
    boxed.write_text('<svg viewBox="0 0 24 32" xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>')
    report = process_images([sized, boxed], SMALL, tmp_path / "cache")
    assert report.decoded == 0
    logo, icon = report.images[sized], report.images[boxed]
    assert (logo.width, logo.height, logo.src.mime) == (120, 40, "image/svg+xml")
    assert (icon.width, icon.height) == (24, 32)
    assert icon.src.url_path.startswith("/images/icon-mark-") and icon.src.url_path.endswith(".svg")
    assert logo.sources == ()
    assert logo.files()[logo.src.url_path].read_bytes() == sized.read_bytes()


# -- bad input --------------------------------------------------------------------


def test_bad_sources_are_errors_naming_each_one(tmp_path):
    good = make(tmp_path, "good.jpg", Image.new("RGB", (400, 300), (1, 2, 3)))
    text = tmp_path / "notes.jpg"
    text.write_text("these are my notes, not a photo\n")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes((PHOTOS / "orientation" / "Landscape_1.jpg").read_bytes()[:60_000])
    garbage = tmp_path / "garbage.webp"
    garbage.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.jpg"
    cache = tmp_path / "cache"

    with pytest.raises(ImageErrors) as caught:
        process_images([good, text, empty, truncated, garbage, missing], SMALL, cache)
    errors = caught.value.errors
    assert set(errors) == {text, empty, truncated, garbage, missing}
    assert errors[text] == "this is a text file, not an image"
    assert errors[empty] == "the image file is empty"
    assert errors[missing] == "image file not found"
    assert errors[truncated].startswith("the image file is truncated or corrupt")
    assert errors[garbage].startswith("not an image format Pillow can read")
    assert all("\n" not in message and str(tmp_path) not in message for message in errors.values())
    assert f"{text}: this is a text file, not an image" in str(caught.value)
    # What succeeded is still reported, and cached; nothing is left for the bad ones.
    report = caught.value.report
    assert set(report.images) == {good} and "5 failed" in report.summary
    entries = [p for p in (cache / "objects").glob("*/*")]
    assert entries == [report.images[good].cache_path]
    assert not list(cache.glob(".tmp-*"))


def test_decompression_bombs_are_refused(tmp_path):
    big = make(tmp_path, "big.png", Image.new("RGB", (100, 100)))  # 10,000 pixels
    settings = ImageSettings(widths=(64,), formats=("webp",), quality=70, max_pixels=6_000)
    bombs = ImageSettings(widths=(64,), formats=("webp",), quality=70, max_pixels=4_000)
    for limited in (settings, bombs):  # above the limit (Pillow warns) and above twice it (Pillow refuses)
        with pytest.raises(ImageErrors) as caught:
            process_images([big], limited, tmp_path / "cache", workers=1)
        assert caught.value.errors[big] == (
            f"image is too large (10,000 pixels, more than images.max_pixels = {limited.max_pixels:,});"
            " it may be a decompression bomb"
        )
    assert not list((tmp_path / "cache" / "objects").glob("*/*"))
    # The limit is back to normal for the next caller in this process.
    assert Image.MAX_IMAGE_PIXELS != 4_000


def test_error_from_a_single_image(tmp_path):
    text = tmp_path / "cover.png"
    text.write_text("oops")
    with pytest.raises(ImageErrors) as caught:
        process_images([text], SMALL, tmp_path / "cache")
    assert caught.value.errors == {text: "this is a text file, not an image"}


# -- cache ------------------------------------------------------------------------


def test_warm_build_decodes_nothing_and_a_change_reprocesses_only_itself(tmp_path):
    sources = []
    for i, colour in enumerate([(200, 0, 0), (0, 200, 0), (0, 0, 200)]):
        sources.append(make(tmp_path, f"photo-{i}.jpg", Image.new("RGB", (480, 320), colour)))
    cache = tmp_path / "cache"
    cold = process_images(sources + sources[:1], SMALL, cache)  # a duplicate is processed once
    assert (cold.decoded, cold.cached, len(cold.images)) == (3, 0, 3)
    assert cold.summary.startswith("images: 3 (3 processed, 0 cached) in ")

    warm = process_images(sources, SMALL, cache)
    assert (warm.decoded, warm.cached) == (0, 3)
    assert warm.images == cold.images
    assert re.fullmatch(r"images: 3 \(0 processed, 3 cached\) in \d+\.\ds", warm.summary)

    Image.new("RGB", (480, 320), (90, 90, 0)).save(sources[1])
    changed = process_images(sources, SMALL, cache)
    assert (changed.decoded, changed.cached) == (1, 2)
    assert changed.images[sources[0]] == cold.images[sources[0]]
    assert changed.images[sources[1]].src.url_path != cold.images[sources[1]].src.url_path

    # Other settings are another key; the first settings' entries stay.
    other = ImageSettings(widths=(160, 320), formats=("webp",), quality=70)
    assert process_images(sources[:1], other, cache).decoded == 1
    assert process_images(sources[2:], SMALL, cache).images[sources[2]] == cold.images[sources[2]]


def test_same_bytes_under_two_names_share_the_cache_entry(tmp_path):
    a = make(tmp_path, "a.png", Image.new("RGB", (300, 200), (5, 6, 7)))
    b = tmp_path / "Team Photo.png"
    shutil.copy(a, b)
    report = process_images([a, b], SMALL, tmp_path / "cache")
    assert report.decoded == 1
    ia, ib = report.images[a], report.images[b]
    assert ia.cache_path == ib.cache_path
    assert ia.src.url_path.startswith("/images/a-") and ib.src.url_path.startswith("/images/team-photo-")
    assert ia.src.url_path.split("-")[-1] == ib.src.url_path.split("-")[-1]
    assert process_images([a, b], SMALL, tmp_path / "cache").decoded == 0


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    src = make(tmp_path, "a.jpg", Image.new("RGB", (300, 200), (5, 6, 7)))
    image = process_images([src], SMALL, tmp_path / "cache").images[src]
    next(iter(image.files().values())).unlink()
    report = process_images([src], SMALL, tmp_path / "cache")
    assert report.decoded == 1
    assert all(path.is_file() for path in report.images[src].files().values())


def test_a_file_touched_but_unchanged_is_still_cached(tmp_path):
    src = make(tmp_path, "a.jpg", Image.new("RGB", (300, 200), (5, 6, 7)))
    process_images([src], SMALL, tmp_path / "cache")
    src.write_bytes(src.read_bytes())  # new mtime, same bytes: the bytes are the key
    assert process_images([src], SMALL, tmp_path / "cache").decoded == 0


def test_relative_paths_are_accepted_and_reported_both_ways(tmp_path, monkeypatch):
    make(tmp_path, "a.png", Image.new("RGB", (300, 200), (5, 6, 7)))
    (tmp_path / "b.png").write_text("not a png")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ImageErrors) as caught:
        process_images([Path("a.png"), Path("b.png")], SMALL, Path("cache"))
    report = caught.value.report
    assert report.images[Path("a.png")] is report.images[tmp_path / "a.png"]
    assert report.images[Path("a.png")].src_path == tmp_path / "a.png"
    assert caught.value.errors[Path("b.png")] == caught.value.errors[tmp_path / "b.png"]
    assert report.summary.startswith("images: 2 (1 processed, 0 cached, 1 failed) in ")


def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, capsys):
    import os
    import pty
    import select

    sources = [make(tmp_path, f"p{i}.png", Image.new("RGB", (40, 30), (i, i, i))) for i in range(7)]
    settings = ImageSettings(widths=(32,), formats=(), quality=70)
    process_images(sources, settings, tmp_path / "cache-a", workers=1, progress=True)
    assert capsys.readouterr().err == ""  # not a TTY: the caller prints the summary line

    leader, follower = pty.openpty()
    with os.fdopen(follower, "w") as tty:
        monkeypatch.setattr("sys.stderr", tty)
        report = process_images(sources, settings, tmp_path / "cache-b", workers=1, progress=True)
    chunks = []
    while select.select([leader], [], [], 0.2)[0]:  # a pty hands the bytes over in pieces
        try:
            chunks.append(os.read(leader, 65536))
        except OSError:  # EIO: the other end is closed and drained
            break
    os.close(leader)
    written = b"".join(chunks).decode()
    assert "images [" in written and "7/7" in written
    assert report.decoded == 7


def test_the_smaller_modern_format_comes_first_for_each_image(camera_report, tmp_path):
    # A browser takes the first <source> type it reads: for every image, the format whose files
    # are smaller on disk comes first, in a cold build and from the cache alike.
    def totals(image):
        return [sum(image.files()[v.url_path].stat().st_size for v in variants) for _, variants in image.sources]

    images = [im for im in camera_report.images.values() if len(im.sources) == 2]
    assert images
    for image in images:
        assert totals(image) == sorted(totals(image)), (image.src_path.name, image.sources[0][0], totals(image))
    # A flat illustration: WebP is the smaller at these settings, so it leads.
    flat = flat_illustration(tmp_path)
    cache = tmp_path / "cache"
    cold = process_images([flat], SMALL, cache).images[flat]
    assert cold.sources[0][0] == "image/webp" and totals(cold) == sorted(totals(cold))
    warm = process_images([flat], SMALL, cache)
    assert warm.decoded == 0 and warm.images[flat].sources == cold.sources


def test_an_older_cache_entry_without_sizes_orders_its_sources_the_same(tmp_path):
    # An illustration, where the order by size (WebP) is not the configured one (AVIF first):
    # without its recorded sizes, the entry's files are measured, not taken in config order.
    flat = flat_illustration(tmp_path)
    cache = tmp_path / "cache"
    first = process_images([flat], SMALL, cache).images[flat]
    assert first.sources[0][0] == "image/webp" and SMALL.formats[0] == "avif"
    meta_path = first.cache_path / "meta.json"
    meta = json.loads(meta_path.read_text())
    del meta["bytes"]                                   # as written before the sizes were recorded
    meta_path.write_text(json.dumps(meta))
    again = process_images([flat], SMALL, cache)
    assert again.decoded == 0 and again.images[flat].sources == first.sources


def flat_illustration(folder: Path) -> Path:
    """A PNG of flat colour bands, the kind of picture WebP encodes smaller than AVIF."""
    path = folder / "flat.png"
    picture = Image.new("RGB", (640, 400), "#0f766e")
    for i in range(8):
        picture.paste("#f4f5f8" if i % 2 else "#121620", (40 + i * 70, 60, 90 + i * 70, 340))
    picture.save(path)
    return path
