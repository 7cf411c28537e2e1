"""The tactics catalogue is complete, renders cleanly with or without slots, and is our own words."""

from __future__ import annotations

import re
import string
from importlib import resources
from pathlib import Path

import pytest
import tomllib

from scriptlint.rules import builtin_rules
from scriptlint.suggest.tactics import TACTIC_IDS, catalogue, render

# /work/shared/seeds next to the repository (repo = parents[2]).
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
TACTICS = catalogue().tactics
FULL_SLOTS = {
    "first_name": "Dana",
    "company": "Acme",
    "topic": "the proposal for the CRM migration",
    "last_meeting": "our call on Tuesday",
    "agreed_date": "the 14th",
    "weekday": "Thursday",
    "contact_verb": "calling",
    "contact_noun": "call",
    "object": "the quote for the 12 forklifts",
    "short": "the quote",
    "last_meeting_short": "our call",
}


def all_renderings() -> list[tuple[str, str]]:
    out = []
    for tactic in TACTICS.values():
        for template in [*tactic.templates, tactic.say, tactic.bare, tactic.ask]:
            if template:
                out.append((tactic.id, render(template, {})))
                out.append((tactic.id, render(template, FULL_SLOTS)))
    for key, template in catalogue().compose.items():
        out.append((key, render(template, {})))
        out.append((key, render(template, FULL_SLOTS)))
    return out


def test_catalogue_defines_exactly_the_fixed_ids():
    raw = tomllib.loads((resources.files("scriptlint.suggest") / "tactics.toml").read_text(encoding="utf-8"))
    assert [t["id"] for t in raw["tactics"]] == list(TACTIC_IDS)


@pytest.mark.parametrize("tactic", TACTICS.values(), ids=lambda t: t.id)
def test_tactic_is_documented_and_cites_a_seed(tactic):
    assert tactic.title and len(tactic.title.split()) <= 7
    assert len(tactic.why.split()) >= 30
    assert tactic.sources and all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", s) for s in tactic.sources)
    if SEEDS.is_dir():
        assert all((SEEDS / s).is_file() for s in tactic.sources)
    assert tactic.situations and all(0 < w <= 1 for w in tactic.situations.values())
    if tactic.deletes:
        # `cut` removes the flagged line: no template, its suggestion's rewrite is "".
        assert not tactic.templates and not tactic.say and not tactic.ask
        return
    assert len(tactic.templates) >= 3
    # The minimal edit: a statement keeping the author's object, one without it, at most one question.
    assert "{object}" in tactic.say and "{object}" not in tactic.bare
    assert tactic.ask.count("?") <= 1 and tactic.say.count("?") <= 1


def test_cut_cites_the_article_that_every_contact_must_carry_value():
    cut = TACTICS["cut"]
    assert cut.deletes and cut.sources[0].startswith("003_")
    assert "value" in cut.why.lower() or "something they did not have" in cut.why


def test_every_situation_has_a_best_tactic():
    from scriptlint.detect.reading import cue_data

    for situation in cue_data()["situations"]:
        assert max(t.situations.get(situation, 0) for t in TACTICS.values()) == 1.0, situation


@pytest.mark.parametrize("tactic_id, text", all_renderings())
def test_renderings_read_cleanly(tactic_id, text):
    assert "{" not in text and "}" not in text
    assert text[0].isupper() or text[0] == "["
    # Placeholders are flat ("[first name]"), never nested inside another placeholder.
    depth = 0
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        assert 0 <= depth <= 1, text
    assert depth == 0


def test_unknown_slots_fall_back_to_placeholders():
    template = next(t for t in TACTICS["agreed-timeline"].templates if "{last_meeting}" in t)
    text = render(template, {})
    assert "[our last conversation]" in text and "[the date you agreed]" in text and "[day]" in text
    filled = render(template, FULL_SLOTS)
    assert "our call on Tuesday" in filled and "the 14th" in filled and "[" in filled  # [time] stays for the writer


def test_templates_only_use_declared_slots():
    declared = set(catalogue().defaults)
    for tactic in TACTICS.values():
        for template in tactic.templates:
            assert {f for _, f, _, _ in string.Formatter().parse(template) if f} <= declared


def test_rules_name_only_catalogue_tactics():
    for rule in builtin_rules():
        assert set(rule.tactics) <= set(TACTIC_IDS), rule.code


# --- our own words ---------------------------------------------------------------------------------

N = 8


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def _ngrams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + N]) for i in range(len(words) - N + 1)}


def _our_texts() -> list[str]:
    texts = [text for _, text in all_renderings()]
    texts += [t.why for t in TACTICS.values()] + [t.title for t in TACTICS.values()]
    for rule in builtin_rules():
        if rule.scope == "message":
            texts += [rule.message, rule.why, rule.example, rule.better, *rule.must_match, *rule.must_not_match]
    return texts


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present next to the repo")
def test_no_suggestion_shares_eight_consecutive_words_with_a_seed_article():
    seed_grams: dict[tuple[str, ...], str] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for gram in _ngrams(_words(path.read_text(encoding="utf-8", errors="replace"))):
            seed_grams.setdefault(gram, path.name)
    assert seed_grams, "no seed text read"
    for text in _our_texts():
        shared = _ngrams(_words(text)) & seed_grams.keys()
        assert not shared, f"{' '.join(sorted(shared)[0])!r} also in {seed_grams[sorted(shared)[0]]}"


def test_the_overlap_check_would_catch_a_copied_sentence():
    sentence = "Great sales individuals always have a purpose for what they do."
    assert len(_ngrams(_words(sentence))) == len(_words(sentence)) - N + 1 > 0
