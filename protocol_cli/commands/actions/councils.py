"""`protocol councils`: the bundled protocols."""

from __future__ import annotations


def councils(json_out: bool = False) -> None:
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import show
    from protocol_cli.sources.library import default_library

    show(reports.councils(default_library().protocols()), "councils", json_out=json_out)
