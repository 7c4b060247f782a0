"""The task helper: work on a worker thread, the result back on the GUI thread, stale dropped."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication

from desktop.ui.tasks import TaskRunner


def delivered(predicate):
    """``predicate`` after delivering the posted events (the results' queued calls).

    ``qtbot.waitUntil`` alone was seen not to deliver them after the sign-in tests had run in
    the same process (see the report of this change); sending them explicitly is exact.
    """

    def check() -> bool:
        QCoreApplication.sendPostedEvents()
        return predicate()

    return check


def test_the_result_comes_back_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    gui = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    runner.run("read", work, lambda result: seen.update(result=result, on=threading.get_ident()))
    qtbot.waitUntil(delivered(lambda: "result" in seen), timeout=2000)
    assert seen["result"] == 42
    assert seen["on"] == gui and seen["worker"] != gui
    assert runner.pending() == 0


def test_a_stale_result_is_dropped(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    got = []

    def slow():
        release.wait(2)
        return "first"

    runner.run("day", slow, got.append)
    second = runner.run("day", lambda: "second", got.append)
    release.set()
    runner.wait(2000)
    qtbot.waitUntil(delivered(lambda: runner.pending() == 0), timeout=2000)
    assert got == ["second"]
    assert runner.is_current("day", second)
    assert runner.dropped == 1


def test_a_failure_goes_to_on_failed(qtbot):
    runner = TaskRunner()
    failures = []

    def broken():
        raise ValueError("boom")

    runner.run("read", broken, lambda _r: None, failures.append)
    qtbot.waitUntil(delivered(lambda: bool(failures)), timeout=2000)
    assert isinstance(failures[0], ValueError)


def test_invalidate_drops_what_is_running(qtbot):
    runner = TaskRunner()
    got = []
    runner.run("read", lambda: 1, got.append)
    runner.invalidate("read")
    runner.wait(2000)
    qtbot.waitUntil(delivered(lambda: runner.pending() == 0), timeout=2000)
    assert got == []
