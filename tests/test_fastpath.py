"""The fast path runs what typer would run, with the same options; anything unsure goes to typer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from protocol_cli.commands import fastpath
from protocol_cli.commands.cli.app import build_app

SAME = [
    [
        "ask",
        "can",
        "I",
        "copy",
        "this?",
        "-c",
        "thanet",
        "-a",
        "how=open",
        "--answer",
        "who=officer",
        "--json",
    ],
    ["ask", "--scenario=copy-correspondence", "--council", "thanet", "-ahow=blind", "--no-audit", "--plain"],
    [
        "ask",
        "-s",
        "group-meeting",
        "-c",
        "rutland",
        "--audit",
        "--note",
        "checked",
        "--explain",
        "--no-input",
    ],
    ["ask", "bcc", "--answers-file", "answers.toml", "--", "-literally-words"],
    ["ask"],
    ["check", "a.csv", "b.jsonl", "-f", "CSV", "-o", "out.csv", "--input-format", "jsonl", "-q", "--audit"],
    ["check", "-", "--fail-on", "none", "--council", "thanet", "--scenario", "complaint-route"],
    [
        "compare",
        "copy-correspondence",
        "-a",
        "who=officer",
        "-c",
        "thanet",
        "-c",
        "rutland",
        "--json",
        "--no-input",
    ],
    ["councils", "--json"],
    ["clauses", "show", "thanet:9.1.12", "--plain"],
    ["clauses", "show", "thanet", "9.1.12", "--json"],
    ["clauses", "list", "thanet", "--section", "9.1", "--kind", "RULE"],
    ["clauses", "search", "blind", "copies", "--protocol", "all", "-n", "0", "--json"],
    ["clauses", "search", "copy", "-k", "guidance", "--limit=3"],
    ["scenarios", "list"],
    ["scenarios", "show", "group-meeting", "-c", "thanet", "--json"],
    ["config", "set", "council", "thanet"],
    ["config", "show", "--json"],
    ["config", "path"],
    ["audit", "list", "--since", "2026-01-01", "--council", "thanet", "--json"],
    ["audit", "export", "--format", "markdown", "-o", "out.md"],
    ["audit", "show", "12", "--plain"],
    ["audit", "verify"],
]

TYPER_DECIDES = [
    ["ask", "--help"],
    ["ask", "-h"],
    ["ask", "--frobnicate"],
    ["ask", "--json=yes"],
    ["ask", "-s"],
    ["check"],
    ["check", "a.csv", "-f", "xml"],
    ["clauses", "search", "copy", "--limit", "-1"],
    ["clauses", "search", "copy", "--limit", "many"],
    ["clauses", "show"],
    ["clauses", "show", "a", "b", "c"],
    ["clauses"],
    ["clauses", "frobnicate"],
    ["config", "set", "council"],
    ["audit", "verify", "-qv"],
    ["--debug", "councils"],
    ["--version"],
    [],
]


def typer_options(argv: list[str], monkeypatch) -> tuple[str, dict]:
    """The action typer calls for argv, and the options it passes (the action itself does nothing)."""
    from protocol_cli.commands._commandline import TABLE

    seen: dict = {}
    for command in TABLE["commands"].values():
        module, _, name = command["action"].partition(":")
        mod = __import__(module, fromlist=[name])
        monkeypatch.setattr(mod, name, lambda _t=command["action"], **kw: seen.update(target=_t, options=kw))
    build_app()(args=argv, prog_name="protocol", standalone_mode=False)
    return seen["target"], seen["options"]


@pytest.mark.parametrize("argv", SAME, ids=[" ".join(a) or "(none)" for a in SAME])
def test_the_fast_path_passes_what_typer_passes(argv: list[str], monkeypatch) -> None:
    fast = fastpath.resolve(argv)
    assert fast is not None, "the fast path should take this command line"
    target, options = typer_options(argv, monkeypatch)
    assert fast[0] == target
    assert fast[1] == options  # typer passes choices as StrEnum members, equal to their strings


@pytest.mark.parametrize("argv", TYPER_DECIDES, ids=[" ".join(a) or "(none)" for a in TYPER_DECIDES])
def test_anything_unsure_is_left_to_typer(argv: list[str]) -> None:
    assert fastpath.resolve(argv) is None


def test_errors_come_from_typer_with_its_wording(cli) -> None:
    r = cli("clauses", "search", "copy", "--limit", "-1")
    assert r.code == 2 and "Invalid value for '--limit' / '-n'" in r.err
    r = cli("ask", "--frobnicate")
    assert r.code == 2 and "No such option: --frobnicate" in r.err


def test_the_command_table_and_completions_are_current() -> None:
    proc = subprocess.run(
        [sys.executable, "tools/generate.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_every_command_forwards_to_an_action() -> None:
    from protocol_cli.commands._commandline import TABLE

    for path, command in TABLE["commands"].items():
        module, _, name = command["action"].partition(":")
        assert callable(getattr(__import__(module, fromlist=[name]), name)), path
        assert Path(ROOT, *module.split(".")).with_suffix(".py").parent.name == "actions"
