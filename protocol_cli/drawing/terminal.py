"""Facts about the terminal, decided in one place so tests can set them.

PROTOCOL_TERMINAL=rich|plain forces the drawing mode (tests, screenshots); otherwise rich output
needs a TTY on stdout, no NO_COLOR (set and not empty) and a TERM other than "dumb".
PROTOCOL_INTERACTIVE=1|0 forces whether prompts may be shown (tests drive prompts through a
pipe); otherwise prompting needs a TTY on both stdin and stdout (or stderr, for a command whose
stdout carries data). `can_move_cursor()` says whether arrow-key menus can be drawn.
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


def _width(env: os._Environ[str] | dict[str, str]) -> int:
    """COLUMNS, else the terminal's own width; 80 where neither says (a pipe, or a terminal that
    reports 0x0, as some CI and container terminals do). Never under 20."""
    try:
        width = int(env.get("COLUMNS", ""))
    except ValueError:
        width = 0
    if width <= 0:
        try:  # (shutil.get_terminal_size does this, but importing shutil costs more than the call)
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 0
    return max(20, width) if width > 0 else 80


def detect() -> Terminal:
    env = os.environ
    stdout_tty = _isatty(sys.stdout)
    dumb = env.get("TERM", "") == "dumb"
    no_color = env.get("NO_COLOR", "") != ""  # (no-color.org: only a value that is not empty counts)
    forced = env.get("PROTOCOL_TERMINAL", "").lower()
    rich = forced == "rich" if forced in ("rich", "plain") else stdout_tty and not dumb and not no_color
    width = _width(env)
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
        width=width,
        interactive=interactive,
        interactive_on_stderr=forced if forced is not None else stdin_tty and stderr_tty,
    )


def can_move_cursor() -> bool:
    """Whether the terminal can draw arrow-key menus: not where TERM is "dumb" (or "unknown"),
    as in some editors' shells and CI consoles. (Windows consoles set no TERM, and can.) Prompts
    forced through pipes (PROTOCOL_INTERACTIVE=1, as tests drive them) keep the menus."""
    if not (_isatty(sys.stdout) or _isatty(sys.stderr)):
        return True
    return os.environ.get("TERM", "").lower() not in ("dumb", "unknown")
