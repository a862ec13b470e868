"""Rich drawing of the views, for a colour terminal. The only module that imports rich."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from protocol_cli.terminal import Terminal

KIND_STYLE = {"rule": "bold", "guidance": "", "definition": "italic", "context": "dim"}


def console(term: Terminal, stderr: bool = False) -> Console:
    return Console(
        width=term.width,
        stderr=stderr,
        force_terminal=term.rich,
        no_color=not term.color,
        highlight=False,
        soft_wrap=False,
    )


def councils(rows: list[dict[str, Any]], out: Console) -> None:
    table = Table(box=box.SIMPLE_HEAD, title="Protocols", title_justify="left")
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("council")
    table.add_column("document")
    table.add_column("date", no_wrap=True)
    table.add_column("clauses", justify="right")
    for r in rows:
        table.add_row(r["id"], r["council"], r["title"], r.get("date") or "—", str(r["clauses"]))
    out.print(table)


def _clause_text(clause: dict[str, Any], spans: list[list[int]] | None = None) -> Text:
    text = Text(clause["text"])
    for start, end in spans or []:
        text.stylize("bold underline yellow", start, end)
    return text


def _clause_block(clause: dict[str, Any], indent: int = 0) -> Padding:
    """Label on the left, the clause's words on the right, notes of corrections beneath."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1)
    body: list[Any] = [_clause_text(clause)]
    if clause.get("printed_label"):
        body.append(Text(f"printed as {clause['printed_label']}", style="dim"))
    for c in clause.get("corrections", []):
        body.append(Text(f"corrected: printed “{c['printed']}”: {c['reason']}", style="dim"))
    grid.add_row(clause["label"], Group(*body))
    return Padding(grid, (0, 0, 0, indent))


def clause_detail(view: dict[str, Any], out: Console) -> None:
    p = view["protocol"]
    subtitle = f"{p['council']} — {p['title']}"
    if view["type"] == "section":
        body = Group(*[_clause_block(c) for c in view["clauses"]])
        out.print(
            Panel(
                body,
                title=Text(view["section"]["heading"], style="bold"),
                subtitle=subtitle,
                title_align="left",
                subtitle_align="left",
                box=box.ROUNDED,
            )
        )
        return
    clause = view["clause"]
    parts: list[Any] = [Text(clause["heading"], style="bold")]
    if view["parent"]:
        parts.append(
            Text.assemble(
                ("part of " + view["parent"]["label"] + ": ", "dim"), (view["parent"]["text"], "dim")
            )
        )
    parts.append(Text(""))
    parts.append(_clause_block(clause))
    parts.extend(_clause_block(child, indent=4) for child in view["children"])
    out.print(
        Panel(
            Group(*parts),
            title=Text(clause["id"], style="bold cyan"),
            subtitle=subtitle,
            title_align="left",
            subtitle_align="left",
            box=box.ROUNDED,
        )
    )


def clause_list(view: dict[str, Any], out: Console) -> None:
    p = view["protocol"]
    table = Table(box=box.SIMPLE_HEAD, title=f"{p['council']} — {p['title']}", title_justify="left")
    label_width = max((len(c["label"]) for c in view["clauses"]), default=5)
    table.add_column("label", style="bold cyan", no_wrap=True, min_width=label_width)
    table.add_column("kind", no_wrap=True, min_width=10)
    table.add_column("text", overflow="ellipsis", no_wrap=True, ratio=1)
    for c in view["clauses"]:
        table.add_row(
            c["label"], Text(c["kind"], style=KIND_STYLE.get(c["kind"], "")), c["text"].replace("\n", " ")
        )
    out.print(table)
    out.print(Text(f"{view['count']} clauses", style="dim"))


def search_results(view: dict[str, Any], out: Console) -> None:
    if not view["results"]:
        out.print(f"No clause matches [bold]{view['query']}[/] in {', '.join(view['protocols'])}.")
        return
    if not view["all_words"]:
        out.print(Text("No clause has every word; these have some of them.", style="yellow"))
    for n, r in enumerate(view["results"], start=1):
        head = Text.assemble((f"{n}. ", "dim"), (r["id"], "bold cyan"), ("  " + r["heading"], "bold"))
        out.print(head)
        out.print(Padding(_clause_text(r, r["matches"]), (0, 0, 1, 3)))
    if view["count"] > view["shown"]:
        out.print(Text(f"… {view['count'] - view['shown']} more; show them with --limit 0", style="dim"))
