"""`protocol audit list|show|export|verify`: the record of decisions, and proof it is intact."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from protocol_cli.cli.councils import JSON_HELP


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


def _folder() -> Path:
    from protocol_cli import settings

    return Path(settings.get("audit_dir").value or "")


def _selected(since: str | None, until: str | None, council: str | None, scenario: str | None) -> Any:
    from protocol_cli import audit

    return audit.select(
        _folder(),
        since=audit.parse_day(since, "--since") if since else None,
        until=audit.parse_day(until, "--until") if until else None,
        council=council,
        scenario=scenario,
    )


def register(app: typer.Typer) -> None:
    from protocol_cli.cli.app import group as new_group

    group = new_group(help="Audit notes of decisions: list, show, export, and verify they are intact.")
    app.add_typer(group, name="audit")

    @group.command("list")
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
        from protocol_cli import audit
        from protocol_cli.output import show

        rows = [audit.summary(n) for n in _selected(since, until, council, scenario)]
        show(rows, "audit_list", json_out=json_out)

    @group.command("show")
    def show_(
        note_id: Annotated[str, typer.Argument(metavar="ID", help="The note's id, e.g. 000123 (or 123).")],
        plain: Annotated[bool, typer.Option("--plain", help="Plain text, no boxes or colour.")] = False,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        """Show one audit note: the questions and answers, the verdict, and the clauses as cited.

        Example: protocol audit show 000123
        """
        from protocol_cli import audit
        from protocol_cli.output import show

        show(audit.find(_folder(), note_id), "audit_note", json_out=json_out, plain=plain)

    @group.command("export")
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
        import sys

        from protocol_cli import audit

        chunks = audit.export(_selected(since, until, council, scenario), fmt.value)
        if output is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            return
        from protocol_cli.errors import ProtocolError
        from protocol_cli.files import replace_atomic

        if output.is_dir():
            raise ProtocolError(f"{output} is a folder; give a file name for --output")
        try:
            replace_atomic(output, "".join(chunks).encode("utf-8"), mode=0o600)
        except OSError as exc:
            raise ProtocolError(f"cannot write {output}: {exc.strerror or exc}") from exc
        typer.echo(f"exported to {output}", err=True)

    @group.command("verify")
    def verify_(json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
        """Check every note's hash and the chain between them.

        Exit 0 with the count when intact; exit 1 naming the first note that was altered,
        inserted, reordered or removed.

        Example: protocol audit verify
        """
        from protocol_cli import audit
        from protocol_cli.output import emit_json

        folder = _folder()
        report = audit.verify(folder)
        if json_out:
            emit_json(
                {
                    "folder": str(folder),
                    "intact": report.intact,
                    "notes": report.count,
                    "last": report.last,
                    "problems": [{"note": p.note, "problem": p.what} for p in report.problems],
                    "leftovers": report.leftovers,
                }
            )
        elif report.intact:
            typer.echo(
                f"{report.count} notes in {folder}: the chain is intact"
                + (f" (last: {report.last})" if report.last else "")
            )
            for leftover in report.leftovers:
                typer.echo(
                    f"note: an unfinished write was left behind and is not a note: {leftover}", err=True
                )
        else:
            for problem in report.problems:
                typer.echo(f"Audit check failed: {problem}", err=True)
        if not report.intact:
            raise typer.Exit(1)
