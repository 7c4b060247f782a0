"""Créneau's one version number: ``version`` of ``[project]`` in ``pyproject.toml``.

A checkout reads ``pyproject.toml`` itself (an editable install's metadata goes stale when the
number changes without a reinstall); an installed package or the frozen bundle (PyInstaller's
``copy_metadata``) reads its distribution's metadata. The About dialog, ``creneau --version``,
the AppStream release and the smoke test of the frozen build all show this number.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DISTRIBUTION = "creneau"
UNKNOWN = "0+inconnue"
LICENSE = "EUPL-1.2"


def _checkout_version(pyproject: Path) -> str | None:
    """The version in ``pyproject`` when it is Créneau's own (None otherwise or unreadable)."""
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if project.get("name") != DISTRIBUTION:
        return None
    found = project.get("version")
    return found if isinstance(found, str) and found else None


@cache
def version() -> str:
    """The version of this Créneau, e.g. ``"0.1.0"`` (``"0+inconnue"`` if nothing says)."""
    found = _checkout_version(Path(__file__).resolve().parents[1] / "pyproject.toml")
    if found:
        return found
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version(DISTRIBUTION)
    except PackageNotFoundError:
        return UNKNOWN
