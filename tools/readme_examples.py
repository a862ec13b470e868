"""Rewrite the README's console examples with what each command prints now (tests/test_docs.py
checks them): run after a change to what a command shows. An example keeps as many lines as it
had before its "..." line and after it (the last lines of the output); one without "..." is the
whole output.

Usage: python tools/readme_examples.py [--check]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)


def examples(text: str) -> list[tuple[str, list[str]]]:
    """Each console example of the README: its `$ protocol …` line and the lines shown under it."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        command, *expected = block.rstrip("\n").split("\n")
        out.append((command, expected))
    return out


def parse(command: str) -> tuple[list[str], str]:
    """`$ protocol ARGS [2>&1 [>/dev/null]]` -> (ARGS, which stream is shown: out, err or both)."""
    line = command.removeprefix("$ protocol ")
    streams = "out"
    for suffix, which in ((" 2>&1 >/dev/null", "err"), (" 2>&1", "both")):
        if line.endswith(suffix):
            line, streams = line.removesuffix(suffix), which
            break
    return [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', line)], streams


def run(command: str, home: str) -> list[str]:
    args, streams = parse(command)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCOL_")}
    env.update(COLUMNS="80", NO_COLOR="1", TERM="dumb", PROTOCOL_HOME=home)
    proc = subprocess.run(
        [sys.executable, "-m", "protocol_cli", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    text = {"out": proc.stdout, "err": proc.stderr, "both": proc.stdout + proc.stderr}[streams]
    return text.splitlines()


def main() -> int:
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as home:

        def redo(m: re.Match[str]) -> str:
            command, *expected = m.group(2).rstrip("\n").split("\n")
            out = run(command, home)
            cut = next((n for n, line in enumerate(expected) if line.strip() == "..."), None)
            if cut is None:
                body = out
            else:  # the head (checked by the test), "...", and as many of the last lines as before
                tail = len(expected) - cut - 1
                body = [*out[:cut], "...", *(out[-tail:] if tail else [])]
            return m.group(1) + "\n".join([command, *body]) + "\n" + m.group(3)

        new = BLOCK.sub(redo, text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
