"""A protocol's text from the files councils publish: PDF, Word (.docx), a saved web page (HTML).

    read_document(path) -> str      one line per paragraph, heading or list item

PDF is read with pypdf and .docx with python-docx (the `documents` extra: both are well kept,
and each format has traps a hand-made reader falls into: compressed streams, font encodings,
numbering kept apart from the text). A web page is read with the standard library's
html.parser, keeping the page's main content and leaving out its navigation, header and footer.
Everything else is read as UTF-8 text. Raises ProtocolError (one line) when the file cannot be
read or the library is missing.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

from protocol_cli.base.errors import ProtocolError

EXTRA = "pip install 'protocol-cli[documents]'"
KINDS = {".pdf": "pdf", ".docx": "docx", ".htm": "html", ".html": "html", ".xhtml": "html"}


def kind_of(path: Path, raw: bytes) -> str:
    """'pdf', 'docx', 'html' or 'text', by the file's first bytes, else by its name."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04") and path.suffix.lower() in (".docx", ".docm", ""):
        return "docx"
    head = raw[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in head and b"<body" in raw[:65536].lower()
    ):
        return "html"
    return KINDS.get(path.suffix.lower(), "text")


def read_pdf(path: Path) -> str:
    """The text of every page, in order (running headers and page numbers are left in: the
    importer finds and leaves them out, and reports them)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:
        raise ProtocolError(f"reading a PDF needs the 'documents' extra: {EXTRA}") from exc
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # (its warnings are not for the person)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ProtocolError(f"{path} is a password-protected PDF; save an unprotected copy and try again")
        text = _layout([_page_rows(page) for page in reader.pages])
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ProtocolError(f"cannot read {path} as a PDF ({exc}); export it as text and try again") from exc
    if not text.strip():
        raise ProtocolError(
            f"{path} has no text layer (a scanned PDF?); run it through OCR or export it as text"
        )
    return text


Row = list[tuple[float, float, float, str]]  # pieces of text on one baseline: (y, x, size, text)


def _page_rows(page) -> tuple[list[Row], str]:  # type: ignore[no-untyped-def]
    """A page's text as rows (one per printed line, top to bottom), and its plain text."""
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text and text.strip():
            y = tm[5] * cm[3] + cm[5]
            x = tm[4] * cm[0] + cm[4]
            pieces.append((y, x, abs((size or 10) * (tm[3] or 1) * (cm[3] or 1)), text))

    plain = page.extract_text(visitor_text=visit) or ""
    rows: list[Row] = []
    for piece in pieces:  # pieces on one baseline make one line
        if rows and abs(rows[-1][0][0] - piece[0]) <= max(1.0, piece[2] * 0.3):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return rows, plain


def _layout(pages: list[tuple[list[Row], str]]) -> str:
    """The pages' text line by line, with a blank line where the space between two lines is
    wider than the document's usual line spacing (how a paragraph's end is told from a line
    that happens to end a sentence), each line indented as far as it is printed."""
    steps = sorted(
        round(a[0][0] - b[0][0], 1)
        for rows, _ in pages
        for a, b in itertools.pairwise(rows)
        if a[0][0] > b[0][0]
    )
    usual = steps[len(steps) // 10] if steps else 0.0  # the spacing of lines within a paragraph
    out: list[str] = []
    for rows, plain in pages:
        if not rows:
            out.append(plain)
            continue
        left = min(p[1] for row in rows for p in row)
        for n, row in enumerate(rows):
            if n and usual and rows[n - 1][0][0] - row[0][0] > usual * 1.25:
                out.append("")
            row.sort(key=lambda p: p[1])
            size = row[0][2] or 10
            indent = " " * max(0, round((row[0][1] - left) / (size * 0.5)))
            out.append(indent + " ".join("".join(p[3] for p in row).split()))
    return "\n".join(out)


def read_docx(path: Path) -> str:
    """Each paragraph of the body (tables row by row, cells apart by tabs), with the numbers
    Word's automatic numbering draws (which are not in the paragraph's text) put back."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:
        raise ProtocolError(f"reading a Word file needs the 'documents' extra: {EXTRA}") from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ProtocolError(f"cannot read {path} as a Word .docx file ({exc})") from exc
    numbering = _Numbering(document)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _paragraph_text(child)
            number = numbering.label(child)
            lines.append(f"{number} {text}".strip() if number else text)
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(" ".join(_paragraph_text(cell).split()))
                    lines.append("\t".join(cells))
        lines.append("")
    return "\n".join(lines)


def _paragraph_text(node) -> str:  # type: ignore[no-untyped-def]
    """A paragraph's text as Word shows it: runs' text, a tab as a tab, a line break as a space."""
    parts = []
    for e in node.iter():
        name = e.tag.rsplit("}", 1)[-1]
        if name == "t":
            parts.append(e.text or "")
        elif name == "tab" and e.getparent() is not None and e.getparent().tag.endswith("}r"):
            parts.append("\t")
        elif name in ("br", "cr"):
            parts.append(" ")
    return "".join(parts)


class _Numbering:
    """Word's automatic paragraph numbering ("%1.%2" decimal, "(%3)" lower letter …), counted
    the way Word counts it, so 1.1, 1.2, (a) come back as printed."""

    FORMATS: ClassVar[dict[str, Any]] = {
        "decimal": lambda n: str(n),
        "lowerLetter": lambda n: "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26],
        "upperLetter": lambda n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26],
        "lowerRoman": lambda n: _roman(n).lower(),
        "upperRoman": lambda n: _roman(n),
        "bullet": lambda n: "",
    }

    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren():
            if node.tag.endswith("}abstractNum"):
                levels = {}
                for lvl in node.iterchildren():
                    if not lvl.tag.endswith("}lvl"):
                        continue
                    ilvl = int(_attr(lvl, "ilvl") or 0)
                    fmt = _val(lvl, "numFmt") or "decimal"
                    text = _val(lvl, "lvlText") or ""
                    start = int(_val(lvl, "start") or 1)
                    levels[ilvl] = (fmt, text, start)
                abstract[_attr(node, "abstractNumId") or ""] = levels
        for node in root.iterchildren():
            if node.tag.endswith("}num"):
                ref = next((c for c in node.iterchildren() if c.tag.endswith("}abstractNumId")), None)
                if ref is not None:
                    self.levels[_attr(node, "numId") or ""] = abstract.get(_attr(ref, "val") or "", {})

    def label(self, paragraph) -> str:  # type: ignore[no-untyped-def]
        num_pr = next((e for e in paragraph.iter() if e.tag.endswith("}numPr")), None)
        if num_pr is None:
            return ""
        num_id = _val(num_pr, "numId") or ""
        ilvl = int(_val(num_pr, "ilvl") or 0)
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        abstract_key = str(id(levels))
        counts = self.counters.setdefault(abstract_key, [0] * 9)
        fmt, text, start = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if fmt == "bullet":
            return "•"

        def draw(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lvl_fmt = levels.get(level, ("decimal", "", 1))[0]
            value = counts[level] or levels.get(level, ("", "", 1))[2]
            return self.FORMATS.get(lvl_fmt, str)(value)  # type: ignore[operator]

        return re.sub(r"%(\d)", draw, text)


def _attr(node, name: str) -> str | None:  # type: ignore[no-untyped-def]
    return next((v for k, v in node.attrib.items() if k.rsplit("}", 1)[-1] == name), None)


def _val(node, child: str) -> str | None:  # type: ignore[no-untyped-def]
    for c in node.iter():
        if c.tag.rsplit("}", 1)[-1] == child:
            return _attr(c, "val")
    return None


def _roman(n: int) -> str:
    out = ""
    for value, digits in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + digits, n - value
    return out


# --- web pages ------------------------------------------------------------------------------

BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "tr",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "hr",
    "body",
    "header",
    "footer",
}
SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "head",
}
SKIP_CLASS = re.compile(
    r"\b(?:breadcrumbs?|skip|cookie|feedback|site-?(?:header|footer|nav)|navigation|"
    r"nav|menu|share|related|sidebar|banner)\b",
    re.I,
)


class _PageText(HTMLParser):
    """Text of a web page, one line per block, leaving out what is plainly not the document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []  # tags being skipped (nested)
        self.lists: list[list] = []  # [tag, type, counter]
        self.main_depth = 0
        self.saw_main = False
        self.main_lines: list[str] = []
        self.cell = False

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            (self.main_lines if self.main_depth else self.lines).append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.skipping:
            if tag not in ("br", "hr", "img", "meta", "link", "input"):
                self.skipping.append(tag)
            return
        classes = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
        role = attributes.get("role") or ""
        if (
            tag in SKIP
            or role in ("navigation", "banner", "contentinfo", "search")
            or (tag in ("div", "section", "ul", "ol", "p", "a", "span") and SKIP_CLASS.search(classes))
        ):
            if tag not in ("br", "hr", "img"):
                self._flush()
                self.skipping.append(tag)
            return
        if tag in ("main", "article") or role == "main":
            self._flush()
            self.main_depth += 1
            self.saw_main = True
            return
        if tag in ("td", "th"):
            if self.current:
                self.current.append("\t")
            return
        if tag in BLOCKS:
            self._flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag, attributes.get("type") or "1", int(attributes.get("start") or 1) - 1])
        elif tag == "li" and self.lists:
            kind, typ, count = self.lists[-1]
            self.lists[-1][2] = count + 1
            if kind == "ul":
                self.current.append("• ")
            else:
                n = count + 1
                marker = {
                    "a": f"({_letter(n)})",
                    "i": f"({_roman(n).lower()})",
                    "A": f"{_letter(n).upper()}.",
                }.get(typ, f"{n}." if len(self.lists) == 1 else f"({n})")
                self.current.append(marker + " ")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            elif tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag in ("main", "article") and self.main_depth:
            self._flush()
            self.main_depth -= 1
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def text(self) -> str:
        self._flush()
        return "\n\n".join(self.main_lines if self.saw_main and self.main_lines else self.lines)


def _letter(n: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]


def read_html(raw: bytes) -> str:
    """The main text of a saved web page (its <main> or <article>, else its <body>)."""
    charset = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", raw[:4096], re.I)
    encoding = charset.group(1).decode("ascii") if charset else "utf-8"
    try:
        markup = raw.decode(encoding, errors="replace")
    except LookupError:
        markup = raw.decode("utf-8", errors="replace")
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    return parser.text()
