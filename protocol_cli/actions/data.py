"""`protocol data check`: prove the data complete, consistent and fully cited."""

from __future__ import annotations

from pathlib import Path

from protocol_cli.errors import EXIT_FOUND, Exit, ProtocolError


def check(path: Path | None = None, json_out: bool = False) -> None:
    from protocol_cli import datacheck
    from protocol_cli.library import bundled_data_root
    from protocol_cli.output import show

    root = path or bundled_data_root()
    if not root.is_dir():
        raise ProtocolError(f"{root} is not a folder; give a data folder holding clauses/ and scenarios/")
    for part in ("clauses", "scenarios"):
        if not (root / part).is_dir():
            raise ProtocolError(
                f"{root} has no {part}/ folder; give a data folder holding clauses/ and scenarios/"
            )
    report = datacheck.check(root)
    report["bundled"] = path is None
    show(report, "data_report", json_out=json_out)
    if not report["ok"]:
        raise Exit(EXIT_FOUND)
