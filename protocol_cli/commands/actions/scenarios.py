"""`protocol scenarios list|show`: the questions and rule tables behind `protocol ask`."""

from __future__ import annotations


def list_(json_out: bool = False) -> None:
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import show
    from protocol_cli.sources.library import default_library

    show(reports.scenario_list(default_library().catalogue.all()), "scenario_list", json_out=json_out)


def show_(scenario: str, council: str | None = None, json_out: bool = False) -> None:
    from protocol_cli.deciding import reports
    from protocol_cli.drawing.output import show
    from protocol_cli.sources.library import default_library

    lib = default_library()
    sc = lib.scenario(scenario.strip())
    ids = [lib.protocol(council.strip()).id] if council else sorted(sc.tables)
    tables = []
    for pid in ids:
        _, table, protocol = lib.table(sc.id, pid)
        tables.append((table, protocol))
    show(reports.scenario_detail(sc, tables), "scenario_detail", json_out=json_out)
