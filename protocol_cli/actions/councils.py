"""`protocol councils`: the bundled protocols."""

from __future__ import annotations


def councils(json_out: bool = False) -> None:
    from protocol_cli import views
    from protocol_cli.library import default_library
    from protocol_cli.output import show

    show(views.councils(default_library().protocols()), "councils", json_out=json_out)
