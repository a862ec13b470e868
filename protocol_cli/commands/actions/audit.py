"""`protocol audit list|show|export|verify`: the record of decisions, and proof it is intact."""

from __future__ import annotations

import sys
from pathlib import Path

from protocol_cli.base.errors import Exit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _folder() -> Path:
    from protocol_cli.storage import settings

    return Path(settings.get("audit_dir").value or "")


def _selected(since: str | None, until: str | None, council: str | None, scenario: str | None) -> Any:
    from protocol_cli.storage import audit

    return audit.select(
        _folder(),
        since=audit.parse_day(since, "--since") if since else None,
        until=audit.parse_day(until, "--until") if until else None,
        council=council,
        scenario=scenario,
    )


def list_(
    since: str | None = None,
    until: str | None = None,
    council: str | None = None,
    scenario: str | None = None,
    json_out: bool = False,
) -> None:
    from protocol_cli.drawing.output import show
    from protocol_cli.storage import audit

    rows = [audit.summary(n) for n in _selected(since, until, council, scenario)]
    show(rows, "audit_list", json_out=json_out)


def show_(note_id: str, plain: bool = False, json_out: bool = False) -> None:
    from protocol_cli.drawing.output import show
    from protocol_cli.storage import audit

    note = audit.find(_folder(), note_id)
    intact = note.pop("_intact", True)
    show(note, "audit_note", json_out=json_out, plain=plain)
    if not intact:
        import sys

        from protocol_cli.base.errors import EXIT_FOUND, Exit

        sys.stderr.write(
            f"Warning: note {note.get('id', note_id)} does not match its hash: it was altered after it "
            "was saved; run: protocol audit verify\n"
        )
        raise Exit(EXIT_FOUND)


def export_(
    fmt: str = "csv",
    output: Path | None = None,
    since: str | None = None,
    until: str | None = None,
    council: str | None = None,
    scenario: str | None = None,
) -> None:
    import sys

    from protocol_cli.storage import audit

    chunks = audit.export(_selected(since, until, council, scenario), fmt)
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    from protocol_cli.base.files import write_output

    write_output(output, "".join(chunks).encode("utf-8"), mode=0o600)
    _echo(f"exported to {output}", err=True)


def verify_(json_out: bool = False, since_receipt: str | None = None) -> None:
    from protocol_cli.drawing.output import emit_json
    from protocol_cli.storage import audit

    receipt = audit.Receipt.parse(since_receipt) if since_receipt is not None else None
    folder = _folder()
    report = audit.verify(folder, receipt)
    if json_out:
        view = {
            "folder": str(folder),
            "intact": report.intact,
            "notes": report.count,
            "last": report.last,
            "problems": [{"note": p.note, "problem": p.what} for p in report.problems],
            "leftovers": report.leftovers,
        }
        if receipt is not None:
            view["receipt"] = {"note": audit.note_id(receipt.seq), "hash": receipt.hash}
        emit_json(view)
    elif report.intact:
        _echo(
            f"{report.count} notes in {folder}: the chain is intact"
            + (f" (last: {report.last})" if report.last else "")
        )
        if receipt is not None:
            _echo(
                f"the receipt {audit.note_id(receipt.seq)} holds: none of the {receipt.seq} notes it covers "
                "was removed or altered"
            )
        for leftover in report.leftovers:
            _echo(f"note: an unfinished write was left behind and is not a note: {leftover}", err=True)
    else:
        for problem in report.problems:
            _echo(f"Audit check failed: {problem}", err=True)
    if not report.intact:
        raise Exit(1)


def checkpoint_(json_out: bool = False) -> None:
    from protocol_cli.drawing.output import emit_json
    from protocol_cli.storage import audit

    folder = _folder()
    report, receipt = audit.checkpoint(folder)
    if not report.intact:
        for problem in report.problems:
            _echo(f"Audit check failed: {problem}", err=True)
        _echo("No receipt: the chain must be intact first (see: protocol audit verify)", err=True)
        raise Exit(1)
    if receipt is None:
        raise audit.AuditError(f"there are no audit notes in {folder} yet, so nothing to give a receipt for")
    if json_out:
        emit_json(
            {
                "receipt": str(receipt),
                "notes": receipt.seq,
                "last": audit.note_id(receipt.seq),
                "hash": receipt.hash,
                "folder": str(folder),
                "created": audit.now_utc(),
            }
        )
        return
    _echo(str(receipt))
    _echo(
        f"Receipt for {receipt.seq} notes (last: {audit.note_id(receipt.seq)}). Keep it outside the audit "
        "folder (an email to the Monitoring Officer, a ticket); later prove nothing it covers was removed "
        f"or altered with: protocol audit verify --since-receipt {receipt}",
        err=True,
    )


def _echo(text: str, err: bool = False) -> None:
    (sys.stderr if err else sys.stdout).write(text + "\n")
