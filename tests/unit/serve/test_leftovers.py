"""What a build round leaves waits for the newer save's page only once, and only for it."""

from __future__ import annotations

from portfoliogen.serve.leftovers import Leftovers


def test_a_round_with_a_save_waiting_leaves_its_stopped_build_until_the_newer_page_is_served() -> None:
    left = Leftovers()
    stopped = RuntimeError("stopped")
    left.keep(stopped)
    assert left.round_ended(save_waiting=True) is False      # the newer build starts at once
    left.shown(epoch=7)
    left.served(epoch=6)                                      # a request from before the pages were in place
    assert left._stopped is stopped
    left.served(epoch=7)
    assert left._stopped is None


def test_only_one_round_s_leftovers_wait() -> None:
    left = Leftovers()
    left.keep(RuntimeError("first"))
    assert left.round_ended(save_waiting=True) is False
    assert left.round_ended(save_waiting=True) is True        # a second round: cleared at once
    assert left._stopped is None


def test_nothing_waits_when_no_save_is_waiting() -> None:
    left = Leftovers()
    left.keep(RuntimeError("stopped"))
    assert left.round_ended(save_waiting=False) is True
    assert left._stopped is None
    left.shown(epoch=1)
    left.served(epoch=1)   # nothing to clear: no error
