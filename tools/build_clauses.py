"""Build data/clauses/<id>.toml from the seed protocol texts in ../shared/seeds/.

This is how the bundled clause data was made, kept so the work can be repeated and reviewed:

    python tools/build_clauses.py            # rewrite data/clauses/*.toml
    python tools/build_clauses.py --check    # exit 1 if the committed files differ

The seeds are PDF exports. The parser turns their lines into sections, numbered paragraphs,
unnumbered paragraphs and bullets, labels each one (printed labels kept; labels we had to
assign are marked `assigned = true`), strips markup, and records every correction in the data.
Everything a clerk might want to check by hand (kinds, roles, label fixes) is in PROTOCOLS below.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "data" / "clauses"

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
TERMINAL = (".", ":", ";", "?", "!", ")", "”", '"', "-")
ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")


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


@dataclass
class Block:
    kind: str  # title | heading | para | bullet | table | footnote
    text: str
    label: str | None = None  # printed label (paragraph number, item letter, heading number)
    level: int = 1  # heading level
    line: int = 0
    raw: list[str] = field(default_factory=list)


@dataclass
class Spec:
    id: str
    seed: str
    protocol: dict[str, Any]
    roles: dict[str, str]
    title_lines: int
    furniture: list[str] = field(default_factory=list)
    # an unnumbered paragraph right under a section heading: "S.n" (combined-authority) or "S.pn"
    section_paragraphs: bool = False
    heading_re: str = r"^(\d+)\. (.+)$"
    unnumbered_headings: dict[str, str] = field(default_factory=dict)  # heading text -> label
    label_fixes: dict[str, tuple[str, str]] = field(default_factory=dict)  # printed -> (label, why)
    corrections: list[tuple[str, str, str]] = field(default_factory=list)  # printed, corrected, why
    kinds: dict[str, str] = field(default_factory=dict)  # label -> kind (overrides the heuristic)
    notes: dict[str, str] = field(default_factory=dict)  # label -> note
    uncited: dict[str, str] = field(default_factory=dict)  # rule clause -> why no answer cites it
    section_notes: dict[str, str] = field(default_factory=dict)
    labels_note: str = ""


ITEM = re.compile(
    r"^(?:\((?P<p1>[a-z]|[ivxlc]+|\d+)\)(?:\((?P<p2>[ivxlc]+)\))?|(?P<d>[a-z]|\d+)[.)])\s+(?P<rest>.*)$"
)
NUMBERED = re.compile(r"^(?:\*\*)?(?P<label>\d+(?:\.\d+)+)(?:\*\*)?\s+(?P<rest>.+)$")


def is_heading_text(text: str) -> bool:
    plain = strip_markup(text).strip()
    return len(plain.split()) <= 12 and not plain.endswith((".", ":", ";", "?", "!")) and plain[:1].isupper()


def read_blocks(spec: Spec, lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    heading_re = re.compile(spec.heading_re)
    furniture = {f.strip() for f in spec.furniture}
    table: Block | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped:
            continue
        if number <= spec.title_lines:
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
        if stripped in spec.unnumbered_headings:
            blocks.append(Block("heading", stripped, spec.unnumbered_headings[stripped], 1, number))
            continue
        m = re.match(r"^<sup>(\d+)</sup>\s*(.+)$", stripped)
        if m:
            blocks.append(Block("footnote", stripped, f"fn{m.group(1)}", line=number))
            continue
        body = re.sub(r"^#+\s*", "", stripped)
        m = heading_re.match(strip_markup(body))
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


def build(spec: Spec) -> dict[str, Any]:
    seed_path = SEEDS / spec.seed
    raw_text = seed_path.read_text(encoding="utf-8")
    lines = raw_text.split("\n")
    blocks = read_blocks(spec, lines)

    title = " — ".join(b.text for b in blocks if b.kind == "title")
    sections: list[dict[str, Any]] = []
    clauses: list[Clause] = []
    titles: dict[str, str] = {}

    section = "0" if spec.section_paragraphs else "title"
    top = section
    anchor: str | None = None  # last printed label (or section-paragraph label) in this section
    leadin: Clause | None = None  # the paragraph that bullets hang from
    para_count: dict[str, int] = {}
    bullet_count: dict[str, int] = {}
    if spec.section_paragraphs:
        sections.append({"label": "0", "title": title, "assigned": True})
        titles["0"] = title

    def add_section(label: str, title_text: str, level: int) -> None:
        entry: dict[str, Any] = {"label": label, "title": title_text}
        if level == 2:
            entry["parent"] = top
        if label in spec.section_notes:
            entry["note"] = spec.section_notes[label]
        if label in spec.unnumbered_headings.values():
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
            if label in spec.label_fixes:
                printed = label
                label, note = spec.label_fixes[label]
            leadin = new_clause(label, text, blk, printed_label=printed, note=note)
            anchor = label
            continue
        if blk.kind == "para":
            if spec.section_paragraphs:
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

    apply_corrections(spec, clauses)

    # kinds: heuristic, then the reviewed overrides
    by_label = {c.label: c for c in clauses}
    for clause in clauses:
        parent_kind = by_label[clause.parent].kind if clause.parent in by_label else None
        clause.kind = spec.kinds.get(clause.label) or guess_kind(
            clause.text, titles.get(clause.section, ""), parent_kind
        )
        if clause.label in spec.notes:
            clause.note = spec.notes[clause.label]
    unknown = (set(spec.kinds) | set(spec.uncited)) - set(by_label)
    if unknown:
        raise SystemExit(f"{spec.id}: overrides for unknown labels: {sorted(unknown)}")
    for clause in clauses:
        if clause.label in spec.uncited:
            clause.uncited = spec.uncited[clause.label]
    dupes = {c.label for c in clauses if sum(1 for d in clauses if d.label == c.label) > 1}
    if dupes:
        raise SystemExit(f"{spec.id}: duplicate labels {sorted(dupes)}")

    protocol = dict(spec.protocol)
    protocol.update(
        {
            "id": spec.id,
            "title": protocol.get("title") or title,
            "seed_file": spec.seed,
            "seed_sha256": hashlib.sha256(raw_text.encode("utf-8")).hexdigest(),
            "labels": spec.labels_note,
            "title_lines": [b.text for b in blocks if b.kind == "title"],
            "furniture": spec.furniture,
            "roles": spec.roles,
        }
    )
    protocol = {"id": protocol.pop("id"), **protocol}
    return {
        "schema": 1,
        "protocol": protocol,
        "section": sections,
        "clause": [clause_dict(c) for c in clauses],
    }


def apply_corrections(spec: Spec, clauses: list[Clause]) -> None:
    pending = list(spec.corrections)
    for clause in clauses:
        for printed, corrected, why in list(pending):
            printed_plain = tidy(strip_markup(printed)) if "~~" not in printed else printed
            if printed_plain in clause.text:
                clause.text = clause.text.replace(printed_plain, corrected)
                clause.corrections.append({"printed": printed, "corrected": corrected, "reason": why})
                pending.remove((printed, corrected, why))
        if "~~" in clause.text:
            raise SystemExit(f"{spec.id}:{clause.label}: struck-through text without a recorded correction")
    if pending:
        raise SystemExit(f"{spec.id}: corrections that matched nothing: {pending}")


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


HEADER = """\
# {title}
# {council}
#
# Built from ../shared/seeds/{seed} by tools/build_clauses.py; reviewed by hand.
# Every clause's text is the protocol's own words. Only whitespace, bullet marks and the PDF
# export's markup are normalised; anything else we changed is listed under the clause as
# [[clause.corrections]] (printed -> corrected, and why). Labels: see protocol.labels below.
# Kinds: rule (says what someone must/should/may do), guidance, definition, context.
# uncited: on a rule clause no answer cites, why it answers no scenario question (data check).

"""


def render(data: dict[str, Any]) -> str:
    meta = data["protocol"]
    header = HEADER.format(title=meta["title"], council=meta["council"], seed=meta["seed_file"])
    return header + tomli_w.dumps(data, multiline_strings=True)


def main(argv: list[str] | None = None) -> int:
    from build_clauses_specs import PROTOCOLS  # the reviewed, per-protocol facts

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed files")
    parser.add_argument("ids", nargs="*", help="protocol ids (default: all)")
    args = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"seeds not found at {SEEDS}", file=sys.stderr)
        return 2
    stale = []
    for spec in PROTOCOLS:
        if args.ids and spec.id not in args.ids:
            continue
        text = render(build(spec))
        target = OUT / f"{spec.id}.toml"
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
            continue
        target.write_text(text, encoding="utf-8")
        count = text.count("[[clause]]")
        print(f"{target.relative_to(ROOT)}: {count} clauses")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run: python tools/build_clauses.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
