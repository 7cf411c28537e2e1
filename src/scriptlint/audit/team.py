"""Who is the team: `--only-from` names it; everyone else's mail is received mail.

Used on both sides of an audit: the workers lint only the team's messages (received mail is kept as
a small record, never linted), and the aggregates use it to tell a reply from another touch.
"""

from __future__ import annotations

from typing import Iterable

INBOUND = frozenset({"in", "inbound", "incoming", "received", "receive", "reply", "replied", "from_contact"})
OUTBOUND = frozenset({"out", "outbound", "outgoing", "sent", "send", "to_contact"})


def team_of(only_from: Iterable[str] | None) -> tuple[str, ...]:
    """The `--only-from` values, lowercased; empty means "every sender is the team"."""
    return tuple(o.strip().lower() for o in only_from or () if o.strip())


def sender_matches(sender: str | None, only: tuple[str, ...]) -> bool:
    """An address or a domain (`acme.com` also covers `eu.acme.com`); no team given matches everyone."""
    if not only:
        return True
    value = (sender or "").lower()
    return any(value == o or value.endswith("@" + o.lstrip("@")) or value.endswith("." + o.lstrip("@")) for o in only)


def direction_of(value: str | None) -> str | None:
    """A CRM export's direction column as "in" or "out" (None when absent or not understood)."""
    if not value:
        return None
    word = value.strip().lower().replace(" ", "_").replace("-", "_")
    if word in INBOUND:
        return "in"
    if word in OUTBOUND:
        return "out"
    return None


def is_team(sender: str | None, direction: str | None, only: tuple[str, ...]) -> bool:
    """A message the team sent: an inbound row never is, whoever the export names as its sender."""
    if direction == "in":
        return False
    return sender_matches(sender, only)
