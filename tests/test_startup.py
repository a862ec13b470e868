"""Start-up is a feature: what each command loads, checked in a fresh interpreter.

A well-formed command line runs without typer (fastpath.py); rich is imported only where rich
output is drawn, questionary only where a prompt is shown; only the protocol asked about is
parsed; and once a data file has been parsed, tomllib is not imported for it again.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PROBE = """
import sys
from protocol_cli.commands.main import main
code = main(sys.argv[1:])
tops = sorted({m.split('.')[0] for m in sys.modules})
library = sys.modules.get('protocol_cli.sources.library')
lib = library._default if library else None
loaded = sorted(lib._protocols) if lib is not None else []
sys.stderr.write('PROBE' + repr({'code': code, 'modules': tops, 'parsed': loaded}) + '\\n')
"""

HEAVY = {"typer", "rich", "questionary", "prompt_toolkit", "pydantic", "dataclasses", "inspect"}


def probe(home: Path, *args: str, rich: bool = False) -> dict:
    env = {"COLUMNS": "80", "PATH": "/usr/bin:/bin", "PROTOCOL_HOME": str(home)}
    env.update({"PROTOCOL_TERMINAL": "rich"} if rich else {"NO_COLOR": "1", "TERM": "dumb"})
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=env
    )
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("PROBE")), None)
    assert line is not None, proc.stderr
    return ast.literal_eval(line[len("PROBE") :])


def test_version_loads_no_framework(tmp_path) -> None:
    """--version reads the data (fingerprint, protocol dates) but needs no framework to print it."""
    seen = probe(tmp_path, "--version")
    assert seen["code"] == 0
    assert not HEAVY & set(seen["modules"])


ASK = (
    "ask",
    "-s",
    "copy-correspondence",
    "-c",
    "thanet",
    "-a",
    "how=open",
    "-a",
    "who=officer",
    "-a",
    "recipient=member",
    "-a",
    "consent=yes",
    "--json",
)


@pytest.mark.parametrize(
    "args",
    [
        ASK,
        ("check", "tests/fixtures/ten-rows.csv", "--format", "jsonl"),
        ("clauses", "show", "thanet:9.1.12", "--plain"),
        ("clauses", "list", "thanet", "--section", "9.1"),
        ("ask", "bcc", "-c", "thanet", "-a", "how=blind", "--plain"),
        ("ask", "-s", "copy-correspondence", "-c", "thanet", "--json"),  # incomplete: exits 2
        ("scenarios", "show", "group-meeting", "--json"),
        ("compare", "complaint-route", "-a", "direction=officer-about-member", "--json"),
        ("audit", "verify", "--json"),
        ("tree", "copy-correspondence", "-c", "thanet", "--format", "mermaid"),
        ("tree", "copy-correspondence", "-c", "thanet", "--format", "dot"),
        ("data", "check", "--json"),
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_scripted_commands_load_no_framework(tmp_path, args) -> None:
    first = probe(tmp_path, *args)
    assert first["code"] in (0, 1, 2)
    assert not HEAVY & set(first["modules"])
    again = probe(tmp_path, *args)  # the data has been parsed once: now it comes from the cache
    if args[0] != "audit":  # (audit notes are TOML files read as they are)
        assert "tomllib" not in again["modules"]
        # typing costs a fifth of Python's start-up; only tomllib (for audit notes) needs it here
        assert "typing" not in again["modules"]


def test_asking_about_one_protocol_parses_only_that_one(tmp_path) -> None:
    assert probe(tmp_path, "clauses", "show", "thanet:9.1.12", "--plain")["parsed"] == ["thanet"]
    assert probe(tmp_path, "clauses", "search", "copy", "-p", "rutland", "--json")["parsed"] == ["rutland"]
    assert probe(
        tmp_path, "ask", "bcc", "-c", "epsom-ewell", "-a", "how=blind", "-a", "who=member", "--json"
    )["parsed"] == ["epsom-ewell"]


def test_rich_is_imported_when_drawing(tmp_path) -> None:
    seen = probe(tmp_path, "clauses", "show", "thanet:9.1.12", rich=True)
    assert "rich" in seen["modules"]
    assert "questionary" not in seen["modules"]


def test_a_demo_draws_with_rich_and_never_loads_the_prompts(tmp_path) -> None:
    seen = probe(tmp_path, "demo", "bcc-the-ward-colleague", "--auto", "--delay", "0", rich=True)
    assert seen["code"] == 0 and "rich" in seen["modules"]
    assert not {"questionary", "prompt_toolkit", "typer"} & set(seen["modules"])


def test_a_demo_on_a_plain_terminal_is_plain_text(tmp_path) -> None:
    seen = probe(tmp_path, "demo", "bcc-the-ward-colleague", "--auto", "--delay", "0")
    assert seen["code"] == 0
    assert not {"rich", "questionary", "prompt_toolkit", "typer"} & set(seen["modules"])


def test_help_goes_through_typer(tmp_path) -> None:
    seen = probe(tmp_path, "ask", "--help")
    assert seen["code"] == 0 and "typer" in seen["modules"]
