"""The `protocol` command: one entry point that turns every failure into one clear line.

Start-up is a feature: `protocol --version` answers before anything is imported, and a
well-formed command line runs through the fast path (fastpath.py) without importing typer.
"""

from __future__ import annotations

import os
import sys

from protocol_cli.base.errors import EXIT_CANCELLED, EXIT_USAGE, Exit, ProtocolError

EXIT_BUG = 70  # an unexpected error in protocol itself (README: exit codes)
EXIT_PIPE = 141  # standard output was a pipe whose reader went away (README: exit codes)
REPORT = "please report it with the command you ran (README: Reporting problems)"


def _debug(args: list[str]) -> bool:
    return "--debug" in args or os.environ.get("PROTOCOL_DEBUG", "") not in ("", "0")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _closed_streams()
    from protocol_cli.drawing.textsafe import tolerant_streams

    tolerant_streams()
    if args in (["--version"], ["-V"]):
        from protocol_cli.commands.version import print_version

        return print_version()
    debug = _debug(args)
    try:
        args = _global_options(args)
        found = None
        if args and not args[0].startswith("-"):
            from protocol_cli.commands.fastpath import resolve

            found = resolve(args)
        if found is not None:  # a well-formed command line: no need for typer
            import importlib

            target, options = found
            module, _, name = target.partition(":")
            getattr(importlib.import_module(module), name)(**options)
            return 0
        from protocol_cli.commands.cli.app import build_app

        app = build_app()
        result = app(args=args, prog_name="protocol", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except Exit as exc:
        return exc.code
    except ProtocolError as exc:
        if debug:
            raise
        _error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\nCancelled.\n")
        return EXIT_CANCELLED
    except BrokenPipeError:
        # the reader went away (`protocol check big.csv | head -3`): no traceback, but not 0 either,
        # since what was not written was not done (rows never checked); 141 is what a shell reports
        # for a command stopped by a closed pipe, so `set -o pipefail` scripts see it as usual
        _silence_stdout()
        return EXIT_PIPE
    except Exception as exc:
        code = _click_exit(exc)
        if code is not None:
            return code
        if debug:
            raise
        _error(f"unexpected error ({type(exc).__name__}: {exc}); run again with --debug, and {REPORT}")
        return EXIT_BUG


def _global_options(args: list[str]) -> list[str]:
    """Take --debug and --data-dir DIR from the front of the command line (before the command),
    so the fast path sees the command first; --data-dir is passed on as PROTOCOL_DATA_DIR."""
    rest = list(args)
    while rest and rest[0].startswith("--"):
        word = rest[0]
        if word == "--debug":
            rest.pop(0)
        elif word == "--data-dir" or word.startswith("--data-dir="):
            rest.pop(0)
            if "=" in word:
                value = word.partition("=")[2]
            elif rest:
                value = rest.pop(0)
            else:
                raise ProtocolError("--data-dir needs a folder: protocol --data-dir DIR COMMAND ...")
            if not value.strip():
                raise ProtocolError("--data-dir needs a folder: protocol --data-dir DIR COMMAND ...")
            os.environ["PROTOCOL_DATA_DIR"] = value
        else:
            break
    return rest


def _closed_streams() -> None:
    """Started with stdout or stderr closed (`protocol ... >&-`): write those to nowhere, as
    to a pipe whose reader went away, rather than fail on the first write."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (kept open)


def _error(message: str) -> None:
    sys.stderr.write(f"Error: {message}\n")


def _click_exit(exc: BaseException) -> int | None:
    """Typer's own errors (bad options, missing arguments, Ctrl-C in a prompt) as one line."""
    from typer import Abort, _click

    if isinstance(exc, _click.exceptions.NoArgsIsHelpError):
        # a bare command shows its help; rich help is already drawn, plain help is the message
        if exc.format_message():
            sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
        return 0
    if isinstance(exc, _click.exceptions.UsageError):
        hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
        _error(exc.format_message().replace("\n", " ") + hint)
        return EXIT_USAGE
    if isinstance(exc, _click.exceptions.ClickException):
        _error(exc.format_message().replace("\n", " "))
        return exc.exit_code
    if isinstance(exc, Abort):
        sys.stderr.write("Cancelled.\n")
        return EXIT_CANCELLED
    return None


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
