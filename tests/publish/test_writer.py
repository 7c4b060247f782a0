"""The folder is swapped in whole (a concurrent reader never sees half of it), and ``verify``
catches a modified, missing or added file."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.errors import InvalidInput
from desktop.publish import writer
from desktop.publish.smart_links import MANIFEST_NAME, FeedContext, manifest
from desktop.publish.writer import Stage, verify

CONTEXT = FeedContext("https://h.example/c/", "https://h.example/rdv", "", ZoneInfo("Europe/Paris"))
FILES = 12
LINES = 3000  # about 200 kB a file: writing a generation takes a while


def publish(out: Path, generation: int, extra=None) -> writer.PublishResult:
    """A synthetic publication whose every file says which generation it belongs to."""
    with Stage(out) as stage:
        for n in range(FILES):
            with stage.lines(f"slots-2027-W{n + 10:02d}.ndjson", "Slot") as sink:
                for k in range(LINES):
                    sink.write(json.dumps({"generation": generation, "n": n, "k": k}) + "\n")
        stage.write_bytes("freebusy/practitioner-1.ics", f"BEGIN:{generation}\r\n".encode())
        stamp = datetime(2027, 3, 15, 9, 0, generation % 60, tzinfo=UTC)
        return stage.commit(lambda files: manifest(CONTEXT, stamp, files), extra)


def generations(folder: Path) -> set[int]:
    name = "slots-2027-W10.ndjson"
    return {json.loads(line)["generation"] for line in (folder / name).read_text().splitlines()}


def test_a_published_folder_verifies_and_lists_every_file(tmp_path):
    out = tmp_path / "creneaux"
    result = publish(out, 1, lambda folder: (folder / "index.html").write_text("<p>page</p>"))
    assert result.swap == "first"
    report = verify(out)
    assert report.ok and report.checked == FILES + 2  # slot files, the calendar, the page
    data = json.loads((out / MANIFEST_NAME).read_text())
    assert {f["path"] for f in data["extension"]["files"]} == {
        "freebusy/practitioner-1.ics",
        "index.html",
    }
    assert not list(tmp_path.glob("creneaux.tmp-*"))


@pytest.mark.parametrize("how", ["modified", "missing", "added", "count", "manifest"])
def test_verify_names_the_first_bad_file(tmp_path, how):
    out = tmp_path / "creneaux"
    publish(out, 1)
    target = out / "slots-2027-W12.ndjson"
    if how == "modified":
        target.write_bytes(target.read_bytes().replace(b'"k": 7}', b'"k": 8}', 1))
    elif how == "missing":
        target.unlink()
    elif how == "added":
        (out / "tracker.js").write_text("alert(1)")
    elif how == "count":  # a line removed and the digest forged: the count still tells
        lines = target.read_bytes().splitlines(keepends=True)[1:]
        target.write_bytes(b"".join(lines))
        data = json.loads((out / MANIFEST_NAME).read_text())
        import hashlib

        for item in data["output"]:
            if item["url"].endswith("W12.ndjson"):
                item["extension"]["sha256"] = hashlib.sha256(b"".join(lines)).hexdigest()
        (out / MANIFEST_NAME).write_text(json.dumps(data))
    else:
        (out / MANIFEST_NAME).write_text("{not json")
    report = verify(out)
    assert not report.ok
    first = report.problems[0]
    expected = {
        "modified": ("slots-2027-W12.ndjson", "empreinte SHA-256 différente"),
        "missing": ("slots-2027-W12.ndjson", "fichier absent"),
        "added": ("tracker.js", "absent du manifeste"),
        "count": ("slots-2027-W12.ndjson", "2999 ressources au lieu de 3000"),
        "manifest": (MANIFEST_NAME, "manifeste illisible"),
    }[how]
    assert first.path == expected[0] and expected[1] in first.reason


def test_a_folder_that_is_not_a_publication_is_never_replaced(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "precious.txt").write_text("do not delete")
    with pytest.raises(InvalidInput, match="n'est pas une publication"):
        publish(out, 1)
    assert (out / "precious.txt").read_text() == "do not delete"
    assert not list(tmp_path.glob("site.tmp-*"))
    empty = tmp_path / "empty"
    empty.mkdir()
    publish(empty, 1)
    assert verify(empty).ok


def test_a_failed_publication_leaves_the_old_folder_and_no_leftover(tmp_path):
    out = tmp_path / "creneaux"
    publish(out, 1)

    def broken_page(folder: Path) -> None:
        raise OSError("disque plein")

    with pytest.raises(OSError):
        publish(out, 2, broken_page)
    assert verify(out).ok and generations(out) == {1}
    assert not list(tmp_path.glob("creneaux.tmp-*"))


def test_leftovers_of_a_crashed_publication_are_removed(tmp_path):
    out = tmp_path / "creneaux"
    publish(out, 1)
    stale = tmp_path / "creneaux.tmp-deadbeef"
    stale.mkdir()
    (stale / "half.ndjson").write_text("{")
    publish(out, 2)
    assert not stale.exists() and generations(out) == {2}
    assert generations(tmp_path / "creneaux.old") == {1}  # kept for readers still inside it


@pytest.mark.parametrize("scheme", ["exchange", "rename"])
def test_a_concurrent_reader_never_sees_a_half_written_folder(tmp_path, monkeypatch, scheme):
    if scheme == "rename":
        monkeypatch.setattr(writer, "exchange", lambda a, b: False)
    elif not writer.exchange(tmp_path, tmp_path):  # same directory: a harmless probe
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available on this system")
    out = tmp_path / "creneaux"
    publish(out, 0)
    seen: set[int] = set()
    problems: list = []
    absent = 0
    stop = threading.Event()
    reads = 0

    def reader() -> None:
        nonlocal absent, reads
        while not stop.is_set():
            report = verify(out)
            reads += 1
            if report.problems and report.problems[0].reason == "dossier introuvable":
                absent += 1  # the two-rename scheme: briefly absent, never partial
                continue
            if report.problems:
                problems.append(report.problems)
                return
            try:
                seen.add(json.loads((out / MANIFEST_NAME).read_text())["transactionTime"])
            except FileNotFoundError:  # swapped meanwhile (two renames: briefly absent)
                absent += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        generation = 0
        while generation < 40 or (reads < 40 and generation < 400):
            generation += 1
            result = publish(out, generation)
            assert result.swap == scheme
            if problems:
                break
    finally:
        stop.set()
        thread.join()
    assert problems == []
    assert len(seen) > 1  # the reader did read while folders were swapped
    if scheme == "exchange":
        assert absent == 0
    assert verify(out).ok and generations(out) == {generation}
