"""What CI installs: the one install line every deploy preset runs, and the
requirements.txt that names this very portfoliogen, pinned."""

from __future__ import annotations

# requirements.txt (written by `portfoliogen new`) names the portfoliogen to
# install, pinned; every preset installs through it, never `pip install
# portfoliogen` (that name on the package index is an unrelated project).
INSTALL_LINE = "pip install -r requirements.txt"
BUILD_LINE = "portfoliogen build"


REQUIREMENTS_HEAD = """\
# What CI installs to build this site (GitHub Actions runs `pip install -r
# requirements.txt`; Netlify and Cloudflare Pages read this file on their own).
# The package is "portfoliogen-ssg": `pip install portfoliogen` installs an
# unrelated project that happens to have the same command name.
"""

LOCAL_INSTALL_NOTE = """\
# This site was made by a portfoliogen installed from a local folder or file,
# which CI cannot reach. Before your first deploy, replace the line below with
# where you got portfoliogen from, pinned to a tag or commit, e.g.
#   portfoliogen-ssg @ git+https://github.com/YOU/portfoliogen@v{version}
# or commit a wheel into this repository and name it:
#   ./vendor/portfoliogen_ssg-{version}-py3-none-any.whl
# (build it in your portfoliogen clone: pip wheel --no-deps -w PATH/TO/SITE/vendor .)
"""


def requirements_txt() -> str:
    """requirements.txt for a new site: this very portfoliogen, from where it
    was installed (PEP 610's direct_url.json) when CI can reach that too."""
    from portfoliogen import DISTRIBUTION, REPOSITORY, __version__

    origin = _install_origin()
    dist = f"{DISTRIBUTION}[pdf]"   # cv.pdf and proposal.pdf (WeasyPrint; the host needs Pango)
    if origin is not None and origin[0] == "index":
        return REQUIREMENTS_HEAD + f"{dist}=={__version__}\n"
    if origin is not None and origin[0] == "git":
        return REQUIREMENTS_HEAD + f"{dist} @ git+{origin[1]}@{origin[2]}\n"
    return (REQUIREMENTS_HEAD + LOCAL_INSTALL_NOTE.format(version=__version__)
            + f"{dist} @ git+{REPOSITORY}@v{__version__}\n")


def _install_origin() -> tuple[str, ...] | None:
    """('index',), ('git', url, commit), or None (a local folder or wheel)."""
    import importlib.metadata
    import json

    from portfoliogen import DISTRIBUTION

    try:
        direct = importlib.metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return None     # run from a source tree without installing
    if direct is None:
        return ("index",)
    data = json.loads(direct)
    vcs = data.get("vcs_info", {})
    url = data.get("url", "")
    if vcs.get("vcs") == "git" and url.startswith("https://") and vcs.get("commit_id"):
        return ("git", url, vcs["commit_id"])
    return None
