"""The one install line every deploy preset runs, so it is changed in one place."""

from __future__ import annotations

# requirements.txt (written by `portfoliogen new`) names the portfoliogen to
# install, pinned; every preset installs through it, never `pip install
# portfoliogen` (that name on the package index is an unrelated project).
INSTALL_LINE = "pip install -r requirements.txt"
BUILD_LINE = "portfoliogen build"


def requirements_txt() -> str:
    """A requirements.txt for a site that has none (`portfoliogen deploy` in an
    older site): it says what to fill in rather than guessing a package."""
    from portfoliogen import __version__

    return ("# What CI installs to build this site. Name the portfoliogen you use, pinned,\n"
            "# e.g. a tag of its repository:\n"
            f"#   portfoliogen-ssg @ git+https://YOUR-GIT-HOST/portfoliogen/portfoliogen@v{__version__}\n"
            "# (`pip install portfoliogen` installs an unrelated project.)\n")
