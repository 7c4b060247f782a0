"""The audit hash chain, pure: canonical form, hashing, and what the verification names."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.audit_chain import (
    GENESIS_HASH,
    BreakKind,
    ChainHead,
    ChainVerifier,
    canonical_instant,
    canonical_json,
    chain_hash,
    entry_hash,
    implied_links,
    verify_chain,
)
from desktop.domain.model import AuditEntry

T0 = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


def build(n: int, *, first_id: int = 1, anchor: str = GENESIS_HASH) -> list[AuditEntry]:
    """A valid chain of ``n`` records, ids from ``first_id``."""
    entries, prev = [], anchor
    for i in range(n):
        entry = AuditEntry(
            first_id + i,
            T0 + timedelta(minutes=i),
            f"user{i % 3}",
            "poste",
            "appointment.book",
            "appointment",
            100 + i,
            None if i % 2 else {"status": "booked"},
            {"status": "cancelled", "n": i, "é": "ü"},
            patient_id=i % 4 or None,
            practitioner_id=7,
            prev_hash=prev,
        )
        entry = dataclasses.replace(entry, hash=entry_hash(entry))
        entries.append(entry)
        prev = entry.hash
    return entries


def head_of(entries: list[AuditEntry]) -> ChainHead:
    return ChainHead(entries[-1].id, entries[-1].hash) if entries else ChainHead()


def locator(entries: list[AuditEntry]):
    by_hash = {e.hash: e.id for e in entries}
    return by_hash.get


def test_canonical_json_is_sorted_compact_and_keeps_accents():
    assert canonical_json({"b": 1, "a": ["é", None]}) == '{"a":["é",null],"b":1}'
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_canonical_instant_is_utc_with_microseconds():
    paris = timezone(timedelta(hours=1))
    assert canonical_instant(datetime(2027, 3, 15, 10, 0, tzinfo=paris)) == (
        "2027-03-15T09:00:00.000000Z"
    )
    with pytest.raises(ValueError):
        canonical_instant(datetime(2027, 3, 15, 10, 0))


def test_hash_covers_every_field_but_not_the_id():
    entry = build(1)[0]
    assert len(entry.hash) == 64 and int(entry.hash, 16) >= 0
    assert entry_hash(dataclasses.replace(entry, id=99)) == entry.hash
    changes = {
        "at": T0 + timedelta(seconds=1),
        "actor": "other",
        "workstation": "x",
        "action": "appointment.cancel",
        "object_type": "patient",
        "object_id": 5,
        "before": {"status": "seen"},
        "after": None,
        "patient_id": 9,
        "practitioner_id": None,
        "prev_hash": "1" * 64,
    }
    for field, value in changes.items():
        assert entry_hash(dataclasses.replace(entry, **{field: value})) != entry.hash, field


def test_same_content_same_hash_whatever_the_key_order():
    common = dict(
        prev_hash=GENESIS_HASH,
        at=T0,
        actor="a",
        workstation="w",
        action="x",
        object_type="t",
        object_id=1,
        patient_id=None,
        practitioner_id=None,
    )
    one = chain_hash(**common, before={"a": 1, "b": 2}, after=None)
    two = chain_hash(**common, before={"b": 2, "a": 1}, after=None)
    assert one == two


@pytest.mark.parametrize("n", [0, 1, 2, 10])
def test_an_untouched_chain_verifies(n):
    entries = build(n)
    report = verify_chain(entries, head_of(entries), locator(entries))
    assert report.ok and report.checked == n and report.broken is None
    assert (report.last_id, report.last_hash) == (
        (entries[-1].id, entries[-1].hash) if entries else (0, GENESIS_HASH)
    )


def test_batches_give_the_same_result_as_one_pass():
    entries = build(25)
    verifier = ChainVerifier(head_of(entries))
    for start in range(0, 25, 7):
        assert verifier.feed(entries[start : start + 7])
    assert verifier.finish().checked == 25


def test_edited_record_is_named():
    entries = build(6)
    entries[2] = dataclasses.replace(entries[2], actor="intrus")
    report = verify_chain(entries, head_of(entries), locator(entries))
    assert not report.ok and report.checked == 2
    assert (report.broken.record_id, report.broken.kind) == (3, BreakKind.EDITED)
    assert "n° 3 a été modifié" in report.broken.message


def test_edited_record_with_its_hash_recomputed_breaks_the_next_link():
    entries = build(6)
    forged = dataclasses.replace(entries[2], after={"status": "seen"})
    entries[2] = dataclasses.replace(forged, hash=entry_hash(forged))
    report = verify_chain(entries, head_of(entries), locator(entries))
    assert report.broken.record_id == 4 and report.broken.kind is BreakKind.DELETED


def test_deleted_middle_record_is_named():
    entries = build(6)
    head = head_of(entries)
    del entries[3]
    report = verify_chain(entries, head, locator(entries))
    assert (report.broken.record_id, report.broken.kind) == (5, BreakKind.DELETED)
    assert "entre le n° 3 et le n° 5" in report.broken.message


def test_deleted_first_record_is_named():
    entries = build(3)
    head = head_of(entries)
    report = verify_chain(entries[1:], head, locator(entries[1:]))
    assert (report.broken.record_id, report.broken.kind) == (2, BreakKind.DELETED)
    assert "avant le n° 2" in report.broken.message


def test_deleted_last_record_is_found_through_the_head():
    entries = build(5)
    report = verify_chain(entries[:-1], head_of(entries))
    assert report.checked == 4
    assert (report.broken.record_id, report.broken.kind) == (5, BreakKind.DELETED)
    assert "dernier enregistrement (n° 5)" in report.broken.message


def test_every_record_deleted():
    entries = build(2)
    report = verify_chain([], head_of(entries))
    assert report.broken.kind is BreakKind.DELETED and "est vide" in report.broken.message


def test_swapped_records_are_reported_reordered():
    entries = build(5)
    a, b = entries[1], entries[2]
    entries[1] = dataclasses.replace(b, id=2)
    entries[2] = dataclasses.replace(a, id=3)
    report = verify_chain(entries, head_of(build(5)), locator(entries))
    assert (report.broken.record_id, report.broken.kind) == (2, BreakKind.REORDERED)
    assert "il suivait l'enregistrement n° 3" in report.broken.message


def test_head_mismatch_and_records_beyond_the_head():
    entries = build(3)
    wrong = ChainHead(3, "f" * 64)
    assert verify_chain(entries, wrong).broken.kind is BreakKind.HEAD
    short = ChainHead(2, entries[1].hash)
    report = verify_chain(entries, short)
    assert (report.broken.record_id, report.broken.kind) == (3, BreakKind.HEAD)
    assert verify_chain(entries, None).broken.kind is BreakKind.HEAD
    assert verify_chain([], None).ok


def test_chain_after_a_purge_starts_at_the_anchor():
    entries = build(6)
    kept = entries[3:]
    head = ChainHead(6, entries[-1].hash, anchor_id=3, anchor_hash=entries[2].hash)
    assert verify_chain(kept, head).ok
    assert verify_chain([], ChainHead(6, entries[-1].hash, 6, entries[-1].hash)).ok
    report = verify_chain(kept[1:], head)
    assert report.broken.record_id == 5 and "entre le n° 3 et le n° 5" in report.broken.message


def test_implied_links():
    assert implied_links("patient", 4, None, {"phones": 1}) == (4, None)
    assert implied_links("waiting_entry", 2, None, {"patient_id": 8, "practitioner_id": 3}) == (
        8,
        3,
    )
    assert implied_links("refused", None, None, {"action": "x", "practitioner_id": 5}) == (
        None,
        5,
    )
    assert implied_links("absence", 1, {"practitioner_id": 2}, None) == (None, 2)
    assert implied_links("x", 1, None, {"patient_id": True, "practitioner_id": "3"}) == (
        None,
        None,
    )


@given(
    n=st.integers(min_value=1, max_value=12),
    data=st.data(),
)
def test_any_single_tampering_is_detected_at_or_before_its_place(n, data):
    entries = build(n)
    head = head_of(entries)
    kind = data.draw(st.sampled_from(["edit", "delete", "swap"]))
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    if kind == "edit":
        field = data.draw(st.sampled_from(["actor", "action", "object_id", "after", "prev_hash"]))
        value = {"actor": "x", "action": "y", "object_id": -1, "after": {}, "prev_hash": "a" * 64}
        entries[i] = dataclasses.replace(entries[i], **{field: value[field]})
        expected = entries[i].id
    elif kind == "delete":
        expected = entries[i].id + 1 if i < n - 1 else entries[i].id
        del entries[i]
    else:
        if n < 2:
            return
        j = data.draw(st.integers(min_value=0, max_value=n - 1).filter(lambda j: j != i))
        lo, hi = sorted((i, j))
        a, b = entries[lo], entries[hi]
        entries[lo] = dataclasses.replace(b, id=a.id)
        entries[hi] = dataclasses.replace(a, id=b.id)
        expected = entries[lo].id
    report = verify_chain(entries, head, locator(entries))
    assert not report.ok
    assert report.broken.record_id == expected
