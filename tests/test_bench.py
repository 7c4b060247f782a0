"""The benchmark's machinery on a tiny data set: rows and format only, never durations."""

from __future__ import annotations

import re

from desktop.bench import MARKER_FILE, run_bench

ROWS = ("P1", "P2", "P3", "P4", "P4i", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "P12", "P13")
NO_FLOOR = ("P4i", "P8", "P13")  # interface figures measured against their targets only
VERDICTS = ("OK", "MANQUÉ", "NON MESURÉ")


def _table_rows(lines: list[str]) -> dict[str, str]:
    return {line.split()[0]: line for line in lines if re.match(r"^P\d+i?\s{2,}", line)}


def test_bench_prints_every_figure_and_reuses_its_data(tmp_path):
    lines: list[str] = []
    code = run_bench(tmp_path, seed=1, pg_url=None, out=lines.append, repeat=3, scale_factor=0.002)
    assert code in (0, 1)
    assert (tmp_path / MARKER_FILE).exists() and (tmp_path / "hospital.sqlite3").exists()
    assert not list(tmp_path.glob("bench-p*.sqlite3*"))  # scratch copies are removed
    header = next(i for i, line in enumerate(lines) if line.startswith("#"))
    assert "Créneau méd." in lines[header] and "plancher méd." in lines[header]
    assert "ratio" in lines[header] and "verdict" in lines[header]
    rows = _table_rows(lines)
    assert tuple(rows) == ROWS
    for key, row in rows.items():
        assert row.rstrip().endswith(VERDICTS), row
        if key in NO_FLOOR:
            assert len(re.findall(r"\d+(\.\d+)? (ms|s)\b", row)) >= 2, row
            assert "—" in row, row
        elif key != "P12":
            assert re.search(r"\d+\.\d×", row), row
            assert len(re.findall(r"\d+(\.\d+)? (ms|s)\b", row)) >= 3, row
    assert rows["P12"].rstrip().endswith("NON MESURÉ")
    assert any(line.startswith("P12 : non mesuré") for line in lines)
    for key in ("P4i", "P7", "P8", "P13"):  # the interface figures explain what they measured
        assert any(line.startswith(f"{key} : ") for line in lines), key
    assert code == (1 if any(r.rstrip().endswith("MANQUÉ") for r in rows.values()) else 0)
    if code:
        assert any(line.startswith("Profil de") for line in lines)

    again: list[str] = []
    run_bench(tmp_path, seed=1, pg_url=None, out=again.append, repeat=2, scale_factor=0.002)
    assert any("réutilisé" in line for line in again)
    assert tuple(_table_rows(again)) == ROWS


def test_the_gui_thread_meter_sees_a_handler_that_blocks(qtbot):
    import time

    from PySide6.QtCore import QTimer

    from desktop.bench_gui import _BusyMeter, _p13, _settle
    from desktop.ui.application import create_application

    app = create_application()
    with _BusyMeter() as busy:
        QTimer.singleShot(10, lambda: time.sleep(0.08))  # a handler that freezes the interface
        _settle(app, 0.3)
    assert max(busy.stretches) >= 0.08
    assert _p13(busy.stretches).verdict == "MANQUÉ"
    assert _p13([0.001, 0.004]).verdict == "OK"
