"""Running a well-formed command line without importing typer.

Importing typer (and the click it carries) costs about five times what starting Python does, so
a script calling `protocol ask … --json` in a loop would spend most of its time there. The
command table (_commandline.py) is generated from the typer declarations; this module parses
argv against it the way click would and returns the action to call with its options. Anything
it is not sure of — help, an unknown or malformed option, a bad value, a missing argument —
returns None, and typer handles the command line as usual, with its own messages.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HELP = frozenset(("-h", "--help"))


def resolve(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """(action, options) for argv, or None to let typer handle it."""
    from protocol_cli.commands._commandline import TABLE

    commands: dict[str, Any] = TABLE["commands"]
    groups = TABLE["groups"]
    words: list[str] = []
    rest = list(argv)
    while rest and " ".join([*words, rest[0]]) in groups:
        words.append(rest.pop(0))
    if not rest:
        return None
    words.append(rest.pop(0))
    command = commands.get(" ".join(words))
    if command is None:
        return None
    options = parse(command["params"], rest)
    return None if options is None else (command["action"], options)


def parse(params: list[dict[str, Any]], args: list[str]) -> dict[str, Any] | None:
    longs: dict[str, tuple[dict[str, Any], bool]] = {}
    for p in params:
        if p["kind"] == "option":
            for opt in p["opts"]:
                longs[opt] = (p, True)
            for opt in p.get("off", ()):
                longs[opt] = (p, False)
    values: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "--":
            positional.extend(args[i:])
            break
        if token in HELP:
            return None
        if token.startswith("--"):
            name, eq, attached = token.partition("=")
            found = longs.get(name)
            if found is None:
                return None
            param, on = found
            if param["flag"]:
                if eq:
                    return None
                values[param["name"]] = on
                continue
            if eq:
                value = attached
            elif i < len(args):
                value, i = args[i], i + 1
            else:
                return None
        elif token.startswith("-") and token != "-":
            found = longs.get(token[:2])
            if found is None:
                return None
            param, on = found
            if param["flag"]:
                if len(token) > 2:  # -qv: grouped flags are left to click
                    return None
                values[param["name"]] = on
                continue
            if len(token) > 2:
                value = token[2:]
            elif i < len(args):
                value, i = args[i], i + 1
            else:
                return None
        else:
            positional.append(token)
            continue
        converted = convert(param, value)
        if converted is None:
            return None
        if param["multiple"]:
            values.setdefault(param["name"], []).append(converted)
        else:
            values[param["name"]] = converted
    for p in params:
        if p["kind"] != "argument":
            continue
        if p["nargs"] == -1:
            taken, positional = positional, []
            if not taken and p["required"]:
                return None
            values[p["name"]] = [convert(p, t) for t in taken] if taken else None
        elif positional:
            converted = convert(p, positional.pop(0))
            if converted is None:
                return None
            values[p["name"]] = converted
        elif p["required"]:
            return None
    if positional:
        return None
    for p in params:
        if p["name"] not in values:
            if p["required"]:
                return None  # a required option is missing: typer says so
            values[p["name"]] = None if p.get("multiple") else p["default"]
    return values


def convert(param: dict[str, Any], value: str) -> Any:
    kind = param["type"]
    if kind == "str":
        return value
    if kind == "path":
        from pathlib import Path

        return Path(value)
    if kind in ("int", "float"):
        try:
            number = int(value) if kind == "int" else float(value)
        except ValueError:
            return None
        if number != number or number in (float("inf"), float("-inf")):  # nan, inf
            return None
        low, high = param.get("min"), param.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            return None  # typer says what the range is
        return number
    if kind == "choice":
        low = value.lower()
        return next((c for c in param["choices"] if c.lower() == low), None)
    return None
