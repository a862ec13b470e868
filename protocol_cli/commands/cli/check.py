"""`protocol check FILE… | -`: many questions at once, from a clerk's spreadsheet or a script."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import forward


class InputFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    toml = "toml"


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def register(app: typer.Typer) -> None:
    @app.command("check")
    @forward("protocol_cli.commands.actions.check:check")
    def check(
        files: Annotated[
            list[str],
            typer.Argument(metavar="FILE... | -", help="CSV, JSON, JSONL or TOML files; - reads stdin."),
        ],
        input_format: Annotated[
            InputFormat | None,
            typer.Option(
                "--input-format",
                "-i",
                help="csv, json, jsonl or toml (default: from the file name).",
                case_sensitive=False,
            ),
        ] = None,
        fmt: Annotated[
            OutputFormat | None,
            typer.Option(
                "--format",
                "-f",
                help="table, json, jsonl or csv (default: table on a terminal, else jsonl).",
                case_sensitive=False,
            ),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", metavar="FILE", help="Write the results to FILE (whole or not at all)."
            ),
        ] = None,
        council: Annotated[
            str | None, typer.Option("--council", "-c", help="The council for rows that do not name one.")
        ] = None,
        scenario: Annotated[
            str | None, typer.Option("--scenario", "-s", help="The scenario for rows that do not name one.")
        ] = None,
        fail_on: Annotated[
            str,
            typer.Option(
                "--fail-on",
                metavar="STATUSES",
                help="Which statuses make the exit code 1: any of mismatch,incomplete,error, or none.",
            ),
        ] = "mismatch,incomplete,error",
        quiet: Annotated[
            bool, typer.Option("--quiet", "-q", help="No progress bar and no summary line.")
        ] = False,
        audit: Annotated[
            bool,
            typer.Option(
                "--audit", help="Save an audit note for every row answered (one batch id for the run)."
            ),
        ] = False,
        strict: Annotated[
            bool,
            typer.Option(
                "--strict",
                help="Refuse columns (or answers) no scenario asks about, instead of ignoring them.",
            ),
        ] = False,
    ) -> None:
        """Check many questions at once: each row's council, scenario and answers.

        Input rows: CSV with a header row (id, council, scenario, expect, then one column per
        question id; an empty cell is not answered), a JSON list of objects with an "answers"
        object, JSON lines (one such object a line), or TOML [[case]] tables. UTF-8, with or
        without a BOM, or UTF-16 (Excel's "Unicode Text"); CSV as Excel saves it works. A column
        no scenario asks about (Notes, Reviewed by) is ignored with one warning; "about" holds a
        row's story and sources, and is never checked.

        For each row: ok, mismatch (the verdict is not the expected one), incomplete (names the
        next question needed) or error (names the row and what is wrong). One bad row never
        stops the run. A summary goes to stderr. Exit 0 when all are ok, 1 when any row has a
        status in --fail-on, 2 when the input cannot be read at all.

        Example: protocol check cases.csv --format csv -o results.csv
        """
