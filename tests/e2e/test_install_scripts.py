"""scripts/install-test-deps.sh installs only what is missing, one concern per
apt-get, and never Debian's npm beside NodeSource's nodejs: run with stub
apt-get/dpkg-query/npm on a PATH that holds nothing else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOLS = ["bash", "dirname", "grep", "awk", "env", "id", "mkdir", "touch", "cat", "chmod"]

STUBS = {
    "apt-get": 'echo "apt-get $*" >> "$LOG"\n'
               'case "$*" in *" chromium"*) touch "$FAKE_CHROMIUM"; chmod +x "$FAKE_CHROMIUM";; esac',
    "apt-cache": 'echo "  Candidate: $CANDIDATE"',
    "dpkg-query": 'pkg="${@: -1}"; v=$(eval echo "\\${PKG_${pkg//[-.]/_}:-}"); [ -n "$v" ] || exit 1\n'
                  'case "$*" in *Status*) echo "install ok installed";; *) echo "$v";; esac',
    "python3": "exit 0",
}
NPM = ('echo "npm $*" >> "$LOG"; mkdir -p "$3/node_modules/axe-core"; '
       'touch "$3/node_modules/axe-core/axe.min.js"')


def run_script(tmp_path: Path, *, chromium: bool, packages: dict[str, str], node: bool, npm: bool,
               candidate: str = "18.19.0+dfsg-6~deb12u2"):
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts/install-test-deps.sh", project / "scripts")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    stubs = dict(STUBS, **({"npm": NPM} if npm else {}), **({"node": "exit 0"} if node else {}))
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!{shutil.which('bash')}\n{body}\n")
        (bin_dir / name).chmod(0o755)
    chromium_path = tmp_path / "chromium"
    if chromium:
        chromium_path.write_text("")
        chromium_path.chmod(0o755)
    log = tmp_path / "log"
    log.write_text("")
    env = {"PATH": str(bin_dir), "LOG": str(log), "FAKE_CHROMIUM": str(chromium_path),
           "PORTFOLIOGEN_CHROMIUM": str(chromium_path), "CANDIDATE": candidate,
           **{f"PKG_{k.replace('-', '_').replace('.', '_')}": v for k, v in packages.items()}}
    result = subprocess.run([shutil.which("bash"), "scripts/install-test-deps.sh"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=60)
    installs = [line.split("--no-install-recommends ")[1] for line in log.read_text().splitlines()
                if " install " in line and line.startswith("apt-get")]
    return result, installs, log.read_text()


PANGO = {"libpango-1.0-0": "1.50.12+ds-1", "libpangoft2-1.0-0": "1.50.12+ds-1"}
NODESOURCE = {"nodejs": "20.20.2-1nodesource1+repack1", "fonts-dejavu-core": "2.37-6", **PANGO}
DEBIAN_NODE = {"nodejs": "18.19.0+dfsg-6~deb12u2", "fonts-dejavu-core": "2.37-6", **PANGO}


def test_everything_there_installs_nothing_but_axe(tmp_path: Path) -> None:
    result, installs, log = run_script(tmp_path, chromium=True, packages=NODESOURCE, node=True, npm=True)
    assert result.returncode == 0, result.stderr
    assert installs == [] and "apt-get update" not in log and "npm install" in log


def test_nodesource_node_without_chromium_or_fonts(tmp_path: Path) -> None:
    result, installs, _ = run_script(tmp_path, chromium=False, packages={"nodejs": NODESOURCE["nodejs"]},
                                     node=True, npm=True)
    assert result.returncode == 0, result.stderr
    assert installs == ["chromium", "fonts-dejavu-core",      # one concern per apt-get, no npm
                        "libpango-1.0-0 libpangoft2-1.0-0"]


def test_nodesource_node_without_npm_fails_clearly(tmp_path: Path) -> None:
    result, installs, _ = run_script(tmp_path, chromium=True, packages=NODESOURCE, node=True, npm=False)
    assert result.returncode == 1
    assert "NodeSource" in result.stderr and "reinstall" in result.stderr
    assert installs == []


def test_debian_node_without_npm_gets_debians_npm(tmp_path: Path) -> None:
    result, installs, _ = run_script(tmp_path, chromium=True, packages=DEBIAN_NODE, node=True, npm=False)
    assert installs == ["npm"]      # then npm (not stubbed here) is still missing: the script says so
    assert result.returncode != 0


@pytest.mark.parametrize("candidate, expected", [("20.20.2-1nodesource1", ["nodejs"]),
                                                 ("18.19.0+dfsg-6~deb12u2", ["npm"])])
def test_no_node_at_all_installs_one_of_them(tmp_path: Path, candidate: str, expected: list[str]) -> None:
    _, installs, _ = run_script(tmp_path, chromium=True, packages={"fonts-dejavu-core": "2.37-6", **PANGO},
                                node=False, npm=False, candidate=candidate)
    assert installs == expected
