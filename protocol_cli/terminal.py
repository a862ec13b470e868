"""Facts about the terminal, decided in one place so tests can set them.

PROTOCOL_TERMINAL=rich|plain forces the drawing mode (tests, screenshots); otherwise rich output
needs a TTY on stdout, no NO_COLOR and a TERM other than "dumb". PROTOCOL_INTERACTIVE=1|0 forces
whether prompts may be shown (tests drive prompts through a pipe); otherwise prompting needs a
TTY on both stdin and stdout (or stderr, for a command whose stdout carries data).
"""

from __future__ import annotations

import os
import sys


class Terminal:
    __slots__ = (
        "color",
        "interactive",
        "interactive_on_stderr",
        "rich",
        "stderr_tty",
        "stdin_tty",
        "stdout_tty",
        "width",
    )

    def __init__(
        self,
        *,
        stdin_tty: bool,
        stdout_tty: bool,
        stderr_tty: bool,
        rich: bool,  # draw with rich (colour, boxes); otherwise plain text
        color: bool,
        width: int,
        interactive: bool,  # prompts may be shown
        interactive_on_stderr: bool = False,  # prompts may be shown on stderr (stdout carries data)
    ) -> None:
        self.stdin_tty = stdin_tty
        self.stdout_tty = stdout_tty
        self.stderr_tty = stderr_tty
        self.rich = rich
        self.color = color
        self.width = width
        self.interactive = interactive
        self.interactive_on_stderr = interactive_on_stderr


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def detect() -> Terminal:
    env = os.environ
    stdout_tty = _isatty(sys.stdout)
    dumb = env.get("TERM", "") == "dumb"
    no_color = "NO_COLOR" in env
    forced = env.get("PROTOCOL_TERMINAL", "").lower()
    rich = forced == "rich" if forced in ("rich", "plain") else stdout_tty and not dumb and not no_color
    try:
        width = int(env["COLUMNS"])
    except (KeyError, ValueError):
        try:  # (shutil.get_terminal_size does this, but importing shutil costs more than the call)
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 80
    stdin_tty = _isatty(sys.stdin)
    forced_prompts = env.get("PROTOCOL_INTERACTIVE", "")
    forced = forced_prompts == "1" if forced_prompts in ("0", "1") else None
    stderr_tty = _isatty(sys.stderr)
    interactive = forced if forced is not None else stdin_tty and stdout_tty
    return Terminal(
        stdin_tty=stdin_tty,
        stdout_tty=stdout_tty,
        stderr_tty=stderr_tty,
        rich=rich,
        color=rich and not no_color and not dumb,
        width=max(20, width),
        interactive=interactive,
        interactive_on_stderr=forced if forced is not None else stdin_tty and stderr_tty,
    )
