"""`protocol audit list|show|export|verify|checkpoint`: the record of decisions, and proof it is intact."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from protocol_cli.commands.cli.glue import JSON_HELP, PLAIN_HELP, forward


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    markdown = "markdown"


Since = Annotated[
    str | None, typer.Option("--since", metavar="DATE", help="Only notes from this day on (2026-11-01).")
]
Until = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Only notes up to this day (inclusive).")
]
Council = Annotated[str | None, typer.Option("--council", "-c", help="Only notes about this protocol.")]
Scenario = Annotated[str | None, typer.Option("--scenario", "-s", help="Only notes about this scenario.")]


def register(app: typer.Typer) -> None:
    from protocol_cli.commands.cli.glue import group as new_group

    group = new_group(
        help="Audit notes of decisions: list, show, export, verify they are intact, and take receipts."
    )
    app.add_typer(group, name="audit")

    @group.command("list")
    @forward("protocol_cli.commands.actions.audit:list_")
    def list_(
        since: Since = None,
        until: Until = None,
        council: Council = None,
        scenario: Scenario = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """List audit notes: id, when, by whom, council, scenario and verdict.

        Example: protocol audit list --since 2026-11-01 --council thanet
        """

    @group.command("show")
    @forward("protocol_cli.commands.actions.audit:show_")
    def show_(
        note_id: Annotated[str, typer.Argument(metavar="ID", help="The note's id, e.g. 000123 (or 123).")],
        plain: Annotated[bool, typer.Option("--plain", help=PLAIN_HELP)] = False,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Show one audit note: the questions and answers, the verdict, and the clauses as cited.

        Example: protocol audit show 000123
        """

    @group.command("export")
    @forward("protocol_cli.commands.actions.audit:export_")
    def export_(
        fmt: Annotated[
            ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or markdown.", case_sensitive=False)
        ] = ExportFormat.csv,
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of the screen."),
        ] = None,
        since: Since = None,
        until: Until = None,
        council: Council = None,
        scenario: Scenario = None,
    ) -> None:
        """Export audit notes as CSV, JSON lines or Markdown (to the screen or a file).

        A file is written whole or not at all.

        Example: protocol audit export --format csv -o decisions.csv
        """

    @group.command("verify")
    @forward("protocol_cli.commands.actions.audit:verify_")
    def verify_(
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
        since_receipt: Annotated[
            str | None,
            typer.Option(
                "--since-receipt",
                metavar="RECEIPT",
                help="Also prove that no note covered by this receipt (from audit checkpoint) was removed "
                "or altered.",
            ),
        ] = None,
    ) -> None:
        """Check every note's hash and the chain between them.

        Exit 0 with the count when intact; exit 1 naming the first note that was altered,
        inserted, reordered or removed (a missing HEAD with notes present counts). With
        --since-receipt, the notes the receipt covers must all be there, unchanged.

        Example: protocol audit verify --since-receipt 000005-3f2a…
        """

    @group.command("checkpoint")
    @forward("protocol_cli.commands.actions.audit:checkpoint_")
    def checkpoint_(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """Print a short receipt (count of notes and the newest note's hash) to keep elsewhere.

        Keep the receipt outside the audit folder (an email to the Monitoring Officer, a ticket).
        `protocol audit verify --since-receipt RECEIPT` later proves that none of the notes it
        covers was removed or altered. Exit 1 when the chain is not intact.

        Example: protocol audit checkpoint
        """
