"""Make the layout test corpus: each seed protocol re-laid in the layouts councils publish.

    python tools/make_layouts.py OUT_DIR        # writes OUT_DIR/<protocol>/<layout>.<ext> + truth.json

Each seed (../shared/seeds/) is read with the importer; its title, headings and clauses are then
written out again as a council would publish them:

    plain         numbered lines, blank lines between (the reference)
    single-level  every paragraph numbered 1., 2., 3. ..., headings unnumbered
    tabs          Word's "Save as Plain Text": a tab after each number, bullet and item marker
    nbsp          non-breaking spaces after numbers and inside sentences
    number-alone  each paragraph's number on a line of its own, the paragraph after it
    web-text      a web page saved as text: skip link, breadcrumbs, "Last updated", feedback box
    html          the saved web page itself, with its navigation, header and footer
    pdf-text      PDF text: lines wrapped at 88 characters, words hyphenated across lines,
                  running headers, "Page N of M" footers, paragraphs split across pages
    docx          a Word document (python-docx), headings in heading styles
    pdf           a PDF (fpdf2) with a running header and page numbers

truth.json gives, per file, the clauses as they should come out (printed label or null for an
assigned one, text), the title and headings, and the furniture put in (which must not come out
in any clause). Footnotes and tables are left out of the corpus (their layouts are their own).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"

from protocol_cli.sources import importer  # noqa: E402

LAYOUTS = (
    "plain",
    "single-level",
    "tabs",
    "nbsp",
    "number-alone",
    "web-text",
    "html",
    "pdf-text",
    "docx",
    "pdf",
)
WEB_TOP = ["Skip to main content", "Home > Your council > Constitution > Member/officer protocol"]
WEB_BOTTOM = [
    "Last updated: 4 May 2023",
    "Help us improve this page",
    "Was this page useful? Yes / No",
    "In this section:",
    "Contact us",
    "© 2024 Example District Council",
]
PAGE_WIDTH = 88
PAGE_LINES = 46


@dataclass
class Item:
    kind: str  # heading | para | item | bullet
    text: str
    label: str | None = None  # printed label (None: printed without one)
    marker: str = ""  # an item's letter, e.g. "a"
    level: int = 1


@dataclass
class Doc:
    protocol: str
    title: list[str]
    items: list[Item] = field(default_factory=list)


def read_seed(path: Path, protocol: str) -> Doc:
    """The seed's structure as the importer reads it (footnotes and tables left out)."""
    data, _ = importer.import_text(path.read_text(encoding="utf-8"), protocol, None, path.name)
    doc = Doc(protocol, list(data["protocol"]["title_lines"]))
    sections = data["section"]
    emitted: set[str] = set()
    order = [s["label"] for s in sections]

    def emit_until(label: str) -> None:
        if label in emitted:
            return
        for s in sections[: order.index(label) + 1]:
            if s["label"] in emitted:
                continue
            emitted.add(s["label"])
            if s.get("assigned") and s["title"] in (data["protocol"]["title"], "Preamble"):
                continue
            doc.items.append(
                Item(
                    "heading",
                    s["title"],
                    None if s.get("assigned") else s["label"],
                    level=2 if "parent" in s else 1,
                )
            )

    for c in data["clause"]:
        if c["label"].startswith("fn") or "table" in c.get("note", ""):
            continue
        emit_until(c["section"])
        m = re.search(r"\(([a-z0-9]+)\)$", c["label"])
        if m:
            doc.items.append(Item("item", c["text"], c["label"], marker=m.group(1)))
        elif c.get("assigned") and re.search(r"\.b\d+$", c["label"]):
            doc.items.append(Item("bullet", c["text"]))
        elif c.get("assigned"):
            doc.items.append(Item("para", c["text"]))
        else:
            doc.items.append(Item("para", c["text"], c["label"]))
    return doc


def single_level(doc: Doc) -> Doc:
    """Every paragraph numbered 1., 2., 3. ...; headings unnumbered; items under their paragraph."""
    out = Doc(doc.protocol, doc.title)
    n = 0
    parent = None
    for item in doc.items:
        if item.kind == "heading":
            out.items.append(Item("heading", item.text, None, level=1))
        elif item.kind == "para":
            n += 1
            parent = str(n)
            out.items.append(Item("para", item.text, parent))
        elif item.kind == "item":
            label = f"{parent}({item.marker})" if parent else None
            out.items.append(Item("item", item.text, label, marker=item.marker))
        else:
            out.items.append(item)
    return out


def heading_line(item: Item, sep: str = " ") -> str:
    if item.label is None:
        return item.text
    label = item.label if "." in item.label else f"{item.label}."
    return f"{label}{sep}{item.text}"


def lines_of(
    doc: Doc, sep: str = " ", glyph: str = "•", alone: bool = False, nbsp: bool = False
) -> list[str]:
    """The document as text lines (one per heading, paragraph or item, blank lines between)."""
    out = [*doc.title, ""]
    for item in doc.items:
        text = item.text
        if nbsp:  # Word and web pages put non-breaking spaces after short words and in numbers
            text = re.sub(r"\b(the|of|to|a|in) ", lambda m: m.group(1) + "\u00a0", text, count=3)
        if item.kind == "heading":
            out.append(heading_line(item, sep))
        elif item.kind == "para" and item.label:
            label = item.label if "." in item.label else f"{item.label}."
            if alone:
                out += [label, "", text]
            else:
                out.append(f"{label}{sep}{text}")
        elif item.kind == "item":
            out.append(f"({item.marker}){sep}{text}")
        elif item.kind == "bullet":
            out.append(f"{glyph}{sep}{text}")
        else:
            out.append(text)
        out.append("")
    return out


def wrap(text: str, width: int, first: str = "", hyphenate: bool = True) -> list[str]:
    """Text wrapped at `width`, a long word at a line end hyphenated as a PDF does."""
    lines: list[str] = []
    line = first
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2
        if hyphenate and line and word.isalpha() and len(word) >= 9 and room >= 4:
            cut = min(room, len(word) - 4)
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def pdf_text(doc: Doc, header: str) -> tuple[list[str], list[str]]:
    """PDF-style text: wrapped, hyphenated, paged with a running header and page footers."""
    body: list[str] = []
    for line in lines_of(doc):  # (a blank line between paragraphs, as pdftotext writes them)
        body += wrap(line, PAGE_WIDTH) if line else [""]
    pages = [body[i : i + PAGE_LINES] for i in range(0, len(body), PAGE_LINES)]
    out: list[str] = []
    furniture = [header]
    for n, page in enumerate(pages, start=1):
        if n > 1:
            out += [header, ""]
        out += page
        footer = f"Page {n} of {len(pages)}"
        furniture.append(footer)
        out += ["", footer, ""]
    return out, furniture


def html_page(doc: Doc) -> str:
    from html import escape

    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
        + escape(" ".join(doc.title))
        + " | Example District Council</title><style>body{font-family:sans-serif}</style></head><body>",
        "<a class='skip-link' href='#main'>Skip to main content</a>",
        "<header class='site-header'><a href='/'>Example District Council</a><nav><ul>"
        "<li><a href='/bins'>Bins and recycling</a></li><li><a href='/tax'>Council tax</a></li></ul>"
        "</nav></header>",
        "<nav class='breadcrumb'><ol><li><a href='/'>Home</a></li><li>Your council</li>"
        "<li>Constitution</li></ol></nav>",
        "<main id='main'>",
    ]
    parts += [f"<h1>{escape(t)}</h1>" for t in doc.title]
    open_list = None
    for item in doc.items:
        if item.kind in ("item", "bullet"):
            want = "ul"
            if open_list != want:
                parts.append("<ul>")
                open_list = want
            text = f"({item.marker}) {item.text}" if item.kind == "item" else item.text
            parts.append(f"<li>{escape(text)}</li>")
            continue
        if open_list:
            parts.append("</ul>")
            open_list = None
        if item.kind == "heading":
            tag = "h2" if item.level == 1 else "h3"
            parts.append(f"<{tag}>{escape(heading_line(item))}</{tag}>")
        elif item.label:
            parts.append(f"<p><strong>{escape(item.label)}</strong>&nbsp;{escape(item.text)}</p>")
        else:
            parts.append(f"<p>{escape(item.text)}</p>")
    if open_list:
        parts.append("</ul>")
    parts.append("<p class='last-updated'>Last updated: 4 May 2023</p></main>")
    parts.append(
        "<aside><h2>In this section:</h2><ul><li>Standards committee</li><li>Code of conduct</li></ul>"
        "</aside>"
        "<div class='feedback'><p>Help us improve this page</p><p>Was this page useful? Yes / No</p></div>"
        "<footer class='site-footer'><p>Contact us</p><p>© 2024 Example District Council</p></footer>"
        "<script>var tracking = 'Cookie settings';</script></body></html>"
    )
    return "\n".join(parts)


def write_docx(doc: Doc, path: Path) -> None:
    import docx

    document = docx.Document()
    for t in doc.title:
        document.add_heading(t, level=0)
    for item in doc.items:
        if item.kind == "heading":
            document.add_heading(heading_line(item, "\t"), level=item.level)
        elif item.kind == "para":
            document.add_paragraph(f"{item.label}\t{item.text}" if item.label else item.text)
        elif item.kind == "item":
            document.add_paragraph(f"({item.marker})\t{item.text}")
        else:
            document.add_paragraph(item.text, style="List Bullet")
    document.core_properties.title = " ".join(doc.title)
    document.save(str(path))


def write_pdf(doc: Doc, path: Path, header: str) -> None:
    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", "I", 8)
            self.cell(0, 8, header, align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("helvetica", "I", 8)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = Page(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("helvetica", size=10)

    def put(text: str, bold: bool = False, indent: float = 0) -> None:
        pdf.set_font("helvetica", "B" if bold else "", 10)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, 5, latin(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    for t in doc.title:
        put(t, bold=True)
    for item in doc.items:
        if item.kind == "heading":
            put(heading_line(item), bold=True)
        elif item.kind == "para":
            put(f"{item.label} {item.text}" if item.label else item.text)
        elif item.kind == "item":
            put(f"({item.marker}) {item.text}", indent=6)
        else:
            put(f"- {item.text}", indent=6)
    pdf.output(str(path))


def latin(text: str) -> str:
    """The core PDF fonts cover Latin-1: curly quotes and dashes as their plain forms."""
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-"})
    return text.translate(table).encode("latin-1", "replace").decode("latin-1")


def truth(doc: Doc, furniture: list[str], pdf: bool = False) -> dict[str, object]:
    def plain(text: str) -> str:
        return latin(text) if pdf else text

    clauses = [
        {"label": i.label, "text": plain(i.text), "kind": i.kind} for i in doc.items if i.kind != "heading"
    ]
    headings = [plain(i.text) for i in doc.items if i.kind == "heading"]
    return {
        "title": [plain(t) for t in doc.title],
        "headings": headings,
        "clauses": clauses,
        "furniture": furniture,
    }


def make(
    out: Path, protocol: str, seed: Path, layouts: tuple[str, ...] = LAYOUTS
) -> dict[str, dict[str, object]]:
    """Write one protocol's variants into out/<protocol>/; returns {file name: truth}."""
    doc = read_seed(seed, protocol)
    folder = out / protocol
    folder.mkdir(parents=True, exist_ok=True)
    header = f"{' '.join(doc.title)[:70]} - Example District Council"
    result: dict[str, dict[str, object]] = {}

    def text_file(name: str, lines: list[str], d: Doc, furniture: list[str]) -> None:
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        result[name] = truth(d, furniture)

    for layout in layouts:
        if layout == "plain":
            text_file("plain.txt", lines_of(doc), doc, [])
        elif layout == "single-level":
            single = single_level(doc)
            text_file("single-level.txt", lines_of(single), single, [])
        elif layout == "tabs":
            text_file("tabs.txt", lines_of(doc, sep="\t"), doc, [])
        elif layout == "nbsp":
            text_file("nbsp.txt", lines_of(doc, sep="\u00a0", nbsp=True), doc, [])
        elif layout == "number-alone":
            text_file("number-alone.txt", lines_of(doc, alone=True), doc, [])
        elif layout == "web-text":
            lines = [*WEB_TOP, "", *lines_of(doc), *WEB_BOTTOM]
            text_file("web-text.txt", lines, doc, [*WEB_TOP, *WEB_BOTTOM])
        elif layout == "html":
            (folder / "page.html").write_text(html_page(doc), encoding="utf-8")
            furniture = [*WEB_TOP[:1], "Bins and recycling", "Council tax", *WEB_BOTTOM, "Cookie settings"]
            result["page.html"] = truth(doc, furniture)
        elif layout == "pdf-text":
            lines, furniture = pdf_text(doc, header)
            text_file("pdf-text.txt", lines, doc, furniture)
        elif layout == "docx":
            write_docx(doc, folder / "protocol.docx")
            result["protocol.docx"] = truth(doc, [])
        elif layout == "pdf":
            write_pdf(doc, folder / "protocol.pdf", latin(header))
            result["protocol.pdf"] = truth(doc, [latin(header), "Page 2"], pdf=True)
    return result


def seeds() -> dict[str, Path]:
    """protocol id -> seed file, from the bundled clause data's seed_file."""
    import tomllib

    out = {}
    for path in sorted((ROOT / "data" / "clauses").glob("*.toml")):
        meta = tomllib.loads(path.read_text(encoding="utf-8"))["protocol"]
        out[meta["id"]] = SEEDS / meta["seed_file"]
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.split("\n\n")[1])
        return 2
    out = Path(args[0])
    everything = {}
    for protocol, seed in seeds().items():
        for name, t in make(out, protocol, seed).items():
            everything[f"{protocol}/{name}"] = t
    (out / "truth.json").write_text(json.dumps(everything, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(everything)} files under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
