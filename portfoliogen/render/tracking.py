"""What a template reads: every attribute or item it takes from a content object,
recorded as (object key, attribute) while a page renders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import jinja2

from portfoliogen.content.model import Model
from portfoliogen.content.site import Site, Tag

DepKey = tuple[str, str]   # (object key, attribute)


def object_key(obj: Any) -> str | None:
    """A stable name for a content object across builds; a copy for another
    language than the default (a view) is named with it: 'site@pt'."""
    if isinstance(obj, Site):
        return "site" + (f"@{obj.view}" if obj.view else "")
    if isinstance(obj, Tag):
        return f"tag:{obj.slug}" + (f"@{obj.view}" if obj.view else "")
    if isinstance(obj, Model):
        src = getattr(obj, "src_path", None)
        if not src:
            return None
        ident = getattr(obj, "id", None)
        view = getattr(obj, "view", "")
        return (f"{src}#{ident}" if isinstance(ident, str) else src) + (f"@{view}" if view else "")
    return None


def structure(value: Any) -> str:
    """Content objects by their key, collections element-wise, the rest by repr."""
    key = object_key(value)
    if key is not None:
        return key
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(structure(v) for v in value) + ")"
    return repr(value)


# The Recorder is passed to `TrackingEnvironment.recording` around that page's render.
@dataclass
class Recorder:
    deps: set[DepKey] = field(default_factory=set)

    def touch(self, obj: Any, attr: Any) -> None:
        if not isinstance(attr, str) or attr.startswith("_"):
            return
        key = object_key(obj)
        if key is not None:
            self.deps.add((key, attr))


class TrackingEnvironment(jinja2.Environment):
    """A Jinja2 environment that tells the Recorder of the render in progress
    what templates read. The recorder lives in a ContextVar set by
    `recording()`, not on the environment: renders in threads or in forked
    workers each see their own, and none outlives its render."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._recorder: ContextVar[Recorder | None] = ContextVar(f"recorder-{id(self)}", default=None)

    @contextmanager
    def recording(self, recorder: Recorder) -> Iterator[Recorder]:
        """Record into `recorder` what templates rendered inside the block read."""
        token = self._recorder.set(recorder)
        try:
            yield recorder
        finally:
            self._recorder.reset(token)

    def getattr(self, obj: Any, attribute: str) -> Any:
        recorder = self._recorder.get()
        if recorder is not None:
            recorder.touch(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        recorder = self._recorder.get()
        if recorder is not None:
            recorder.touch(obj, argument)
        return super().getitem(obj, argument)
