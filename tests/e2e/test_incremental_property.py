"""Property: after any sequence of edits, including images (inline and
reference-style, new pixels, a referenced image deleted) and the site's own
template overrides, a build that reuses the cache gives exactly the output
and exit code of a clean build of a copy. A failing build leaves output/ as
it was.

The builds run in-process (build()) for speed; each example ends with one
more edit built by the real command line in a fresh process, so nothing
held in this process's memory can hide a stale cache on disk.
Extends test_incremental.py's random edits (its Editor) with the image and
template edits; that test keeps its own sequences.

PORTFOLIOGEN_PROPERTY_EXAMPLES=N raises both tests' max_examples to N for a
longer search (with --hypothesis-seed=S for another draw); unset, they stay
small enough for CI."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from portfoliogen.build.pipeline import BuildOptions, build
from portfoliogen.errors import SiteError, SiteErrors
from portfoliogen.fsutil import builtin_themes_dir
from tests.conftest import FIXED_TODAY, run_cli, tree_digest
from tests.e2e.test_incremental import Editor

TODAY = dt.date.fromisoformat(FIXED_TODAY)
PICTURE = re.compile(r"pic-\d+\.(?:jpg|png)")
EXAMPLES = int(os.environ.get("PORTFOLIOGEN_PROPERTY_EXAMPLES", "0"))   # 0: each test's own default


class ImageEditor(Editor):
    """Editor's content edits plus images and template overrides."""

    @property
    def images(self) -> Path:
        return self.site / "content/images"

    def pictures(self) -> list[Path]:
        return sorted(p for p in self.images.glob("pic-*") if PICTURE.fullmatch(p.name))

    def paint(self, path: Path) -> None:
        """New pixels: a small JPEG or PNG of random size and colours."""
        rng = self.rng
        size = (rng.randint(24, 96), rng.randint(24, 96))
        im = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
        ImageDraw.Draw(im).rectangle((0, 0, size[0] // 2, size[1] // 3), fill=tuple(rng.randrange(256) for _ in range(3)))
        im.save(path, "JPEG" if path.suffix == ".jpg" else "PNG")

    def new_picture(self) -> Path:
        self.counter += 1
        path = self.images / f"pic-{self.counter}.{self.rng.choice(['jpg', 'png'])}"
        self.paint(path)
        return path

    def append_to_a_study(self, text: str) -> str:
        files = self.study_files()
        if not files:
            self.add()
            files = self.study_files()
        path = self.rng.choice(files)
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
        return path.name

    def inline_image(self) -> str:
        picture = self.new_picture()
        study = self.append_to_a_study(f"\n![Inline {picture.stem}](../images/{picture.name})\n")
        return f"inline {picture.name} in {study}"

    def reference_image(self) -> str:
        pictures = self.pictures()
        picture = self.rng.choice(pictures) if pictures and self.rng.random() < 0.5 else self.new_picture()
        self.counter += 1
        ref = f"ref-{self.counter}"
        study = self.append_to_a_study(f"\n![Referenced {picture.stem}][{ref}]\n\n[{ref}]: ../images/{picture.name}\n")
        return f"reference {picture.name} as [{ref}] in {study}"

    def repaint(self) -> str:
        pictures = self.pictures()
        if not pictures:
            return self.inline_image()
        picture = self.rng.choice(pictures)
        self.paint(picture)
        return f"new pixels in {picture.name}"

    def referenced_picture(self) -> Path | None:
        """A picture a published (not draft) case study shows."""
        used = set()
        for study in self.study_files():
            text = study.read_text(encoding="utf-8")
            if "\ndraft: true" not in text:
                used.update(PICTURE.findall(text))
        # Only pictures still on disk: a second deletion step must not pick one already deleted.
        present = sorted(name for name in used if (self.images / name).exists())
        return self.images / self.rng.choice(present) if present else None

    def case_study_template(self) -> str:
        self.counter += 1
        builtin = (builtin_themes_dir() / "default/templates/case_study.html").read_text(encoding="utf-8")
        path = self.site / "themes/default/templates/case_study.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(builtin.replace('<article class="cs">', f'<article class="cs" data-v="{self.counter}">'),
                        encoding="utf-8")
        return "override case_study.html"

    def drop_template_overrides(self) -> str:
        shutil.rmtree(self.site / "themes", ignore_errors=True)
        return "drop the site's template overrides"


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    """`portfoliogen new`, once: each example copies it."""
    root = tmp_path_factory.mktemp("scaffold")
    result = run_cli("new", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


# Each step: an edit, then a build. "delete" is special: a referenced image
# goes, the build must fail and leave output/ alone; then it comes back with
# new pixels and the step ends with the usual build.
EDITS = ["add", "edit_body", "edit_front_matter", "delete", "rename", "testimonial", "template",
         "case_study_template", "drop_template_overrides", "inline_image", "reference_image", "repaint",
         "delete_referenced_image"]


def build_here(site: Path) -> int:
    """An in-process build with the cache: 0, or 1 for errors a user can fix."""
    try:
        build(BuildOptions(config_path=site / "config.yaml", today=TODAY))
    except (SiteError, SiteErrors):
        return 1
    return 0


def clean_copy_build(site: Path, work: Path) -> tuple[int, dict[str, str] | None]:
    """The same input copied without cache or output, built from scratch."""
    fresh = work / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(".portfoliogen-cache", "output*"))
    code = build_here(fresh)
    return code, (tree_digest(fresh / "output") if code == 0 else None)


def check_step(site: Path, work: Path, history: list[str]) -> None:
    before = tree_digest(site / "output")
    code = build_here(site)
    clean_code, clean = clean_copy_build(site, work)
    assert code == clean_code, history
    assert tree_digest(site / "output") == (clean if code == 0 else before), history


@contextmanager
def site_copy(scaffold: Path, editor_class):
    """A fresh copy of `scaffold` in a temporary folder: (that folder, the site, an editor of it)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = work / "site"
        shutil.copytree(scaffold, site)
        yield work, site, editor_class(site, random.Random(0))


@settings(max_examples=EXAMPLES or 10, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 2**32 - 1)), min_size=2, max_size=5),
       last_seed=st.integers(0, 2**32 - 1))
def test_incremental_builds_with_images_and_templates_match_clean_builds(
        scaffold: Path, steps: list[tuple[str, int]], last_seed: int) -> None:
    with site_copy(scaffold, ImageEditor) as (work, site, editor):
        editor.inline_image()
        editor.reference_image()
        assert build_here(site) == 0
        history: list[str] = []
        for edit, seed in steps:
            editor.rng = random.Random(seed)
            if edit == "delete_referenced_image" and (picture := editor.referenced_picture()) is not None:
                history.append(f"delete referenced {picture.name}")
                before = tree_digest(site / "output")
                picture.unlink()
                assert build_here(site) == 1, history
                assert clean_copy_build(site, work)[0] == 1, history
                assert tree_digest(site / "output") == before, history
                editor.paint(picture)
                history.append(f"bring {picture.name} back with new pixels")
            else:
                history.append(getattr(editor, edit if edit != "delete_referenced_image" else "repaint")())
            check_step(site, work, history)

        # A fresh process on the cache these builds left: the real command line.
        editor.rng = random.Random(last_seed)
        history.append(editor.repaint() + " (built by the CLI)")
        clean_code, clean = clean_copy_build(site, work)
        before = tree_digest(site / "output")
        result = run_cli("build", cwd=site)
        assert result.returncode == clean_code, (history, result.stderr)
        assert tree_digest(site / "output") == (clean if clean_code == 0 else before), history



# ---------------------------------------------------------------- a multilingual site
class TranslationEditor(ImageEditor):
    """Adds translations to the edits: add, remove and edit a translation
    (with its own slug or not), and per-language values in the YAML files."""

    def translations(self) -> list[Path]:
        return sorted(self.studies.glob("*.fr.md")) + sorted((self.site / "content/pages").glob("*.fr.md"))

    def add_translation(self) -> str:
        sources = [p for p in self.study_files() if ".fr." not in p.name] + [self.site / "content/pages/about.md"]
        source = self.rng.choice(sources)
        if not source.exists():
            return self.add()
        text = source.read_text(encoding="utf-8")
        self.counter += 1
        text = re.sub(r"(?m)^title:.*$", f"title: Traduction {self.counter}", text, count=1)
        if self.rng.random() < 0.5:   # a translated slug
            text = text.replace("---\n", f"---\nslug: traduit-{self.counter}\n", 1)
        target = source.with_name(source.stem + ".fr.md")
        target.write_text(text + f"\nEn français {self.counter}.\n", encoding="utf-8")
        return f"translate {source.name}"

    def remove_translation(self) -> str:
        found = self.translations()
        if not found:
            return self.add_translation()
        path = self.rng.choice(found)
        path.unlink()
        return f"remove {path.name}"

    def edit_translation(self) -> str:
        found = self.translations()
        if not found:
            return self.add_translation()
        path = self.rng.choice(found)
        self.counter += 1
        text = path.read_text(encoding="utf-8")
        if self.rng.random() < 0.5:
            text = re.sub(r"(?m)^title:.*$", f"title: Retitré {self.counter}", text, count=1)
        else:
            text += f"\nUne phrase de plus {self.counter}.\n"
        path.write_text(text, encoding="utf-8")
        return f"edit {path.name}"

    def language_map(self) -> str:
        """A per-language value in profile.yaml or services.yaml, changed or dropped."""
        self.counter += 1
        name, key = self.rng.choice([("profile.yaml", "headline"), ("services.yaml", "  name"),
                                     ("services.yaml", "  summary")])
        path = self.site / "content" / name
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            if line.startswith(key + ":") or line.startswith("- " + key.strip() + ":"):
                head = line[: line.index(":") + 1]
                value = (f" {{en: English {self.counter}, fr: Français {self.counter}}}" if self.rng.random() < 0.7
                         else f" Only English {self.counter}")
                lines[i] = head + value
                break
        path.write_text("\n".join(lines), encoding="utf-8")
        return f"per-language {key.strip()} in {name}"


ML_EDITS = ["add", "edit_body", "edit_front_matter", "delete", "rename", "testimonial", "inline_image",
            "add_translation", "add_translation", "remove_translation", "edit_translation", "language_map",
            "language_map"]


@pytest.fixture(scope="module")
def bilingual_scaffold(scaffold: Path, tmp_path_factory) -> Path:
    """The scaffold in English and French, published under a base_url with a path."""
    site = tmp_path_factory.mktemp("bilingual") / "site"
    shutil.copytree(scaffold, site)
    config = site / "config.yaml"
    text = config.read_text(encoding="utf-8").replace("language: en", "languages: [en, fr]")
    config.write_text(text.replace("https://example.com/", "https://example.com/portfolio/"), encoding="utf-8")
    return site


@settings(max_examples=EXAMPLES or 8, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(ML_EDITS), st.integers(0, 2**32 - 1)), min_size=2, max_size=5),
       last_seed=st.integers(0, 2**32 - 1))
def test_incremental_builds_of_a_multilingual_site_match_clean_builds(
        bilingual_scaffold: Path, steps: list[tuple[str, int]], last_seed: int) -> None:
    with site_copy(bilingual_scaffold, TranslationEditor) as (work, site, editor):
        editor.add_translation()
        assert build_here(site) == 0
        history: list[str] = []
        for edit, seed in steps:
            editor.rng = random.Random(seed)
            history.append(getattr(editor, edit)())
            check_step(site, work, history)
        editor.rng = random.Random(last_seed)
        history.append(editor.add_translation() + " (built by the CLI)")
        clean_code, clean = clean_copy_build(site, work)
        before = tree_digest(site / "output")
        result = run_cli("build", cwd=site)
        assert result.returncode == clean_code, (history, result.stderr)
        assert tree_digest(site / "output") == (clean if clean_code == 0 else before), history
