"""Evaluation of three detectors (keyword rules, classifier, hybrid) at three levels.

Levels: sentence (gold sentences; a prediction overlapping a sentence flags it), span (gold
offending-word spans vs predicted spans, by overlap) and message (the message verdict). The
positive class is always `purposeless`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from spacy.language import Language

from scriptlint.detect.hybrid import CLASSIFIER_RULE, message_verdict
from scriptlint.engine import analyse
from scriptlint.text.quotes import find_unanalysed
from scriptlint.training.corpus import Example

SYSTEMS = ("keyword", "classifier", "hybrid")
LEVELS = ("sentence", "span", "message")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _overlaps(a: tuple[int, int], regions: Iterable[tuple[int, int]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in regions)


@dataclass
class Report:
    counts: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: {(s, level): Counts() for s in SYSTEMS for level in LEVELS}
    )
    trigger_purposeful: int = 0
    trigger_purposeful_flagged: int = 0
    sentences: int = 0
    messages: int = 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {s: {level: self.counts[(s, level)].scores() for level in LEVELS} for s in SYSTEMS}
        out["purposeful_with_trigger"] = {
            "sentences": self.trigger_purposeful,
            "flagged_by_hybrid": self.trigger_purposeful_flagged,
            "rate": round(self.trigger_purposeful_flagged / self.trigger_purposeful, 4)
            if self.trigger_purposeful
            else 0.0,
        }
        out["size"] = {"sentences": self.sentences, "messages": self.messages}
        return out


def evaluate(nlp: Language, examples: Iterable[Example]) -> Report:
    report = Report()
    c = report.counts
    for ex in examples:
        analysis = analyse(nlp, ex.text, find_unanalysed(ex.text))
        phrase_hits = [(h.start, h.end) for h in analysis.spans + analysis.suppressed if h.rule != CLASSIFIER_RULE]
        hybrid = [(h.start, h.end) for h in analysis.spans]
        classifier = [(r.start, r.end) for r in analysis.sentences if r.label == "purposeless"]
        predicted = {"keyword": phrase_hits, "classifier": classifier, "hybrid": hybrid}
        gold_spans = [sp for s in ex.sentences for sp in s.spans]
        for sent in ex.sentences:
            report.sentences += 1
            bounds = (sent.start, sent.end)
            gold = sent.label == "purposeless"
            for system, regions in predicted.items():
                c[(system, "sentence")].add(gold, _overlaps(bounds, regions))
            if sent.label == "purposeful" and _overlaps(bounds, phrase_hits):
                report.trigger_purposeful += 1
                report.trigger_purposeful_flagged += _overlaps(bounds, hybrid)
        for system, regions in predicted.items():
            counts = c[(system, "span")]
            for region in regions:
                if _overlaps(region, gold_spans):
                    counts.tp += 1
                else:
                    counts.fp += 1
            counts.fn += sum(1 for g in gold_spans if not _overlaps(g, regions))
        if ex.kind == "message":
            report.messages += 1
            gold = ex.label == "purposeless"
            labels = [r.label for r in analysis.sentences]
            c[("keyword", "message")].add(gold, bool(phrase_hits))
            c[("classifier", "message")].add(gold, "purposeful" not in labels and "purposeless" in labels)
            c[("hybrid", "message")].add(gold, message_verdict(analysis.sentences, len(hybrid))[0])
    return report


def render_table(results: dict[str, Any]) -> str:
    lines = [f"{'system':<11} {'level':<9} {'P':>6} {'R':>6} {'F1':>6}   (tp/fp/fn)"]
    for system in SYSTEMS:
        for level in LEVELS:
            s = results[system][level]
            lines.append(
                f"{system:<11} {level:<9} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}   ({s['tp']}/{s['fp']}/{s['fn']})"
            )
    t = results["purposeful_with_trigger"]
    lines.append(
        f"purposeful sentences with a trigger word flagged by the hybrid: {t['flagged_by_hybrid']}/{t['sentences']} ({t['rate']:.1%})"
    )
    lines.append(f"size: {results['size']['sentences']} sentences, {results['size']['messages']} messages")
    return "\n".join(lines)
