"""``creneau bench``: the performance targets of QUALITY.md, measured on the *hospital* data set.

Every figure of Créneau's own code (repositories and services) is printed beside a floor
measured in the same run by hand-written code over the stdlib ``sqlite3`` (``bench_floors``),
with their ratio, the targets and a verdict; a missed target is followed by its profile.
The data set is built once in ``data_dir`` and reused while its marker file matches.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop import bench_floors as floors
from desktop.services.demo_hospital import HospitalSize

MARKER_VERSION = 1
DATA_FILE = "hospital.sqlite3"
MARKER_FILE = "hospital.json"
PREFIXES = ("m", "ma", "mar", "mart", "d", "du", "dup", "dupo", "l", "le", "lef", "lefe", "n")
P6_SAMPLE = 0.1  # share of the rows written by the P6 floor, extrapolated to the full set


@dataclass
class Figure:
    key: str
    label: str
    creneau: list[float]
    floor: list[float]
    max_ratio: float | None  # Créneau median ≤ max_ratio × floor median
    max_p95: float | None  # seconds
    target: str
    note: str = ""
    verdict: str = field(init=False, default="")
    profile: Callable[[], object] | str | None = None  # an action to profile, or its profile

    def ratio(self) -> float:
        return statistics.median(self.creneau) / statistics.median(self.floor)

    def judge(self) -> str:
        ok = (self.max_ratio is None or self.ratio() <= self.max_ratio) and (
            self.max_p95 is None or p95(self.creneau) <= self.max_p95
        )
        self.verdict = "OK" if ok else "MANQUÉ"
        return self.verdict


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm caches and imports once
    samples = []
    for _ in range(repeat):
        started = clock.perf_counter()
        action()
        samples.append(clock.perf_counter() - started)
    return samples


def _n(number: int) -> str:
    return f"{number:_}".replace("_", " ")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 10 else f"{seconds:.1f} s"


def run_bench(
    data_dir: Path,
    *,
    seed: int = 1,
    pg_url: str | None,
    out: Callable[[str], None] = print,
    repeat: int = 50,
    scale_factor: float = 1.0,
) -> int:
    """Measure P1–P8, P12 and P13, print the table; 0 when every measured target is met, else 1.

    ``scale_factor`` shrinks the data set (tests only: the targets are for the full size).
    """
    from desktop.bench_ops import measure
    from desktop.bench_publish import measure_p11
    from desktop.bench_reports import measure_reports

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    size = HospitalSize() if scale_factor == 1.0 else HospitalSize().scaled(scale_factor)
    marker, built_now = _ensure_data(data_dir, seed, size, out)
    now = datetime.fromisoformat(marker["now"])
    load = os.getloadavg()[0]
    counts = marker["counts"]
    out(
        f"Banc d'essai Créneau — jeu « hospital » : {_n(counts['praticiens'])} praticiens, "
        f"{_n(counts['patients'])} patients, {_n(counts['rendez-vous'])} rendez-vous "
        f"(graine {seed}, maintenant {now:%Y-%m-%d %H:%M}Z, charge {load:.1f}, "
        f"{os.cpu_count()} cœurs)"
    )
    figures = measure(data_dir / DATA_FILE, now, repeat, out)
    from desktop.bench_gui import measure_gui  # sets QT_QPA_PLATFORM=offscreen unless set

    gui = measure_gui(data_dir / DATA_FILE, now, repeat, out)  # P4 (interface), P7, P8
    figures[4:4] = gui[:1]  # P4 (interface) beside P4
    figures.append(_p6(data_dir, marker, size, now, built_now))
    figures += gui[1:3]  # P7, P8
    figures += measure_reports(data_dir / DATA_FILE, now, repeat, out)  # P9, P10 (PDF)
    figures.append(measure_p11(data_dir / DATA_FILE, now, repeat, out))  # publication
    figures.append(_p12(pg_url, now, repeat, out))
    figures += gui[3:]  # P13
    _print_table(figures, out)
    missed = [f for f in figures if f.verdict == "MANQUÉ"]
    for figure in missed:
        if figure.profile is not None:
            out("")
            out(f"Profil de {figure.key} ({figure.label}), fonctions les plus coûteuses :")
            profile = figure.profile
            out(profile if isinstance(profile, str) else profile_text(profile))
    return 1 if missed else 0


def _ensure_data(data_dir: Path, seed: int, size: HospitalSize, out) -> tuple[dict, bool]:
    path, marker_path = data_dir / DATA_FILE, data_dir / MARKER_FILE
    wanted = {"version": MARKER_VERSION, "seed": seed, "size": size.__dict__}
    if marker_path.exists() and path.exists():
        marker = json.loads(marker_path.read_text(encoding="utf-8"))
        if {k: marker.get(k) for k in wanted} == wanted:
            out(f"Jeu de données réutilisé : {path}")
            return marker, False
    from desktop.services.demo_hospital import build_hospital
    from desktop.services.uow import Database

    marker_path.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    db = Database(f"sqlite:///{path}")
    before = _rss_mb()
    started, cpu = clock.perf_counter(), clock.process_time()
    counts = build_hospital(db, seed=seed, now=now, size=size, progress=lambda m: out(f"  {m}"))
    seconds, cpu = clock.perf_counter() - started, clock.process_time() - cpu
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    db.dispose()
    marker = {**wanted, "now": now.isoformat(), "counts": counts}
    marker |= {"build_seconds": seconds, "build_cpu_seconds": cpu, "memory_growth_mb": growth}
    marker["load_average"] = os.getloadavg()[0]
    marker_path.write_text(json.dumps(marker, ensure_ascii=False, indent=1), encoding="utf-8")
    return marker, True


def _rss_mb() -> float:
    """The resident memory now (Linux), else the peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p6(data_dir: Path, marker: dict, size: HospitalSize, now: datetime, built: bool) -> Figure:
    from desktop.services.uow import Database

    scratch = data_dir / "bench-p6.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    Database(f"sqlite:///{scratch}").dispose()
    patients = max(1, round(size.patients * P6_SAMPLE))
    appointments = max(1, round(size.appointments * P6_SAMPLE))
    seconds = floors.executemany_seconds(scratch, patients, appointments, now)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    floor = seconds / P6_SAMPLE
    growth = marker["memory_growth_mb"]
    note = f"mémoire +{growth:.0f} Mo (≤ 500 Mo)"
    if "build_cpu_seconds" in marker:
        note += (
            f"; temps processeur {marker['build_cpu_seconds']:.0f} s, charge de la machine "
            f"{marker['load_average']:.1f} à la fin"
        )
    if not built:
        note += "; durée de la génération enregistrée"
    figure = Figure(
        "P6", "générer le jeu « hospital »", [marker["build_seconds"]], [floor], 2.0, 180.0,
        "≤ 2× ; ≤ 3 min", note + f"; plancher extrapolé de {P6_SAMPLE:.0%} des lignes",
    )  # fmt: skip
    figure.judge()
    if growth > 500:
        figure.verdict = "MANQUÉ"
    return figure


def _p12(pg_url: str | None, now: datetime, repeat: int, out) -> Figure:
    label, target = "8 postes réservant en même temps (PostgreSQL)", "≥ 50 % ; 0 chevauchement"
    if not pg_url:
        figure = Figure("P12", label, [], [], None, None, target)
        figure.note = "non mesuré : aucune base PostgreSQL donnée (--pg-url ou CRENEAU_TEST_PG_URL)"
        figure.verdict = "NON MESURÉ"
        return figure
    from desktop.bench_pg import run_p12

    try:
        result = run_p12(pg_url, now, per_worker=max(5, repeat))
    except Exception as exc:  # the table still prints, with the reason
        figure = Figure("P12", label, [], [], None, None, target)
        figure.note = f"non mesuré : {type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
        figure.verdict = "NON MESURÉ"
        return figure
    # Throughputs as "seconds per booking" so that the ratio reads like the others.
    figure = Figure(
        "P12", label, [1 / result.creneau_per_second], [1 / result.raw_per_second], 2.0, None,
        target,
        f"{result.creneau_per_second:.0f} réservations/s contre {result.raw_per_second:.0f} "
        f"INSERT/s ; {result.booked} réussies, {result.refused} refusées (SlotConflict), "
        f"{result.overlaps} chevauchement(s)",
    )  # fmt: skip
    figure.judge()
    if result.overlaps:
        figure.verdict = "MANQUÉ"
    return figure


def _print_table(figures: list[Figure], out) -> None:
    head = ("#", "opération", "Créneau méd.", "Créneau p95", "plancher méd.", "ratio", "cible")
    rows = []
    for f in figures:
        if not f.creneau:
            rows.append((f.key, f.label, "—", "—", "—", "—", f.target, f.verdict))
            continue
        rows.append(
            (
                f.key, f.label, _ms(statistics.median(f.creneau)), _ms(p95(f.creneau)),
                _ms(statistics.median(f.floor)) if f.floor else "—",
                f"{f.ratio():.1f}×" if f.floor else "—", f.target, f.verdict,
            )
        )  # fmt: skip
    widths = [max(len(str(r[i])) for r in [*rows, (*head, "verdict")]) for i in range(8)]
    out("")
    out("  ".join(str(c).ljust(w) for c, w in zip((*head, "verdict"), widths, strict=True)))
    out("  ".join("-" * w for w in widths))
    for row in rows:
        out("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    out("")
    for f in figures:
        if f.note:
            out(f"{f.key} : {f.note}")


def profile_text(action: Callable[[], object], runs: int = 20, top: int = 12) -> str:
    """The functions where ``runs`` calls of ``action`` spend their own time, costliest first."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        action()
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    lines = [line for line in stream.getvalue().splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start:])


def copy_database(source: Path, target: Path) -> None:
    """A copy of a database nobody is writing (its WAL checkpointed first)."""
    raw = floors.connect(source)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    shutil.copyfile(source, target)
