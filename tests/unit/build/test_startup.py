"""Process-wide settings are made in one place (cli.configure_process, and
images.decode.configure_pillow before a decode), never as a side effect of
importing a module."""

from __future__ import annotations

import subprocess
import sys

CODE = r"""
import gc, importlib, mimetypes, pkgutil, warnings
from PIL import Image, ImageFile
import portfoliogen

mimetypes.init()
def snapshot():
    return (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES, sorted(Image.OPEN),
            dict(mimetypes.types_map), list(warnings.filters), gc.isenabled())
before = snapshot()
for info in pkgutil.walk_packages(portfoliogen.__path__, "portfoliogen."):
    if info.name != "portfoliogen.__main__":
        importlib.import_module(info.name)
print(snapshot() == before)
"""


def test_importing_any_module_changes_no_process_wide_setting() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_pillow_settings_are_made_by_configure_pillow() -> None:
    code = ("from PIL import Image; from portfoliogen.images.decode import configure_pillow; "
            "configure_pillow(1234); print(Image.MAX_IMAGE_PIXELS, 'HEIF' in Image.OPEN)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1234", "True"]
