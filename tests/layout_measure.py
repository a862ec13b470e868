"""Figures for one re-laid protocol against its truth (see tools/make_layouts.py)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u00a0", " "))


def norm(text: str) -> str:
    return " ".join(words(text))


def measure(data: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """labels: share of the truth's clauses that came out right (a printed label with its text;
    an unlabelled paragraph or bullet as a clause of its own with its text); words: share of the
    truth's words (title, headings, clauses) kept; furniture: furniture lines found in clauses."""
    clauses = data["clause"]
    by_label = {c.get("printed_label") or c["label"]: norm(c["text"]) for c in clauses}
    texts = Counter(norm(c["text"]) for c in clauses)
    right, wrong = 0, []
    for c in truth["clauses"]:
        text = norm(c["text"])
        ok = by_label.get(c["label"]) == text if c["label"] else texts[text] > 0
        right += ok
        if not ok:
            wrong.append((c["label"], c["text"][:60]))
    source = Counter(w for part in [*truth["title"], *truth["headings"]] for w in words(part))
    source += Counter(w for c in truth["clauses"] for w in words(c["text"]))
    meta = data["protocol"]
    out = Counter(w for part in [meta["title"], *[s["title"] for s in data["section"]]] for w in words(part))
    out += Counter(w for c in clauses for w in words(c["text"]))
    kept = sum(min(n, out[w]) for w, n in source.items()) / max(1, sum(source.values()))
    shown = [norm(c["text"]) for c in clauses] + [norm(s["title"]) for s in data["section"]]
    furniture = [f for f in truth["furniture"] if norm(f) and any(norm(f) in t for t in shown)]
    return {
        "labels": right / max(1, len(truth["clauses"])),
        "words": kept,
        "furniture": furniture,
        "wrong": wrong,
    }
