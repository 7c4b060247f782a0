"""Writing the published folder atomically, and checking a folder against its manifest.

The scheme, for a folder ``DIR`` (e.g. ``/srv/www/creneaux``):

1. ``DIR.lock`` is locked (``flock``; ``msvcrt.locking`` on Windows): one publisher at a time;
   leftovers ``DIR.tmp-*`` of a crashed publication are removed under the lock.
2. Everything is written into a new sibling ``DIR.tmp-<random>`` (same file system), each file's
   SHA-256 computed as it is written; the optional ``extra_files(folder)`` hook (the booking
   page) adds its files, hashed afterwards; the manifest is written last.
3. Every file and directory is fsynced (files in parallel: the journal commits them together).
4. The swap, in one system call: on Linux ``renameat2(DIR.tmp-x, DIR, RENAME_EXCHANGE)`` swaps
   the two directories atomically — a reader that resolves ``DIR`` gets the old folder or the
   new one, whole, and ``DIR`` never disappears. The old folder, now at ``DIR.tmp-x``, becomes
   ``DIR.old`` (the one before is renamed aside and deleted on a background thread), so a
   reader still inside it finishes reading a complete folder. The parent directory is fsynced.
   Where the exchange is not supported (other systems, some network file systems): ``DIR`` is
   renamed ``DIR.old`` then ``DIR.tmp-x`` renamed ``DIR`` — between the two renames ``DIR`` is
   briefly absent, never half-written. The first publication is a plain rename.

A ``DIR`` that exists but is neither empty nor a publication (no ``$bulk-publish``) is refused:
nothing of anybody else's is ever deleted. ``verify(DIR)`` opens the folder once (a directory
descriptor where the system has them) and checks every digest of the manifest, the count of
each NDJSON file, and that no file is missing or unlisted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import InvalidInput
from desktop.publish.smart_links import MANIFEST_NAME, OutputFile
from desktop.publish.swap import exchange, lock_file

CHUNK = 1 << 20
FLUSH_LINES = 20_000


@dataclass(frozen=True)
class PublishResult:
    """A folder published: where, its files, and the manifest's own digest."""

    folder: Path
    files: tuple[OutputFile, ...]
    manifest_sha256: str
    swap: str  # "exchange", "rename" or "first"


class LineSink:
    """An NDJSON file being written: lines buffered, hashed and counted as they go."""

    def __init__(self, path: Path, rel: str, type_: str) -> None:
        self._file = open(path, "wb")  # noqa: SIM115 (closed by ``close``)
        self._rel, self._type = rel, type_
        self._hash = hashlib.sha256()
        self._pending: list[str] = []
        self.count = 0

    def write(self, line: str) -> None:
        """Add one line (ending with ``\\n``)."""
        self._pending.append(line)
        self.count += 1
        if len(self._pending) >= FLUSH_LINES:
            self._flush()

    def write_many(self, lines: list[str]) -> None:
        """Add lines (each ending with ``\\n``)."""
        self._pending.extend(lines)
        self.count += len(lines)
        if len(self._pending) >= FLUSH_LINES:
            self._flush()

    def _flush(self) -> None:
        data = "".join(self._pending).encode("utf-8")
        self._pending.clear()
        self._hash.update(data)
        self._file.write(data)

    def close(self) -> OutputFile:
        self._flush()
        self._file.close()
        return OutputFile(self._rel, self._hash.hexdigest(), self._type, self.count)


class Stage:
    """A publication being written beside ``out``; ``commit`` swaps it in, else it is removed."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out).absolute()
        self.files: dict[str, OutputFile] = {}
        self._lock = None
        self.path = self.out.with_name(f"{self.out.name}.tmp-{secrets.token_hex(4)}")

    def __enter__(self) -> Stage:
        parent = self.out.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            _check_target(self.out)
            self._lock = lock_file(self.out.with_name(f"{self.out.name}.lock"))
            for pattern in (f"{self.out.name}.tmp-*", f"{self.out.name}.old.trash-*"):
                for stale in parent.glob(pattern):
                    shutil.rmtree(stale, ignore_errors=True)
            self.path.mkdir()
        except OSError as exc:
            self.__exit__(None, None, None)
            raise InvalidInput(
                f"Impossible d'écrire la publication dans « {self.out} » : {exc.strerror or exc}."
            ) from exc
        return self

    def __exit__(self, *_exc) -> None:
        if self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _target(self, rel: str) -> Path:
        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_bytes(self, rel: str, data: bytes, type_: str = "", count: int = 0) -> OutputFile:
        """Write one whole file of the folder."""
        self._target(rel).write_bytes(data)
        entry = OutputFile(rel, hashlib.sha256(data).hexdigest(), type_, count)
        self.files[rel] = entry
        return entry

    def sink(self, rel: str, type_: str) -> LineSink:
        """An NDJSON file of the feed, written line by line; hand it to ``add`` once closed."""
        return LineSink(self._target(rel), rel, type_)

    @contextlib.contextmanager
    def lines(self, rel: str, type_: str) -> Iterator[LineSink]:
        """An NDJSON file of the feed, written line by line, recorded at the end."""
        sink = self.sink(rel, type_)
        try:
            yield sink
        finally:
            self.files[rel] = sink.close()

    def add(self, entry: OutputFile) -> None:
        """Record a file written through a ``LineSink`` opened outside ``lines``."""
        self.files[entry.path] = entry

    def commit(
        self,
        make_manifest: Callable[[list[OutputFile]], dict],
        extra_files: Callable[[Path], None] | None = None,
    ) -> PublishResult:
        """Add the hook's files, write the manifest, fsync, and swap the folder in."""
        if extra_files is not None:
            extra_files(self.path)
        for rel in _walk(self.path):
            if rel not in self.files and rel != MANIFEST_NAME:
                self.files[rel] = OutputFile(rel, _digest(self.path / rel)[0])
        files = sorted(self.files.values(), key=lambda f: f.path)
        data = (json.dumps(make_manifest(files), ensure_ascii=False, indent=1) + "\n").encode()
        (self.path / MANIFEST_NAME).write_bytes(data)
        _fsync_tree(self.path)
        swap = _swap(self.path, self.out)
        _fsync_dir(self.out.parent)
        return PublishResult(self.out, tuple(files), hashlib.sha256(data).hexdigest(), swap)


def _check_target(out: Path) -> None:
    for folder in (out, out.with_name(f"{out.name}.old")):
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise InvalidInput(f"« {folder} » n'est pas un dossier : choisissez un autre chemin.")
        if folder.is_dir() and not (folder / MANIFEST_NAME).exists() and any(folder.iterdir()):
            raise InvalidInput(
                f"Le dossier « {folder} » existe et n'est pas une publication de Créneau : "
                "choisissez un dossier vide ou nouveau."
            )


def _swap(new: Path, out: Path) -> str:
    old = out.with_name(f"{out.name}.old")
    if not out.exists():
        os.rename(new, out)
        return "first"
    if exchange(new, out):
        if old.exists():
            _discard(old)
        os.rename(new, old)  # the previous folder, kept for readers still inside it
        return "exchange"
    if old.exists():
        _discard(old)
    os.rename(out, old)
    os.rename(new, out)
    return "rename"


def _discard(folder: Path) -> None:
    """Rename a folder aside at once and delete it on a background thread (hundreds of files:
    the publication need not wait); a deletion cut short is finished by the next publication."""
    trash = folder.with_name(f"{folder.name}.trash-{secrets.token_hex(4)}")
    os.rename(folder, trash)
    threading.Thread(
        target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True},
        name="publication-trash", daemon=True,
    ).start()  # fmt: skip


def _walk(root: Path) -> list[str]:
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            found.append((Path(folder) / name).relative_to(root).as_posix())
    return sorted(found)


def _digest(path: Path, opener=None) -> tuple[str, int]:
    """SHA-256 of a file and its number of lines."""
    digest, lines = hashlib.sha256(), 0
    with open(path, "rb", opener=opener) as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    return digest.hexdigest(), lines


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if sys.platform == "win32":  # directories cannot be opened for fsync there
        return
    _fsync_file(path)


def _fsync_tree(root: Path) -> None:
    files = [root / rel for rel in _walk(root)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(_fsync_file, files))
    for folder, _dirs, _names in os.walk(root, topdown=False):
        _fsync_dir(Path(folder))


# --- verification --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong with one file of a published folder (French)."""

    path: str
    reason: str


@dataclass(frozen=True)
class VerifyReport:
    """A folder checked against its manifest: the files checked and the problems, in order."""

    folder: Path
    checked: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


_HEX = frozenset("0123456789abcdef")
FEED_TYPES = ("Location", "Schedule", "Slot")


def _safe(rel: object) -> bool:
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\\" in rel:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def _listed(manifest: dict) -> tuple[list[tuple[str, str, int | None]], list[Problem]]:
    """``(path, sha256, count or None)`` of every file the manifest lists, and shape problems."""
    problems: list[Problem] = []
    bad = lambda reason: problems.append(Problem(MANIFEST_NAME, reason))  # noqa: E731
    request = manifest.get("request")
    if not isinstance(manifest.get("transactionTime"), str):
        bad("manifeste : « transactionTime » manquant")
    if not isinstance(request, str) or not request.endswith(MANIFEST_NAME):
        bad("manifeste : « request » manquant ou ne se terminant pas par $bulk-publish")
        request = MANIFEST_NAME
    if manifest.get("error") != []:
        bad("manifeste : « error » doit être une liste vide")
    base = request[: -len(MANIFEST_NAME)]
    entries: list[tuple[str, str, int | None]] = []
    output = manifest.get("output")
    if not isinstance(output, list):
        bad("manifeste : « output » manquant")
        output = []
    for item in output:
        item = item if isinstance(item, dict) else {}
        url, digest = item.get("url"), (item.get("extension") or {}).get("sha256")
        rel = url[len(base) :] if isinstance(url, str) and url.startswith(base) else None
        if item.get("type") not in FEED_TYPES or not _safe(rel):
            bad(f"manifeste : entrée de « output » invalide ({str(url)[:120]})")
            continue
        count = item.get("count")
        entries.append((rel, digest, count if isinstance(count, int) else None))  # type: ignore[arg-type]
    files = (manifest.get("extension") or {}).get("files", [])
    for item in files if isinstance(files, list) else []:
        item = item if isinstance(item, dict) else {}
        if not _safe(item.get("path")):
            bad(f"manifeste : fichier au chemin invalide ({str(item.get('path'))[:120]})")
            continue
        entries.append((item["path"], item.get("sha256"), None))
    return entries, problems


def verify(folder: Path | str) -> VerifyReport:
    """Check a published folder against its ``$bulk-publish`` manifest."""
    folder = Path(folder)
    use_fd = os.open in os.supports_dir_fd and sys.platform != "win32"
    try:
        root_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if use_fd else None
    except OSError:
        return VerifyReport(folder, 0, (Problem(".", "dossier introuvable"),))
    opener = (lambda p, flags: os.open(p, flags, dir_fd=root_fd)) if use_fd else None
    here = (lambda rel: rel) if use_fd else (lambda rel: str(folder / rel))
    try:
        return _verify(folder, here, opener, root_fd)
    finally:
        if root_fd is not None:
            os.close(root_fd)


def _verify(folder: Path, here, opener, root_fd) -> VerifyReport:
    try:
        with open(here(MANIFEST_NAME), "rb", opener=opener) as f:
            manifest = json.loads(f.read().decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError
    except FileNotFoundError:
        return VerifyReport(folder, 0, (Problem(MANIFEST_NAME, "manifeste absent"),))
    except (OSError, ValueError):
        return VerifyReport(folder, 0, (Problem(MANIFEST_NAME, "manifeste illisible"),))
    entries, problems = _listed(manifest)
    for rel, digest, count in entries:
        if not (isinstance(digest, str) and len(digest) == 64 and set(digest) <= _HEX):
            problems.append(Problem(rel, "empreinte SHA-256 absente du manifeste"))
            continue
        try:
            actual, lines = _digest(Path(here(rel)), opener)
        except FileNotFoundError:
            problems.append(Problem(rel, "fichier absent"))
            continue
        except OSError as exc:
            problems.append(Problem(rel, f"illisible ({exc.strerror or exc})"))
            continue
        if actual != digest:
            problems.append(Problem(rel, "empreinte SHA-256 différente du manifeste (modifié)"))
        elif count is not None and count != lines:
            problems.append(Problem(rel, f"{lines} ressources au lieu de {count}"))
    listed = {rel for rel, _, _ in entries} | {MANIFEST_NAME}
    found = _walk_fd(root_fd) if root_fd is not None else _walk(folder)
    for rel in found:
        if rel not in listed:
            problems.append(Problem(rel, "fichier absent du manifeste"))
    return VerifyReport(folder, len(entries), tuple(problems))


def _walk_fd(root_fd: int) -> list[str]:
    found = []
    for top, _dirs, names, _fd in os.fwalk(".", dir_fd=root_fd):
        for name in names:
            found.append(os.path.normpath(os.path.join(top, name)).replace(os.sep, "/"))
    return sorted(found)
