"""Drawing for the room: `protocol train` (quiz) and `protocol demo` (presenter) panels, with rich.

Panels fill the terminal's width, so they read at 80 columns and on a wide projector alike.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from protocol_cli.render import VERDICT_STYLE, clause_block


def story(out: Console, heading: str, subtitle: str, text: str) -> None:
    out.print(
        Panel(
            Text(text),
            title=Text(heading, style="bold"),
            subtitle=subtitle,
            title_align="left",
            subtitle_align="right",
            box=box.HEAVY,
            padding=(1, 2),
        )
    )


def verdict_badge(verdict: str) -> Text:
    from protocol_cli.views import VERDICT_TEXT

    word, meaning = VERDICT_TEXT[verdict]
    return Text.assemble((f" {word} ", VERDICT_STYLE[verdict]), ("  " + meaning, "italic"))


def reveal(out: Console, result: dict[str, Any], clauses: list[dict[str, Any]]) -> None:
    """The protocol's answer after the learner committed: right or not, why, and the clauses."""
    mark = (
        Text(" RIGHT ", style="bold white on green")
        if result["right"]
        else Text(" NOT QUITE ", style="bold white on red")
    )
    body: list[Any] = [Text.assemble(mark, "  The protocol's answer: ", verdict_badge(result["verdict"]))]
    if not result["right"]:
        body.append(Text(f"You said: {result['chosen_label']}", style="dim"))
    body += [Text(""), Text(result["why"])]
    if result["route"]:
        body.append(Text("Who handles it: " + " > ".join(result["route"]), style="bold"))
        if result.get("route_chosen"):
            body.append(Text(f"You chose: {result['route_chosen']}", style="dim"))
    body += [Text(""), *(clause_block(c) for c in clauses)]
    more = len(result["cite"]) - len(clauses)
    if more > 0:
        body.append(Text(f"and {more} more: {', '.join(result['cite'][len(clauses) :])}", style="dim"))
    out.print(
        Panel(
            Group(*body),
            title=Text("Answer", style="bold"),
            title_align="left",
            box=box.ROUNDED,
            padding=(0, 1),
        )
    )


def score(out: Console, summary: dict[str, Any], seed: int) -> None:
    table = Table(box=box.SIMPLE_HEAD, title="Score by scenario", title_justify="left")
    table.add_column("scenario")
    table.add_column("right", justify="right")
    table.add_column("asked", justify="right")
    for row in summary["by_scenario"]:
        table.add_row(row["title"], str(row["right"]), str(row["asked"]))
    table.add_row(
        Text("Total", style="bold"),
        Text(str(summary["right"]), style="bold"),
        Text(str(summary["asked"]), style="bold"),
    )
    out.print()
    out.print(table)
    if summary["revisit"]:
        out.print(Text("Clauses to revisit: ", style="bold") + Text(", ".join(summary["revisit"])))
        out.print(Text("Read one with: protocol clauses show " + summary["revisit"][0], style="dim"))
    else:
        out.print(Text("Nothing to revisit: every answer was right.", style="bold green"))
    out.print(Text(f"Same cases in the same order: --seed {seed}", style="dim"))


def demo_question(out: Console, number: int, question: dict[str, Any], chosen: str) -> None:
    """One interview question with every choice listed and the chosen one marked."""
    lines: list[Any] = [Text(question["prompt"], style="bold"), Text("")]
    from protocol_cli.engine import UNSURE, UNSURE_LABEL

    for option in [*question["options"], {"value": UNSURE, "label": UNSURE_LABEL}]:
        if option["value"] == chosen:
            lines.append(Text.assemble(("  ▶ ", "bold green"), (option["label"], "bold reverse")))
        else:
            lines.append(Text("    " + option["label"], style="dim"))
    lines += [Text(""), Text("Why we ask: " + question["help"], style="italic dim")]
    out.print(
        Panel(
            Group(*lines),
            title=Text(f"Question {number}", style="bold cyan"),
            title_align="left",
            box=box.HEAVY,
            padding=(1, 2),
        )
    )
