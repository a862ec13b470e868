"""The data model: protocols, their sections and clauses (see data/clauses/*.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = ("rule", "guidance", "definition", "context")

# A label as printed (9.1.12, 8.1.7(a), 5.4(xv)) or assigned (11.3, 9.1.12.p1, 6.1.b8, fn1, intro.p1).
LABEL_RE = re.compile(r"^[a-z0-9]+(?:\.[a-z0-9]+)*(?:\([a-z0-9]+\))?(?:\.[a-z0-9]+)*$")
PROTOCOL_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def label_key(label: str) -> str:
    """The form two spellings of one label share: 9.4(e), 9.4.e, 9.4e and 9.4(E) all give 9.4.e.

    Brackets need quoting in a shell, so people type the dotted form; both must find the clause.
    """
    key = label.strip().lower().rstrip(".")
    key = re.sub(r"\(([a-z0-9]+)\)", r".\1", key)
    key = re.sub(r"(?<=\d)(?=[a-z])", ".", key)  # 9.4e -> 9.4.e (assigned parts start with a letter)
    return key


@dataclass(frozen=True, slots=True)
class Correction:
    printed: str
    corrected: str
    reason: str


@dataclass(frozen=True, slots=True)
class Section:
    label: str
    title: str
    parent: str | None = None
    assigned: bool = False
    note: str | None = None

    @property
    def heading(self) -> str:
        """The heading as a reader sees it: number and title (no number when we assigned it)."""
        return self.title if self.assigned else f"{self.label} {self.title}"


@dataclass(frozen=True, slots=True)
class Clause:
    protocol: str
    label: str
    section: str
    heading: str
    kind: str
    text: str
    parent: str | None = None
    assigned: bool = False
    printed_label: str | None = None
    note: str | None = None
    corrections: tuple[Correction, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.protocol}:{self.label}"

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "protocol": self.protocol,
            "label": self.label,
            "heading": self.heading,
            "section": self.section,
            "kind": self.kind,
            "text": self.text,
        }
        if self.parent:
            out["parent"] = f"{self.protocol}:{self.parent}"
        if self.assigned:
            out["assigned_label"] = True
        if self.printed_label:
            out["printed_label"] = self.printed_label
        if self.note:
            out["note"] = self.note
        if self.corrections:
            out["corrections"] = [
                {"printed": c.printed, "corrected": c.corrected, "reason": c.reason} for c in self.corrections
            ]
        return out


@dataclass(frozen=True, slots=True)
class Role:
    key: str
    name: str
    cite: str


@dataclass(slots=True)
class Protocol:
    id: str
    council: str
    title: str
    seed_file: str
    seed_sha256: str
    data_version: str
    path: str
    labels_note: str = ""
    date: str | None = None
    date_note: str | None = None
    council_note: str | None = None
    roles: dict[str, Role] = field(default_factory=dict)
    seek_advice: tuple[str, ...] = ()  # the clauses that say whom to ask when the protocol is silent
    sections: dict[str, Section] = field(default_factory=dict)
    clauses: tuple[Clause, ...] = ()
    _by_key: dict[str, Clause] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {label_key(c.label): c for c in self.clauses}

    def clause(self, label: str) -> Clause | None:
        return self._by_key.get(label_key(label))

    def section(self, label: str) -> Section | None:
        key = label_key(label)
        for candidate in (key, f"{key}.0"):
            for section in self.sections.values():
                if label_key(section.label) == candidate:
                    return section
        return None

    def children(self, clause: Clause) -> list[Clause]:
        return [c for c in self.clauses if c.parent == clause.label]

    def in_section(self, prefix: str) -> list[Clause]:
        """Clauses under a section or paragraph number: 9 gives all of section 9 (9.0 in Thanet)."""
        key = label_key(prefix)
        wanted = {s.label for s in self.sections.values() if label_key(s.label) in (key, f"{key}.0")}
        grew = True
        while grew:  # take in sub-sections of the sections found
            more = {s.label for s in self.sections.values() if s.parent in wanted} - wanted
            wanted |= more
            grew = bool(more)
        return [
            c
            for c in self.clauses
            if c.section in wanted or label_key(c.label) == key or label_key(c.label).startswith(key + ".")
        ]

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "council": self.council,
            "title": self.title,
            "date": self.date,
            "clauses": len(self.clauses),
            "data_version": self.data_version,
            "seed_file": self.seed_file,
            "seed_sha256": self.seed_sha256,
            "roles": {key: role.name for key, role in self.roles.items()},
        }
        if self.council_note:
            out["council_note"] = self.council_note
        if self.date_note:
            out["date_note"] = self.date_note
        return out
