"""Shared pieces of the typer command declarations."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

import typer

from protocol_cli.base.errors import Exit

JSON_HELP = "Print the result as JSON (for scripts)."
PLAIN_HELP = "Plain text, no boxes or colour."


def group(**kwargs: Any) -> typer.Typer:
    """A Typer with the project's settings: -h, no completion flags, help boxes only on a terminal."""
    from protocol_cli.drawing.terminal import detect

    return typer.Typer(
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich" if detect().rich else None,
        context_settings={"help_option_names": ["-h", "--help"]},
        **kwargs,
    )


def forward(target: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a command whose work is done by `module:function` (see protocol_cli.commands.actions).

    The decorated function supplies what typer reads (its signature, with the options, and its
    docstring, the help); its body is never run. The same target is what the fast path calls.
    """

    def decorate(declaration: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(declaration)
        def command(**options: Any) -> Any:
            module, _, name = target.partition(":")
            try:
                return getattr(importlib.import_module(module), name)(**options)
            except Exit as exc:
                raise typer.Exit(exc.code) from None

        command.protocol_action = target  # type: ignore[attr-defined]
        return command

    return decorate
