"""The data model: protocols, their sections and clauses (see data/clauses/*.toml)."""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def spelling_key(text: str) -> str:
    """The form an id shares with the ways people type it: `Thanet`, `Epsom Ewell`, `epsom_ewell`,
    `Epsom & Ewell` and `Not allowed` give `thanet`, `epsom-ewell` and `not-allowed`."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def canonical(given: str, ids: list[str] | tuple[str, ...]) -> str:
    """The id among `ids` that `given` spells (any case, spaces, underscores or hyphens), else `given`."""
    if given in ids:
        return given
    key = spelling_key(given)
    return next((i for i in ids if spelling_key(i) == key), given)


# Plain classes with __slots__, not dataclasses: see engine.py.


class Correction:
    __slots__ = ("corrected", "printed", "reason")

    def __init__(self, printed: str, corrected: str, reason: str) -> None:
        self.printed = printed
        self.corrected = corrected
        self.reason = reason


class Section:
    __slots__ = ("assigned", "label", "note", "parent", "title")

    def __init__(
        self,
        label: str,
        title: str,
        parent: str | None = None,
        assigned: bool = False,
        note: str | None = None,
    ) -> None:
        self.label = label
        self.title = title
        self.parent = parent
        self.assigned = assigned
        self.note = note

    @property
    def heading(self) -> str:
        """The heading as a reader sees it: number and title (no number when we assigned it)."""
        return self.title if self.assigned else f"{self.label} {self.title}"


class Clause:
    __slots__ = (
        "assigned",
        "corrections",
        "heading",
        "kind",
        "label",
        "note",
        "parent",
        "printed_label",
        "protocol",
        "section",
        "text",
        "uncited",
    )

    def __init__(
        self,
        protocol: str,
        label: str,
        section: str,
        heading: str,
        kind: str,
        text: str,
        parent: str | None = None,
        assigned: bool = False,
        printed_label: str | None = None,
        note: str | None = None,
        corrections: tuple[Correction, ...] = (),
        uncited: str | None = None,  # why no answer cites this rule clause (see: protocol data check)
    ) -> None:
        self.protocol = protocol
        self.label = label
        self.section = section
        self.heading = heading
        self.kind = kind
        self.text = text
        self.parent = parent
        self.assigned = assigned
        self.printed_label = printed_label
        self.note = note
        self.corrections = corrections
        self.uncited = uncited

    def __repr__(self) -> str:
        return f"Clause({self.id!r})"

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


class Role:
    __slots__ = ("cite", "key", "name")

    def __init__(self, key: str, name: str, cite: str) -> None:
        self.key = key
        self.name = name
        self.cite = cite


class Protocol:
    __slots__ = (
        "_by_key",
        "clauses",
        "council",
        "council_note",
        "data_version",
        "date",
        "date_note",
        "id",
        "labels_note",
        "path",
        "roles",
        "sections",
        "seed_file",
        "seed_sha256",
        "seek_advice",
        "title",
    )

    def __init__(
        self,
        *,
        id: str,
        council: str,
        title: str,
        seed_file: str,
        seed_sha256: str,
        data_version: str,
        path: str,
        labels_note: str = "",
        date: str | None = None,
        date_note: str | None = None,
        council_note: str | None = None,
        roles: dict[str, Role] | None = None,
        seek_advice: tuple[str, ...] = (),  # the clauses that say whom to ask when the protocol is silent
        sections: dict[str, Section] | None = None,
        clauses: tuple[Clause, ...] = (),
    ) -> None:
        self.id = id
        self.council = council
        self.title = title
        self.seed_file = seed_file
        self.seed_sha256 = seed_sha256
        self.data_version = data_version
        self.path = path
        self.labels_note = labels_note
        self.date = date
        self.date_note = date_note
        self.council_note = council_note
        self.roles = roles or {}
        self.seek_advice = seek_advice
        self.sections = sections or {}
        self.clauses = clauses
        self._by_key = {label_key(c.label): c for c in clauses}

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


def unknown(what: str, given: str, valid: Iterable[str], *, where: str = "", ids: bool = False) -> str:
    """ "No clause '9.1.13' in thanet. Did you mean: thanet:9.1.3, ...?" — the nearest valid ids.

    `where` names the protocol the label was looked for in; with `ids` the suggestions are
    written as full ids (protocol:label) so they can be pasted back.
    """
    import difflib  # only on this error path

    valid = list(valid)
    near = difflib.get_close_matches(given, valid, n=3, cutoff=0.5)
    if ids:  # labels: also offer the ones that start with what was typed (9.1 -> 9.1.1 ...)
        key = label_key(given)
        for v in valid:
            if label_key(v).startswith(key) and v not in near and len(near) < 5:
                near.append(v)
    shown = [f"{where}:{v}" if ids and where else v for v in near]
    place = f" in {where}" if where else ""
    if shown:
        return f"No {what} '{given}'{place}. Did you mean: {', '.join(shown)}?"
    if len(valid) <= 8:
        return f"No {what} '{given}'{place}. Choose one of: {', '.join(valid)}."
    listing = {
        "scenario": "protocol scenarios list",
        "protocol": "protocol councils",
        "question": f"protocol scenarios show {where or 'SCENARIO'}",
    }.get(what, f"protocol clauses list {where or 'PROTOCOL'}")
    return f"No {what} '{given}'{place}. See them with: {listing}"
