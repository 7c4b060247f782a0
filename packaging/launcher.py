"""Entry point of the frozen build: the ``creneau`` command, as ``python -m desktop`` runs it.

PyInstaller builds two executables from this file into one folder (packaging/creneau.spec):
``creneau`` (windowed: no console window opens behind the application on Windows) and
``creneau-cli`` (console: for the IT department's scripts, which need the output and the exit
code). A windowed program on Windows starts without standard streams, so:

- started from a console (``creneau --version`` typed in cmd.exe or PowerShell), it attaches to
  that console and writes there;
- started from the Start menu, a command that fails shows its French message in a message box
  instead of losing it.
"""

from __future__ import annotations

import io
import multiprocessing
import sys


def _attach_parent_console() -> bool:
    """On Windows, a windowed program started from a console writes into it (True if so)."""
    if sys.platform != "win32" or sys.stdout is not None:
        return False
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        return False
    sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    return True


def _show_error(message: str) -> None:
    """The message of a failed command in a dialog (a windowed start has nowhere else)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.critical(None, "Créneau", message.strip())


def main() -> int:
    multiprocessing.freeze_support()  # the benchmark's worker processes start this program
    captured = None
    if not _attach_parent_console() and sys.stderr is None:
        captured = sys.stderr = io.StringIO()
        if sys.stdout is None:
            sys.stdout = io.StringIO()
    from desktop.cli import main as creneau

    try:
        code = creneau()
    except SystemExit as exit_:  # argparse: --help, --version, a malformed command line
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    if captured is not None and code and captured.getvalue():
        _show_error(captured.getvalue())
    return code


if __name__ == "__main__":
    raise SystemExit(main())
