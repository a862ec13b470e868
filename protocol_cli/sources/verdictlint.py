"""What a rule's verdict word means, checked against the rule's own words (for `protocol data check`).

The six verdict words are a contract (README, "Scenario data"): `allowed` (permitted as
described), `not-allowed`, `conditional` (permitted only if something the asker cannot settle
now holds), `required` (a duty on the asker), `refer` (someone else decides or handles it) and
`not-covered` (the protocol has no text on it). These lints find rules whose words say something
else. Each returns problems as (rule, lint id, message); `datacheck` adds file and line, and
turns a problem a reviewer acknowledged in the rule's `reviewed` table into a reviewed finding.

Pure: no I/O. The measures and thresholds were tried on the bundled data (see each constant).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable

from protocol_cli.deciding.engine import YES_NO, Rule, Scenario, Table
from protocol_cli.deciding.model import Protocol
from protocol_cli.deciding.search import STOPWORDS, WORD_RE, Hit, parse_query, search, stem

LINTS = (
    "answer-opener",
    "condition-is-a-question",
    "refer-route",
    "required-says-what",
    "contradicts-clause",
    "not-covered-search",
)

# How each verdict's answer may begin: the answer says the verdict in its first words, so a
# reader who stops there is not misled. An answer is right if it begins with one of OPENERS
# (when the verdict has any) and with none of NEVER. "Yes, if" on an `allowed` answer hides a
# condition; a `refer` answer begins by naming who decides or handles it, never with Yes or No.
OPENERS: dict[str, tuple[str, ...]] = {
    "allowed": ("Yes",),
    "not-allowed": ("No",),
    "conditional": ("Only if", "Yes, if", "Yes, provided"),
    "required": ("Yes", "You must", "You should", "You need to"),
    "not-covered": ("The protocol does not say", "The code does not say"),
}
NEVER: dict[str, tuple[str, ...]] = {
    "allowed": ("Only if", "Yes, if", "Yes, provided"),
    "refer": ("Yes", "No"),
}

# condition-is-a-question: a condition is compared with each question's prompt and each option
# label of the scenario, as content words (stemmed, stop words left out) weighted by how rare
# each word is in the protocols' clauses (so "member", "officer" and "council" count for little).
# Likeness is the weighted Dice overlap. On the bundled data, 0.4 with at least two shared words
# found the conditions that restate a question (or an answer the rule's `when` already settles)
# and few others; one shared word matched short prompts by chance ("Who would receive it?").
ALIKE = 0.4
MIN_SHARED = 2

# contradicts-clause: explicit permission and prohibition words in the deciding (first) cited
# clause. "may"/"can" count only as a permission given to someone: not after "it", "there",
# "which"..., not in "may not", and not before a verb that is no act permitted ("may be", "may
# need", "may hold", "can vary"). A clause that limits ("Only a Chief Officer ... shall be
# entitled") grants nothing to the asker, so a permission after "only" in its sentence is left
# out. "shall not prevent" and "should not feel" forbid nothing.
_NOT_AN_ACT = r"(?:be|been|have|need|needs|hold|get|receive|make|wish|feel|vary|well|therefore|only)"
PERMISSION = re.compile(
    r"(?<!\bit\s)(?<!\bthere\s)(?<!\bwhich\s)(?<!\bthis\s)(?<!\bthat\s)(?<!\bwho\s)(?<!\bwhat\s)"
    r"\b(?:may|can|(?:is|are|be|shall\s+be)\s+entitled\s+to|(?:is|are)\s+permitted\s+to"
    r"|(?:is|are)\s+free\s+to|(?:is|are)\s+allowed\s+to)\b"
    r"(?!\s+not\b)(?!\s+(?:\w+ly\s+|however\s+|also\s+)?" + _NOT_AN_ACT + r"\b)",
    re.I,
)
PROHIBITION = re.compile(
    r"\b(?:must\s+not|mustn't|should\s+not|shouldn't|shall\s+not|may\s+not|cannot|can\s+not|can't"
    r"|(?:is|are)\s+not\s+(?:permitted|allowed|entitled)\s+to|not\s+be\s+(?:permitted|allowed)"
    r"|prohibited|forbidden|never)\b"
    r"(?!\s+(?:prevent|feel|affect|apply|inhibit|mean)\b)",
    re.I,
)
_LIMITED = re.compile(r"\bonly\b[^.;]*$", re.I)  # "only" earlier in the same sentence

SEARCH_HITS = 5  # clauses listed for each not-covered rule


Problem = tuple[Rule, str, str]  # (rule, lint id, message)


# --- answer-opener ----------------------------------------------------------------------------


def _begins(answer: str, opener: str) -> bool:
    """The answer begins with the opener as whole words ("No" is not the start of "Not")."""
    if not answer.startswith(opener):
        return False
    rest = answer[len(opener) :]
    return not rest or not rest[0].isalnum()


def answer_opener(rule: Rule) -> str | None:
    verdict, answer = rule.outcome.verdict, rule.outcome.answer
    wanted = OPENERS.get(verdict, ())
    begun = " ".join(answer.split()[:4])
    shown = f'"{begun}…"' if len(begun) < len(answer) else f'"{begun}"'
    if wanted and not any(_begins(answer, o) for o in wanted):
        return f"a {verdict} answer begins {_either(wanted)}: it begins {shown}"
    bad = next((o for o in NEVER.get(verdict, ()) if _begins(answer, o)), None)
    if bad is not None:
        if verdict == "refer":
            return f'a refer answer never begins "Yes" or "No" (it names who decides): it begins {shown}'
        return f'a {verdict} answer does not begin "{bad}" (that makes it conditional): it begins {shown}'
    return None


def _either(openers: tuple[str, ...]) -> str:
    quoted = [f'"{o}"' for o in openers]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


# --- condition-is-a-question --------------------------------------------------------------------


def content_stems(text: str) -> frozenset[str]:
    return frozenset(stem(m.group()) for m in WORD_RE.finditer(text) if m.group().lower() not in STOPWORDS)


Weights = Callable[[str], float]


def rarity(protocols: Iterable[Protocol]) -> Weights:
    """Each word stem's weight: its inverse document frequency over the protocols' clauses (BM25's)."""
    docs = [content_stems(c.text) for p in protocols for c in p.clauses]
    df = Counter(s for d in docs for s in d)
    n = len(docs)

    def weight(s: str) -> float:
        return math.log(1 + (n - df[s] + 0.5) / (df[s] + 0.5))

    return weight


def likeness(a: frozenset[str], b: frozenset[str], weight: Weights) -> float:
    total = sum(map(weight, a)) + sum(map(weight, b))
    return 2 * sum(map(weight, a & b)) / total if total else 0.0


def _question_texts(scenario: Scenario) -> list[tuple[str, str]]:
    """(question id, text) for each prompt and each option label a person might restate."""
    yes_no = {v for v, _ in YES_NO}
    out = []
    for q in scenario.questions:
        out.append((q.id, q.prompt))
        out += [(q.id, o.label) for o in q.options if o.value not in yes_no]
    return out


def condition_is_a_question(scenario: Scenario, rule: Rule, weight: Weights) -> list[str]:
    if rule.outcome.verdict != "conditional":
        return []
    texts = [(qid, text, content_stems(text)) for qid, text in _question_texts(scenario)]
    found = []
    for condition in rule.outcome.conditions:
        words = content_stems(condition)
        alike = [(likeness(words, s, weight), qid, t) for qid, t, s in texts if len(words & s) >= MIN_SHARED]
        best = max(alike, default=None)
        if best is None or best[0] < ALIKE:
            continue
        score, qid, text = best
        if qid in rule.when:
            advice = (
                f"this rule's `when` already settles question '{qid}', so the condition is settled: "
                "give the verdict it leads to"
            )
        else:
            advice = (
                f"the asker knows that fact: use question '{qid}' in `when` and give each answer its "
                "settled verdict"
            )
        found.append(
            f'the condition "{_short(condition)}" is what question \'{qid}\' asks ("{_short(text)}", '
            f"{score:.0%} alike); {advice}"
        )
    return found


def _short(text: str, limit: int = 90) -> str:
    """The first words of `text` up to `limit` characters, then "…" (a word is never cut)."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# --- refer-route and required-says-what ------------------------------------------------------------


_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z])")


def _name_parts(name: str) -> list[str]:
    """A role's name and its alternatives ("Group Chair / Leader": "Group Chair", "Leader")."""
    parts = re.split(r"\s*/\s*|\s+or\s+", name)
    return [name, *(re.sub(r"^(?:the|a|an)\s+", "", p, flags=re.I) for p in parts if p.strip())]


def refer_route(rule: Rule, protocol: Protocol) -> str | None:
    """A refer answer's first sentence names who decides or handles it (a route role).

    The route itself is required when the scenario loads (scenarios._rule); this checks the
    words say it too, since the answer is what a person reads first.
    """
    outcome = rule.outcome
    if outcome.verdict != "refer" or not outcome.route:
        return None
    first = _SENTENCE_END.split(outcome.answer, maxsplit=1)[0]
    names = [protocol.roles[k].name for k in outcome.route if k in protocol.roles]
    if not names or any(part.lower() in first.lower() for name in names for part in _name_parts(name)):
        return None
    return (
        f"a refer answer begins by naming who decides or handles it (route: {', '.join(names)}); "
        f'its first sentence, "{_short(first, 70)}", names none of them'
    )


def required_says_what(rule: Rule) -> str | None:
    outcome = rule.outcome
    if outcome.verdict != "required" or outcome.contacts or outcome.steps:
        return None
    return "a required answer says to whom (`contacts`, role keys) or what to do (`steps`): it has neither"


# --- contradicts-clause ---------------------------------------------------------------------------


def contradicts_clause(rule: Rule, protocol: Protocol) -> str | None:
    """The deciding (first) cited clause grants what a not-allowed verdict denies, or the reverse."""
    verdict = rule.outcome.verdict
    if verdict not in ("allowed", "not-allowed") or not rule.outcome.cite:
        return None
    clause = protocol.clause(rule.outcome.cite[0])
    if clause is None:
        return None
    text = " ".join(clause.text.split())
    if verdict == "not-allowed":
        hits = [m for m in PERMISSION.finditer(text) if not _LIMITED.search(text[: m.start()])]
        kind = "a permission"
    else:
        hits = list(PROHIBITION.finditer(text))
        kind = "a prohibition"
    if not hits:
        return None
    m = hits[0]
    start, end = max(0, m.start() - 45), min(len(text), m.end() + 45)
    if start:  # (whole words only: from the start of the word after the cut)
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = max(m.end(), text.rfind(" ", 0, end))
    quote = ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
    return (
        f'its deciding clause {clause.label} says "{quote}" ({kind}), but the verdict is {verdict}: '
        "check the verdict against the text, or cite first the clause that decides"
    )


# --- not-covered-search ---------------------------------------------------------------------------


def search_words(scenario: Scenario, rule: Rule) -> list[str]:
    """The scenario's words for clause search: its title and aliases (how people name the topic),
    and, for a rule reached by answers, those answers (the chosen options' labels, or the prompt
    of a yes/no question). Stop words are left out; each word once, in order."""
    texts = [scenario.title, *scenario.aliases]
    yes_no = {v for v, _ in YES_NO}
    for qid, values in rule.when.items():
        question = scenario.question(qid)
        if question is None:
            continue
        if set(question.values) <= yes_no:
            texts.append(question.prompt)
        else:
            texts += [question.label_of(v) for v in question.values if v in values]
    words: dict[str, None] = {}
    for text in texts:
        for m in WORD_RE.finditer(text):
            if m.group().lower() not in STOPWORDS:
                words.setdefault(m.group().lower(), None)
    return list(words)


def not_covered_search(scenario: Scenario, rule: Rule, protocol: Protocol) -> tuple[list[str], list[Hit]]:
    """What clause search finds in the protocol for the scenario's words (best first, any word
    matching), leaving out the "seek advice" clauses a not-covered answer cites anyway."""
    words = search_words(scenario, rule)
    advice = set(protocol.seek_advice)
    clauses = [c for c in protocol.clauses if c.label not in advice]
    return words, search(clauses, parse_query(words), require_all=False)[:SEARCH_HITS]


# --- a whole table --------------------------------------------------------------------------------


def lint_table(scenario: Scenario, table: Table, protocol: Protocol, weight: Weights) -> list[Problem]:
    """Every problem the verdict lints find in one protocol's rule table, in rule order."""
    problems: list[Problem] = []
    for rule in table.rules:
        message = answer_opener(rule)
        if message:
            problems.append((rule, "answer-opener", message))
        for message in condition_is_a_question(scenario, rule, weight):
            problems.append((rule, "condition-is-a-question", message))
        message = refer_route(rule, protocol)
        if message:
            problems.append((rule, "refer-route", message))
        message = required_says_what(rule)
        if message:
            problems.append((rule, "required-says-what", message))
        message = contradicts_clause(rule, protocol)
        if message:
            problems.append((rule, "contradicts-clause", message))
        if rule.outcome.verdict == "not-covered" and not rule.outcome.why_not_covered:
            words, hits = not_covered_search(scenario, rule, protocol)
            found = ", ".join(h.clause.label for h in hits) or "nothing"
            problems.append(
                (
                    rule,
                    "not-covered-search",
                    f"a not-covered rule says why none of what clause search finds answers the question "
                    f'(why_not_covered = """..."""); search for "{" ".join(words)}" finds {found}',
                )
            )
    return problems
