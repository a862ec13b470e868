"""Turning a numbered protocol text (as exported from a PDF) into clause data.

`protocol data import` uses it on a council's own text; tools/build_clauses.py used it, with
reviewed per-protocol corrections, to build the bundled data. The text becomes sections,
numbered paragraphs, unnumbered paragraphs and bullets: printed labels are kept, labels we
assign are marked, markup is stripped, and what could not be placed is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
TERMINAL = (".", ":", ";", "?", "!", ")", "”", '"', "-")


# --- markup ---------------------------------------------------------------------------------


def strip_markup(text: str) -> str:
    """Remove the Markdown-ish markup the PDF export left in the text (not tracked changes)."""
    text = re.sub(r"<sup>(\d+)</sup>", lambda m: m.group(1).translate(SUPERSCRIPT), text)
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = text.replace("**", "")
    return text


def tidy(text: str) -> str:
    text = text.replace("\t", " ")
    return re.sub(r"\s+", " ", text).strip()


# --- blocks ---------------------------------------------------------------------------------


# --- blocks ---------------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # title | heading | para | bullet | table | footnote
    text: str
    label: str | None = None  # printed label (paragraph number, item letter, heading number)
    level: int = 1  # heading level
    line: int = 0
    raw: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """How a text is laid out: what the segmenter needs to know (detected, or given by a spec)."""

    title_lines: int = 0  # the first N lines are the title
    furniture: list[str] = field(default_factory=list)  # lines to leave out (page headers, contents)
    section_paragraphs: bool = False  # unnumbered paragraphs under a heading are S.1, S.2, ...
    heading_res: tuple[str, ...] = (r"^(\d+)\. (.+)$",)
    unnumbered_headings: dict[str, str] = field(default_factory=dict)  # heading text -> label
    label_fixes: dict[str, tuple[str, str]] = field(default_factory=dict)  # printed -> (label, why)
    section_notes: dict[str, str] = field(default_factory=dict)
    single_level: bool = False  # paragraphs numbered 1., 2., 3. ... (headings unnumbered)


ITEM = re.compile(
    r"^(?:\((?P<p1>[a-z]|[ivxlc]+|\d+)\)(?:\((?P<p2>[ivxlc]+)\))?|(?P<d>[a-z]|\d+)[.)])\s+(?P<rest>.*)$"
)
NUMBERED = re.compile(r"^(?:\*\*)?(?P<label>\d+(?:\.\d+)+)(?:\*\*)?\s+(?P<rest>.+)$")
SINGLE = re.compile(r"^(\d+)\.\s+(.+)$")  # a paragraph numbered 1., 2. ... (Layout.single_level)


def is_heading_text(text: str) -> bool:
    plain = strip_markup(text).strip()
    return len(plain.split()) <= 12 and not plain.endswith((".", ":", ";", "?", "!")) and plain[:1].isupper()


def read_blocks(layout: Layout, lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    heading_res = [re.compile(p) for p in layout.heading_res]
    furniture = {f.strip() for f in layout.furniture}
    table: Block | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped:
            continue
        if number <= layout.title_lines:
            blocks.append(Block("title", tidy(strip_markup(stripped.lstrip("#").strip())), line=number))
            continue
        if stripped in furniture:
            continue
        if "\t" in line:
            if table is None:
                table = Block("table", "", line=number)
                blocks.append(table)
            table.raw.append(line)
            continue
        table = None if not blocks or blocks[-1].kind != "table" else table
        if stripped in layout.unnumbered_headings:
            blocks.append(Block("heading", stripped, layout.unnumbered_headings[stripped], 1, number))
            continue
        m = re.match(r"^<sup>(\d+)</sup>\s*(.+)$", stripped)
        if m:
            blocks.append(Block("footnote", stripped, f"fn{m.group(1)}", line=number))
            continue
        body = re.sub(r"^#+\s*", "", stripped)
        m = SINGLE.match(strip_markup(body)) if layout.single_level else None
        if m:
            blocks.append(Block("para", m.group(2), m.group(1), line=number))
            continue
        m = next((m for rx in heading_res if (m := rx.match(strip_markup(body)))), None)
        if m and is_heading_text(m.group(2)):
            title = strip_markup(m.group(2)).strip()
            blocks.append(Block("heading", title, m.group(1), 1, number))
            table = None
            continue
        dashed = body.startswith("- ")
        content = body[2:].strip() if dashed else body
        m = NUMBERED.match(content)
        if m:
            label, rest = m.group("label"), m.group("rest")
            if is_heading_text(rest):
                level = 1 if label.endswith(".0") else 2
                blocks.append(Block("heading", strip_markup(rest).strip(), label, level, number))
            else:
                blocks.append(Block("para", rest, label, line=number))
            continue
        if dashed:
            m = ITEM.match(content)
            if m:
                item = m.group("p2") or m.group("p1") or m.group("d")
                rest = m.group("rest")
                blk = Block("bullet", rest, item, line=number)
                if m.group("p2"):
                    blk.raw.append(content[: m.start("rest")].strip())  # e.g. "(xiv)(xv)"
                blocks.append(blk)
            else:
                blocks.append(Block("bullet", content, None, line=number))
            continue
        blocks.append(Block("para", content, None, line=number))
    return join_split_paragraphs(blocks)


def join_split_paragraphs(blocks: list[Block]) -> list[Block]:
    """A paragraph split by a page break: rejoin it (the seeds show these as blank-line gaps)."""
    out: list[Block] = []
    for blk in blocks:
        prev = out[-1] if out else None
        if prev is not None and blk.kind == "para" and blk.label is None and prev.kind in ("para", "bullet"):
            tail = strip_markup(prev.text).rstrip()
            open_paren = tail.count("(") > tail.count(")")
            continues = blk.text[:1].islower() and prev.kind == "para" and not tail.endswith(TERMINAL)
            if continues or tail.endswith(",") or open_paren:
                prev.text = f"{prev.text} {blk.text}"
                continue
        out.append(blk)
    return out


# --- labelling ------------------------------------------------------------------------------


# --- labelling ------------------------------------------------------------------------------


MODAL = re.compile(
    r"\b(must|should|shall|shan't|will not|won't|may not|cannot|can only|can not|are not to|"
    r"is not permitted|not permitted|are required|is required|required to|entitled|never|"
    r"are expected|is expected|will be expected|have the right|has the right|duty to|"
    r"obligation to|will normally|will always|will be handled|will respect|will treat|"
    r"will take|will not|are to be|is to be|may be|may request|may ask|may approach|may copy|"
    r"may deal|may make|may also|may properly|may permit|may consider|can expect|can provide|"
    r"can usually|can advise|can be made|can make|may provide|may use|may have to)\b",
    re.I,
)
IMPERATIVE = re.compile(
    r"^(Do not|Don't|Avoid|Ensure|Accept|Respect|Direct|Withdraw|Provide|Be |Treat|Meet|"
    r"Escalate|Declaring|Officers using|Likewise|Care should|Not copying|Not to|Never|Remember|"
    r"Consult|Consider|Take|Seek|Where information|Members should|First,|If informal|"
    r"If a matter|Junior officers|Officers are entitled|You |Not take part|Not be influenced|"
    r"Not favour|Must )",
)


def guess_kind(text: str, heading: str, parent_kind: str | None) -> str:
    plain = text.strip()
    low = plain.lower()
    if re.search(r"\b(means|includes|refers to)\b", plain) and heading.lower().startswith("definition"):
        return "definition"
    if "commonly referred to as" in low:
        return "definition"
    if IMPERATIVE.match(plain):
        return "rule"
    if parent_kind == "rule" and not plain.endswith(":"):
        return "rule"
    if MODAL.search(plain):
        return "rule"
    if low.startswith(("it is important", "it is best", "care should", "it would usually")):
        return "guidance"
    return "context"


@dataclass
class Clause:
    label: str
    section: str
    text: str
    kind: str = ""
    parent: str | None = None
    assigned: bool = False
    printed_label: str | None = None
    note: str | None = None
    corrections: list[dict[str, str]] = field(default_factory=list)
    line: int = 0
    uncited: str | None = None


@dataclass
class Segmented:
    title: str
    title_lines: list[str]
    sections: list[dict[str, Any]]
    clauses: list[Clause]
    titles: dict[str, str]


def segment(layout: Layout, lines: list[str]) -> Segmented:
    """The protocol's lines as sections and labelled clauses (kinds not yet assigned)."""
    blocks = read_blocks(layout, lines)

    title = " — ".join(b.text for b in blocks if b.kind == "title")
    sections: list[dict[str, Any]] = []
    clauses: list[Clause] = []
    titles: dict[str, str] = {}

    section = "0" if layout.section_paragraphs else "title"
    top = section
    anchor: str | None = None  # last printed label (or section-paragraph label) in this section
    leadin: Clause | None = None  # the paragraph that bullets hang from
    para_count: dict[str, int] = {}
    bullet_count: dict[str, int] = {}
    if layout.section_paragraphs:
        sections.append({"label": "0", "title": title, "assigned": True})
        titles["0"] = title

    def add_section(label: str, title_text: str, level: int) -> None:
        entry: dict[str, Any] = {"label": label, "title": title_text}
        if level == 2:
            entry["parent"] = top
        if label in layout.section_notes:
            entry["note"] = layout.section_notes[label]
        if label in layout.unnumbered_headings.values():
            entry["assigned"] = True
        sections.append(entry)
        titles[label] = title_text

    def new_clause(label: str, text: str, blk: Block, **kw: Any) -> Clause:
        clause = Clause(label=label, section=section, text=text, line=blk.line, **kw)
        clauses.append(clause)
        return clause

    for blk in blocks:
        if blk.kind == "title":
            continue
        if blk.kind == "heading":
            label = blk.label or ""
            add_section(label, blk.text, blk.level)
            section = label
            if blk.level == 1:
                top = label
            anchor, leadin = (None, None)
            continue
        if blk.kind == "footnote":
            text = strip_markup(blk.text)
            text = re.sub(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*", "", text)
            new_clause(blk.label or "fn", tidy(text), blk, assigned=True)
            continue
        if blk.kind == "table":
            rows = [" | ".join(tidy(strip_markup(c)) for c in r.split("\t") if c.strip()) for r in blk.raw]
            base = anchor or section
            para_count[base] = para_count.get(base, 0) + 1
            label = f"{base}.p{para_count[base]}"
            new_clause(
                label,
                "\n".join(rows),
                blk,
                assigned=True,
                note="a table in the printed protocol; cells are separated by ' | '",
            )
            continue
        text = tidy(strip_markup(blk.text))
        if blk.kind == "para" and blk.label:
            label = blk.label
            printed, note = None, None
            if label in layout.label_fixes:
                printed = label
                label, note = layout.label_fixes[label]
            leadin = new_clause(label, text, blk, printed_label=printed, note=note)
            anchor = label
            continue
        if blk.kind == "para":
            if layout.section_paragraphs:
                para_count[section] = para_count.get(section, 0) + 1
                label = f"{section}.{para_count[section]}"
                anchor = label
            else:
                base = anchor or section
                para_count[base] = para_count.get(base, 0) + 1
                label = f"{base}.p{para_count[base]}"
            leadin = new_clause(label, text, blk, assigned=True)
            continue
        # bullets
        parent = leadin.label if leadin else None
        base = anchor or section
        if blk.label:
            item = blk.label
            label = f"{parent}({item})" if parent else f"{base}({item})"
            clause = new_clause(label, text, blk, parent=parent)
            if blk.raw:
                clause.printed_label = f"{parent}{blk.raw[0]}"
                clause.note = (
                    f"printed as '{blk.raw[0]}' (tracked-change residue); "
                    f"the list runs on from the item before, so this is ({item})"
                )
        else:
            bullet_count[base] = bullet_count.get(base, 0) + 1
            new_clause(f"{base}.b{bullet_count[base]}", text, blk, parent=parent, assigned=True)

    return Segmented(
        title=title,
        title_lines=[b.text for b in blocks if b.kind == "title"],
        sections=sections,
        clauses=clauses,
        titles=titles,
    )


def assign_kinds(seg: Segmented, overrides: dict[str, str] | None = None) -> None:
    """Each clause's kind: the heuristic (guess_kind), unless a reviewed override says otherwise."""
    overrides = overrides or {}
    by_label = {c.label: c for c in seg.clauses}
    for clause in seg.clauses:
        parent_kind = by_label[clause.parent].kind if clause.parent in by_label else None
        clause.kind = overrides.get(clause.label) or guess_kind(
            clause.text, seg.titles.get(clause.section, ""), parent_kind
        )


def clause_dict(c: Clause) -> dict[str, Any]:
    out: dict[str, Any] = {"label": c.label, "section": c.section, "kind": c.kind}
    if c.parent:
        out["parent"] = c.parent
    if c.assigned:
        out["assigned"] = True
    if c.printed_label:
        out["printed_label"] = c.printed_label
    if c.note:
        out["note"] = c.note
    if c.uncited:
        out["uncited"] = c.uncited
    out["text"] = c.text
    if c.corrections:
        out["corrections"] = c.corrections
    return out


# --- importing a council's own text ---------------------------------------------------------

# "4 January 2022" is a date, never section 4
_NOT_A_DATE = (
    r"(?!\d{0,2}(?:st|nd|rd|th)?\s*(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b)"
)
HEADING_FORMS = (r"^(\d+)\. (.+)$", r"^(\d+\.0) (.+)$", rf"^(\d+) {_NOT_A_DATE}(.+)$")
CONTENTS_LINE = re.compile(r"^(?:\d+\.?\s+)?[A-Z].*?(?:\.{3,}\s*|\t+\s*|\s{2,})\d+$")
COUNCIL_NAME = re.compile(
    r"\b((?:[A-Z][\w&'-]*\s+)+?(?:County|District|Borough|City|Town|Parish|Metropolitan)\s+Council)\b"
)
ROLE_NAMES = {
    "monitoring_officer": ("Monitoring Officer",),
    "head_of_paid_service": ("Head of Paid Service", "Chief Executive"),
    "finance_officer": ("Chief Finance Officer", "Section 151 Officer", "Finance Officer"),
    "group_leader": ("Group Leader", "group leader"),
    "standards_committee": ("Standards Committee",),
    "line_manager": ("Line Manager", "line manager"),
}
SEEK_ADVICE = re.compile(
    r"\b(?:seek|ask for|contact|consult|obtain)\b[^.]{0,80}\b(?:advice|guidance|assistance)\b", re.I
)
# a paragraph that says what a word means, however the protocol puts it
DEFINES = re.compile(
    r"(?:\b(?:are|is|be) (?:hereafter |together |collectively )?(?:referred to|known) as\b|"
    r"\bcommonly referred to as\b|^[“\"‘'][^”\"’']{1,40}[”\"’'] means\b|"
    r"\bin this (?:protocol|code|document),? [“\"‘']?[\w /-]{1,40}[”\"’']? means\b|"
    r"\(\s*(?:the|a)?\s*[“\"‘'][^”\"’']{1,40}[”\"’']\s*\)\s*\.?$)",
    re.I,
)
PREAMBLE_HEADINGS = ("introduction", "preamble", "foreword", "background", "overview", "purpose")


@dataclass
class Report:
    """What the import did, and what it could not place (with the line of the text)."""

    clauses: int = 0
    sections: int = 0
    title_lines: list[str] = field(default_factory=list)
    left_out: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, why)
    notes: list[str] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)  # {"line", "label", "message"}


def _is_structure(line: str, single_level: bool = False) -> bool:
    """A numbered heading or paragraph: where the body of the protocol starts."""
    body = re.sub(r"^#+\s*", "", line.strip())
    body = strip_markup(body[2:] if body.startswith("- ") else body).strip()
    if NUMBERED.match(body) or (single_level and SINGLE.match(body)):
        return True
    return any((m := re.match(p, body)) and is_heading_text(m.group(2)) for p in HEADING_FORMS)


def _standalone_heading(line: str) -> bool:
    """An unnumbered heading: a short capitalised line that is not a sentence or an item."""
    body = strip_markup(re.sub(r"^#+\s*", "", line.strip())).strip()
    return (
        bool(body)
        and not body.startswith("- ")
        and is_heading_text(body)
        and not body.endswith(",")
        and not re.match(r"^\d", body)
    )


def detect_layout(lines: list[str], report: Report) -> Layout:
    """Guess the layout of an exported protocol: title lines, a contents table, rule lines,
    unnumbered headings, and how paragraphs are numbered (1.1, 1., or not at all)."""
    stripped = [line.strip() for line in lines]
    # a contents table: "Contents" then lines ending in page numbers (dot leaders or tabs)
    furniture: list[str] = []
    for n, line in enumerate(stripped):
        if line.lower().strip("# *") in ("contents", "table of contents"):
            furniture.append(line)
            report.left_out.append((n + 1, line, "contents table"))
            for m, after in enumerate(stripped[n + 1 :], start=n + 2):
                if not after:
                    continue
                if CONTENTS_LINE.match(after):
                    furniture.append(after)
                    report.left_out.append((m, after, "contents table"))
                    continue
                break
            break
    for n, line in enumerate(stripped, start=1):
        if line not in furniture and re.fullmatch(r"[-_*=]{3,}", line):
            furniture.append(line)
            report.left_out.append((n, line, "a rule line"))
    numbered = sum(1 for line in stripped if NUMBERED.match(strip_markup(line.lstrip("- "))))
    singles = [line for line in stripped if SINGLE.match(strip_markup(line)) and not _is_heading_line(line)]
    single_level = numbered == 0 and len(singles) >= 2
    # the title: the lines before the body starts (and before any contents table)
    title_lines = 0
    for n, line in enumerate(stripped, start=1):
        if line and (line in furniture or _is_structure(line, single_level)):
            break
        if line and not line.endswith((".", ":", ";")) and len(line.split()) <= 15:
            title_lines = n
            continue
        if line:
            break
    unnumbered: dict[str, str] = {}
    title_seen = [x for x in stripped[:title_lines] if x]
    if len(title_seen) >= 2 and title_seen[-1].lower().strip("#* ") in PREAMBLE_HEADINGS:
        # "Introduction" above the first paragraphs is their heading, not part of the title
        unnumbered[title_seen[-1]] = "0"
        title_lines = max(i for i, x in enumerate(stripped[:title_lines], start=1) if x == title_seen[-2])
    if single_level:  # the sections are the unnumbered headings
        count = 0
        for n, line in enumerate(stripped):
            if n < title_lines or line in furniture or line in unnumbered:
                continue
            following = next((x for x in stripped[n + 1 :] if x), "")
            if _standalone_heading(line) and following and not _standalone_heading(following):
                count += 1
                unnumbered[line] = f"s{count}"
    layout = Layout(
        title_lines=title_lines,
        furniture=furniture,
        section_paragraphs=numbered == 0 and not single_level,
        heading_res=HEADING_FORMS,
        unnumbered_headings=unnumbered,
        single_level=single_level,
    )
    if single_level:
        report.notes.append(
            "paragraphs are numbered 1., 2., 3. ...; the unnumbered headings are sections s1, s2 ..."
        )
    elif layout.section_paragraphs:
        report.notes.append(
            "no numbered paragraphs were found, so paragraphs are labelled S.n within section S"
        )
    return layout


def _is_heading_line(line: str) -> bool:
    m = SINGLE.match(strip_markup(line))
    return bool(m) and is_heading_text(m.group(2))


def import_text(
    text: str, protocol_id: str, council: str | None, source_name: str
) -> tuple[dict[str, Any], Report]:
    """Clause data (the dict written as TOML) from a protocol's text, and what happened.

    The text may come in any layout layouts.normalise reads (see there); line numbers in the
    report are lines of `text`."""
    import hashlib

    from protocol_cli.sources import layouts

    report = Report()
    norm = layouts.normalise(text)
    report.left_out.extend(norm.left_out)
    report.notes.extend(norm.notes)
    lines = norm.lines
    found: list[tuple[int, str, str]] = []
    sub = Report(left_out=found)
    layout = detect_layout(lines, sub)
    report.notes.extend(sub.notes)
    report.left_out.extend((norm.line_of(n), t, w) for n, t, w in found)
    seg = segment(layout, lines)
    for clause in seg.clauses:
        clause.line = norm.line_of(clause.line)
    _first_section(seg)
    assign_kinds(seg)
    for clause in seg.clauses:
        if clause.kind in ("rule", "context", "guidance") and DEFINES.search(clause.text):
            clause.kind = "definition"
    seen_sections: set[str] = set()
    sections = []
    for entry in seg.sections:  # a heading printed twice is one section
        if entry["label"] not in seen_sections:
            seen_sections.add(entry["label"])
            sections.append(entry)
    labels: dict[str, int] = {}
    clauses = []
    for clause in seg.clauses:
        if clause.label in labels:  # the text numbers two paragraphs alike: keep both, mark it
            labels[clause.label] += 1
            clause.printed_label = clause.label
            clause.label = f"{clause.label}.dup{labels[clause.label]}"
            clause.note = "the text prints this number twice; renumbered so each clause has its own label"
            report.left_out.append(
                (clause.line, clause.printed_label, "a paragraph number used twice (renumbered)")
            )
        labels.setdefault(clause.label, 1)
        clauses.append(clause)
    for clause in clauses:
        if "~~" in clause.text:
            report.notes.append(f"{clause.label}: struck-through text (~~...~~) kept as printed; review it")
    numbered: list[tuple[str, int]] = []  # printed numbers in order: headings' and paragraphs'
    printed_sections = {entry["label"] for entry in sections if not entry.get("assigned")}
    section = None
    for c in clauses:
        if c.section != section:
            section = c.section
            if section in printed_sections and re.fullmatch(r"\d+(?:\.\d+)*", section):
                numbered.append((section, c.line))
        if not c.assigned and c.parent is None:
            numbered.append((c.printed_label or c.label, c.line))
    report.checks = layouts.check_spots(numbered, norm.page_breaks)
    report.left_out.sort(key=lambda x: x[0])
    report.clauses, report.sections, report.title_lines = len(clauses), len(sections), seg.title_lines
    dates = [t for t in seg.title_lines if layouts.DATE_LINE.match(t)]
    title = " — ".join(t for t in seg.title_lines if t not in dates) or protocol_id
    found_council = _council_from(seg.title_lines) or _council_in(clauses)
    council_name = council or found_council or " ".join(w.capitalize() for w in protocol_id.split("-"))
    if council is None and not found_council:
        report.notes.append(
            f"no council name found in the text; recorded as '{council_name}' (give the name with --council)"
        )
    roles = _roles(clauses)
    seek = [c.label for c in clauses if SEEK_ADVICE.search(c.text)][:4]
    if not seek:
        report.notes.append("no 'seek advice' clause found: not-covered answers need one (seek_advice)")
    data: dict[str, Any] = {
        "schema": 1,
        "protocol": {
            "id": protocol_id,
            "council": council_name,
            "title": title,
            "seed_file": source_name,
            "seed_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            **({"date": dates[0]} if dates else {}),
            "labels": "Printed numbers are kept as labels; assigned ones are marked assigned = true.",
            "title_lines": seg.title_lines,
            "furniture": layout.furniture,
            "roles": roles,
            "seek_advice": seek,
        },
        "section": sections,
        "clause": [clause_dict(c) for c in clauses],
    }
    return data, report


def _first_section(seg: Segmented) -> None:
    """Paragraphs before the first heading belong to a section of their own ("0"): the loader
    knows no section 'title'."""
    early = [c for c in seg.clauses if c.section == "title"]
    if not early:
        return
    if "0" not in seg.titles:
        seg.sections.insert(0, {"label": "0", "title": seg.title or "Preamble", "assigned": True})
        seg.titles["0"] = seg.title or "Preamble"
    for clause in seg.clauses:
        if clause.section == "title":
            clause.section = "0"
        for attr in ("label", "parent"):
            value = getattr(clause, attr)
            if value and value.startswith("title"):
                setattr(clause, attr, "0" + value[len("title") :])


def _council_in(clauses: list[Clause]) -> str | None:
    """The council the text names most often ("Our Town Council"), if any."""
    counts: dict[str, int] = {}
    for clause in clauses:
        for m in COUNCIL_NAME.finditer(clause.text):
            name = m.group(1)
            if not name.lower().startswith(("the ", "a ", "each ", "any ")):
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _council_from(title_lines: list[str]) -> str | None:
    for line in title_lines:
        m = COUNCIL_NAME.search(line.title() if line.isupper() else line)
        if m:
            return m.group(1)
    return None


def _roles(clauses: list[Clause]) -> dict[str, dict[str, str]]:
    """Common roles the text names, each with the first clause naming it (review and extend)."""
    roles: dict[str, dict[str, str]] = {}
    for key, names in ROLE_NAMES.items():
        for name in names:
            first = next((c for c in clauses if name in c.text), None)
            if first is not None:
                roles[key] = {"name": name, "cite": first.label}
                break
    return roles


HEADER = """\
# {title}
# {council}
#
# Imported from {source} by `protocol data import`. Check it against the protocol: the labels,
# the kind of each clause (rule, guidance, definition, context), the roles table and
# seek_advice (the clause(s) that say whom to ask when the protocol is silent).

"""


def render(data: dict[str, Any], header: str = HEADER) -> str:
    import tomli_w

    meta = data["protocol"]
    head = header.format(
        title=meta["title"], council=meta["council"], source=meta["seed_file"], seed=meta["seed_file"]
    )
    return head + tomli_w.dumps(data, multiline_strings=True)
