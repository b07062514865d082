"""What a template reads is recorded into the recorder passed to
env.recording(), only inside that block, and never into another render's."""

from __future__ import annotations

import multiprocessing
import threading

from portfoliogen.content.site import Tag
from portfoliogen.render.tracking import Recorder, TrackingEnvironment

ALPHA = Tag("Alpha", "alpha", "/work/tags/alpha/", ())
BETA = Tag("Beta", "beta", "/work/tags/beta/", ())


def test_reads_inside_the_block_are_recorded():
    env = TrackingEnvironment()
    template = env.from_string("{{ tag.name }} {{ tag['url_path'] }} {{ tag._hidden | default('') }}")
    with env.recording(Recorder()) as recorder:
        template.render(tag=ALPHA)
    assert recorder.deps == {("tag:alpha", "name"), ("tag:alpha", "url_path")}
    template.render(tag=BETA)   # after the block: recorded nowhere
    assert recorder.deps == {("tag:alpha", "name"), ("tag:alpha", "url_path")}


def test_the_recorder_is_released_when_a_render_fails():
    env = TrackingEnvironment()
    recorder = Recorder()
    try:
        with env.recording(recorder):
            env.from_string("{{ tag.name }}{{ 1 / 0 }}").render(tag=ALPHA)
    except ZeroDivisionError:
        pass
    env.from_string("{{ tag.slug }}").render(tag=BETA)
    assert recorder.deps == {("tag:alpha", "name")}


def test_concurrent_renders_keep_their_own_recorders():
    """Two pages rendering at once on one environment: each recorder holds
    only what its own page read (an attribute on the shared environment
    would have sent the first page's later reads to the second's)."""
    env = TrackingEnvironment()
    both_started = threading.Barrier(2, timeout=10)
    env.globals["wait"] = lambda: both_started.wait() and ""
    template = env.from_string("{{ tag.name }}{{ wait() }}{{ tag.url_path }}")
    recorders = {"alpha": Recorder(), "beta": Recorder()}

    def render(tag: Tag) -> None:
        with env.recording(recorders[tag.slug]):
            template.render(tag=tag)

    threads = [threading.Thread(target=render, args=(tag,)) for tag in (ALPHA, BETA)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert recorders["alpha"].deps == {("tag:alpha", "name"), ("tag:alpha", "url_path")}
    assert recorders["beta"].deps == {("tag:beta", "name"), ("tag:beta", "url_path")}


_ENV = TrackingEnvironment()
_TEMPLATE = _ENV.from_string("{{ tag.name }}")


def _render_in_worker(tag: Tag) -> set:
    with _ENV.recording(Recorder()) as recorder:
        _TEMPLATE.render(tag=tag)
    return recorder.deps


def test_recording_works_in_a_forked_worker():
    """parallel.run forks workers that inherit the environment."""
    with _ENV.recording(Recorder()) as parent:   # a recording open in the parent stays the parent's
        with multiprocessing.get_context("fork").Pool(1) as pool:
            assert pool.map(_render_in_worker, [BETA]) == [{("tag:beta", "name")}]
    assert parent.deps == set()
