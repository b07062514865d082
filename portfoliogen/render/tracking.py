"""What a template reads: every attribute or item it takes from a content object,
recorded as (object key, attribute) while a page renders."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import jinja2
import jinja2.bccache

from portfoliogen.content.model import Model
from portfoliogen.content.site import Site, Tag

DepKey = tuple[str, str]   # (object key, attribute)


TEMPLATE = "template:"   # the key of a template a page loaded: ("template:base.html", "source")


def object_key(obj: Any) -> str | None:
    """A stable name for a content object across builds; a copy for another
    language than the default (a view) is named with it: 'site@pt'."""
    if isinstance(obj, Site):
        return "site" + (f"@{obj.view}" if obj.view else "")
    if isinstance(obj, Tag):
        return f"tag:{obj.slug}" + (f"@{obj.view}" if obj.view else "")
    if isinstance(obj, Model):
        src = _field(obj, "src_path")
        if not src:
            return None
        ident = _field(obj, "id")
        view = _field(obj, "view") or ""
        return (f"{src}#{ident}" if isinstance(ident, str) else src) + (f"@{view}" if view else "")
    return None


def _field(obj: Any, name: str) -> Any:
    """getattr(obj, name, None) without pydantic's slow __getattr__ for a
    name the model lacks (this runs for every dependency of every page)."""
    values = obj.__dict__
    if name in values:
        return values[name]
    return getattr(obj, name, None) if hasattr(type(obj), name) else None


def structure(value: Any) -> str:
    """Content objects by their key, collections element-wise, the rest by repr."""
    key = object_key(value)
    if key is not None:
        return key
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(structure(v) for v in value) + ")"
    return repr(value)


# The Recorder is passed to `TrackingEnvironment.recording` around that page's render; the
# environment adds to it what the templates read (TrackingEnvironment._touch).
@dataclass
class Recorder:
    deps: set[DepKey] = field(default_factory=set)


# Every build makes a new environment (its globals are that build's site); compiling the theme's
# templates again was a third of a dev-server save. Compiled code is kept for the life of the
# process, keyed by template name, file, the environment's syntax options and a checksum of the
# source: an edited template is compiled again (jinja2.bccache.Bucket checks the checksum).
class _CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source):
        flavour = repr((sorted(environment.extensions), bool(environment.autoescape), environment.trim_blocks,
                        environment.lstrip_blocks, environment.keep_trailing_newline,
                        environment.newline_sequence, environment.optimized, environment.block_start_string,
                        environment.variable_start_string, environment.comment_start_string,
                        environment.line_statement_prefix, environment.line_comment_prefix))
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, filename) + flavour,
                                       self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()


class TrackingEnvironment(jinja2.Environment):
    """A Jinja2 environment that tells the Recorder of the render in progress
    what templates read. The recorder lives in a ContextVar set by
    `recording()`, not on the environment: renders in threads or in forked
    workers each see their own, and none outlives its render."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("bytecode_cache", COMPILED)
        super().__init__(*args, **kwargs)
        self._recorder: ContextVar[Recorder | None] = ContextVar(f"recorder-{id(self)}", default=None)
        # Each content object's key, by id (the object held, so its id stays its own): templates
        # read ~400 attributes a page, mostly of the same few objects (the site, its profile).
        self._keys: dict[int, tuple[Any, str | None]] = {}

    @contextmanager
    def recording(self, recorder: Recorder) -> Iterator[Recorder]:
        """Record into `recorder` what templates rendered inside the block read."""
        token = self._recorder.set(recorder)
        try:
            yield recorder
        finally:
            self._recorder.reset(token)

    # `{% extends %}`, `{% include %}` and `{% import %}` all load through these two at render
    # time (compiled templates are cached, the call is not): the page depends on that template's text.
    def get_template(self, name, parent=None, globals=None):
        template = super().get_template(name, parent, globals)
        self._note_template(template)
        return template

    def select_template(self, names, parent=None, globals=None):
        template = super().select_template(names, parent, globals)
        self._note_template(template)
        return template

    def _note_template(self, template: jinja2.Template) -> None:
        recorder = self._recorder.get()
        if recorder is not None and template.name:
            recorder.deps.add((TEMPLATE + template.name, "source"))

    # The hot path of a render (~400 reads a page). Jinja2's own getattr starts with the builtin
    # getattr; only a miss goes to it (for the item, or Undefined).
    def getattr(self, obj: Any, attribute: str) -> Any:
        recorder = self._recorder.get()
        if recorder is not None:
            self._touch(recorder, obj, attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        recorder = self._recorder.get()
        if recorder is not None:
            self._touch(recorder, obj, argument)
        return super().getitem(obj, argument)

    def _touch(self, recorder: Recorder, obj: Any, attr: Any) -> None:
        """Record (object key, attr) for a content object's public attribute; the type test and the
        object's key are made once."""
        if not isinstance(attr, str) or attr[:1] == "_":
            return
        cls = type(obj)
        content = _IS_CONTENT.get(cls)
        if content is None:
            content = _IS_CONTENT[cls] = issubclass(cls, (Site, Tag, Model))
        if not content:
            return
        known = self._keys.get(id(obj))
        if known is None or known[0] is not obj:
            known = self._keys[id(obj)] = (obj, object_key(obj))
        if known[1] is not None:
            recorder.deps.add((known[1], attr))


_IS_CONTENT: dict[type, bool] = {}   # whether object_key may name an object of this type
