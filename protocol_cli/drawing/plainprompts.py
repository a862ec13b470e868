"""Prompts for a terminal that cannot move its cursor (TERM=dumb, some editors' shells and CI
consoles): numbered choices and a line typed, drawn as plain lines. No questionary here.

The same shapes as prompts.py: Ctrl-C reaches the caller as KeyboardInterrupt, end of input
(Ctrl-D) as EOFError.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO


def _stream(to_stderr: bool) -> TextIO:
    return sys.stderr if to_stderr else sys.stdout


def _read(prompt: str, out: TextIO) -> str:
    out.write(prompt)
    out.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.strip()


def _width() -> int:
    from protocol_cli.drawing.terminal import detect

    return detect().width


def choose(message: str, options: Sequence[tuple[str, str]], to_stderr: bool = False) -> str:
    """Pick one of (value, label) by its number (or by typing its value)."""
    from protocol_cli.drawing.cells import wrap

    out = _stream(to_stderr)
    width = _width()
    lines = wrap(message, width)
    digits = len(str(len(options)))
    for n, (_, label) in enumerate(options, start=1):
        mark = f"  {n:>{digits}}. "
        lines += wrap(label, width, " " * len(mark), first=mark)
    out.write("\n".join(lines) + "\n")
    values = [value for value, _ in options]
    while True:
        typed = _read(f"Type a number (1-{len(options)}) and press Enter: ", out)
        if typed.isdigit() and 1 <= int(typed) <= len(options):
            return values[int(typed) - 1]
        if typed in values:
            return typed
        out.write(f"'{typed}' is not one of the choices.\n")


def confirm(message: str, default: bool = False) -> bool:
    out = sys.stdout
    while True:
        typed = _read(f"{message} [{'Y/n' if default else 'y/N'}] ", out).lower()
        if not typed:
            return default
        if typed in ("y", "yes"):
            return True
        if typed in ("n", "no"):
            return False
        out.write("Type y or n.\n")


def text(message: str) -> str:
    return _read(f"{message} ", sys.stdout)


def pause(message: str, to_stderr: bool = False) -> None:
    _read(message + " ", _stream(to_stderr))
