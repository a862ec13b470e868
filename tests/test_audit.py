"""Audit notes people can rely on: complete, private, never overwritten, safe under concurrency
and crashes, and provably intact (any altered byte, removed or reordered note is found)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, answer_args

from protocol_cli.sources import library
from protocol_cli.storage import audit

ASK = [
    "ask",
    "-s",
    "copy-correspondence",
    "-c",
    "thanet",
    *answer_args(how="open", who="officer", recipient="member", consent="yes"),
]


def audit_dir() -> Path:
    return Path(os.environ["PROTOCOL_HOME"]) / "data" / "audit"


def write_notes(cli, n: int) -> list[Path]:
    for i in range(n):
        assert cli(*ASK, "--audit", "--note", f"note {i}").code == 0
    return [p for _, p in audit.note_paths(audit_dir())]


# --- what a note holds ----------------------------------------------------------------------


def test_ask_with_audit_writes_a_complete_note(cli, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_NAME", "Alex Clerk")
    r = cli(*ASK, "--audit", "--note", "checked before replying", "--json")
    assert r.code == 0
    saved = r.json()["audit"]
    assert saved["saved"] is True and saved["id"] == "000001"
    assert "Audit note 000001 saved" in r.err
    path = Path(saved["path"])
    assert path.parent.parent.parent == audit_dir()
    note = tomllib.loads(path.read_text().split("\n", 1)[1])
    assert note["id"] == "000001" and note["seq"] == 1 and note["prev_hash"] == ""
    assert note["created"].endswith("Z") and note["created"][:7].replace("-", "/") in str(path)
    assert note["recorded_by"] == "Alex Clerk" and note["note"] == "checked before replying"
    assert note["tool_version"] and note["protocol"]["id"] == "thanet"
    assert note["protocol"]["title"] == "Protocol on Member/Officer Relations"
    assert len(note["protocol"]["data_version"]) == 12
    assert note["scenario"] == {"id": "copy-correspondence", "title": "Copying or forwarding correspondence"}
    assert [q["id"] for q in note["question"]] == ["how", "who", "recipient", "consent"]
    assert note["question"][3] == {
        "id": "consent",
        "prompt": "Has the author agreed to it being copied to this person, or asked for it to be?",
        "answer": "yes",
        "label": "Yes",
    }
    assert note["outcome"]["verdict"] == "allowed" and note["outcome"]["steps"]
    assert note["citation"][0] == {
        "id": "thanet:9.1.12.b1",
        "label": "9.1.12.b1",
        "heading": "9.1 Members' enquiries and access to Officers",
        "text": "That Member agrees; or",
    }
    assert saved["hash"] == path.read_text().split('"')[1]


def test_notes_are_private(cli) -> None:
    path = write_notes(cli, 1)[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, audit_dir()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_note_is_never_overwritten(tmp_path) -> None:
    from protocol_cli.base.files import create_new

    ref = audit.append(tmp_path, {"note": "first"})
    before = ref.path.read_bytes()
    with pytest.raises(FileExistsError):
        create_new(ref.path, b"something else")
    assert ref.path.read_bytes() == before
    (tmp_path / "HEAD").write_text("0 x\n")  # a HEAD pointing back: the writer still moves past 000001
    assert audit.append(tmp_path, {"note": "second"}).seq == 2
    assert ref.path.read_bytes() == before


def test_no_audit_and_the_setting(cli) -> None:
    assert cli(*ASK, "--no-audit", "--note", "x").code == 0
    assert cli(*ASK).code == 0  # default "ask", and no terminal to ask at: nothing written
    assert audit.note_paths(audit_dir()) == []
    cli("config", "set", "audit", "always")
    assert cli(*ASK).code == 0
    assert len(audit.note_paths(audit_dir())) == 1
    assert cli(*ASK, "--no-audit").code == 0
    assert len(audit.note_paths(audit_dir())) == 1
    cli("config", "set", "audit", "never")
    assert cli(*ASK, "--audit").code == 0
    assert len(audit.note_paths(audit_dir())) == 2


def test_the_audit_folder_setting(cli, tmp_path) -> None:
    cli("config", "set", "audit_dir", str(tmp_path / "elsewhere"))
    assert cli(*ASK, "--audit").code == 0
    assert len(audit.note_paths(tmp_path / "elsewhere")) == 1


# --- a write that fails -------------------------------------------------------------------


def test_an_unwritable_folder_still_prints_the_answer(cli, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PROTOCOL_AUDIT_DIR", str(blocker / "audit"))
    r = cli(*ASK, "--audit")
    assert r.code == 3
    assert "Verdict: ALLOWED" in r.out
    assert r.err.startswith("Warning: the audit note was NOT saved: cannot write to the audit folder")


def test_a_full_disk_still_prints_the_answer_and_leaves_no_partial_note(cli, monkeypatch) -> None:
    write_notes(cli, 1)
    real_write = os.write

    def full(fd, data):
        if len(data) > 200:  # the note, not the lock
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    with monkeypatch.context() as m:
        m.setattr(os, "write", full)
        r = cli(*ASK, "--audit", "--json")
    assert r.code == 3
    assert r.json()["verdict"] == "allowed"
    assert r.json()["audit"] == {"saved": False, "error": r.json()["audit"]["error"]}
    assert "No space left on device" in r.err
    assert len(audit.note_paths(audit_dir())) == 1
    assert not list(audit_dir().rglob(".tmp-*"))
    assert cli("audit", "verify").code == 0


# --- concurrency and crashes --------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from protocol_cli.storage import audit
folder, count, who = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for i in range(count):
    audit.append(folder, {"recorded_by": who, "note": str(i)})
"""


def test_two_processes_writing_500_notes_each(tmp_path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "500", f"writer-{n}"], cwd=ROOT)
        for n in range(2)
    ]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    report = audit.verify(tmp_path)
    assert report.count == 1000 and report.intact, report.problems
    by_writer = [audit.read_note(p)["recorded_by"] for _, p in audit.note_paths(tmp_path)]
    assert by_writer.count("writer-0") == by_writer.count("writer-1") == 500


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.7])
def test_a_writer_killed_mid_write_leaves_no_partial_note(tmp_path, delay: float) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "100000", "doomed"], cwd=ROOT)
    time.sleep(delay)
    deadline = time.time() + 20
    while not audit.note_paths(tmp_path) and time.time() < deadline:
        time.sleep(0.02)  # make sure it is writing before it is killed
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    report = audit.verify(tmp_path)
    assert report.intact, report.problems
    for _, path in audit.note_paths(tmp_path):
        stated, body = audit.split(path.read_bytes())
        assert stated is not None and tomllib.loads(body.decode())["recorded_by"] == "doomed"
    # the next writer carries on the same chain and tidies up
    audit.append(tmp_path, {"recorded_by": "next"})
    after = audit.verify(tmp_path)
    assert after.intact and after.count == report.count + 1 and after.leftovers == []


def test_a_stale_head_is_caught_up(tmp_path) -> None:
    """A writer stopped after its note and before HEAD: the next note still follows it."""
    audit.append(tmp_path, {"note": "1"})
    head = (tmp_path / "HEAD").read_bytes()
    audit.append(tmp_path, {"note": "2"})
    (tmp_path / "HEAD").write_bytes(head)
    ref = audit.append(tmp_path, {"note": "3"})
    assert ref.seq == 3 and audit.verify(tmp_path).intact


def test_the_first_writer_stopped_before_head_leaves_an_intact_chain(tmp_path) -> None:
    """Killed between the very first note and HEAD: HEAD still says 0, and that is not damage."""
    audit.append(tmp_path, {"note": "1"})
    (tmp_path / "HEAD").write_text("0 -\n")
    assert audit.verify(tmp_path).intact
    ref = audit.append(tmp_path, {"note": "2"})
    assert ref.seq == 2 and audit.verify(tmp_path).intact


def test_removing_the_newest_notes_and_head_is_found(cli) -> None:
    """Truncation: without HEAD the remaining chain looks whole, so a missing HEAD is damage."""
    paths = write_notes(cli, 5)
    for path in paths[-2:]:
        path.unlink()
    (audit_dir() / "HEAD").unlink()
    r = cli("audit", "verify")
    assert r.code == 1 and "HEAD: missing while 3 notes are present" in r.err


def test_a_receipt_proves_nothing_it_covers_was_removed_or_altered(cli) -> None:
    write_notes(cli, 5)
    r = cli("audit", "checkpoint")
    assert r.code == 0
    receipt = r.out.strip()
    assert receipt.startswith("000005-") and len(receipt) == 7 + 64
    assert "protocol audit verify --since-receipt " + receipt in r.err
    ok = cli("audit", "verify", "--since-receipt", receipt)
    assert ok.code == 0 and "none of the 5 notes it covers was removed or altered" in ok.out
    assert cli("audit", "checkpoint", "--json").json()["receipt"] == receipt
    # remove the two newest notes and HEAD, then carry on writing: the chain alone looks whole
    for _, path in audit.note_paths(audit_dir())[-2:]:
        path.unlink()
    (audit_dir() / "HEAD").unlink()
    assert cli(*ASK, "--audit").code == 0
    assert cli("audit", "verify").code == 0  # 4 notes, chained; only the receipt can tell
    gone = cli("audit", "verify", "--since-receipt", receipt)
    assert gone.code == 1 and "note 000005: missing: the receipt covers 5 notes but only 4" in gone.err
    assert cli(*ASK, "--audit").code == 0  # a new note 000005 in place of the removed one
    replaced = cli("audit", "verify", "--since-receipt", receipt, "--json")
    assert replaced.code == 1
    assert replaced.json()["problems"] == [
        {"note": "000005", "problem": "not the note the receipt records: altered or replaced"}
    ]


@pytest.mark.parametrize("receipt", ["bogus", "000005", "000000-" + "0" * 64, "5-" + "g" * 64])
def test_a_bad_receipt_is_one_clear_line(cli, receipt: str) -> None:
    write_notes(cli, 1)
    r = cli("audit", "verify", "--since-receipt", receipt)
    assert r.code == 2 and r.err.count("\n") == 1 and "is not an audit receipt" in r.err


def test_no_receipt_for_a_broken_or_empty_chain(cli) -> None:
    r = cli("audit", "checkpoint")
    assert r.code == 2 and "no audit notes" in r.err
    paths = write_notes(cli, 2)
    paths[0].write_text(paths[0].read_text() + "\n")
    r = cli("audit", "checkpoint")
    assert r.code == 1 and r.out == "" and "No receipt: the chain must be intact first" in r.err


def test_a_damaged_head_is_reported(tmp_path) -> None:
    audit.append(tmp_path, {"note": "1"})
    (tmp_path / "HEAD").write_text("rubbish")
    assert [p.note for p in audit.verify(tmp_path).problems] == ["HEAD"]


# --- tampering ------------------------------------------------------------------------------


def verify_fails(cli, note: str) -> str:
    r = cli("audit", "verify")
    assert r.code == 1, r.out
    assert f"note {note}" in r.err, r.err
    return r.err


def test_an_intact_chain_verifies(cli) -> None:
    write_notes(cli, 3)
    r = cli("audit", "verify")
    assert r.code == 0 and r.out.startswith("3 notes in ") and "intact (last: 000003)" in r.out
    view = cli("audit", "verify", "--json").json()
    assert view == {
        "folder": str(audit_dir()),
        "intact": True,
        "notes": 3,
        "last": "000003",
        "problems": [],
        "leftovers": [],
    }


@pytest.mark.parametrize("where", ["hash line", "a value", "whitespace", "the last byte", "a clause text"])
def test_editing_one_byte_of_any_note_is_found(cli, where: str) -> None:
    paths = write_notes(cli, 3)
    target = paths[1]
    raw = bytearray(target.read_bytes())
    text = raw.decode()
    at = {
        "hash line": 10,
        "a value": text.index("thanet") + 1,
        "whitespace": text.index("\n\n"),
        "the last byte": len(raw) - 1,
        "a clause text": text.index("That Member agrees") + 5,
    }[where]
    raw[at] = ord("X") if raw[at] != ord("X") else ord("Y")
    target.write_bytes(bytes(raw))
    assert "altered" in verify_fails(cli, "000002") or where == "hash line"


def test_editing_the_newest_note_and_its_hash_line_is_found(cli) -> None:
    paths = write_notes(cli, 2)
    _, body = audit.split(paths[1].read_bytes())
    body = body.replace(b"allowed", b"refused")
    import hashlib

    paths[1].write_bytes(
        f'hash = "{hashlib.sha256(body).hexdigest()}"\n'.encode() + body
    )  # a forger's rehash
    verify_fails(cli, "000002")


@pytest.mark.parametrize(("index", "named"), [(0, "000001"), (1, "000002"), (2, "000003")])
def test_deleting_a_note_is_found(cli, index: int, named: str) -> None:
    paths = write_notes(cli, 3)
    paths[index].unlink()
    verify_fails(cli, named)


def test_reordering_two_notes_is_found(cli) -> None:
    paths = write_notes(cli, 3)
    first, second = paths[0].read_bytes(), paths[1].read_bytes()
    paths[0].write_bytes(second)
    paths[1].write_bytes(first)
    verify_fails(cli, "000001")


def test_renumbering_a_note_is_found(cli) -> None:
    paths = write_notes(cli, 3)
    paths[2].rename(paths[2].with_name("000004.toml"))
    verify_fails(cli, "000003")


def test_an_inserted_note_is_found(cli, tmp_path) -> None:
    paths = write_notes(cli, 2)
    other = audit.append(tmp_path / "other", {"note": "forged"})
    paths[1].rename(paths[1].with_name("000003.toml"))  # make room, then slip a note in
    other.path.rename(paths[1])
    verify_fails(cli, "000002")


# --- reading the record ---------------------------------------------------------------------


def test_list_filters_and_json(cli) -> None:
    write_notes(cli, 2)
    assert (
        cli(
            "ask", "-s", "complaint-route", "-c", "rutland", "-a", "direction=officer-about-member", "--audit"
        ).code
        == 0
    )
    rows = cli("audit", "list", "--json").json()
    assert [r["id"] for r in rows] == ["000001", "000002", "000003"]
    assert [r["id"] for r in cli("audit", "list", "--council", "rutland", "--json").json()] == ["000003"]
    assert [r["id"] for r in cli("audit", "list", "-s", "copy-correspondence", "--json").json()] == [
        "000001",
        "000002",
    ]
    today = rows[0]["created"][:10]
    assert len(cli("audit", "list", "--since", today, "--until", today, "--json").json()) == 3
    assert cli("audit", "list", "--until", "2000-01-01", "--json").json() == []
    table = cli("audit", "list").out.splitlines()
    assert table[0] == "Audit notes"
    assert table[1].split() == ["ID", "CREATED", "BY", "COUNCIL", "SCENARIO", "VERDICT"]
    assert cli("audit", "list", "--since", "last tuesday").code == 2


def test_show_a_note_with_its_clauses_as_they_stood(cli, monkeypatch) -> None:
    write_notes(cli, 1)

    def gone(*_a, **_k):
        raise AssertionError("show must not need the bundled data")

    monkeypatch.setattr(library.Library, "protocol", gone)
    out = cli("audit", "show", "1").out
    assert out.startswith("Audit note 000001\nCopying or forwarding correspondence\n")
    assert "9.1.12.b1  That Member agrees; or" in out and "Note: note 0" in out
    note = cli("audit", "show", "000001", "--json").json()
    assert note["outcome"]["verdict"] == "allowed" and len(note["hash"]) == 64
    assert cli("audit", "show", "7").code == 2
    assert "not an audit note id" in cli("audit", "show", "abc").err


def test_export_formats(cli, tmp_path) -> None:
    write_notes(cli, 2)
    rows = list(csv.DictReader(io.StringIO(cli("audit", "export", "--format", "csv").out)))
    assert [r["id"] for r in rows] == ["000001", "000002"]
    assert (
        rows[0]["citations"] == "thanet:9.1.12.b1 thanet:9.1.12 thanet:10.2.1" and rows[1]["note"] == "note 1"
    )
    lines = cli("audit", "export", "--format", "jsonl").out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["000001", "000002"]
    md = cli("audit", "export", "--format", "markdown").out
    assert md.startswith("# Audit notes") and "## Note 000002" in md and "> That Member agrees; or" in md
    target = tmp_path / "out.csv"
    r = cli("audit", "export", "-f", "csv", "-o", str(target))
    assert r.code == 0 and target.read_text().startswith("id,created,recorded_by")
    assert cli("audit", "export", "-o", str(tmp_path)).code == 2
    assert cli("audit", "export", "--format", "xml").code == 2


def test_an_empty_record(cli) -> None:
    assert cli("audit", "list").out.strip() == "No audit notes."
    r = cli("audit", "verify")
    assert r.code == 0 and r.out.startswith("0 notes")


# --- asking at a terminal ------------------------------------------------------------------


def test_asked_at_a_terminal_to_save_a_note_with_free_text() -> None:
    from test_ask_interactive import ENTER, interactive

    result = interactive(ENTER + "called the member first" + ENTER, *ASK)
    assert result.exit_code == 0, result.output
    notes = audit.note_paths(audit_dir())
    assert len(notes) == 1 and audit.read_note(notes[0][1])["note"] == "called the member first"


def test_declining_at_a_terminal_saves_nothing() -> None:
    from test_ask_interactive import DOWN, ENTER, interactive

    result = interactive("n", *ASK)
    assert result.exit_code == 0, result.output
    assert audit.note_paths(audit_dir()) == [] and DOWN and ENTER


def test_the_first_run_offers_to_remember_the_council(cli) -> None:
    from test_ask_interactive import DOWN, ENTER, interactive

    # choose thanet (5th), accept "remember"; the facts are given; then decline the audit note
    result = interactive(
        DOWN * 4 + ENTER + ENTER + "n", "ask", "-s", "complaint-route", "-a", "direction=officer-about-member"
    )
    assert result.exit_code == 0, result.output
    assert cli("config", "get", "council").out == "thanet\n"


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="changing the time zone in-process needs tzset")
def test_since_and_until_are_local_days(cli, monkeypatch) -> None:
    """A note written at 00:30 in London summer time is filed at 23:30 UTC the day before."""
    write_notes(cli, 1)
    path = audit.note_paths(audit_dir())[0][1]
    _, body = audit.split(path.read_bytes())
    body = re.sub(rb'created = "[^"]+"', b'created = "2026-06-30T23:30:00Z"', body)
    path.write_bytes(f'hash = "{hashlib.sha256(body).hexdigest()}"\n'.encode() + body)
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        assert [n["id"] for n in cli("audit", "list", "--since", "2026-07-01", "--json").json()] == ["000001"]
        assert cli("audit", "list", "--until", "2026-06-30", "--json").json() == []
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
