"""One layout per view, two backends: every view a command shows is drawn by both the plain and
the rich backend, at widths from a narrow window to a projector, and fits.

The views are taken from the commands themselves (each screen's blocks are recorded as the
command runs), so a new command or view is covered as soon as it is in COMMANDS.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from protocol_cli.drawing import backend_plain, views
from protocol_cli.drawing.blocks import (
    Badge,
    Bullets,
    Clause,
    Column,
    Gap,
    Indent,
    Node,
    Panel,
    Para,
    Span,
    Table,
    Tree,
)
from protocol_cli.drawing.cells import width
from protocol_cli.sources.library import use_library

WIDTHS = (40, 60, 80, 100, 132)
ANSWERS = ["-a", "who=officer", "-a", "how=open", "-a", "recipient=member"]
COMMANDS = [
    ["councils"],
    ["scenarios", "list"],
    ["scenarios", "show", "copy-correspondence", "--council", "thanet"],
    ["clauses", "list", "thanet", "--section", "9.1"],
    ["clauses", "show", "thanet:9.1.12"],
    ["clauses", "show", "thanet", "9.1"],
    ["clauses", "search", "blind copies", "--protocol", "all"],
    ["clauses", "search", "zzzz nothing"],
    ["ask", "-s", "copy-correspondence", "-c", "thanet", *ANSWERS, "-a", "consent=yes", "--explain"],
    [
        "ask",
        "-s",
        "copy-correspondence",
        "-c",
        "thanet",
        *ANSWERS,
        "-a",
        "consent=unsure",
        "-a",
        "on_list=no",
        "-a",
        "meeting_reply=no",
        "-a",
        "foi=no",
        "--audit",
    ],
    ["ask", "is it ok to accept a gift from a councillor", "-c", "thanet"],
    ["compare", "copy-correspondence", *ANSWERS, "-a", "consent=yes"],
    ["tree", "copy-correspondence", "-c", "thanet"],
    ["demo", "bcc-the-ward-colleague", "--auto", "--delay", "0", "--compare"],
    ["config", "show"],
    ["audit", "list"],
    ["audit", "show", "000001"],
    ["data", "check"],
    [
        "--data-dir",
        "{data}",
        "data",
        "import",
        str(SEEDS / "003_642821e2e271e70e.txt"),
        "--id",
        "our-council",
    ],
    ["--data-dir", "{data}", "data", "draft", "our-council", "--like", "thanet"],
]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> list[tuple[str, list]]:
    """(command, blocks) for every screen the COMMANDS draw, run in plain text at 80 columns."""
    mp = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("home")
    data = tmp_path_factory.mktemp("data")
    for var, value in {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "PROTOCOL_HOME": str(home)}.items():
        mp.setenv(var, value)
    for var in ("PROTOCOL_TERMINAL", "PROTOCOL_COUNCIL", "PROTOCOL_DATA_DIR"):
        mp.delenv(var, raising=False)
    seen: list[tuple[str, list]] = []
    current = [""]
    original = backend_plain.PlainScreen.draw

    def record(self, blocks) -> None:  # type: ignore[no-untyped-def]
        seen.append((current[0], list(blocks)))
        original(self, blocks)

    mp.setattr(backend_plain.PlainScreen, "draw", record)
    mp.setattr("sys.stdout", io.StringIO())
    from protocol_cli.commands.main import main

    try:
        for args in COMMANDS:
            args = [a.replace("{data}", str(data)) for a in args]
            current[0] = " ".join(args)
            use_library(None)
            assert main(args) in ((0, 1, 2) if args[0] == "compare" else (0, 1)), (
                args
            )  # (compare: some need answers)
    finally:
        mp.undo()
        use_library(None)
    seen += room_views()
    return seen


def room_views() -> list[tuple[str, list]]:
    """What `train` and `data review` draw between prompts (they need a terminal to run)."""
    from protocol_cli.deciding import reports
    from protocol_cli.sources import training
    from protocol_cli.sources.library import default_library

    protocol = default_library().protocol("thanet")
    results = [
        {
            "case": "a",
            "scenario": "copy-correspondence",
            "title": "Copying or forwarding correspondence",
            "chosen_label": "Yes, that's allowed",
            "verdict": verdict,
            "route": ["Monitoring Officer"] if verdict == "refer" else [],
            "route_chosen": "Chief Executive" if verdict == "refer" else None,
            "right": right,
            "why": "No. Where correspondence is copied this should always be made explicit.",
            "cite": ["thanet:10.2.1", "thanet:9.1.12", "thanet:9.1.12.b1"],
        }
        for verdict, right in (("not-allowed", True), ("refer", False))
    ]
    clauses = [reports.citation(protocol, label) for label in ("10.2.1", "9.1.12")]
    card = {
        "heading": "[1/12] Copying or forwarding correspondence (copy-correspondence), rule 3 for ours",
        "when": ["Who wants to copy or forward the correspondence? — An officer (a council employee)"],
        "verdict": "not-covered",
        "answer": "The protocol does not say. Its advice clause says whom to ask.",
        "cites": [("our-council:2.3", clauses[0]["text"])],
        "drafted_from": [("thanet:9.1.12.b5", 0.31, clauses[1]["text"])],
    }
    return [
        ("train reveal", [*views.reveal(results[0], clauses), *views.reveal(results[1], clauses)]),
        ("train score", views.score(training.summary(results), 7)),
        ("data review", views.review_rule(card)),
    ]


def test_every_command_draws_through_the_views(recorded) -> None:
    drawn = {command.split(" --")[0] for command, _ in recorded}
    assert len(drawn) >= len(COMMANDS) - 1  # (import and draft share "--data-dir")
    assert all(blocks for _, blocks in recorded)


def fits_plain(line: str, cells: int) -> bool:
    """A line fits, or is one word (an id, a path) longer than the line, after its indent."""
    words = line.translate(str.maketrans("", "", "│├└─")).split()  # (a tree's guides are not words)
    return width(line) <= cells or len(words) == 1 or (width(line) <= cells + 1 and line.endswith("…"))


@pytest.mark.parametrize("cells", WIDTHS)
def test_plain_text_fits_every_width_and_never_cuts_a_word(recorded, cells: int) -> None:
    for command, blocks in recorded:
        lines = backend_plain.lines(blocks, cells)
        wide = [line for line in lines if not fits_plain(line, cells)]
        assert not wide, (command, cells, wide)


@pytest.mark.parametrize("cells", WIDTHS)
def test_rich_fits_every_width(recorded, cells: int) -> None:
    from rich.console import Console

    from protocol_cli.drawing.backend_rich import RichScreen

    for command, blocks in recorded:
        out = io.StringIO()
        RichScreen(Console(file=out, width=cells, height=25, force_terminal=False, color_system=None)).draw(
            blocks
        )
        wide = [line for line in out.getvalue().splitlines() if width(line) > cells]
        assert not wide, (command, cells, wide)


def test_both_backends_show_the_same_words(recorded) -> None:
    """Rich adds boxes and colour, plain adds colons and bullets: the words are the same."""
    from rich.console import Console

    from protocol_cli.drawing.backend_rich import RichScreen

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z][a-z'’]+", text.lower())  # (plain text writes column names in capitals)

    def unshortened(block):  # type: ignore[no-untyped-def]
        """A table's shortened column is cut to the room each backend finds: leave it out."""
        if isinstance(block, Table):
            rows = tuple(
                tuple("" if c.shorten else cell for c, cell in zip(block.columns, row, strict=True))
                for row in block.rows
            )
            return block._replace(rows=rows)
        return block

    for command, drawn in recorded:
        blocks = [unshortened(b) for b in drawn]
        plain = words("\n".join(backend_plain.lines(blocks, 100)))
        out = io.StringIO()
        RichScreen(Console(file=out, width=100, height=25, color_system=None)).draw(blocks)
        rich = words(out.getvalue())
        # a verdict badge reads "NOT ALLOWED" in colour and adds "(not-allowed)" in plain text
        missing = set(plain) - set(rich) - {"allowed", "not", "conditional", "required", "refer", "covered"}
        assert not missing, (command, sorted(missing)[:10])


# --- the backends on any blocks ------------------------------------------------------------------

text = st.text(alphabet=st.sampled_from("ab cdé委 -–…\n\t"), max_size=120)
inline = st.one_of(
    text,
    st.tuples(text, st.builds(Span, text, st.sampled_from(["", "bold", "id", "match"]))),
    st.builds(Badge, st.sampled_from(["YES", "NOT ALLOWED"]), st.sampled_from(["allowed", "not-allowed"])),
)
leaf = st.one_of(
    st.builds(Gap),
    st.builds(Para, inline, st.integers(0, 6), st.integers(0, 4)),
    st.builds(Bullets, text, st.lists(inline, max_size=4).map(tuple), st.booleans()),
    st.builds(
        Clause,
        st.fixed_dictionaries({"label": st.sampled_from(["9.1.12", "2.3(a)(iv)"]), "text": text}),
        st.integers(0, 4),
    ),
    st.builds(
        lambda rows: Table(
            (Column("id"), Column("text", wrap=True), Column("n", right=True), Column("first", shorten=True)),
            tuple(rows),
            title="Things",
        ),
        st.lists(
            st.tuples(st.sampled_from(["a", "copy-correspondence"]), text, st.just("12"), text), max_size=4
        ),
    ),
    st.builds(
        lambda labels: Tree(Node("? q", tuple(Node(label) for label in labels))), st.lists(inline, max_size=3)
    ),
)
blocks = st.lists(
    st.one_of(
        leaf,
        st.builds(Panel, inline, st.lists(leaf, max_size=3).map(tuple), text),
        st.builds(Indent, st.lists(leaf, max_size=3).map(tuple)),
    ),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(blocks, st.sampled_from(WIDTHS))
def test_plain_lines_fit_or_are_one_word(drawn, cells) -> None:
    for line in backend_plain.lines(drawn, cells):
        assert "\n" not in line
        assert fits_plain(line, cells), (cells, line)


@settings(max_examples=150, deadline=None)
@given(blocks, st.sampled_from(WIDTHS))
def test_plain_text_keeps_every_word(drawn, cells) -> None:
    """Wrapping moves words, never drops or splits one (a shortened column ends in "…")."""
    from protocol_cli.drawing.blocks import plain_text

    def words_of(block) -> list[str]:  # type: ignore[no-untyped-def]
        if isinstance(block, Para):
            return plain_text(block.text).split()
        if isinstance(block, Clause):
            return block.clause["text"].split()
        if isinstance(block, Bullets):
            return [w for item in block.items for w in plain_text(item).split()]
        if isinstance(block, Panel | Indent):
            return [w for b in block.body for w in words_of(b)]
        return []

    expected = [w for b in drawn for w in words_of(b)]
    shown = " ".join(backend_plain.lines(drawn, cells)).split()
    position = 0
    for word in expected:  # in order, each whole
        assert word in shown[position:], (word, cells)
        position = shown.index(word, position) + 1


def test_a_view_name_used_by_a_command_is_a_layout() -> None:
    root = Path(__file__).resolve().parent.parent / "protocol_cli"
    names = set()
    for path in root.rglob("*.py"):
        names |= set(
            re.findall(r'\bshow\([^\n]*?, "([a-z][a-z_]*)"(?=[,)])', path.read_text(encoding="utf-8"))
        )
    assert names and all(callable(getattr(views, n, None)) for n in names), names


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.builds(Para, inline, st.integers(0, 6), st.integers(0, 4)), max_size=4),
    st.sampled_from(WIDTHS),
)
def test_rich_keeps_every_word_of_a_paragraph(drawn, cells) -> None:
    """A hanging paragraph (tabs, wide characters, several lines) loses no word in rich."""
    from rich.console import Console

    from protocol_cli.drawing.backend_rich import RichScreen
    from protocol_cli.drawing.blocks import plain_text

    out = io.StringIO()
    RichScreen(Console(file=out, width=cells, height=25, color_system=None)).draw(drawn)
    expected = [
        w
        for p in drawn
        for w in plain_text(p.text).replace("(allowed)", "").replace("(not-allowed)", "").split()
    ]
    shown = out.getvalue().split()
    position = 0
    for word in expected:
        assert word in shown[position:], (word, cells, out.getvalue())
        position = shown.index(word, position) + 1
