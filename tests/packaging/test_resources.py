"""Every shipped file is found through ``desktop.resources``, the one place that knows where
``resources/`` is in a checkout and in the frozen bundle (``sys._MEIPASS``)."""

from __future__ import annotations

import re
import shutil

from desktop import resources
from tests.conftest import ROOT

# A path built from the folder's name: `/ "resources"`, `"resources" /`, `Path("resources")`.
BUILT_BY_HAND = re.compile(
    r"""/\s*["']resources["']|["']resources["']\s*/|\(\s*["']resources["']"""
)


def test_no_module_builds_the_resources_path_itself():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("desktop", "db")
        for path in (ROOT / folder).rglob("*.py")
        if path != ROOT / "desktop" / "resources.py"
        and BUILT_BY_HAND.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_frozen_bundle_is_searched_before_the_checkout(tmp_path, monkeypatch):
    bundle = tmp_path / "_internal"
    shutil.copytree(ROOT / "resources" / "qss", bundle / "resources" / "qss")
    monkeypatch.setattr(resources.sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.resource_dirs()[0] == bundle / "resources"
    assert resources.resource_path("qss") == bundle / "resources" / "qss"
    # A file the bundle lacks is still found in the checkout (an editable install).
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_relative_to(ROOT)


def test_the_interface_reads_its_style_sheets_and_translations_there(monkeypatch, tmp_path):
    from desktop.ui.application import resources_dir, style_sheet
    from desktop.ui.i18n import translations_dir

    (tmp_path / "qss").mkdir()
    (tmp_path / "qss" / "00-test.qss").write_text("QWidget { color: #123456; }", encoding="utf-8")
    monkeypatch.setenv(resources.ENV_NAME, str(tmp_path))
    assert resources_dir() == tmp_path
    assert translations_dir() == tmp_path / "translations"
    assert style_sheet() == "QWidget { color: #123456; }"
