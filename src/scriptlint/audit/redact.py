"""`--redact`: email addresses and phone numbers hidden before anything is rendered.

One `Redactor` per output: senders get a stable masked label within it, so a manager can still tell
the rows apart without seeing who they are.
"""

from __future__ import annotations

from scriptlint.text.lexicon import EMAIL_ADDRESS, PHONE_LIKE

CUT_LOOKAROUND = 80
"""How far either side of a cut to look for an address or number it would split."""


def safe_cut(text: str, position: int) -> int:
    """`position`, moved back to the start of an email address or phone-like number it falls inside.

    Excerpts are cut before they are redacted; a cut through `priya.sharma@acme.com` would leave
    `priya.sharm…`, which no pattern recognises as an address any more. Cutting before the whole
    address keeps it out of the excerpt, or, for a window's start, keeps it whole so it is redacted.
    """
    lo = max(0, position - CUT_LOOKAROUND)
    window = text[lo : position + CUT_LOOKAROUND]
    for pattern in (EMAIL_ADDRESS, PHONE_LIKE):
        for m in pattern.finditer(window):
            if lo + m.start() < position < lo + m.end():
                position = lo + m.start()
    return position


class Redactor:
    """Hides email addresses and phone numbers; senders get a stable masked label (`s•••@acme.com`)."""

    def __init__(self, enabled: bool = False):
        self.enabled = enabled
        self._labels: dict[str, str] = {}
        self._used: set[str] = set()

    def text(self, value: str | None) -> str:
        if not value:
            return value or ""
        if not self.enabled:
            return value
        value = EMAIL_ADDRESS.sub("[email]", value)
        return PHONE_LIKE.sub(
            lambda m: "[phone]" if 9 <= sum(c.isdigit() for c in m.group()) <= 15 else m.group(), value
        )

    def sender(self, value: str | None) -> str:
        value = value or "(unknown sender)"
        if not self.enabled:
            return value
        if value not in self._labels:
            local, at, domain = value.partition("@")
            label = f"{local[:1]}•••@{domain}" if at else f"{value[:1]}•••"
            base, n = label, 2
            while label in self._used:
                label, n = f"{base} ({n})", n + 1
            self._used.add(label)
            self._labels[value] = label
        return self._labels[value]
