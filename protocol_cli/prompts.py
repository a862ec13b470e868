"""The interactive prompts: the only module that imports questionary.

Each prompt uses unsafe_ask(), so Ctrl-C reaches the caller as KeyboardInterrupt (and Ctrl-D as
EOFError): the command decides what cancelling means.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import questionary
from questionary import Choice, Separator

from protocol_cli.engine import Question

BACK = "\x00back"
WHY = "\x00why"
STYLE = questionary.Style([("qmark", "fg:ansicyan bold"), ("question", "bold"), ("highlighted", "bold")])


def choose(
    message: str,
    options: Sequence[tuple[str, str]],
    instruction: str | None = None,
    to_stderr: bool = False,
) -> str:
    """Pick one of (value, label); to_stderr draws the prompt on stderr (stdout carries data)."""
    choices = [Choice(label, value=value) for value, label in options]
    extra = {}
    if to_stderr and sys.stderr.isatty():
        from prompt_toolkit.output import create_output

        extra["output"] = create_output(stdout=sys.stderr)
    answer = questionary.select(
        message,
        choices=choices,
        instruction=instruction or "(arrows to move, Enter to choose)",
        style=STYLE,
        **extra,
    ).unsafe_ask()
    return str(answer)


def ask_question(
    question: Question, why: Callable[[], str], can_go_back: bool, show: Callable[[str], None]
) -> str | None:
    """Ask one interview question. Returns the option value, or None to go back a question."""
    choices: list[Choice | Separator] = [Choice(o.label, value=o.value) for o in question.options]
    choices.append(Separator())
    choices.append(Choice("Why we ask", value=WHY))
    if can_go_back:
        choices.append(Choice("← Back to the previous question", value=BACK))
    while True:
        answer = questionary.select(
            question.prompt,
            choices=choices,
            instruction="(arrows to move, Enter to choose)",
            style=STYLE,
        ).unsafe_ask()
        if answer == WHY:
            show(why())
            continue
        if answer == BACK:
            return None
        return str(answer)


def confirm(message: str, default: bool = False) -> bool:
    return bool(questionary.confirm(message, default=default, style=STYLE).unsafe_ask())


def text(message: str) -> str:
    return str(questionary.text(message, style=STYLE).unsafe_ask() or "").strip()
