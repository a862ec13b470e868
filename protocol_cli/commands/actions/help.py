"""`protocol help [COMMAND]…`: people type `help ask` as often as `ask --help`; both work."""

from __future__ import annotations

from protocol_cli.base.errors import Exit


def help_(command: list[str] | None = None) -> None:
    from protocol_cli.commands.main import main

    words = [w for w in (command or []) if w.strip()]
    if words[:1] == ["help"]:  # `protocol help help`
        words = [*words[1:], "help"]
    raise Exit(main([*words, "--help"]))
