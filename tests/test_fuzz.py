"""Fuzzing: whatever the input, a clear error or a right answer, and never a half-written file.

- the data loaders on mutated TOML: loading succeeds or raises DataError (which names the file);
- the batch readers on random rows: every row becomes a Result (ok, mismatch, incomplete or
  error), or the whole input is refused with InputError;
- audit notes and settings: random contents round-trip, and a write that fails part-way leaves
  the old file or the new one, never a mix.
(The engine itself is fuzzed with random tables in test_engine.py.)
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol_cli.base.errors import DataError, ProtocolError
from protocol_cli.sources import batch, batch_input
from protocol_cli.sources.library import Library, bundled_data_root, load_protocol
from protocol_cli.sources.scenarios import load_scenario
from protocol_cli.storage import audit

BUNDLED = bundled_data_root()
LIB = Library(BUNDLED)
PROTOCOL_IDS = LIB.protocol_ids()
SCENARIO_TEXT = (BUNDLED / "scenarios" / "media.toml").read_bytes()
CLAUSE_TEXT = (BUNDLED / "clauses" / "rutland.toml").read_bytes()
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def mutate(data: st.DataObject, raw: bytes) -> bytes:
    """Cut, splice, duplicate or overwrite a few spans of the file."""
    out = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 4))):
        if not out:
            break
        at = data.draw(st.integers(0, len(out) - 1))
        size = data.draw(st.integers(0, 40))
        action = data.draw(st.sampled_from(["cut", "insert", "overwrite", "duplicate"]))
        if action == "cut":
            del out[at : at + size]
        elif action == "insert":
            out[at:at] = data.draw(st.binary(max_size=size)) or b"]"
        elif action == "overwrite":
            piece = data.draw(st.sampled_from([b"=", b'"', b"[[", b"\n", b"\x00", b"\xff", b"{}", b"1"]))
            out[at : at + len(piece)] = piece
        else:
            out[at:at] = out[at : at + size]
    return bytes(out)


@FUZZ
@given(data=st.data())
def test_a_mutated_scenario_loads_or_is_a_clear_data_error(tmp_path_factory, data) -> None:
    folder = tmp_path_factory.mktemp("scenarios")
    path = folder / "media.toml"
    path.write_bytes(mutate(data, SCENARIO_TEXT))
    try:
        loaded = load_scenario(path, PROTOCOL_IDS)
    except DataError as exc:
        assert str(exc).startswith(str(path))
        return
    assert loaded.scenario.id == "media" and loaded.scenario.tables


@FUZZ
@given(data=st.data())
def test_a_mutated_clause_file_loads_or_is_a_clear_data_error(tmp_path_factory, data) -> None:
    folder = tmp_path_factory.mktemp("clauses")
    path = folder / "rutland.toml"
    path.write_bytes(mutate(data, CLAUSE_TEXT))
    try:
        protocol = load_protocol(path)
    except DataError as exc:
        assert str(exc).startswith(str(path))
        return
    assert protocol.id == "rutland" and protocol.clauses


# --- batch readers ------------------------------------------------------------------------

CELL = st.one_of(
    st.sampled_from(
        ["thanet", "rutland", "media", "copy-correspondence", "officer", "member", "blind", "yes", ""]
    ),
    st.text(max_size=12),
)
HEADER = st.lists(
    st.sampled_from(["id", "council", "scenario", "expect", "who", "how", "recipient", "authorised", "x"]),
    min_size=1,
    max_size=6,
    unique=True,
)


def check_all(raw: bytes, fmt: str) -> list[batch.Result]:
    source = batch_input.Source("fuzz", io.BufferedReader(io.BytesIO(raw)), len(raw))
    checker = batch.Checker(LIB)
    return [checker.check(row) for row in batch_input.rows(source, fmt)]


@FUZZ
@given(
    header=HEADER,
    rows=st.lists(st.lists(CELL, max_size=7), max_size=8),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_random_csv_rows_each_get_a_status(header, rows, sep) -> None:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    try:
        results = check_all(buffer.getvalue().encode("utf-8", "surrogatepass"), "csv")
    except ProtocolError:
        return  # the input as a whole refused, with a message
    for r in results:
        assert r.status in ("ok", "mismatch", "incomplete", "error")
        if r.status == "error":
            assert r.decision.reason


@FUZZ
@given(raw=st.binary(max_size=400), fmt=st.sampled_from(["csv", "json", "jsonl", "toml"]))
def test_random_bytes_in_any_format_never_crash(raw, fmt) -> None:
    try:
        results = check_all(raw, fmt)
    except ProtocolError as exc:
        assert exc.message
        return
    assert all(r.status in ("ok", "mismatch", "incomplete", "error") for r in results)


@FUZZ
@given(
    items=st.lists(
        st.dictionaries(
            st.sampled_from(["council", "scenario", "answers", "expect", "id", "who"]),
            st.one_of(
                CELL,
                st.integers(),
                st.none(),
                st.lists(CELL, max_size=2),
                st.dictionaries(CELL, CELL, max_size=3),
            ),
            max_size=5,
        ),
        max_size=5,
    )
)
def test_random_json_lines_each_get_a_status(items) -> None:
    import json

    raw = "\n".join(json.dumps(i) for i in items).encode()
    results = check_all(raw, "jsonl")
    assert len(results) == len(items)
    assert all(r.status in ("ok", "mismatch", "incomplete", "error") for r in results)


# --- never a half-written note or config --------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@FUZZ
@given(note=TEXT, who=TEXT)
def test_any_note_text_round_trips_and_the_chain_stays_intact(tmp_path_factory, note, who) -> None:
    folder = tmp_path_factory.mktemp("audit")
    ref = audit.append(folder, {"recorded_by": who, "note": note})
    back = audit.read_note(ref.path)
    assert (back["recorded_by"], back["note"]) == (who, note)
    assert audit.verify(folder).intact


@pytest.mark.parametrize("fail_after", [0, 1, 10, 200])
def test_a_note_write_that_fails_part_way_leaves_nothing_half_written(
    tmp_path, monkeypatch, fail_after
) -> None:
    audit.append(tmp_path, {"note": "first"})
    real_write = os.write
    written = {"n": 0}

    def failing_write(fd: int, data: bytes) -> int:
        if written["n"] + len(data) > fail_after:
            raise OSError(28, "No space left on device")
        written["n"] += len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(ProtocolError, match="No space left on device"):
        audit.append(tmp_path, {"note": "second " * 100})
    monkeypatch.setattr(os, "write", real_write)
    report = audit.verify(tmp_path)
    assert report.intact and report.count == 1 and report.leftovers == []


@pytest.mark.parametrize("fail_after", [0, 5, 40])
def test_a_settings_write_that_fails_part_way_keeps_the_old_file(tmp_path, monkeypatch, fail_after) -> None:
    from protocol_cli.storage import settings as settings_mod

    monkeypatch.setenv("PROTOCOL_HOME", str(tmp_path))
    settings_mod.set_value("council", "thanet")
    path = settings_mod.config_path()
    before = path.read_bytes()
    real_write = os.write

    def failing_write(fd: int, data: bytes) -> int:
        if len(data) > fail_after:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(ProtocolError, match="cannot write the settings file"):
        settings_mod.set_value("name", "A Clerk " * 20)
    monkeypatch.setattr(os, "write", real_write)
    assert path.read_bytes() == before
    assert not [p for p in Path(path.parent).iterdir() if p.name.startswith(".tmp-")]


def test_audit_notes_and_settings_are_owner_only(tmp_path, monkeypatch) -> None:
    from protocol_cli.storage import settings as settings_mod

    ref = audit.append(tmp_path / "audit", {"note": "x"})
    assert ref.path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "audit").stat().st_mode & 0o777 == 0o700
    monkeypatch.setenv("PROTOCOL_HOME", str(tmp_path / "home"))
    settings_mod.set_value("council", "thanet")
    assert settings_mod.config_path().stat().st_mode & 0o777 == 0o600
