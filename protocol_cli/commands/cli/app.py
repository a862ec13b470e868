"""The command tree. Each command group lives in its own module; heavy imports stay inside commands."""

from __future__ import annotations

from typing import Annotated

import typer

HELP = """Cited answers from UK councils' member/officer relations protocols.

Every answer quotes the deciding clause of your council's protocol, word for word."""


def _version(value: bool) -> None:
    if value:
        from protocol_cli.commands.version import print_version

        print_version()
        raise typer.Exit()


def build_app() -> typer.Typer:
    from protocol_cli.commands.cli import (
        ask,
        audit,
        check,
        clauses,
        compare,
        completion,
        config,
        councils,
        data,
        help,
        scenarios,
        train,
        tree,
    )
    from protocol_cli.commands.cli.glue import group

    app = group(name="protocol", help=HELP)

    @app.callback()
    def root(
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                "-V",
                callback=_version,
                is_eager=True,
                help="Print the version, the data fingerprint and each protocol's date; exit.",
            ),
        ] = False,
        debug: Annotated[
            bool,
            typer.Option(
                "--debug", help="Show the full traceback of an unexpected error (or PROTOCOL_DEBUG=1)."
            ),
        ] = False,
        data_dir: Annotated[
            str | None,
            typer.Option(
                "--data-dir",
                metavar="DIR",
                help="A folder of your own protocol and scenario files, over the bundled ones "
                "(or PROTOCOL_DATA_DIR).",
            ),
        ] = None,
    ) -> None:
        """Cited answers from UK councils' member/officer relations protocols."""
        if data_dir:  # (main() normally takes it first; this is for a typer-only run)
            import os

            os.environ["PROTOCOL_DATA_DIR"] = data_dir

    ask.register(app)
    check.register(app)
    compare.register(app)
    tree.register(app)
    train.register(app)
    scenarios.register(app)
    councils.register(app)
    clauses.register(app)
    config.register(app)
    audit.register(app)
    data.register(app)
    completion.register(app)
    help.register(app)
    return app
