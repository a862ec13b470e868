"""Where tools like this get bitten: spreadsheets as Excel and old Macs save them, pipes that
close early, terminals that cannot move the cursor or report no size, wide characters, NO_COLOR
set but empty, and 80 columns for everything (issue 14, items 7-10, 12-18 and 21-22)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, spawn_in_terminal

from protocol_cli.sources.library import use_library

HEAD = "id,council,scenario,expect,who,how,recipient,consent"
ROW = "r1,thanet,copy-correspondence,allowed,officer,open,member,yes"
BLIND = "r2,Thanet,copy-correspondence,Not allowed,officer,blind,member,yes"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def statuses(out: str) -> list[str]:
    return [json.loads(line)["status"] for line in out.splitlines()]


# --- spreadsheets ---------------------------------------------------------------------------


def test_item7_a_header_ending_in_empty_columns_as_excel_writes_it(cli, tmp_path) -> None:
    text = f"{HEAD},,\r\n{ROW},,\r\n{BLIND},,,\r\n"  # (and a row with one empty cell more)
    r = cli("check", write(tmp_path, "excel.csv", text.encode()))
    assert r.code == 0, r.err
    assert statuses(r.out) == ["ok", "ok"]
    # a value under a column with no name is not lost without a word
    r = cli("check", write(tmp_path, "named.csv", f"{HEAD},\n{ROW},see Jo\n".encode()))
    assert r.code == 0 and "ignored values in 1 rows under a column with no name" in r.err
    # a name used twice is still refused, by name
    r = cli("check", write(tmp_path, "twice.csv", f"{HEAD},who\n{ROW},officer\n".encode()))
    assert r.code == 2 and "the column 'who' is named twice" in r.err


def test_item8_line_ends_of_carriage_returns_only(cli, tmp_path) -> None:
    text = f"{HEAD}\r{ROW}\r{BLIND}\r"
    r = cli("check", write(tmp_path, "mac.csv", text.encode()))
    assert r.code == 0, r.err
    assert statuses(r.out) == ["ok", "ok"] and "universal-newline" not in r.err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])  # with a BOM (Excel), and without
def test_item9_utf16_text_as_excel_saves_unicode_text(cli, tmp_path, encoding) -> None:
    text = "\r\n".join(line.replace(",", "\t") for line in (HEAD, ROW, BLIND)) + "\r\n"
    r = cli("check", write(tmp_path, "unicode.txt", text.encode(encoding)))
    assert r.code == 0, r.err
    assert statuses(r.out) == ["ok", "ok"]
    rows = [{"council": "thanet", "scenario": "media", "answers": {"who": "officer", "authorised": "no"}}]
    r = cli("check", write(tmp_path, "rows.json", json.dumps(rows).encode("utf-16")))
    assert r.code == 0 and statuses(r.out) == ["ok"]


def test_item10_columns_of_a_clerks_own_are_ignored_with_one_warning(cli, tmp_path) -> None:
    text = f"{HEAD},Notes,Reviewed by\n{ROW},called Jo,AB\n{BLIND},,AB\n"
    path = write(tmp_path, "notes.csv", text.encode())
    r = cli("check", path)
    assert r.code == 0 and statuses(r.out) == ["ok", "ok"]
    warnings = [line for line in r.err.splitlines() if line.startswith("Warning")]
    assert warnings == [
        "Warning: ignored 'notes', 'reviewed by': no scenario has such a question (columns of your "
        "own notes are fine; --strict refuses them)"
    ]
    strict = cli("check", path, "--strict")
    assert strict.code == 2 and strict.out == ""
    assert "no scenario asks 'notes', 'reviewed by'" in strict.err
    # another scenario's question in the wrong row is still an error, with a hint that works
    wrong = cli("check", write(tmp_path, "w.csv", f"{HEAD},direction\n{ROW},officer-about-member\n".encode()))
    reason = json.loads(wrong.out)["reason"]
    assert wrong.code == 1 and "No question 'direction' in copy-correspondence" in reason
    hint = re.search(r"See them with: protocol (.+)$", reason)
    assert "clauses list" not in reason and (hint is None or cli(*hint.group(1).split()).code == 0)


def test_about_is_a_rows_story_kept_and_never_checked(cli, tmp_path) -> None:
    rows = [
        {
            "id": "a1",
            "council": "thanet",
            "scenario": "media",
            "answers": {"who": "officer", "authorised": "no"},
            "about": {"story": "A reporter rang the planning officer", "source": "training pack 2024"},
        },
        {
            "council": "thanet",
            "scenario": "media",
            "answers": {"who": "officer", "authorised": "no"},
            "about": "Why",
        },
    ]
    r = cli("check", write(tmp_path, "a.json", json.dumps(rows).encode()))
    assert r.code == 0 and r.err.startswith("2 rows: 2 ok") and "Warning" not in r.err
    toml = '[[case]]\ncouncil = "thanet"\nscenario = "media"\nabout = "From the 2024 pack"\n'
    toml += 'answers = { who = "officer", authorised = "no" }\n'
    assert cli("check", write(tmp_path, "a.toml", toml.encode())).code == 0
    text = f"{HEAD},about\n{ROW},“Jo asked” — from the pack\n"
    r = cli("check", write(tmp_path, "a.csv", text.encode()), "--format", "csv")
    assert r.code == 0 and "Warning" not in r.err
    assert next(csv.DictReader(io.StringIO(r.out.lstrip("\ufeff"))))["about"] == "“Jo asked” — from the pack"
    bad = cli("check", write(tmp_path, "b.json", b'[{"council": "thanet", "about": 3}]'))
    assert "'about' must be text or a table" in json.loads(bad.out)["reason"]


def test_item12_csv_output_keeps_the_answers_and_can_be_checked_again(cli, tmp_path) -> None:
    text = f"{HEAD},Notes\n{ROW},“curly” quotes\n{BLIND},\n"
    first = tmp_path / "results.csv"
    r = cli("check", write(tmp_path, "in.csv", text.encode()), "-o", str(first))
    assert r.code == 0
    raw = first.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 (curly quotes) only with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(x["who"], x["how"], x["consent"]) for x in rows] == [("officer", "open", "yes")] * 1 + [
        ("officer", "blind", "yes")
    ]
    assert rows[0]["notes"] == "“curly” quotes" and rows[1]["verdict"] == "not-allowed"
    again = cli("check", str(first), "--format", "csv")
    assert again.code == 0 and "2 rows: 2 ok" in again.err
    assert [x["status"] for x in csv.DictReader(io.StringIO(again.out.lstrip("\ufeff")))] == ["ok", "ok"]
    # JSON input: the answer columns are learnt from the rows
    rows_json = [
        {"council": "thanet", "scenario": "media", "answers": {"who": "officer", "authorised": "no"}},
        {"council": "thanet", "scenario": "copy-correspondence", "answers": {"how": "blind"}},
    ]
    r = cli("check", write(tmp_path, "in.json", json.dumps(rows_json).encode()), "--format", "csv")
    header = next(csv.reader(io.StringIO(r.out.lstrip("\ufeff"))))
    assert {"who", "authorised", "how"} <= set(header)
    assert cli("check", write(tmp_path, "again.csv", r.out.encode()), "--format", "jsonl").code == 0


def test_item13_a_pipe_closed_early_is_not_success(tmp_path) -> None:
    body = "\n".join(
        f"r{n},thanet,copy-correspondence,allowed,officer,open,member,yes" for n in range(50_000)
    )
    big = write(tmp_path, "big.csv", f"{HEAD}\n{body}\n".encode())
    proc = subprocess.run(
        ["bash", "-c", f'set -o pipefail; "{sys.executable}" -m protocol_cli check "{big}" | head -3'],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PROTOCOL_HOME": str(tmp_path / "home")},
    )
    assert len(proc.stdout.splitlines()) == 3
    assert proc.returncode == 141, proc.stderr  # as a shell reports a command a closed pipe stopped
    assert "Traceback" not in proc.stderr


# --- compare and ask agree about missing answers (21); answers not used are reported (22) ------


def test_item21_compare_without_a_terminal_and_answers_missing_exits_2_like_ask(cli) -> None:
    args = ["compare", "group-meeting", "-a", "pre_election=no", "--no-input"]
    r = cli(*args)
    assert r.code == 2
    assert "Needs an answer to:" in r.out  # what is known is still shown
    assert r.err.count("\n") == 1 and r.err.startswith("Error: not enough answers: group-meeting")
    for row in cli(*args, "--json").json()["rows"]:  # each question still needed, and who needs it
        for qid in row["missing"]:
            assert re.search(rf"--answer {qid}=\S+ \([^)]*{row['protocol']}", r.err), (qid, r.err)
    ask = cli("ask", "-s", "group-meeting", "-c", "thanet", "-a", "pre_election=no")
    assert ask.code == 2
    done = cli("compare", "complaint-route", "-a", "direction=officer-about-member", "--no-input")
    assert done.code == 0, done.err


def test_item22_an_answer_the_protocol_does_not_use_is_reported(cli) -> None:
    # the district code asks about the subject of the correspondence; Thanet's table does not
    args = ["ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "who=officer", "-a", "how=open"]
    args += ["-a", "recipient=member", "-a", "consent=yes", "-a", "subject=ward"]
    r = cli(*args)
    assert r.code == 0
    notes = [line for line in r.err.splitlines() if "subject" in line]
    assert len(notes) == 1 and "not used" in notes[0] and "subject=ward" in notes[0]
    explained = cli(*args, "--explain")
    assert "Not used:" in explained.out and "subject = ward" in explained.out
    data = cli(*args, "--explain", "--json").json()
    assert data["explain"]["not_used"] == [{"question": "subject", "answer": "ward", "asked_by_table": False}]
    used = cli(*args[:-2])
    assert used.code == 0 and "not used" not in used.err


# --- terminals --------------------------------------------------------------------------------


def test_item14_a_dumb_terminal_gets_numbered_choices(tmp_path) -> None:
    import pexpect

    child = spawn_in_terminal(
        tmp_path, "ask", "-s", "media", "-c", "thanet", "--no-audit", env={"TERM": "dumb"}
    )
    child.expect("Type a number \\(1-4\\) and press Enter: ")
    menu = child.before
    assert "  1. A member (councillor)" in menu and "  2. An officer" in menu
    child.sendline("9")
    child.expect("not one of the choices")
    child.sendline("2")  # an officer
    child.expect("Is the officer a Chief Officer")
    child.expect("Type a number")
    assert "  2. No" in child.before and "Back to the previous question" in child.before
    child.sendline("2")  # not authorised
    child.expect(pexpect.EOF)
    child.close()
    everything = menu + child.before
    assert child.exitstatus == 0, everything
    assert "NOT ALLOWED" in child.before
    assert "\x1b[" not in everything  # no cursor movement, no colour


def test_item15_a_terminal_that_reports_no_size_gets_80_columns(tmp_path) -> None:
    import pexpect

    child = spawn_in_terminal(
        tmp_path,
        "ask",
        "-s",
        "copy-correspondence",
        "-c",
        "thanet",
        *("-a", "who=officer", "-a", "how=open", "-a", "recipient=member", "-a", "consent=yes"),
        "--no-audit",
        env={"COLUMNS": None},
        dimensions=(0, 0),
    )
    child.expect(pexpect.EOF)
    child.close()
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before)
    lines = out.splitlines()
    assert child.exitstatus == 0, out
    assert max(len(line) for line in lines) == 80  # the boxes are drawn 80 wide, not 20
    # the quoted clause is whole: every word of it, none cut
    from protocol_cli.sources.library import default_library

    clause = default_library().protocol("thanet").clause("9.1.12")
    text = " ".join(out.replace("│", " ").split())
    assert " ".join(clause.text.split()[:12]) in text and "…" not in out


def test_item16_wide_characters_keep_plain_tables_aligned() -> None:
    from protocol_cli.drawing.backend_plain import table
    from protocol_cli.drawing.blocks import Column, Table
    from protocol_cli.drawing.cells import width

    lines = table(Table((Column("id"), Column("council")), (("委員会", "thanet"), ("ward", "rutland"))), 80)
    assert width("委員会") == 6
    assert [
        width(line[: line.index(c)]) for line, c in zip(lines[1:], ["thanet", "rutland"], strict=True)
    ] == [
        8,
        8,
    ]


def test_item16_wide_characters_in_a_plain_table_of_audit_notes(cli, tmp_path, monkeypatch) -> None:
    from protocol_cli.drawing.cells import width

    monkeypatch.setenv("PROTOCOL_AUDIT_DIR", str(tmp_path / "audit"))
    ask = ["ask", "-s", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no", "--audit"]
    assert cli("config", "set", "name", "山田 花子").code == 0
    cli(*ask)
    assert cli("config", "set", "name", "Jo Bloggs").code == 0
    cli(*ask)
    lines = cli("audit", "list").out.splitlines()
    header = next(line for line in lines if "COUNCIL" in line)
    rows = [line for line in lines if "thanet" in line]
    assert "山田 花子" in rows[0] and "Jo Bloggs" in rows[1]
    column = width(header[: header.index("COUNCIL")])
    assert [width(line[: line.index("thanet")]) for line in rows] == [column] * 2


@pytest.mark.parametrize(("value", "coloured"), [("", True), ("1", False)])
def test_item17_an_empty_no_color_does_not_turn_colour_off(monkeypatch, value, coloured) -> None:
    from protocol_cli.drawing import terminal

    monkeypatch.setenv("NO_COLOR", value)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(terminal, "_isatty", lambda stream: True)
    term = terminal.detect()
    assert term.color is coloured and term.rich is coloured


# --- 80 columns, every command ---------------------------------------------------------------

WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])")  # (not parts of hashes or dates)


def vocabulary() -> set[str]:
    """Every word the tool could print: its source, its data and its docs. A word cut in two
    ("Relat" + "ions", "copy-c…") is not one of them."""
    words: set[str] = set()
    places = (
        (ROOT / "protocol_cli", "*.py"),
        (ROOT / "data", "*.toml"),
        (ROOT / "tests" / "fixtures", "*.csv"),
    )
    for folder, pattern in places:
        for path in folder.rglob(pattern):
            words |= {w.lower() for w in WORD.findall(path.read_text(encoding="utf-8"))}
    return words


def commands(notes: list[str]) -> list[list[str]]:
    answers = ["-a", "who=officer", "-a", "how=open", "-a", "recipient=member", "-a", "consent=yes"]
    return [
        ["councils"],
        ["scenarios", "list"],
        ["scenarios", "show", "confidential-information", "--council", "thanet"],
        ["clauses", "list", "thanet", "--section", "9.1"],
        ["clauses", "show", "epsom-ewell:5.4"],
        ["clauses", "search", "blind copies", "--protocol", "all"],
        ["ask", "-s", "copy-correspondence", "-c", "thanet", *answers, "--explain"],
        ["ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "how=unsure", *answers[:2], *answers[4:]],
        [
            "compare",
            "complaint-route",
            "-a",
            "direction=member-about-officer",
            "-a",
            "officer_level=director",
        ],
        ["compare", "copy-correspondence", *answers],
        ["check", "tests/fixtures/readme.csv", "--format", "table"],
        ["check", "tests/fixtures/readme-unsure.csv", "--format", "table"],
        ["tree", "copy-correspondence", "-c", "thanet"],
        ["demo", "bcc-the-ward-colleague", "--auto", "--delay", "0"],
        ["config", "show"],
        ["audit", "list"],
        ["audit", "show", notes[0]],
        ["audit", "verify"],
        ["audit", "checkpoint"],
        ["data", "check"],
        ["--version"],
        ["help", "check"],
    ]


@pytest.mark.parametrize("mode", ["plain", "rich"])
def test_item18_every_command_fits_80_columns_without_cutting_a_word_or_id(cli, tmp_path, monkeypatch, mode):
    import tempfile

    from protocol_cli.drawing.cells import width

    short = Path(tempfile.mkdtemp(prefix="p"))  # (folders as short as a person's, not pytest's)
    monkeypatch.setenv("PROTOCOL_HOME", str(short / "home"))
    monkeypatch.setenv("PROTOCOL_AUDIT_DIR", str(short / "audit"))
    monkeypatch.setenv("PROTOCOL_TERMINAL", mode)
    monkeypatch.setenv("COLUMNS", "80")
    long_ids = [  # (the longest council and scenario ids, for the list)
        [
            "-s",
            "copy-correspondence",
            "-c",
            "combined-authority",
            "-a",
            "who=officer",
            "-a",
            "recipient=member",
        ],
        ["-s", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no"],
    ]
    for args in long_ids:
        assert cli("ask", *args, "--audit").code == 0
    notes = [n["id"] for n in cli("audit", "list", "--json").json()]
    assert len(notes) == 2
    # (folder names are printed whole: the checkout's and the temporary folder's words count too)
    known = vocabulary() | {w.lower() for w in WORD.findall(f"{short} {ROOT}")}
    for args in commands(notes):
        use_library(None)
        r = cli(*args)
        assert r.code in ((0, 1, 2) if args[0] == "compare" else (0, 1)), (args, r.err)
        lines = r.out.splitlines()
        wide = [line for line in lines if width(line) > 80]
        assert not wide, (args, wide)
        cut = sorted({w for w in WORD.findall(r.out) if w.lower() not in known})
        assert not cut, (args, cut)
        if args[:2] == ["audit", "list"]:
            assert all(re.search(rf"(^|\s){re.escape(n)}(\s|$)", r.out, re.M) for n in notes), r.out
        if args[0] == "check":
            assert all(f" {scenario}" in r.out for scenario in ("copy-correspondence", "complaint-route"))


# --- a terminal that cannot show every character (item 2) ----------------------------------

ASK_ALLOWED = ["ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "how=open", "-a", "who=officer"]
ASK_ALLOWED += ["-a", "recipient=member", "-a", "consent=yes"]


def run_protocol(home: Path | bytes, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m protocol_cli ARGS` with a fresh home, as bytes (the output is not UTF-8 here)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PROTOCOL_", "PYTHONIOENC"))}
    environ_b = {k.encode(): v.encode() for k, v in {**environ, **env}.items()}
    environ_b[b"PROTOCOL_HOME"] = home if isinstance(home, bytes) else str(home).encode()
    return subprocess.run(
        [sys.executable, "-m", "protocol_cli", *args], capture_output=True, env=environ_b, cwd=ROOT
    )


@pytest.mark.parametrize("encoding", ["iso-8859-1", "ascii"])
def test_item2_a_latin1_terminal_gets_the_whole_answer_and_then_the_note(tmp_path, encoding) -> None:
    """The protocols' dashes and quotes used to crash the output (exit 70) after the audit note
    had been saved for an answer the person never saw."""
    done = run_protocol(tmp_path, *ASK_ALLOWED, "--audit", PYTHONIOENCODING=encoding, NO_COLOR="1")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode(encoding)
    assert out.startswith("Copying or forwarding correspondence\nThanet District Council\n")
    assert "Verdict: ALLOWED (allowed) - you may do this" in out and "9.1.12" in out  # (— as -)
    assert b"Audit note 000001 saved" in done.stderr
    as_json = run_protocol(tmp_path, *ASK_ALLOWED, "--json", PYTHONIOENCODING=encoding)
    assert json.loads(as_json.stdout)["protocol"]["council"] == "Thanet District Council"  # exact


def test_item2_a_note_is_saved_only_after_the_answer_was_shown(cli, monkeypatch) -> None:
    from protocol_cli.drawing import output
    from protocol_cli.storage import audit, settings

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(output, "show", broken)
    assert cli(*ASK_ALLOWED, "--audit").code == 70
    folder = Path(settings.get("audit_dir").value or "")
    assert audit.note_paths(folder) == []


@pytest.mark.skipif(sys.platform != "linux", reason="a path that is not UTF-8 needs a Linux file system")
def test_item2_a_home_folder_whose_name_is_not_utf8(tmp_path) -> None:
    home = bytes(tmp_path) + b"/h\xe9me"
    assert run_protocol(home, *ASK_ALLOWED, "--audit").returncode == 0
    for args in (["config", "show"], ["config", "path"], ["audit", "list", "--json"], ["audit", "verify"]):
        done = run_protocol(home, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert b"Traceback" not in done.stderr
    assert run_protocol(home, "config", "set", "name", "Alex").returncode == 0
