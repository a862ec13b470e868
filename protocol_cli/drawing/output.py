"""Sending a view to stdout: as JSON, or laid out (views.py) and drawn by a backend — rich for a
colour terminal (imported only then), plain text for pipes, NO_COLOR, TERM=dumb and --plain.

The backends know nothing of this module: it chooses one, and hands it blocks.
"""

from __future__ import annotations

import json
import sys

from protocol_cli.drawing.terminal import Terminal, detect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from protocol_cli.drawing.backend_plain import PlainScreen
    from protocol_cli.drawing.backend_rich import RichScreen

    Screen = PlainScreen | RichScreen


def emit_json(data: Any) -> None:
    if isinstance(data, dict):  # keys starting with _ are for the layouts only
        data = {k: v for k, v in data.items() if not k.startswith("_")}
    from protocol_cli.drawing.textsafe import can_encode_all

    # where the terminal cannot show every character, \u escapes keep the data exact
    sys.stdout.write(json.dumps(data, ensure_ascii=not can_encode_all(sys.stdout), indent=2) + "\n")


def screen(term: Terminal | None = None, *, plain: bool = False, stderr: bool = False) -> Screen:
    """Where blocks are drawn: a rich console on a colour terminal (unless `plain`), else plain
    text. With `stderr`, drawn on standard error (stdout being kept for --json)."""
    term = term or detect()
    if term.rich and not plain:
        from protocol_cli.drawing import backend_rich

        return backend_rich.screen(term, stderr)
    from protocol_cli.drawing import backend_plain

    return backend_plain.screen(term, stderr)


def show(view: Any, name: str, *, json_out: bool = False, plain: bool = False) -> None:
    """Print `view` as JSON, or laid out by views.`name` and drawn on the screen."""
    if json_out:
        emit_json(view)
        return
    from protocol_cli.drawing import views

    screen(plain=plain).draw(getattr(views, name)(view))
