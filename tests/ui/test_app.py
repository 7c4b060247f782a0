"""The composition root: ``run_gui`` renders a screenshot and returns without an event loop."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.app import run_gui
from desktop.domain.errors import NotFound
from tests.conftest import ROOT
from tests.ui.scenes import MONDAY


def distinct_colours(image: QImage) -> int:
    step = 23
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.parametrize("view", ["day", "week"])
def test_screenshot_is_a_png_of_the_window(qapp, hospital, tmp_path, view):
    path = tmp_path / "captures" / f"agenda-{view}.png"
    assert run_gui(hospital.services, screenshot=path, day=MONDAY, view=view) == 0
    assert path.read_bytes().startswith(b"\x89PNG")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1400, 900)
    assert distinct_colours(image) > 20  # a painted agenda, not a blank window
    assert QApplication.applicationName() == "Créneau"
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_unknown_department_is_a_french_error(qapp, hospital, tmp_path):
    with pytest.raises(NotFound, match="Service inconnu"):
        run_gui(hospital.services, screenshot=tmp_path / "x.png", department_code="ORL")
    assert not (tmp_path / "x.png").exists()


def test_importing_the_composition_root_does_not_load_qt():
    code = "import sys, desktop.app; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_style_sheets_are_read_in_name_order(tmp_path):
    from desktop.ui.application import style_sheet

    (tmp_path / "20-b.qss").write_text("B {}", encoding="utf-8")
    (tmp_path / "10-a.qss").write_text("A {}", encoding="utf-8")
    assert style_sheet(tmp_path) == "A {}\nB {}"
    assert style_sheet(tmp_path / "missing") == ""
    shipped = style_sheet()
    assert "QToolBar#agendaToolBar" in shipped and "QLabel#agendaTitle" in shipped
