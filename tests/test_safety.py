"""Safety: data is data (nothing in it is run, and no name in it reaches outside its folder),
and the tool never opens a network connection."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from conftest import ROOT

from protocol_cli.base.errors import DataError
from protocol_cli.sources.library import bundled_data_root, load_protocol

PACKAGE = ROOT / "protocol_cli"


def test_no_code_is_ever_run_from_data() -> None:
    """No eval, exec, pickle, marshal or dynamic import of anything a file could name."""
    risky = re.compile(r"(?<![.\w])(eval|exec|compile)\(|\bpickle\b|\bmarshal\b|__import__\(|yaml\.load\(")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if risky.search(line) and not line.lstrip().startswith("#")
    ]
    assert found == []
    # importlib is used only to call the commands in the generated command table
    users = sorted(
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "importlib" in p.read_text(encoding="utf-8")
    )
    assert users == ["protocol_cli/commands/cli/glue.py", "protocol_cli/commands/main.py"]


@pytest.mark.parametrize("seed_file", ["../../etc/passwd", "sub/file.txt", "..", "C:\\\\x.txt"])
def test_a_clause_file_cannot_name_a_path(tmp_path: Path, seed_file: str) -> None:
    text = (bundled_data_root() / "clauses" / "thanet.toml").read_text(encoding="utf-8")
    text = re.sub(r'^seed_file = ".*"$', lambda _: f'seed_file = "{seed_file}"', text, count=1, flags=re.M)
    path = tmp_path / "thanet.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="must be a file name, not a path"):
        load_protocol(path)


def test_ids_are_strict_patterns_so_no_file_name_escapes_its_folder(cli) -> None:
    for args in (
        ["clauses", "list", "../clauses/thanet"],
        ["scenarios", "show", "../scenarios/media"],
        ["ask", "-s", "../../etc/passwd", "-c", "thanet"],
        ["audit", "show", "../000001"],
        ["demo", "../x", "--auto"],
    ):
        result = cli(*args)
        assert result.code == 2, args
        assert "../" not in result.out


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("protocol tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_main_flows_never_touch_the_network(cli, no_network, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PROTOCOL_AUDIT_DIR", str(tmp_path / "audit"))
    cases = tmp_path / "cases.csv"
    cases.write_text("council,scenario,how,who\nthanet,copy-correspondence,blind,officer\n", encoding="utf-8")
    flows = [
        ["councils", "--json"],
        ["clauses", "show", "thanet:9.1.12", "--json"],
        ["clauses", "search", "blind copies", "--json"],
        ["ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "how=blind", "--audit", "--json"],
        ["compare", "complaint-route", "-a", "direction=officer-about-member", "--json"],
        ["check", str(cases), "--format", "json"],
        ["tree", "copy-correspondence", "-c", "thanet", "-f", "mermaid"],
        ["demo", "bcc-the-ward-colleague", "--auto", "--delay", "0"],
        ["data", "check", "--json"],
        ["config", "set", "council", "thanet"],
        ["audit", "verify", "--json"],
    ]
    for args in flows:
        assert cli(*args).code == 0, args


def test_no_posix_only_module_is_imported() -> None:
    """Council desktops are mostly Windows: locking goes through filelock, not fcntl."""
    import ast

    posix_only = {"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog", "posix"}
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in posix_only]
    assert found == []
