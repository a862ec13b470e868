"""The interactive prompts: the only module that imports questionary.

Each prompt uses unsafe_ask(), so Ctrl-C reaches the caller as KeyboardInterrupt (and Ctrl-D as
EOFError): the command decides what cancelling means.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import questionary
from questionary import Choice, Separator

from protocol_cli.deciding.engine import UNSURE, UNSURE_LABEL, Question
from protocol_cli.drawing import plainprompts
from protocol_cli.drawing.terminal import can_move_cursor

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
    answer = _select(message, choices, instruction or "(arrows to move, Enter to choose)", to_stderr, **extra)
    return str(answer)


def ask_question(
    question: Question,
    why: Callable[[], str],
    can_go_back: bool,
    show: Callable[[str], None],
    back_label: str | None = None,
) -> str | None:
    """Ask one interview question. Returns the option value (or "unsure"), or None to go back."""
    choices: list[Choice | Separator] = [Choice(o.label, value=o.value) for o in question.options]
    choices.append(Choice(UNSURE_LABEL, value=UNSURE))  # the engine then tries every value
    choices.append(Separator())
    choices.append(Choice("Why we ask", value=WHY))
    if can_go_back:
        choices.append(Choice(back_label or "← Back to the previous question", value=BACK))
    while True:
        answer = _select(question.prompt, choices, "(arrows to move, Enter to choose)")
        if answer == WHY:
            show(why())
            continue
        if answer == BACK:
            return None
        return str(answer)


def confirm(message: str, default: bool = False) -> bool:
    if not can_move_cursor():
        return plainprompts.confirm(message, default)
    return bool(questionary.confirm(message, default=default, style=STYLE).unsafe_ask())


def text(message: str) -> str:
    if not can_move_cursor():
        return plainprompts.text(message)
    return str(questionary.text(message, style=STYLE).unsafe_ask() or "").strip()


def pause(message: str, to_stderr: bool = False) -> None:
    """Wait for a key (Enter) before going on; to_stderr draws it on stderr (stdout carries data)."""
    if not can_move_cursor():
        return plainprompts.pause(message, to_stderr)
    extra = {}
    if to_stderr and sys.stderr.isatty():
        from prompt_toolkit.output import create_output

        extra["output"] = create_output(stdout=sys.stderr)
    questionary.press_any_key_to_continue(message, style=STYLE, **extra).unsafe_ask()


def _select(
    message: str, choices: list, instruction: str, to_stderr: bool = False, **extra: object
) -> object:
    """An arrow-key menu; numbered choices where the terminal cannot move its cursor (TERM=dumb)."""
    if not can_move_cursor():
        options = [(c.value, str(c.title)) for c in choices if not isinstance(c, Separator)]
        return plainprompts.choose(message, options, to_stderr)
    menu = questionary.select(message, choices=choices, instruction=instruction, style=STYLE, **extra)
    return menu.unsafe_ask()
