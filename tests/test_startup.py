"""Start-up is a feature: what each command loads, checked in a fresh interpreter.

rich is imported only where rich output is drawn, questionary only where a prompt is shown,
typer not at all for --version, and only the protocol asked about is parsed.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

PROBE = """
import json, sys
from protocol_cli.cli import main
code = main(sys.argv[1:])
tops = sorted({m.split('.')[0] for m in sys.modules})
library = sys.modules.get('protocol_cli.library')
lib = library._default if library else None
loaded = sorted(lib._protocols) if lib is not None else []
sys.stderr.write('PROBE' + json.dumps({'code': code, 'modules': tops, 'parsed': loaded}) + '\\n')
"""


def probe(*args: str, rich: bool = False) -> dict:
    env = {"COLUMNS": "80", "PATH": "/usr/bin:/bin"}
    env.update({"PROTOCOL_TERMINAL": "rich"} if rich else {"NO_COLOR": "1", "TERM": "dumb"})
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, env=env
    )
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("PROBE"))
    return json.loads(line[len("PROBE") :])


def test_version_loads_neither_typer_nor_data() -> None:
    seen = probe("--version")
    assert seen["code"] == 0
    assert not {"typer", "rich", "questionary", "tomllib", "prompt_toolkit"} & set(seen["modules"])


@pytest.mark.parametrize(
    "args",
    [
        ("clauses", "show", "thanet:9.1.12", "--plain"),
        ("clauses", "show", "thanet:9.1.12", "--json"),
        ("clauses", "list", "thanet", "--section", "9.1"),
        ("ask", "-s", "copy-correspondence", "-c", "thanet", "-a", "how=blind", "--json"),
        ("ask", "bcc", "-c", "thanet", "-a", "how=blind", "--plain"),
        ("ask", "-s", "copy-correspondence", "-c", "thanet", "--json"),  # incomplete: exits 2
        ("scenarios", "show", "group-meeting", "--json"),
        ("check", "tests/fixtures/readme.csv", "--format", "jsonl"),
        ("compare", "complaint-route", "-a", "direction=officer-about-member", "--json"),
    ],
)
def test_plain_and_json_paths_do_not_import_rich_or_questionary(args) -> None:
    seen = probe(*args)
    assert seen["code"] in (0, 1, 2)
    assert not {"rich", "questionary", "prompt_toolkit", "pydantic"} & set(seen["modules"])


def test_asking_about_one_protocol_parses_only_that_one() -> None:
    assert probe("clauses", "show", "thanet:9.1.12", "--plain")["parsed"] == ["thanet"]
    assert probe("clauses", "search", "copy", "-p", "rutland", "--json")["parsed"] == ["rutland"]
    assert probe("ask", "bcc", "-c", "epsom-ewell", "-a", "how=blind", "-a", "who=member", "--json")[
        "parsed"
    ] == ["epsom-ewell"]


def test_rich_is_imported_when_drawing() -> None:
    seen = probe("clauses", "show", "thanet:9.1.12", rich=True)
    assert "rich" in seen["modules"]
    assert "questionary" not in seen["modules"]
