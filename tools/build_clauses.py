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
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # (run from a checkout: the package beside tools/)
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "data" / "clauses"


# the segmenter is the package's own (protocol_cli/sources/importer.py), shared with `protocol data import`
from protocol_cli.sources import importer  # noqa: E402
from protocol_cli.sources.importer import (  # noqa: E402
    Clause,
    Layout,
    assign_kinds,
    clause_dict,
    segment,
    strip_markup,
    tidy,
)


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

    def layout(self) -> Layout:
        return Layout(
            title_lines=self.title_lines,
            furniture=self.furniture,
            section_paragraphs=self.section_paragraphs,
            heading_res=(self.heading_re,),
            unnumbered_headings=self.unnumbered_headings,
            label_fixes=self.label_fixes,
            section_notes=self.section_notes,
        )


def build(spec: Spec) -> dict[str, Any]:
    seed_path = SEEDS / spec.seed
    raw_text = seed_path.read_text(encoding="utf-8")
    seg = segment(spec.layout(), raw_text.split("\n"))
    clauses = seg.clauses
    apply_corrections(spec, clauses)
    assign_kinds(seg, spec.kinds)  # the heuristic, then the reviewed overrides
    for clause in clauses:
        if clause.label in spec.notes:
            clause.note = spec.notes[clause.label]
    by_label = {c.label for c in clauses}
    unknown = (set(spec.kinds) | set(spec.uncited)) - by_label
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
            "title": protocol.get("title") or seg.title,
            "seed_file": spec.seed,
            "seed_sha256": hashlib.sha256(raw_text.encode("utf-8")).hexdigest(),
            "labels": spec.labels_note,
            "title_lines": seg.title_lines,
            "furniture": spec.furniture,
            "roles": spec.roles,
        }
    )
    protocol = {"id": protocol.pop("id"), **protocol}
    return {
        "schema": 1,
        "protocol": protocol,
        "section": seg.sections,
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
    return importer.render(data, HEADER)


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
