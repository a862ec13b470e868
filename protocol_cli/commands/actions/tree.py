"""`protocol tree SCENARIO`: a protocol's decision logic as a tree, in text, Mermaid or dot."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("text", "mermaid", "dot")


def tree(
    scenario: str,
    council: str | None = None,
    fmt: str = "text",
    output: Path | None = None,
    json_out: bool = False,
    plain: bool = False,
) -> None:
    import sys

    from protocol_cli.commands.actions.ask import resolve_council
    from protocol_cli.deciding import engine, reports
    from protocol_cli.drawing import diagram
    from protocol_cli.drawing.output import emit_json, show
    from protocol_cli.sources.library import default_library

    lib = default_library()
    sc = lib.scenario(scenario.strip())
    protocol_id = resolve_council(lib, council, interactive=False)
    _, table, protocol = lib.table(sc.id, protocol_id)
    view = reports.tree_view(sc, protocol, engine.decision_tree(sc, table))
    if json_out:
        emit_json(view)
        return
    if fmt == "text" and (output is None or str(output) == "-"):
        show(view, "tree", plain=plain)
        return
    if fmt == "mermaid":
        text = diagram.mermaid(view)
    elif fmt == "dot":
        text = diagram.dot(view)
    else:
        from protocol_cli.drawing import backend_plain, views

        text = "\n".join(backend_plain.lines(views.tree(view), width=None)) + "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from protocol_cli.base.files import write_output

    write_output(output, text.encode("utf-8"))
    sys.stderr.write(f"Wrote {output}\n")
