"""P4 (interface), P7 and P8 of ``creneau bench``: the real window, rendered offscreen.

- **P4 (interface)**: a keystroke sent with ``QTest.keyClick`` to the patient field of the
  booking panel (opened with Ctrl+N), until the end of the next paint of the results list.
- **P7**: a fresh ``python -m desktop.bench_gui --p7 DB NOW`` per run, from the process start to
  the first paint of today's agenda grid; floor: the same subprocess showing a bare
  ``QMainWindow`` + ``QTableView`` on a small model (``--p7-floor``) until its first paint.
- **P8**: next day, switch to the week, next practitioner in the week: from the action to the
  grid's next paint, after ``agenda_loaded`` when the read runs in the background as in the app.
- **P13**: during the P4 and P8 runs, a heartbeat timer ticks every 2 ms on the GUI thread; the
  longest gap between two ticks is the longest the interface stayed frozen.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics
import subprocess
import sys
import time as clock
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.bench import Figure

ROOT = Path(__file__).resolve().parents[1]
PAINT_TIMEOUT = 2.0  # seconds; a paint that never comes is recorded as this long
WINDOW_SIZE = (1400, 900)
P7_RUNS = 7
PAINTED = "painted"


def _typed_words() -> list[str]:
    """The longest prefixes of ``PREFIXES``: typing them letter by letter runs every prefix."""
    from desktop.bench import PREFIXES

    return [p for p in PREFIXES if not any(q != p and q.startswith(p) for q in PREFIXES)]


def measure_gui(db_path: Path, now: datetime, repeat: int, out) -> list[Figure]:
    """P4 (interface), P7 and P8 on the data set at ``db_path``, ``now`` being its clock."""
    from desktop.bench_ops import ACTOR
    from desktop.services.clock import FixedClock
    from desktop.services.container import Services
    from desktop.ui.application import create_application
    from desktop.ui.main_window import MainWindow

    app = create_application()
    services = Services.open(f"sqlite:///{db_path}", FixedClock(now))
    window = MainWindow(services, actor=ACTOR)
    # As desktop.app.run_gui: reads of the agenda off the GUI thread for a database file.
    window.background_reads = True
    window.resize(*WINDOW_SIZE)
    window.show()
    try:
        _settle(app)
        with _BusyMeter() as busy:
            figures = [_p4_interface(app, window, repeat), _p8(app, window, repeat)]
        figures.append(_p13(busy.stretches))
    finally:
        window.close()
        window.deleteLater()
        _settle(app)
        services.db.dispose()
    out("  P4 (interface) et P8 mesurés ; P7 dans des processus neufs…")
    figures.insert(1, _p7(db_path, now, repeat))
    return figures


class _BusyMeter:
    """How long the GUI thread stays unavailable: a heartbeat timer ticks every 2 ms on the GUI
    thread; a gap between two ticks is a stretch during which no event could be handled."""

    TICK_MS = 2

    def __init__(self) -> None:
        self.stretches: list[float] = []
        self._last: float | None = None

    def __enter__(self) -> _BusyMeter:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        now = clock.perf_counter()
        if self._last is not None:
            self.stretches.append(now - self._last)
        self._last = now


def _p13(stretches: list[float]) -> Figure:
    from desktop.bench import Figure

    worst = max(stretches, default=0.0)
    note = (
        f"pouls de {_BusyMeter.TICK_MS} ms sur le fil graphique pendant P4 et P8, "
        f"{len(stretches)} intervalles ; le plus long (interface figée) : "
        f"{worst * 1000:.1f} ms ; sans plancher"
    )
    figure = Figure(
        "P13", "fil graphique : plus long traitement sans rendre la main", stretches, [], None,
        None, "aucun > 50 ms", note,
    )  # fmt: skip
    figure.verdict = "OK" if stretches and worst <= 0.050 else "MANQUÉ"
    return figure


def _settle(app, seconds: float = 0.2) -> None:
    """Let the event loop run for ``seconds``, sleeping between events as the application does."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


class _PaintWatch:
    """Timestamps the end of the next paint of a widget (an event filter that runs the paint
    itself, then notes the time)."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent, QObject

        watch = self
        self.ended: float | None = None
        self._inside = False

        class Filter(QObject):
            def eventFilter(self, obj, event) -> bool:
                if event.type() != QEvent.Type.Paint or watch._inside:
                    return False
                watch._inside = True
                try:
                    QCoreApplication.sendEvent(obj, event)
                finally:
                    watch._inside = False
                watch.ended = clock.perf_counter()
                return True

        self._filter = Filter()
        widget.installEventFilter(self._filter)

    def arm(self) -> None:
        self.ended = None


def _wait(app, done: Callable[[], bool], started: float) -> tuple[float, bool]:
    """Process events until ``done()``; returns the seconds since ``started`` and whether it
    came before the timeout. The GUI thread sleeps between events (no busy loop holding the GIL
    against a background read); a timer wakes it to check the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = started + PAINT_TIMEOUT
    waker = QTimer()
    waker.setInterval(50)
    waker.start()
    try:
        while not done():
            if clock.perf_counter() > deadline:
                return PAINT_TIMEOUT, False
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        waker.stop()
    return 0.0, True


# --- P4 (interface) -----------------------------------------------------------------------------


def _p4_interface(app, window, repeat: int) -> Figure:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.bench import Figure, profile_text

    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _settle(app, 0.05)
    if not window.booking.dock.isVisible():  # no active window offscreen: the same action
        window.booking.open()
    _settle(app)
    panel = window.booking.panel
    edit, results = panel.patient_edit, panel.patient_list
    edit.setFocus()
    watch = _PaintWatch(results.viewport())
    words = _typed_words()
    timeouts = 0

    def clear() -> None:
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Backspace)
        _settle(app, 0.02)

    def keystroke(letter: str) -> float:
        nonlocal timeouts
        watch.arm()
        started = clock.perf_counter()
        QTest.keyClick(edit, letter)
        late, ok = _wait(app, lambda: watch.ended is not None, started)
        if not ok:
            timeouts += 1
            return late
        return watch.ended - started

    def one_word(word: str) -> list[float]:
        clear()
        return [keystroke(letter) for letter in word]

    for word in words:  # warm caches, fonts and the list's first show once
        one_word(word)
    timeouts = 0
    samples: list[float] = []
    turn = 0
    while len(samples) < max(repeat, sum(map(len, words))):
        samples += one_word(words[turn % len(words)])
        turn += 1
    note = (
        f"frappes de {', '.join(words)} lettre à lettre dans le panneau de réservation "
        f"(QTest.keyClick → fin du paint de la liste de résultats), {len(samples)} frappes ; "
        "sans plancher"
    )
    if timeouts:
        note += f" ; {timeouts} frappe(s) sans paint en {PAINT_TIMEOUT:.0f} s"
    figure = Figure(
        "P4i", "frappe → patients affichés (interface)", samples, [], None, 0.050,
        "≤ 16 ms méd. ; ≤ 50 ms p95", note,
    )  # fmt: skip
    figure.judge()
    if statistics.median(samples) > 0.016 or timeouts:
        figure.verdict = "MANQUÉ"
    if figure.verdict == "MANQUÉ":
        figure.profile = profile_text(lambda: one_word(words[0]), runs=10)
    clear()
    window.booking.close()
    _settle(app, 0.05)
    return figure


# --- P8 -----------------------------------------------------------------------------------------


def _p8(app, window, repeat: int) -> Figure:
    from desktop.bench import Figure, p95, profile_text
    from desktop.ui.main_window import VIEW_DAY, VIEW_WEEK

    state = {"loaded": False, "painted": None}

    def on_loaded() -> None:
        state["loaded"] = True

    def on_painted() -> None:
        if state["loaded"] and state["painted"] is None:
            state["painted"] = clock.perf_counter()

    window.agenda_loaded.connect(on_loaded)
    window.grid.painted.connect(on_painted)
    timeouts = 0

    def timed_action(action: Callable[[], object]) -> float:
        nonlocal timeouts
        state["loaded"], state["painted"] = False, None
        started = clock.perf_counter()
        action()
        late, ok = _wait(app, lambda: state["painted"] is not None, started)
        if not ok:
            timeouts += 1
            return late
        return state["painted"] - started

    combo = window.toolbar.practitioner_combo

    def next_practitioner() -> None:
        combo.setCurrentIndex((combo.currentIndex() + 1) % max(1, combo.count()))

    actions = {
        "jour suivant": window.go_next,
        "vue semaine": lambda: window.set_view(VIEW_WEEK),
        "praticien suivant (semaine)": next_practitioner,
    }
    samples: dict[str, list[float]] = {name: [] for name in actions}

    def round_trip(record: bool) -> None:
        timed_action(lambda: window.set_view(VIEW_DAY))
        for name, action in actions.items():
            seconds = timed_action(action)
            if record:
                samples[name].append(seconds)

    try:
        round_trip(record=False)  # warm once
        timeouts = 0
        for _ in range(max(3, repeat // 3)):
            round_trip(record=True)
        everything = [s for values in samples.values() for s in values]
        worst = max(everything)
        note = (
            " ; ".join(
                f"{name} méd. {statistics.median(v) * 1000:.1f} ms, p95 {p95(v) * 1000:.1f} ms"
                for name, v in samples.items()
            )
            + f" ; pire {worst * 1000:.1f} ms ; lectures "
            + ("en arrière-plan (comme l'application)" if window.background_reads else "directes")
            + " ; sans plancher"
        )
        if timeouts:
            note += f" ; {timeouts} action(s) sans paint en {PAINT_TIMEOUT:.0f} s"
        figure = Figure(
            "P8", "changer de jour / semaine / praticien, action → grille peinte", everything,
            [], None, 0.050, "≤ 50 ms p95, jamais > 100 ms", note,
        )  # fmt: skip
        figure.judge()
        if worst > 0.100 or timeouts:
            figure.verdict = "MANQUÉ"
        if figure.verdict == "MANQUÉ":  # read synchronously: cProfile sees the GUI thread only
            background, window.background_reads = window.background_reads, False
            figure.profile = profile_text(lambda: round_trip(record=False), runs=5)
            window.background_reads = background
    finally:
        window.agenda_loaded.disconnect(on_loaded)
        window.grid.painted.disconnect(on_painted)
    return figure


# --- P7 -----------------------------------------------------------------------------------------


def _p7(db_path: Path, now: datetime, repeat: int) -> Figure:
    from desktop.bench import Figure

    runs = max(3, min(repeat, P7_RUNS))
    creneau_args = ["--p7", str(db_path), now.isoformat()]
    creneau = _start_times(creneau_args, runs)
    floor = _start_times(["--p7-floor"], runs)
    note = (
        f"médiane de {runs} démarrages à chaud (un premier non compté) de "
        "« python -m desktop.bench_gui », jusqu'au 1er paint de la grille d'aujourd'hui ; "
        "plancher : QMainWindow + QTableView nus dans le même genre de processus"
    )
    figure = Figure(
        "P7", "démarrage → agenda du jour peint", creneau, floor, 3.0, 0.6,
        "≤ 3× ; ≤ 0,6 s", note,
    )  # fmt: skip
    if figure.judge() == "MANQUÉ":
        figure.profile = _child_profile(creneau_args)
    return figure


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def _start_times(args: list[str], runs: int) -> list[float]:
    """Seconds from the spawn of the child to its line "painted", for ``runs`` runs after one
    warm-up run."""
    samples = []
    for i in range(runs + 1):
        started = clock.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "desktop.bench_gui", *args],
            cwd=ROOT, env=_child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        line = child.stdout.readline()
        ended = clock.perf_counter()
        _, errors = child.communicate(timeout=60)
        if line.strip() != PAINTED:
            raise RuntimeError(f"P7 : le processus n'a rien peint ({errors.strip()[-300:]})")
        if i:
            samples.append(ended - started)
    return samples


def _child_profile(args: list[str]) -> str:
    """The costliest functions of one start (cProfile in the child)."""
    result = subprocess.run(
        [sys.executable, "-m", "desktop.bench_gui", "--profile", *args],
        cwd=ROOT, env=_child_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    text = result.stdout.partition(PAINTED + "\n")[2].strip()
    return text or f"profil indisponible : {result.stderr.strip()[-300:]}"


def _child_start(db: str, now: str) -> None:
    """What ``creneau gui`` does up to the first paint of the agenda (sign-in skipped)."""
    from desktop.domain.model import Actor, Role
    from desktop.services.clock import FixedClock
    from desktop.services.container import Services
    from desktop.ui.application import FRENCH, create_application
    from desktop.ui.i18n import apply_language, requested_language
    from desktop.ui.main_window import MainWindow

    services = Services.open(f"sqlite:///{db}", FixedClock(datetime.fromisoformat(now)))
    app = create_application()
    apply_language(app, requested_language(None, system=FRENCH))
    window = MainWindow(services, actor=Actor("bench", Role.SECRETARY, "poste-bench"))
    window.background_reads = True
    window.grid.painted.connect(_done)
    window.resize(*WINDOW_SIZE)
    window.show()
    app.exec()


def _child_floor() -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([sys.argv[0]])
    model = QStandardItemModel(20, 5)
    for row in range(20):
        for column in range(5):
            model.setItem(row, column, QStandardItem(f"{row}:{column}"))

    class Table(QTableView):
        def paintEvent(self, event) -> None:
            super().paintEvent(event)
            _done()

    window = QMainWindow()
    table = Table()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(*WINDOW_SIZE)
    window.show()
    app.exec()


def _done() -> None:
    sys.stdout.write(PAINTED + "\n")
    sys.stdout.flush()
    if _PROFILER is not None:
        _PROFILER.disable()
        import io
        import pstats

        stream = io.StringIO()
        pstats.Stats(_PROFILER, stream=stream).strip_dirs().sort_stats("cumtime").print_stats(25)
        sys.stdout.write(stream.getvalue())
        sys.stdout.flush()
    os._exit(0)


_PROFILER = None


def main(argv: list[str]) -> int:
    global _PROFILER
    if argv[:1] == ["--profile"]:
        import cProfile

        _PROFILER = cProfile.Profile()
        _PROFILER.enable()
        argv = argv[1:]
    if argv[:1] == ["--p7"] and len(argv) == 3:
        _child_start(argv[1], argv[2])
    elif argv == ["--p7-floor"]:
        _child_floor()
    else:
        sys.stderr.write(
            "usage : python -m desktop.bench_gui [--profile] --p7 DB NOW | --p7-floor\n"
        )
        return 2
    return 1  # the event loop ended without a paint


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
