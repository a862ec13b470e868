"""The reviewed, per-protocol facts behind data/clauses/*.toml (see build_clauses.py).

A clerk checking the data against a protocol reads this file: the council and document, the
roles table (the name each protocol gives each role), the lines left out as page furniture,
the label fixes and text corrections (each with its reason), and the kind of each clause where
the heuristic in build_clauses.guess_kind got it wrong.
"""

from __future__ import annotations

from build_clauses import Spec

SUB_LABELS = (
    "Printed paragraph numbers are kept as labels. A lettered, numbered or roman item keeps its "
    "printed marker in brackets after its paragraph, e.g. 8.1.7(a). Where the protocol prints no "
    "number we assign one (assigned = true): an unnumbered paragraph after paragraph N is N.p1, "
    "N.p2 ...; an unlettered bullet is N.b1, N.b2 ... (N being the last printed number, or the "
    "section heading's number); the bullet's `parent` names the paragraph that introduces it."
)

PROTOCOLS = [
    Spec(
        id="combined-authority",
        seed="000_7add9331a9edc470.txt",
        protocol={
            "council": "A mayoral combined authority",
            "council_note": "The text does not name the authority.",
            "title": "Part 5.3 - Member/Officer Relations Protocol",
            "seek_advice": ["13.2"],
        },
        roles={
            "monitoring_officer": {"name": "Monitoring Officer", "cite": "13.2"},
            "head_of_paid_service": {"name": "Head of Paid Service", "cite": "10.1"},
            "chief_executive": {"name": "Chief Executive", "cite": "9.3"},
            "finance_officer": {"name": "Chief Finance Officer", "cite": "7.1"},
            "group_leader": {"name": "leader of the relevant political group", "cite": "13.6"},
            "standards_committee": {"name": "Audit and Standards Committee", "cite": "13.6"},
            "manager": {"name": "officer's manager or the relevant senior officer", "cite": "13.4"},
            "committee_chair": {"name": "relevant Chair of the Committee", "cite": "7.9"},
        },
        uncited={
            "10.5(c)": (
                "A duty of the Head of Paid Service towards the Cabinet (raising when other "
                "committees should be informed, consulted or represented); it answers no question "
                "a member or officer brings."
            ),
        },
        title_lines=1,
        section_paragraphs=True,
        kinds={
            "0.1": "context",
            "6.1": "context",
            "10.1": "context",
            "10.2": "context",
            "10.5": "context",
            "13.1": "context",
            "13.5": "context",
            "0.4": "guidance",
            "10.5(a)": "guidance",
            "8.1": "rule",
            "8.1(a)": "rule",
            "8.1(b)": "rule",
            "8.1(c)": "rule",
            "8.1(d)": "rule",
            "8.1(e)": "rule",
            "8.1(f)": "rule",
            "9.4(a)": "rule",
            "9.4(c)": "rule",
            "9.8": "rule",
            "10.4": "rule",
            "10.6": "rule",
        },
        labels_note=(
            "The protocol numbers its sections but not its paragraphs, so every paragraph label is "
            "assigned: S.n is the n-th paragraph of section S (0.n before section 1). A lettered "
            "or numbered item keeps its printed marker in brackets after its paragraph, e.g. 9.4(e); "
            "an unlettered bullet is S.n.b1, S.n.b2 ..., its `parent` naming the paragraph."
        ),
    ),
    Spec(
        id="district-code",
        seed="001_9b001c75f7495e69.txt",
        protocol={
            "council": "A district council",
            "council_note": "The text does not name the council.",
            "title": "Code of Conduct for Member/Officer Relations",
            "seek_advice": ["11.4", "11.12", "16.8.p1", "8.3"],
            "seek_advice_note": "The code has no general 'seek advice' clause; these are the ones that "
            "name whom to ask in cases of doubt.",
        },
        roles={
            "monitoring_officer": {"name": "Monitoring Officer", "cite": "4.1(b)"},
            "head_of_paid_service": {"name": "Chief Executive", "cite": "3.2"},
            "director": {"name": "Strategic Director", "cite": "4.1(b)"},
            "executive_head": {"name": "Executive Head", "cite": "3.2"},
            "service_manager": {"name": "Service Manager", "cite": "8.2(c)"},
            "line_manager": {"name": "Line Manager", "cite": "4.1(b)"},
            "group_leader": {"name": "Group Leader", "cite": "6.2"},
            "standards_committee": {"name": "Standards Committee", "cite": "11.9"},
            "leader": {"name": "Leader of the Council", "cite": "7.2"},
            "communications": {"name": "Public Relations Officer", "cite": "12.1"},
            "chairman": {"name": "Chairman of the Council", "cite": "15.1"},
            "portfolio_holder": {"name": "Portfolio Holder", "cite": "15.2"},
        },
        uncited={
            "2.2(f)": (
                "Restates a Code of Conduct duty (not preventing anyone getting information they "
                "are entitled to by law); the protocol attaches no member/officer procedure to "
                "it."
            ),
        },
        title_lines=3,
        heading_re=r"^(\d+)\. (.+)$",
        section_notes={
            "10": "Heading as printed: the paragraphs under it are about information and "
            "confidentiality; ceremonial events are section 15 (also headed 'Ceremonial Events').",
            "11.1": "Printed like a numbered paragraph, but it is a heading; kept as a section.",
            "13.1": "Printed like a numbered paragraph, but it is a heading; kept as a section.",
        },
        kinds={
            "1.1(c)": "context",
            "1.1(d)": "context",
            "7.5": "context",
            "11.2": "context",
            "6.1": "guidance",
            "2.2": "rule",
            "2.2(a)": "rule",
            "2.2(b)": "rule",
            "2.2(c)": "rule",
            "2.2(d)": "rule",
            "2.2(e)": "rule",
            "2.2(g)": "rule",
            "4.1": "rule",
            "4.1(a)": "rule",
            "5.1": "rule",
            "7.3": "rule",
            "11.6.p1": "rule",
            "11.7": "rule",
            "11.8": "rule",
            "11.10": "rule",
            "12.2": "rule",
            "15.1": "rule",
            "15.2": "rule",
            "16.1": "rule",
            "16.4": "rule",
            "16.8.p1": "rule",
        },
        labels_note=SUB_LABELS,
    ),
    Spec(
        id="thanet",
        seed="002_9c7e43e0691d1f88.txt",
        protocol={
            "council": "Thanet District Council",
            "title": "Protocol on Member/Officer Relations",
            "seek_advice": ["2.3"],
            "date": "2016-02-25",
            "date_note": "adopted by Full Council on 25 February 2016 (4.3)",
        },
        roles={
            "monitoring_officer": {"name": "Monitoring Officer", "cite": "1.1.b8"},
            "head_of_paid_service": {"name": "Chief Executive", "cite": "11.2.p1"},
            "deputy_chief_executive": {"name": "Deputy Chief Executive", "cite": "11.2.p1"},
            "finance_officer": {"name": "Section 151 Officer", "cite": "8.1.5"},
            "corporate_director": {"name": "Corporate Director", "cite": "8.1.3"},
            "service_director": {"name": "Service Director", "cite": "11.2.p1"},
            "chief_officer": {"name": "Chief Officer", "cite": "1.1.b5"},
            "group_leader": {"name": "group leader", "cite": "11.1.p1"},
            "leader": {"name": "Leader of the Council", "cite": "8.1.3"},
            "standards_committee": {"name": "Standards Committee", "cite": "11.1.p1"},
            "communications": {"name": "Media and Communication Team", "cite": "10.1.1"},
        },
        uncited={
            "2.1.b3": (
                "One of the protocol's stated aims ('Avoid conflict'); the rules that serve it "
                "are cited instead."
            ),
        },
        title_lines=3,
        heading_re=r"^(\d+\.0) (.+)$",
        unnumbered_headings={"Introduction": "intro"},
        kinds={
            "1.1": "definition",
            "6.1.6": "context",
            "9.1.10": "context",
            "7.1.5": "guidance",
            "5.3": "rule",
            "6.1.1": "rule",
            "6.2.2": "rule",
            "8.3.2": "rule",
            "8.4.1": "rule",
            "8.4.1.b1": "rule",
            "8.4.1.b2": "rule",
            "8.4.1.b3": "rule",
            "8.4.3": "rule",
            "9.1.3": "rule",
            "9.1.8": "rule",
            "9.1.11": "rule",
            "9.2.5": "rule",
            "9.2.13": "rule",
            "9.3.2": "rule",
            "9.3.2.p1": "rule",
            "9.3.4": "rule",
            "10.1.1": "rule",
            "10.1.1.b1": "rule",
            "10.1.1.b2": "rule",
            "10.1.3": "rule",
            "10.2.3": "rule",
        },
        labels_note=SUB_LABELS,
    ),
    Spec(
        id="rutland",
        seed="003_642821e2e271e70e.txt",
        protocol={
            "council": "Rutland County Council",
            "title": "Protocol for Member and Officer Relations",
            "seek_advice": ["3.4", "7.1.p3"],
        },
        roles={
            "manager": {"name": "managers", "cite": "13.1.b9"},
            "monitoring_officer": {"name": "Strategic Director for Law & Governance", "cite": "3.4"},
            "head_of_paid_service": {"name": "Chief Executive", "cite": "11.1"},
            "director": {"name": "Director", "cite": "13.1.b1"},
            "head_of_service": {"name": "Head of Service", "cite": "13.1.b6"},
        },
        title_lines=7,
        notes={
            "3.3": "Numbered 3.3 as printed, though it sits in section 2 (the protocol has no section 3).",
            "3.4": "Numbered 3.4 as printed, though it sits in section 2 (the protocol has no section 3).",
        },
        furniture=[
            "CONTENTS",
            "1. Purpose.....\t1",
            "2. Overview of Member & Officer Relations\t1",
            "4. Member and Officer Roles\t2",
            "5. Statutory officers.....\t3",
            "6. Personal Conduct and Behaviour\t3",
            "7. Political Neutrality\t4",
            "8. Support to Political Groups\t4",
            "9. Members' ward work\t6",
            "10. Personal Relationships & Privacy\t6",
            "11. The Employment of Officers\t7",
            "12. Members' Rights of Access to Information & Confidentiality\t7",
            "13. Dispute Resolution\t8",
            "14. Reporting Wrongdoing\t8",
            "15. Further Information.....\t8",
        ],
        kinds={
            "1.1": "context",
            "4.1.p1": "context",
            "6.1": "context",
            "6.1.p1": "context",
            "7.1.p1": "context",
            "7.1.p2": "context",
            "8.7.p1": "context",
            "8.7.p2": "context",
            "9.2.p1": "context",
            "9.2.p2": "context",
            "11.1.p1": "context",
            "12.1.p1": "context",
            "13.1.p1": "context",
            "13.1.p2": "context",
            "6.1.b7": "guidance",
            "6.1.b1": "rule",
            "8.7": "rule",
            "9.2.b5": "rule",
            "11.1": "rule",
        },
        labels_note=SUB_LABELS,
    ),
    Spec(
        id="epsom-ewell",
        seed="004_0739291e76a941b3.txt",
        protocol={
            "council": "Epsom & Ewell Borough Council",
            "title": "Annex 2.4 - Protocol for Managing Councillor / Officer Relations",
            "seek_advice": ["1.9", "5.12"],
            "date": "2023",
            "date_note": "Council Operating Framework 2023; the 'Date of issue' line shows "
            "12/12/2023 and 04/05/2023, both struck through",
        },
        roles={
            "monitoring_officer": {"name": "Monitoring Officer", "cite": "1.9"},
            "head_of_paid_service": {"name": "Chief Executive", "cite": "5.3"},
            "group_leader": {"name": "Group Chair / Leader", "cite": "1.9"},
            "head_of_service": {"name": "Head of Service", "cite": "3.2"},
            "senior_management": {"name": "Corporate Management Team", "cite": "3.3"},
            "line_manager": {"name": "line manager", "cite": "5.12"},
            "committee_chair": {"name": "Committee Chair", "cite": "8.2"},
            "communications": {"name": "Communications Team", "cite": "8.1"},
        },
        uncited={
            "5.4(ii)": (
                "A general expectation (effective and efficient performance of duties) that "
                "decides no particular question."
            ),
            "5.4(iii)": (
                "A general expectation (working to Service Delivery Plans) that decides no "
                "particular question."
            ),
            "5.4(xii)": (
                "Points to the Officers' Code of Conduct, which, not this protocol, answers the "
                "questions it covers."
            ),
            "5.5(ix)": (
                "Points to the Members' Code of Conduct, which, not this protocol, answers the "
                "questions it covers."
            ),
        },
        title_lines=3,
        heading_re=r"^(\d+) (.+)$",
        furniture=[
            "---",
            "Annex 2.4 – Protocol for Managing Councillor / Officer Relations",
            "Date of issue: ~~12/12/2023~~ ~~04/05/2023~~",
        ],
        label_fixes={
            "3.3.5": ("3.5", "printed as 3.3.5: tracked-change residue of renumbering 3.3 to 3.5"),
            "3.4.3.6": ("3.6", "printed as 3.4.3.6: tracked-change residue of renumbering 3.4 to 3.6"),
            "3.5.3.7": ("3.7", "printed as 3.5.3.7: tracked-change residue of renumbering 3.5 to 3.7"),
        },
        corrections=[
            ("[s/hethey](#)", "they", "tracked-change residue: 's/he' was replaced by 'they' (twice)"),
            ("formal ~~or informal~~ complaint", "formal complaint", "'or informal' is struck through"),
            (
                "~~he or she~~they ~~has~~ves not",
                "they have not",
                "tracked changes: 'he or she' replaced by 'they', 'has' by 'have'",
            ),
            ("~~he or she~~they should", "they should", "tracked change: 'he or she' replaced by 'they'"),
            (
                "the ~~Monitoring Officer~~Chief Executive",
                "the Chief Executive",
                "tracked change: 'Monitoring Officer' replaced by 'Chief Executive' (twice)",
            ),
        ],
        kinds={
            "1.5": "context",
            "1.6": "context",
            "1.7": "context",
            "2.2.b1": "context",
            "6.3": "context",
            "4.6": "rule",
            "8.1": "rule",
            "8.5": "rule",
        },
        labels_note=SUB_LABELS,
    ),
]
