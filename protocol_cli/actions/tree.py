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

    from protocol_cli import diagram, engine, plaintext, views
    from protocol_cli.actions.ask import resolve_council
    from protocol_cli.library import default_library
    from protocol_cli.output import emit_json, show

    lib = default_library()
    sc = lib.scenario(scenario.strip())
    protocol_id = resolve_council(lib, council, interactive=False)
    _, table, protocol = lib.table(sc.id, protocol_id)
    view = views.tree_view(sc, protocol, engine.decision_tree(sc, table))
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
        text = "\n".join(plaintext.tree_lines(view)) + "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    write_file(output, text)
    sys.stderr.write(f"Wrote {output}\n")


def write_file(path: Path, text: str) -> None:
    """Write text to path whole or not at all; a clear error if the folder cannot take it."""
    from protocol_cli.errors import ProtocolError
    from protocol_cli.files import replace_atomic

    if path.is_dir():
        raise ProtocolError(f"{path} is a folder; give a file name for -o")
    if not path.parent.is_dir():
        raise ProtocolError(f"cannot write {path}: the folder {path.parent} does not exist")
    try:
        replace_atomic(path, text.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise ProtocolError(f"cannot write {path}: {exc.strerror or exc}") from exc
