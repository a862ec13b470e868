"""A protocol's decision logic as Mermaid or Graphviz (dot) text, from the tree view.

Both are drawn from `reports.tree_view` (deciding/reports.py), the same data `protocol tree
--json` gives, so the pictures and the data cannot disagree. Pure string building: no I/O.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any


def _walk(root: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str | None, str | None]]:
    """(node id, node, parent id, edge label) for every node, depth first, ids n0, n1, ..."""
    counter = 0
    stack: list[tuple[dict[str, Any], str | None, str | None]] = [(root, None, None)]
    while stack:
        node, parent, label = stack.pop()
        nid = f"n{counter}"
        counter += 1
        yield nid, node, parent, label
        for branch in reversed(node.get("branches", [])):
            stack.append((branch["node"], nid, " / ".join(branch["labels"])))


def leaf_text(node: dict[str, Any]) -> str:
    return f"{node['verdict'].upper()} ({', '.join(node['cite'])})"


def mermaid(view: dict[str, Any]) -> str:
    def q(text: str) -> str:  # a quoted Mermaid label; quotes become the #quot; entity
        return '"' + text.replace('"', "#quot;") + '"'

    lines = [
        "---",
        f"title: {view['title']} ({view['protocol']['id']})",
        "---",
        "flowchart TD",
    ]
    for nid, node, parent, label in _walk(view["root"]):
        if "question" in node:
            lines.append(f"    {nid}{{{{{q(node['question']['prompt'])}}}}}")
        else:
            lines.append(f"    {nid}[{q(leaf_text(node))}]:::{node['verdict'].replace('-', '_')}")
        if parent is not None:
            lines.append(f"    {parent} -->|{q(label or '')}| {nid}")
    for verdict, colour in _COLOURS.items():
        lines.append(f"    classDef {verdict.replace('-', '_')} fill:{colour}")
    return "\n".join(lines) + "\n"


def dot(view: dict[str, Any]) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    title = f"{view['title']} ({view['protocol']['id']})"
    lines = [
        "digraph decision {",
        f"    label={q(title)}; labelloc=t; fontname=Helvetica;",
        "    node [fontname=Helvetica]; edge [fontname=Helvetica, fontsize=10];",
    ]
    for nid, node, parent, label in _walk(view["root"]):
        if "question" in node:
            lines.append(f"    {nid} [shape=diamond, label={q(_wrap(node['question']['prompt']))}];")
        else:
            colour = _COLOURS[node["verdict"]]
            lines.append(
                f'    {nid} [shape=box, style="rounded,filled", fillcolor="{colour}", '
                f"label={q(_wrap(leaf_text(node)))}];"
            )
        if parent is not None:
            lines.append(f"    {parent} -> {nid} [label={q(_wrap(label or '', 24))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 32) -> str:
    """Break a long label into lines (dot's \\n) so diamonds stay a sensible size."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


# Fill colours by verdict: light, so black text reads on them; the verdict is also in the words.
_COLOURS = {
    "allowed": "#d4edda",
    "not-allowed": "#f8d7da",
    "conditional": "#fff3cd",
    "required": "#cce5ff",
    "refer": "#e2e3f3",
    "not-covered": "#e9ecef",
}
