"""The bundled clauses are the protocols' own words: checked against ../shared/seeds/.

Two checks per protocol:
- every clause's text occurs in the seed (after undoing its recorded corrections, and with
  whitespace, bullet marks and the PDF export's markup normalised);
- read in order, the clauses (with their headings) reproduce at least 99% of the seed's words,
  leaving out only the lines the data names as page furniture.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
import sys
import tomllib

import pytest
from conftest import DATA, PROTOCOL_IDS, ROOT, SEEDS, requires_seeds

pytestmark = requires_seeds

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def normalise(text: str) -> str:
    """What we allow ourselves to change: markup, bullet marks, table tabs, whitespace."""
    text = re.sub(r"<sup>(\d+)</sup>", lambda m: m.group(1).translate(SUPERSCRIPT), text)
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = text.replace("**", "")
    text = re.sub(r"(?m)^\s*-\s+", "", text)
    text = text.replace(" | ", " ").replace("\t", " ")
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(text).lower())


def load(protocol_id: str) -> dict:
    return tomllib.loads((DATA / "clauses" / f"{protocol_id}.toml").read_text(encoding="utf-8"))


def reading_order(data: dict) -> list[str]:
    """Title, then each heading before its first clause, then the clause: the document as read."""
    sections = {s["label"]: s for s in data["section"]}
    stream = list(data["protocol"]["title_lines"])
    emitted: set[str] = set()
    for clause in data["clause"]:
        chain, label = [], clause["section"]
        while label in sections and label not in emitted:
            chain.append(label)
            label = sections[label].get("parent")
        for label in reversed(chain):
            emitted.add(label)
            number = "" if sections[label].get("assigned") else label
            stream.append(f"{number} {sections[label]['title']}")
        printed = clause.get("printed_label", clause["label"])
        number = "" if clause.get("assigned") else re.sub(r"^.*\((\w+)\)$", r"\1", printed)
        stream.append(f"{number} {clause['text']}")
    stream += [f"{s} {sections[s]['title']}" for s in sections if s not in emitted]
    return stream


def coverage(protocol_id: str) -> tuple[float, int, int]:
    data = load(protocol_id)
    seed_lines = (SEEDS / data["protocol"]["seed_file"]).read_text(encoding="utf-8").split("\n")
    furniture = {line.strip() for line in data["protocol"]["furniture"]}
    seed_words = words("\n".join(line for line in seed_lines if line.strip() not in furniture))
    data_words = words("\n".join(reading_order(data)))
    matcher = difflib.SequenceMatcher(None, seed_words, data_words, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(seed_words), matched, len(seed_words)


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_seed_file_and_hash_are_recorded(protocol_id: str) -> None:
    meta = load(protocol_id)["protocol"]
    seed = SEEDS / meta["seed_file"]
    assert seed.is_file()
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == meta["seed_sha256"]


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_every_clause_is_the_protocols_own_words(protocol_id: str) -> None:
    data = load(protocol_id)
    seed = normalise((SEEDS / data["protocol"]["seed_file"]).read_text(encoding="utf-8"))
    not_found = []
    for clause in data["clause"]:
        text = clause["text"]
        for correction in clause.get("corrections", []):
            assert correction["corrected"] in text, f"{clause['label']}: correction not applied"
            text = text.replace(correction["corrected"], correction["printed"])
        if normalise(text) not in seed:
            not_found.append(clause["label"])
    assert not_found == []


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_clauses_in_order_reproduce_the_seed(protocol_id: str) -> None:
    share, matched, total = coverage(protocol_id)
    assert share >= 0.99, f"{protocol_id}: only {matched} of {total} words ({share:.2%}) are in the clauses"


def test_corrections_are_only_where_the_seed_has_tracked_changes() -> None:
    """Corrections undo PDF residue; a correction whose printed text is not in the seed is invented."""
    for protocol_id in PROTOCOL_IDS:
        data = load(protocol_id)
        raw = (SEEDS / data["protocol"]["seed_file"]).read_text(encoding="utf-8")
        for clause in data["clause"]:
            for correction in clause.get("corrections", []):
                assert correction["printed"] in raw, (protocol_id, clause["label"])
            if "printed_label" in clause:
                assert clause["printed_label"].split("(")[-1].rstrip(")") in raw, (
                    protocol_id,
                    clause["label"],
                )


def test_the_data_is_what_the_build_tool_makes() -> None:
    """data/clauses/ is reproducible: tools/build_clauses.py --check finds nothing to change."""
    proc = subprocess.run(
        [sys.executable, "tools/build_clauses.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


if __name__ == "__main__":  # print the fidelity figures for the issue note
    for pid in PROTOCOL_IDS:
        share, matched, total = coverage(pid)
        print(f"{pid:20} {len(load(pid)['clause']):4} clauses  {matched}/{total} words  {share:.2%}")
