"""Bad input, everywhere: one clear line (what was wrong, what to do), a documented exit code,
no traceback, and nothing half-written.

BAD_INPUTS is the table: an id, the command line ({tmp} is the test's folder), the files to
create there first, environment variables, the exit code and what the one line must say.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, spawn_in_terminal

from protocol_cli.sources.library import use_library

HEAD = "id,council,scenario,who\n"
Case = tuple[str, list[str], dict[str, bytes], dict[str, str], int, str]

BAD_INPUTS: list[Case] = [
    # unknown ids, and near misses
    (
        "unknown protocol",
        ["clauses", "show", "nowhere:1.1"],
        {},
        {},
        2,
        "No protocol 'nowhere'. Choose one of:",
    ),
    ("near-miss protocol", ["clauses", "list", "thanett"], {}, {}, 2, "Did you mean: thanet?"),
    ("near-miss clause", ["clauses", "show", "thanet:9.1.13"], {}, {}, 2, "Did you mean: thanet:9.1.3"),
    ("not a clause reference", ["clauses", "show", "thanet"], {}, {}, 2, "write it as PROTOCOL:LABEL"),
    (
        "unknown section",
        ["clauses", "list", "thanet", "--section", "99"],
        {},
        {},
        2,
        "No section or paragraph '99'",
    ),
    (
        "near-miss scenario",
        ["ask", "-s", "copy-corespondence", "-c", "thanet"],
        {},
        {},
        2,
        "Did you mean: copy-correspondence",
    ),
    (
        "unknown scenario to compare",
        ["compare", "nosuch"],
        {},
        {},
        2,
        "See them with: protocol scenarios list",
    ),
    ("unknown scenario to show", ["scenarios", "show", "nosuch"], {}, {}, 2, "No scenario 'nosuch'"),
    ("unknown scenario for a tree", ["tree", "nosuch", "-c", "thanet"], {}, {}, 2, "No scenario 'nosuch'"),
    (
        "unknown training case",
        ["demo", "nosuch", "--auto"],
        {},
        {},
        2,
        "neither a training case nor a scenario",
    ),
    ("unknown setting", ["config", "get", "colour"], {}, {}, 2, "No setting 'colour'"),
    ("unknown audit note", ["audit", "show", "nosuch"], {}, {}, 2, "is not an audit note id"),
    (
        "no question matches",
        ["ask", "xyzzy plugh", "-c", "thanet"],
        {},
        {},
        2,
        "no scenario matches 'xyzzy plugh'",
    ),
    ("nothing asked", ["ask"], {}, {}, 2, "say what your question is about"),
    # answers
    (
        "unknown question",
        ["ask", "-s", "media", "-c", "thanet", "-a", "whoo=officer"],
        {},
        {},
        2,
        "No question 'whoo' in media. Did you mean: who?",
    ),
    (
        "answer without =",
        ["ask", "-s", "media", "-c", "thanet", "-a", "who"],
        {},
        {},
        2,
        "--answer needs QUESTION=VALUE",
    ),
    (
        "answer with no value",
        ["ask", "-s", "media", "-c", "thanet", "-a", "who="],
        {},
        {},
        2,
        "--answer needs QUESTION=VALUE",
    ),
    (
        "answer not offered",
        ["ask", "-s", "media", "-c", "thanet", "-a", "who=mayor"],
        {},
        {},
        2,
        "'mayor' is not an answer to 'who'; choose one of: member, officer",
    ),
    (
        "answers missing",
        ["ask", "-s", "media", "-c", "thanet"],
        {},
        {},
        2,
        "not enough answers: media under thanet needs 'who' next",
    ),
    (
        "answers file missing",
        ["ask", "-s", "media", "-c", "thanet", "--answers-file", "{tmp}/none.toml"],
        {},
        {},
        2,
        "cannot read {tmp}/none.toml",
    ),
    (
        "answers file not TOML",
        ["ask", "-s", "media", "-c", "thanet", "--answers-file", "{tmp}/a.toml"],
        {"a.toml": b"who = \n"},
        {},
        2,
        "not valid TOML",
    ),
    (
        "answers file a JSON list",
        ["ask", "-s", "media", "-c", "thanet", "--answers-file", "{tmp}/a.json"],
        {"a.json": b"[1, 2]"},
        {},
        2,
        "must hold question = value pairs",
    ),
    # options
    ("unknown option", ["ask", "--colour"], {}, {}, 2, "No such option: --colour"),
    ("missing argument", ["clauses", "show"], {}, {}, 2, "Missing argument 'REF'"),
    (
        "invalid format",
        ["check", "{tmp}/x.csv", "--format", "xml"],
        {"x.csv": HEAD.encode()},
        {},
        2,
        "'xml' is not one of 'table', 'json', 'jsonl', 'csv'",
    ),
    ("rounds out of range", ["train", "--rounds", "0"], {}, {}, 2, "0 is not in the range x>=1"),
    (
        "delay out of range",
        ["demo", "media", "--delay", "-1", "--auto"],
        {},
        {},
        2,
        "-1.0 is not in the range 0.0<=x<=60.0",
    ),
    (
        "tree format",
        ["tree", "media", "-c", "thanet", "-f", "png"],
        {},
        {},
        2,
        "'png' is not one of 'text', 'mermaid', 'dot'",
    ),
    ("shell", ["completion", "tcsh"], {}, {}, 2, "'tcsh' is not one of 'bash', 'zsh', 'fish', 'powershell'"),
    (
        "setting a bad council",
        ["config", "set", "council", "nowhere"],
        {},
        {},
        2,
        "cannot set council: No protocol 'nowhere'",
    ),
    (
        "setting a bad audit mode",
        ["config", "set", "audit", "sometimes"],
        {},
        {},
        2,
        "'sometimes' is not one of ask, always, never",
    ),
    # files for check
    ("missing file", ["check", "{tmp}/none.csv"], {}, {}, 2, "{tmp}/none.csv: no such file"),
    ("a folder", ["check", "{tmp}"], {}, {}, 2, "{tmp} is a folder; give a CSV, JSON, JSONL or TOML file"),
    (
        "no header",
        ["check", "{tmp}/x.csv"],
        {"x.csv": b"thanet,media,officer\n"},
        {},
        2,
        "the first row must be a header",
    ),
    (
        "binary",
        ["check", "{tmp}/x.csv"],
        {"x.csv": b"\x00\x01PK\x03\x04" * 100},
        {},
        2,
        "does not look like text (it holds NUL bytes)",
    ),
    (
        "huge single line",
        ["check", "{tmp}/x.csv"],
        {"x.csv": b"x" * 100_000_000},
        {},
        2,
        "row 1: 100,000,000 characters long, not a CSV header",
    ),
    (
        "malformed JSON",
        ["check", "{tmp}/x.json"],
        {"x.json": b'[{"scenario": "media",'},
        {},
        2,
        "{tmp}/x.json, line 1: not valid JSON",
    ),
    (
        "non-UTF-8 JSON",
        ["check", "{tmp}/x.json"],
        {"x.json": '[{"who": "café"}]'.encode("latin-1")},
        {},
        2,
        "line 1: not UTF-8 text; save it as UTF-8",
    ),
    (
        "malformed TOML",
        ["check", "{tmp}/x.toml"],
        {"x.toml": b"x = [\n"},
        {},
        2,
        "{tmp}/x.toml: not valid TOML",
    ),
    (
        "non-UTF-8 TOML",
        ["check", "{tmp}/x.toml"],
        {"x.toml": 'x = "café"\n'.encode("latin-1")},
        {},
        2,
        "line 1: not UTF-8 text",
    ),
    (
        "TOML without cases",
        ["check", "{tmp}/x.toml"],
        {"x.toml": b"case = 3\n"},
        {},
        2,
        "expected [[case]] tables",
    ),
    (
        "non-UTF-8 answers file",
        ["ask", "-s", "media", "-c", "thanet", "--answers-file", "{tmp}/a.toml"],
        {"a.toml": b'who = "caf\xe9"\n'},
        {},
        2,
        "is not UTF-8 text; save it as UTF-8",
    ),
    ("stdin closed", ["check", "-"], {}, {"_stdin": "closed"}, 2, "standard input is closed"),
    (
        "columns no scenario asks, with --strict",
        ["check", "{tmp}/x.csv", "--strict"],
        {"x.csv": HEAD.replace("who", "who,Notes").encode() + b"r1,thanet,media,officer,see Jo\n"},
        {},
        2,
        "no scenario asks 'notes'; take out those columns, or leave out --strict",
    ),
    (
        "a column named twice",
        ["check", "{tmp}/x.csv"],
        {"x.csv": b"id,council,scenario,who,who\nr1,thanet,media,officer,member\n"},
        {},
        2,
        "the column 'who' is named twice in the header",
    ),
    (
        "compare with answers missing",
        ["compare", "media", "-a", "who=officer", "--no-input"],
        {},
        {},
        2,
        "not enough answers: media still needs, under some protocols: --answer",
    ),
    # the data and the data folder
    ("data check on a file", ["data", "check", "{tmp}/x.csv"], {"x.csv": b"x"}, {}, 2, "is not a folder"),
    (
        "data folder missing",
        ["--data-dir", "{tmp}/none", "councils"],
        {},
        {},
        2,
        "the data folder {tmp}/none (--data-dir or PROTOCOL_DATA_DIR) is not a folder",
    ),
    (
        "data import of a broken PDF",
        ["data", "import", "{tmp}/p.pdf", "--id", "ours"],
        {"p.pdf": b"%PDF-1.7\x00\x01"},
        {},
        2,
        "as a PDF",
    ),
    (
        "data import with a bad id",
        ["data", "import", "{tmp}/p.txt", "--id", "Our Council"],
        {"p.txt": b"1. A\n\n1.1 B.\n"},
        {},
        2,
        "must be lower-case words",
    ),
    (
        "a new scenario that exists",
        ["data", "new-scenario", "media"],
        {},
        {},
        2,
        "there is already a scenario 'media'",
    ),
    # the user's own files
    (
        "corrupt config",
        ["config", "show"],
        {"home/config/config.toml": b'council = "thanet\n'},
        {},
        2,
        "the settings file",
    ),
    (
        "corrupt config (binary)",
        ["ask", "-s", "media", "-a", "who=officer", "-a", "authorised=no"],
        {"home/config/config.toml": b"\xff\xfe\x00"},
        {},
        2,
        "cannot be read",
    ),
    (
        "audit dir is a file",
        ["ask", "-s", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no", "--audit"],
        {"audit": b"not a folder"},
        {"PROTOCOL_AUDIT_DIR": "{tmp}/audit"},
        3,
        "the audit note was NOT saved",
    ),
    (
        "corrupt audit note",
        ["audit", "list"],
        {"audit/2026/11/000001.toml": b"\xff\xff"},
        {"PROTOCOL_AUDIT_DIR": "{tmp}/audit"},
        2,
        "is damaged",
    ),
]


def place(tmp: Path, text: str) -> str:
    return text.replace("{tmp}", str(tmp))


@pytest.mark.parametrize(
    ("name", "args", "files", "env", "code", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input(tmp_path, monkeypatch, name, args, files, env, code, message) -> None:
    assert len(BAD_INPUTS) >= 40
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    full_env = {
        **os.environ,
        "PROTOCOL_HOME": str(tmp_path / "home"),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "80",
    }
    for var in ("PROTOCOL_COUNCIL", "PROTOCOL_DATA_DIR", "PROTOCOL_DEBUG", "PROTOCOL_INTERACTIVE"):
        full_env.pop(var, None)
    stdin: int | None = subprocess.DEVNULL
    for key, value in env.items():
        if key == "_stdin":
            stdin = None
        else:
            full_env[key] = place(tmp_path, value)
    command = [sys.executable, "-m", "protocol_cli", *(place(tmp_path, a) for a in args)]
    if stdin is None:  # started with standard input closed, as `protocol ... <&-` does
        proc = subprocess.run(
            ["sh", "-c", 'exec "$@" <&-', "sh", *command],
            capture_output=True,
            text=True,
            env=full_env,
            cwd=ROOT,
        )
    else:
        proc = subprocess.run(command, capture_output=True, text=True, env=full_env, cwd=ROOT, stdin=stdin)
    err = proc.stderr.strip().splitlines()
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len([line for line in err if line.startswith("Error:")]) <= 1
    assert place(tmp_path, message) in proc.stderr
    assert not list(tmp_path.rglob(".tmp-*")), "a half-written file was left behind"


def test_an_unexpected_error_is_one_line_with_where_to_report_it(cli, monkeypatch) -> None:
    from protocol_cli.commands.actions import councils

    def broken(**_: object) -> None:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(councils, "councils", broken)
    result = cli("councils")
    assert result.code == 70
    assert result.err == (
        "Error: unexpected error (RuntimeError: something inside broke); run again with --debug, and "
        "please report it with the command you ran (README: Reporting problems)\n"
    )


def test_debug_shows_the_traceback(monkeypatch) -> None:
    from protocol_cli.commands.actions import councils
    from protocol_cli.commands.main import main

    def broken(**_: object) -> None:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(councils, "councils", broken)
    with pytest.raises(RuntimeError):
        main(["--debug", "councils"])
    monkeypatch.setenv("PROTOCOL_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["councils"])


def test_a_closed_stdout_is_not_an_error(tmp_path) -> None:
    proc = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "protocol_cli", "councils"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PROTOCOL_HOME": str(tmp_path)},
    )
    assert proc.returncode == 0 and proc.stderr == ""


def test_a_terminal_of_20_columns(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    args = ["ask", "-s", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no"]
    plain = cli(*args, "--plain")
    assert plain.code == 0 and "NOT ALLOWED" in plain.out
    monkeypatch.setenv("PROTOCOL_TERMINAL", "rich")
    use_library(None)
    drawn = cli(*args)
    assert drawn.code == 0 and all(len(line) <= 20 for line in drawn.out.splitlines())
    assert cli("tree", "media", "-c", "thanet").code == 0
    assert cli("data", "check").code == 0


# --- Ctrl-C at every prompt -------------------------------------------------------------------

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"
PROMPTS = [
    # (what is being asked, the command line, keys before the prompt, text that shows the prompt)
    ("your question in your own words", ["ask"], [], "Type it in your own words"),
    ("which scenario", ["ask"], [ENTER], "What is your question about"),
    ("which council", ["ask", "-s", "media"], [], "Which council's protocol"),
    ("remember the council", ["ask", "-s", "media"], [ENTER], "Remember combined-authority"),
    ("an interview question", ["ask", "-s", "media", "-c", "thanet"], [], "Who wants to speak to the media"),
    (
        "save an audit note",
        ["ask", "-s", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no"],
        [],
        "Save an audit note",
    ),
    (
        "the note's text",
        ["ask", "-s", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no"],
        ["y"],
        "A note for the record",
    ),
    ("a missing answer in compare", ["compare", "media"], [], "Who wants to speak to the media"),
    ("a quiz answer", ["train", "--rounds", "1", "--seed", "1"], [], "What does the protocol say"),
    ("a demo step", ["demo", "bcc-the-ward-colleague"], [], "Press Enter"),
]


@pytest.mark.parametrize(("name", "args", "before", "prompt"), PROMPTS, ids=[p[0] for p in PROMPTS])
def test_ctrl_c_at_every_prompt_cancels_cleanly(tmp_path, name, args, before, prompt) -> None:
    import pexpect

    child = spawn_in_terminal(tmp_path, *args)
    for key in before:
        child.expect(r"\?|Remember|Save")
        child.send(key)
    child.expect(prompt)
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "Traceback" not in (child.before or "")
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []
    config = tmp_path / "config" / "config.toml"
    assert not config.exists() or config.read_text(encoding="utf-8").strip() != ""


def test_a_read_only_audit_folder_still_gives_the_answer_then_says_so(cli, tmp_path, monkeypatch) -> None:
    """(Simulated: permissions do not stop a root user, and CI may run as one.)"""
    import errno

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setenv("PROTOCOL_AUDIT_DIR", str(tmp_path / "audit"))
    monkeypatch.setattr(os, "link", read_only)
    result = cli(
        "ask", "-s", "media", "-c", "thanet", "-a", "who=officer", "-a", "authorised=no", "--audit", "--json"
    )
    assert result.code == 3
    assert result.json()["verdict"] == "not-allowed"
    assert "Warning: the audit note was NOT saved" in result.err and "Read-only file system" in result.err
    assert not list((tmp_path / "audit").rglob("*.toml"))
