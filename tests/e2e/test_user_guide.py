"""The user guide (docs/guide/): it builds with MkDocs in strict mode, its field
reference is the one the models generate, its examples pass `portfoliogen
check`, and its bad-input examples fail with the error line it documents
and are rejected by the JSON Schemas too."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from portfoliogen.content.jsonschema import field_reference
from tests.conftest import REPO, TESTDATA, run_cli
from tests.e2e.test_editor_schemas import schema_errors

GUIDE = REPO / "docs" / "guide"
MARKED = re.compile(r"<!-- (example|bad example): (\S+) -->\n```yaml\n(.*?)```\n"
                    r"(?:\n```text\n(.*?)```\n)?", re.S)
SCHEMA_OF = {"config.yaml": "config", "content/profile.yaml": "profile",
             "content/testimonials.yaml": "testimonials", "content/services.yaml": "services"}


def schema_name(rel: str) -> str:
    if rel in SCHEMA_OF:
        return SCHEMA_OF[rel]
    return {"case-studies": "case-study", "pages": "page", "pitches": "pitch"}[rel.split("/")[1]]


def marked_examples(kind: str) -> list[tuple[str, str, str, str]]:
    found = []
    for page in sorted(GUIDE.glob("*.md")):
        for match in MARKED.finditer(page.read_text(encoding="utf-8")):
            if match[1] == kind:
                found.append((f"{page.name}:{match[2]}", match[2], match[3], match[4] or ""))
    return found


def put_example(site: Path, rel: str, text: str) -> None:
    """Write a snippet as the whole file, or as the front matter of a .md file."""
    path = site / rel
    if rel.endswith(".md"):
        body = path.read_text(encoding="utf-8").split("---", 2)[2] if path.exists() else "\nText.\n"
        text = f"---\n{text}---{body}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_guide_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    for page in ("guide/deploy", "guide/fields", "guide/troubleshooting", "content-fields"):
        assert (tmp_path / "site" / page / "index.html").is_file(), page


def test_the_field_reference_is_generated_from_the_models() -> None:
    assert (GUIDE / "fields.md").read_text(encoding="utf-8") == field_reference(), \
        "run: portfoliogen schema --markdown > docs/guide/fields.md"
    result = run_cli("schema", "--markdown", cwd=REPO)
    assert result.returncode == 0 and result.stdout == field_reference()


def test_every_yaml_snippet_in_the_guide_parses() -> None:
    blocks = [b for page in GUIDE.glob("*.md")
              for b in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)]
    assert len(blocks) >= 15
    for block in blocks:
        yaml.safe_load(block)


def test_the_guides_examples_are_valid_and_build(new_site: Path) -> None:
    examples = marked_examples("example")
    assert len(examples) >= 8
    shutil.copyfile(TESTDATA / "photos" / "cameras" / "DSCN0010.jpg", new_site / "content/images/portrait.jpg")
    original = {rel: (new_site / rel).read_text(encoding="utf-8") for _, rel, _, _ in examples
                if (new_site / rel).exists()}
    for where, rel, text, _ in examples:
        assert schema_errors(schema_name(rel), yaml.safe_load(text)) == [], where
        put_example(new_site, rel, text)
        result = run_cli("check", cwd=new_site)
        assert result.returncode == 0, f"{where}: {result.stderr}"
        if rel in original:
            (new_site / rel).write_text(original[rel], encoding="utf-8")
        else:
            (new_site / rel).unlink()


@pytest.mark.parametrize("where, rel, text, expected", marked_examples("bad example"),
                         ids=lambda v: v if isinstance(v, str) and v.endswith((".yaml", ".md")) else "")
def test_bad_examples_fail_with_the_documented_line(new_site: Path, where: str, rel: str, text: str,
                                                    expected: str) -> None:
    assert expected.strip(), f"{where}: no documented error line"
    assert schema_errors(schema_name(rel), yaml.safe_load(text)), f"{where}: the schema accepts it"
    put_example(new_site, rel, text)
    result = run_cli("check", cwd=new_site)
    assert result.returncode == 1
    for line in expected.strip().splitlines():
        assert line in result.stderr.splitlines(), f"{where}: {line!r} not in\n{result.stderr}"


def test_the_guide_has_bad_examples() -> None:
    assert len(marked_examples("bad example")) >= 6
