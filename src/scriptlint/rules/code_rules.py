"""Rules whose mechanism is code, not a phrase list: their docs are data here, their logic in detect/.

SL901 is the purpose classifier's finding (detect/hybrid.py); SL990 carries a team's own
`extra_phrases` (detect/phrases.py). The message checks SL951-SL953 are TOML in data/.
"""

from __future__ import annotations

from scriptlint.rules.rule import Rule

CODE_RULES: list[Rule] = [
    Rule(
        code="SL901",
        name="purposeless-sentence",
        category="purposeless",
        severity="warning",
        message="This sentence asks for attention without giving a reason or anything of value.",
        why=(
            "No phrase list can name every way of saying 'nothing new, just here again'. The purpose "
            "classifier reads the whole sentence and flags contact for its own sake even without a "
            "classic keyword ('Anything new on your end?', 'Wanted to pop back into your inbox'). To "
            "the reader these are the same as checking in: an interruption that moves nothing forward."
        ),
        example="Anything new on your end?",
        better="Your Q3 churn review is on Thursday: here are the two retention figures from our pilot you can bring to it.",
        tactics=("state-purpose", "share-insight", "agreed-timeline"),
        scope="span",
        origin="classifier",
    ),
]


TEAM_RULE = Rule(
    code="SL990",
    name="team-phrase",
    category="purposeless",
    severity="warning",
    message="Your team's style guide lists this phrase as contact without purpose.",
    why=(
        "Your team added this phrase in its scriptlint configuration (`extra_phrases`): it has seen it "
        "cost replies. Like checking in, it asks for the reader's attention without giving a reason."
    ),
    example="(a phrase from your team's configuration)",
    better="Lead with the reason for the contact and one thing of value to the reader.",
    tactics=("state-purpose", "share-insight"),
    origin="config",
)
