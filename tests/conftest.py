"""Shared test set-up: a fixed terminal, user dirs in a temp folder, and a way to run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from protocol_cli.commands.main import main
from protocol_cli.sources import library

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = ROOT / "data"
PROTOCOL_IDS = ["combined-authority", "district-code", "epsom-ewell", "rutland", "thanet"]

requires_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the seed protocol texts are not at {SEEDS} (../shared/seeds beside the checkout)",
)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture(autouse=True)
def fixed_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test sees the same terminal and never touches the real user folders."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("PROTOCOL_HOME", str(tmp_path / "home"))
    for var in ("PROTOCOL_TERMINAL", "PROTOCOL_DEBUG", "PROTOCOL_COUNCIL", "PROTOCOL_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    library.use_library(None)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run `protocol ARGS...` in this process, through the real entry point."""

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def answer_args(**answers: str) -> list[str]:
    """--answer options for the given answers: answer_args(who="officer") -> ["-a", "who=officer"]."""
    return [arg for qid, value in answers.items() for arg in ("-a", f"{qid}={value}")]


def run_subprocess(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """Run `python -m protocol_cli ARGS...` in a fresh interpreter (for what loads at start-up)."""
    full_env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "protocol_cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def spawn_in_terminal(
    home: Path, *args: str, env: dict[str, str | None] | None = None, dimensions: tuple[int, int] = (50, 100)
):
    """`python -m protocol_cli ARGS` in a pseudo-terminal, as a person would run it (pexpect).

    `env` sets (or, with None, removes) variables, e.g. {"TERM": "dumb", "COLUMNS": None};
    `dimensions` is the terminal's (rows, columns), (0, 0) for one that reports no size."""
    import pexpect

    full = {**os.environ, "PROTOCOL_HOME": str(home), "TERM": "xterm", "COLUMNS": str(dimensions[1])}
    full["PROMPT_TOOLKIT_NO_CPR"] = "1"  # (no cursor-position queries to wait for)
    for var in ("NO_COLOR", "PROTOCOL_INTERACTIVE", "PROTOCOL_COUNCIL", "PROTOCOL_DATA_DIR"):
        full.pop(var, None)
    for var, value in (env or {}).items():
        if value is None:
            full.pop(var, None)
        else:
            full[var] = value
    return pexpect.spawn(
        sys.executable,
        ["-m", "protocol_cli", *args],
        cwd=str(ROOT),
        env=full,
        encoding="utf-8",
        timeout=20,
        dimensions=dimensions,
    )
