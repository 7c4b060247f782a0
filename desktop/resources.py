"""Where Créneau's files (fonts, style sheets, translations…) are: ``resources/`` of the checkout
(an editable install runs from it) or of a frozen bundle (PyInstaller unpacks it under
``sys._MEIPASS``).

No Qt here: the PDF reports and the command line need the fonts too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.domain.errors import CreneauError

ENV_NAME = "CRENEAU_RESOURCES"


class ResourceMissing(CreneauError):
    """A file Créneau ships with cannot be found (an incomplete installation)."""


def resource_dirs() -> list[Path]:
    """The folders searched, first found wins: ``$CRENEAU_RESOURCES``, the frozen bundle's
    ``resources/``, then ``resources/`` next to the ``desktop`` package (a checkout)."""
    import os

    found = []
    explicit = os.environ.get(ENV_NAME)
    if explicit:
        found.append(Path(explicit))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(Path(__file__).resolve().parents[1] / "resources")
    return found


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``.

    Raises ``ResourceMissing`` (a French message naming the file) when no folder holds it.
    """
    for folder in resource_dirs():
        candidate = folder.joinpath(*parts)
        if candidate.exists():
            return candidate
    name = "/".join(parts)
    raise ResourceMissing(
        f"Fichier de l'application introuvable : resources/{name}. "
        "L'installation de Créneau est incomplète."
    )
