"""Regenerate the pictures in the README (make docs); `--check` says whether they are current.

- docs/ask-answer.svg: a real `protocol ask` answer, drawn by rich and exported as SVG;
- docs/copy-correspondence-thanet.mmd and the ```mermaid block in README.md: the decision
  diagram of `protocol tree copy-correspondence --council thanet --format mermaid`.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
SVG = DOCS / "ask-answer.svg"
MERMAID = DOCS / "copy-correspondence-thanet.mmd"
ASK = (
    "copy-correspondence",
    "thanet",
    {"who": "officer", "how": "open", "recipient": "member", "consent": "yes"},
)
README_BLOCK = re.compile(r"(<!-- tree:copy-correspondence:thanet -->\n```mermaid\n)(.*?)(```\n)", re.S)


def ask_svg() -> str:
    from rich.console import Console

    from protocol_cli.deciding import engine, reports
    from protocol_cli.drawing import views
    from protocol_cli.drawing.backend_rich import RichScreen
    from protocol_cli.sources.library import Library, bundled_data_root

    lib = Library(bundled_data_root())
    scenario_id, protocol_id, answers = ASK
    sc, table, protocol = lib.table(scenario_id, protocol_id)
    asked, rule = engine.path(sc, table, answers)
    assert rule is not None
    version = reports.answer_data_version(protocol, lib.scenario_file(sc.id).digest)
    console = Console(
        record=True, width=84, force_terminal=True, color_system="truecolor", file=io.StringIO()
    )
    command = " ".join(
        ["$ protocol ask -s", scenario_id, "-c", protocol_id, *(f"-a {k}={v}" for k, v in answers.items())]
    )
    console.print(command, style="bold", highlight=False)
    RichScreen(console).draw(views.answer(reports.answered(sc, protocol, rule, answers, asked, version)))
    return console.export_svg(title="protocol ask")


def tree_mermaid() -> str:
    from protocol_cli.deciding import engine, reports
    from protocol_cli.drawing import diagram
    from protocol_cli.sources.library import Library, bundled_data_root

    lib = Library(bundled_data_root())
    sc, table, protocol = lib.table("copy-correspondence", "thanet")
    return diagram.mermaid(reports.tree_view(sc, protocol, engine.decision_tree(sc, table)))


def svg_text(svg: str) -> list[str]:
    """The words an SVG shows (what the picture says, whatever rich's styling)."""
    import html

    return [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


def wanted() -> dict[Path, str]:
    readme = README.read_text(encoding="utf-8")
    mermaid = tree_mermaid()
    if not README_BLOCK.search(readme):
        raise SystemExit("README.md has no <!-- tree:copy-correspondence:thanet --> mermaid block")
    return {
        SVG: ask_svg(),
        MERMAID: mermaid,
        README: README_BLOCK.sub(lambda m: m.group(1) + mermaid + m.group(3), readme),
    }


def main() -> int:
    files = wanted()
    if "--check" in sys.argv:
        stale = []
        for path, text in files.items():
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            same = svg_text(current) == svg_text(text) if path.suffix == ".svg" else current == text
            if not same:
                stale.append(str(path.relative_to(ROOT)))
        if stale:
            print("out of date: " + ", ".join(stale) + " (run: make docs)", file=sys.stderr)
            return 1
        return 0
    DOCS.mkdir(exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
