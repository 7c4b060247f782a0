"""Smoke test of the frozen build: the programs of ``packaging/dist/creneau/`` run, alone.

    python packaging/smoke_test.py [FOLDER]     # default: packaging/dist/creneau

Each check starts the built executables (never the checkout's Python) offscreen, in a temporary
home with no configuration, from a temporary folder, on a temporary database:

- ``creneau --version`` and ``creneau-cli --version`` answer with the version of pyproject.toml;
- ``creneau-cli … demo`` creates and migrates the database (Alembic scripts read from the bundle)
  and fills it (holidays, phone numbers);
- ``creneau … gui --screenshot`` renders the main window to a 1400×900 PNG (Qt, style sheets,
  icons), in French and in English (the translations are bundled);
- ``report day`` writes a PDF embedding DejaVu Sans (fonts); the style sheets, translations,
  icons, booking page and migrations are in the bundle; ``config show`` answers;
- with ``CRENEAU_TEST_PG_URL`` set, ``init`` migrates a new PostgreSQL database (psycopg's binary
  driver is bundled).

Exit 0 when every check passed; the last line reads "smoke: N passed, N failed".
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "packaging" / "dist" / "creneau"
NOW = "2026-11-30T10:40"
DAY = "2026-11-30"
TIMEOUT = 180
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def expected_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


class Smoke:
    """The frozen programs, an isolated environment and the checks' results."""

    def __init__(self, folder: Path, work: Path) -> None:
        suffix = ".exe" if sys.platform == "win32" else ""
        self.gui = folder / f"creneau{suffix}"
        self.cli = folder / f"creneau-cli{suffix}"
        self.work = work
        self.db = f"sqlite:///{(work / 'smoke.sqlite3').as_posix()}"
        home = work / "home"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CRENEAU_", "PYTHON", "QT_")) and k != "LD_LIBRARY_PATH"
        }
        self.env.update(
            QT_QPA_PLATFORM="offscreen",
            HOME=str(home),
            USERPROFILE=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_STATE_HOME=str(home / "state"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_CONFIG_DIRS=str(home / "etc-xdg"),
            CRENEAU_MACHINE_CONFIG=str(work / "no-machine-config.toml"),
            CRENEAU_LANG="fr",
        )
        self.passed: list[str] = []
        self.failed: list[str] = []

    def run(self, program: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
        )

    def app(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The CLI build on the smoke database with the clock fixed."""
        return self.run(self.cli, "--db", self.db, "--now", NOW, *args)

    def check(self, name: str, test: Callable[[], str | None]) -> None:
        """Run one check: ``test`` returns None when it passed, else what went wrong."""
        start = time.monotonic()
        try:
            problem = test()
        except Exception as exc:  # a timeout, a missing file: the check failed, go on
            problem = f"{type(exc).__name__}: {exc}"
        took = f"{time.monotonic() - start:5.1f} s"
        if problem is None:
            self.passed.append(name)
            print(f"ok     {took}  {name}", flush=True)
        else:
            self.failed.append(name)
            print(f"FAILED {took}  {name}\n{_indent(problem)}", flush=True)


def _indent(text: str) -> str:
    return "\n".join("         " + line for line in text.strip().splitlines()[-25:])


def _failure(result: subprocess.CompletedProcess[str]) -> str | None:
    if result.returncode == 0:
        return None
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG file, None when it is not one."""
    head = path.read_bytes()[:24]
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def checks(smoke: Smoke) -> None:
    version = expected_version()

    def answers_version(program: Path) -> Callable[[], str | None]:
        def test() -> str | None:
            result = smoke.run(program, "--version")
            if result.returncode != 0 or result.stdout.strip() != f"Créneau {version}":
                return f"expected « Créneau {version} », got {result!r}"
            return None

        return test

    smoke.check("creneau --version", answers_version(smoke.gui))
    smoke.check("creneau-cli --version", answers_version(smoke.cli))
    smoke.check("demo: migrations and a demo hospital", lambda: _failure(smoke.app("demo")))

    def screenshot(name: str, *extra: str) -> Callable[[], str | None]:
        def test() -> str | None:
            shot = smoke.work / name
            args = ("--db", smoke.db, "--now", NOW, "gui", "--screenshot", str(shot))
            result = smoke.run(smoke.gui, *args, "--date", DAY, *extra)
            if result.returncode != 0:
                return _failure(result)
            if not shot.is_file() or shot.stat().st_size == 0:
                return f"no picture written at {shot}"
            if png_size(shot) != (1400, 900):
                return f"{shot} is not a 1400×900 PNG ({png_size(shot)})"
            return None

        return test

    smoke.check("gui --screenshot (main window, French)", screenshot("shot.png"))
    smoke.check("gui --screenshot --lang en", screenshot("shot-en.png", "--lang", "en"))

    def translated() -> str | None:
        french, english = smoke.work / "shot.png", smoke.work / "shot-en.png"
        if french.read_bytes() == english.read_bytes():
            return "the English window is the French one: translations not bundled?"
        return None

    smoke.check("the English interface differs from the French one", translated)

    def report() -> str | None:
        pdf = smoke.work / "journee.pdf"
        args = ("report", "day", "--practitioner", "REY", "--date", DAY, "--out", str(pdf))
        result = smoke.app(*args)
        if result.returncode != 0:
            return _failure(result)
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF") or b"DejaVuSans" not in data:
            return f"{pdf} is not a PDF embedding DejaVu Sans"
        return None

    smoke.check("report day: a PDF with the bundled font", report)

    def bundled() -> str | None:
        internal = smoke.gui.parent / "_internal"
        wanted = [
            "resources/qss/10-window.qss",
            "resources/translations/creneau_en.qm",
            "resources/fonts/DejaVuSans.ttf",
            "resources/icons/hicolor/256x256/apps/fr.hopital.creneau.png",
            "resources/web/index.html",
            "resources/web/booking.js",
            "db/migrations/env.py",
            "db/migrations/versions/0001_initial_schema.py",
        ]
        missing = [name for name in wanted if not (internal / name).is_file()]
        return f"missing in {internal}: {missing}" if missing else None

    smoke.check("resources and migrations are in the bundle", bundled)

    def config_show() -> str | None:
        result = smoke.app("config", "show")
        if result.returncode != 0:
            return _failure(result)
        return None if "database.url" in result.stdout else f"unexpected: {result.stdout}"

    smoke.check("config show", config_show)
    if os.environ.get("CRENEAU_TEST_PG_URL"):
        smoke.check("init on PostgreSQL (psycopg bundled)", lambda: postgres(smoke))


def postgres(smoke: Smoke) -> str | None:
    """Create a database with the checkout's psycopg, migrate it with the frozen program."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(os.environ["CRENEAU_TEST_PG_URL"])
    name = f"creneau_smoke_{uuid.uuid4().hex[:10]}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        url = admin.set(database=name).render_as_string(hide_password=False)
        return _failure(smoke.run(smoke.cli, "--db", url, "init"))
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str]) -> int:
    folder = Path(argv[0]).resolve() if argv else DEFAULT_FOLDER
    suffix = ".exe" if sys.platform == "win32" else ""
    if not (folder / f"creneau{suffix}").is_file():
        print(f"smoke: no frozen build in {folder} (run packaging/build.sh)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="creneau-smoke-") as work:
        smoke = Smoke(folder, Path(work))
        checks(smoke)
    print(f"smoke: {len(smoke.passed)} passed, {len(smoke.failed)} failed")
    return 1 if smoke.failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
