"""Sending a view to stdout: as JSON, as plain text, or drawn with rich (imported only then)."""

from __future__ import annotations

import json
import sys

from protocol_cli import plaintext
from protocol_cli.terminal import Terminal, detect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class PlainOut:
    __slots__ = ("emphasis", "width")

    def __init__(self, width: int, emphasis: tuple[str, str]) -> None:
        self.width = width
        self.emphasis = emphasis  # ANSI bold/underline on a terminal that takes it; nothing in a pipe

    @staticmethod
    def write(line: str) -> None:
        sys.stdout.write(line + "\n")


def emit_json(data: Any) -> None:
    if isinstance(data, dict):  # keys starting with _ are for the renderers only
        data = {k: v for k, v in data.items() if not k.startswith("_")}
    from protocol_cli.textsafe import can_encode_all

    # where the terminal cannot show every character, \u escapes keep the data exact
    sys.stdout.write(json.dumps(data, ensure_ascii=not can_encode_all(sys.stdout), indent=2) + "\n")


def show(view: Any, name: str, *, json_out: bool = False, plain: bool = False) -> None:
    """Draw `view` with the renderer function called `name` (plaintext.name or render.name)."""
    if json_out:
        emit_json(view)
        return
    term = detect()
    if term.rich and not plain:
        from protocol_cli import render

        getattr(render, name)(view, render.console(term))
        return
    getattr(plaintext, name)(view, plain_out(term))


def plain_out(term: Terminal) -> PlainOut:
    import os

    fancy = term.stdout_tty and os.environ.get("TERM", "") != "dumb"
    return PlainOut(width=term.width, emphasis=("\x1b[1;4m", "\x1b[0m") if fancy else ("", ""))
