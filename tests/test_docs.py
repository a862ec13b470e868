"""The docs cannot fall behind: every command has help text and a README section with an example."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from protocol_cli.commands.cli.app import build_app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[tuple[str, object]]:
    import typer.main

    root = typer.main.get_command(build_app())
    found = []

    def walk(cmd, path: str) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, f"{path} {name}")
        else:
            found.append((path, cmd))

    walk(root, "protocol")
    return found


COMMANDS = command_paths()


def test_the_command_tree_is_what_we_document() -> None:
    assert {p for p, _ in COMMANDS} >= {
        "protocol councils",
        "protocol clauses list",
        "protocol clauses show",
        "protocol clauses search",
    }


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: str, cmd) -> None:
    assert cmd.help and len(cmd.help.strip()) > 20
    assert f"Example: {path}" in cmd.help
    for param in cmd.params:
        if param.name != "help":
            assert getattr(param, "help", None), f"{path}: {param.name} has no help"


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_is_in_the_readme_with_an_example(path: str, cmd) -> None:
    assert f"### `{path}`" in README
    assert re.search(rf"^\$ {re.escape(path)}\b", README, re.M), f"no example run of {path}"


def test_readme_has_the_quick_start_and_exit_codes() -> None:
    assert "make run" in README and "make test" in README
    for code in ("0", "1", "2", "70", "130"):
        assert re.search(rf"^\| {code} \|", README, re.M)


def test_readme_examples_are_real(cli) -> None:
    """The first lines of each example in the README are what the command prints now: stdout;
    with `2>&1` stdout then stderr; with `2>&1 >/dev/null` stderr alone (tools/readme_examples.py
    reads them as this test does, and rewrites them: make docs)."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import readme_examples

    found = readme_examples.examples(README)
    assert len(found) >= 19  # (every command has one; a lost fence would hide several)
    for command, expected in found:
        args, streams = readme_examples.parse(command)
        result = cli(*args)
        text = {"out": result.out, "err": result.err, "both": result.out + result.err}[streams]
        out = text.splitlines()
        cut = next((n for n, line in enumerate(expected) if line.strip() == "..."), len(expected))
        assert out[:cut] == expected[:cut], command


def test_the_readme_pictures_are_current() -> None:
    """docs/ask-answer.svg and the README's decision diagram match what the tool draws now."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "tools/docs.py", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "![protocol ask: a cited answer under Thanet's protocol](docs/ask-answer.svg)" in README
    assert "<!-- tree:copy-correspondence:thanet -->\n```mermaid\n---\ntitle:" in README


def test_version_names_the_data_and_each_protocols_date(cli) -> None:
    from conftest import PROTOCOL_IDS

    out = cli("--version").out.splitlines()
    assert out[0].startswith("protocol ") and re.match(r"data [0-9a-f]{12} \(", out[1])
    assert [line.split()[0] for line in out[2:]] == sorted(PROTOCOL_IDS)
    assert any("thanet" in line and "2016-02-25" in line for line in out)


@pytest.mark.parametrize("words", [["ask"], ["audit", "verify"], []])
def test_help_command_gives_the_same_help_as_dash_dash_help(cli, words: list[str]) -> None:
    assert cli("help", *words).out == cli(*words, "--help").out != ""


def test_help_for_an_unknown_command_is_one_clear_line(cli) -> None:
    r = cli("help", "nosuch")
    assert r.code == 2 and "No such command 'nosuch'" in r.err and r.err.count("\n") == 1


def test_a_groups_help_names_what_each_of_its_commands_does(cli) -> None:
    """`protocol data --help` once spoke only of checking; its first line now covers each command."""
    text = " ".join(cli("data", "--help").out.split()).lower()
    summary = text.split("options:")[0]
    for word in ("check", "import", "draft", "review", "new scenario"):
        assert word in summary, word
