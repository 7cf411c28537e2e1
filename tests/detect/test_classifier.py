"""The shipped classifier: numpy inference equals scikit-learn, integrity checks, reproducible training."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from scriptlint.detect.classifier import (
    FEATURE_VERSION,
    MANIFEST_FILE,
    MODEL_FILE,
    default_model_dir,
    features,
    load_model,
    save_arrays,
    sha256_file,
)
from scriptlint.errors import ModelError
from scriptlint.training import corpus
from scriptlint.training import train as training

SENTENCES = [
    "Just checking in!",
    "Following up on your SOC 2 question: the audit report is attached.",
    "Hope you had a great weekend.",
    "Anything new on your end?",
    "Your fleet's fuel spend dropped 11% in the pilot; the breakdown by depot is in tab 2.",
]


@pytest.fixture(scope="module")
def small_pipe():
    examples = corpus.load_examples(splits=["train"])[:300]
    texts, labels = corpus.sentence_rows(examples)
    return training._fit(texts, labels, C=3.0)


def test_numpy_inference_matches_scikit_learn(small_pipe):
    model = training.export(small_pipe, {"feature_version": FEATURE_VERSION})
    ours = model.predict_proba(SENTENCES)
    theirs = small_pipe.predict_proba(SENTENCES)
    order = [list(small_pipe.classes_).index(c) for c in model.classes]
    np.testing.assert_allclose(ours, theirs[:, order], atol=1e-9)


def test_features_mark_concrete_content():
    feats = set(features("Can we meet Thursday at 10:30? The deck is attached, it saves $4k a month."))
    assert {"#cue:weekday", "#cue:time", "#cue:attach", "#cue:money"} <= feats
    assert "#cue:money" not in set(features("Anything new on your end?"))


def test_features_read_subject_lines_and_merge_fields():
    feats = set(features("Subject: Checking in - {{company}}"))
    assert {"#subject", "#cue:slot"} <= feats and "w:subject" not in feats
    assert "#cue:phone" in set(features("Call me back at 555-0162."))
    assert "#list" in set(features("I'm happy to:\n- adjust the scope\n- send references"))


def test_shipped_model_classifies_clear_cases():
    model = load_model()
    probs = model.predict_proba(
        [
            "Just checking in to see if you had any thoughts?",
            "The signed SOW is attached; kickoff is Monday 9 March at 10:00.",
        ]
    )
    labels = [model.classes[i] for i in probs.argmax(axis=1)]
    assert labels == ["purposeless", "purposeful"]


def copy_model(tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(default_model_dir(), folder, ignore=shutil.ignore_patterns(".gitkeep"))
    return folder


def test_a_tampered_model_is_refused(tmp_path):
    folder = copy_model(tmp_path)
    with (folder / MODEL_FILE).open("ab") as fh:
        fh.write(b"\x00")
    load_model.cache_clear()
    with pytest.raises(ModelError, match="does not match the manifest"):
        load_model(str(folder))


def test_a_model_from_another_scikit_learn_warns(tmp_path):
    folder = copy_model(tmp_path)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["versions"]["scikit-learn"] = "0.0.1"
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    load_model.cache_clear()
    with pytest.warns(UserWarning, match="scikit-learn 0.0.1"):
        load_model(str(folder))


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no trained model"):
        load_model(str(tmp_path))


def test_training_never_reads_the_test_split(monkeypatch, tmp_path):
    asked = []
    real = corpus.load_examples

    def spy(folder=None, splits=("train",)):
        asked.append(tuple(splits))
        return real(folder, splits)

    monkeypatch.setattr(corpus, "load_examples", spy)
    monkeypatch.setattr(training, "C_GRID", (3.0,))
    monkeypatch.setattr(training, "FLAG_GRID", (0.5,))
    monkeypatch.setattr(training, "SUPPRESS_GRID", (0.8,))
    training.train(corpus.default_dir(), tmp_path / "m", log=lambda _: None)
    assert asked and all("test" not in s for s in asked)


@pytest.mark.slow
def test_the_shipped_model_is_what_train_produces(tmp_path):
    """Retrain from corpus/ and compare with models/: same corpus, same choices, same weights."""
    shipped = json.loads((default_model_dir() / MANIFEST_FILE).read_text())
    assert shipped["corpus_sha256"] == corpus.corpus_hash(), (
        "corpus changed since the model was trained: run `scriptlint train`"
    )
    fresh = training.train(corpus.default_dir(), tmp_path / "m", log=lambda _: None)
    assert fresh["params"]["C"] == shipped["params"]["C"]
    assert fresh["params"]["thresholds"] == shipped["params"]["thresholds"]
    load_model.cache_clear()
    a, b = load_model(), load_model(str(tmp_path / "m"))
    assert a.vocab == b.vocab
    np.testing.assert_allclose(a.coef, b.coef, atol=1e-6)
    np.testing.assert_allclose(a.intercept, b.intercept, atol=1e-6)


class _Bomb:
    """Unpickling this writes a marker file: proof that loading ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _plant_pickle(folder, name, marker):
    import pickle

    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(pickle.dumps(_Bomb(marker)))
    manifest = {"model_file": name, "model_sha256": sha256_file(folder / name), "versions": {}}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))


@pytest.mark.parametrize("name", [MODEL_FILE, "purpose.joblib"])
def test_a_pickle_where_a_model_is_looked_for_is_never_loaded(tmp_path, name):
    marker = tmp_path / "ran"
    _plant_pickle(tmp_path / "model", name, marker)
    load_model.cache_clear()
    with pytest.raises(ModelError):
        load_model(str(tmp_path / "model"))
    assert not marker.exists()


def test_an_npz_with_object_arrays_is_refused(tmp_path):
    folder = copy_model(tmp_path)
    np.savez(folder / MODEL_FILE, vocab=np.array([{"a": 1}], dtype=object))
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["model_sha256"] = sha256_file(folder / MODEL_FILE)
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    load_model.cache_clear()
    with pytest.raises(ModelError, match="unreadable model"):
        load_model(str(folder))


def test_saved_arrays_are_byte_identical_across_saves(tmp_path):
    model = load_model()
    save_arrays(tmp_path / "a.npz", model.to_arrays())
    save_arrays(tmp_path / "b.npz", model.to_arrays())
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()


def test_eval_never_picks_up_a_model_from_the_current_directory(run_cli, tmp_path):
    marker = tmp_path / "ran"
    _plant_pickle(tmp_path / "models", MODEL_FILE, marker)
    raw = tmp_path / "corpus" / "raw"
    raw.mkdir(parents=True)
    (raw / "x_sentences.jsonl").write_text(
        json.dumps({"id": "x-s1", "text": "Just checking in!", "label": "purposeless", "spans": ["Just checking in"]})
        + "\n"
    )
    (tmp_path / "corpus" / corpus.SPLIT_FILE).write_text("x-s1\ttest\n")
    load_model.cache_clear()
    run = run_cli("eval", cwd=tmp_path)
    assert run.code == 0 and "hybrid" in run.out
    assert not marker.exists()
    named = run_cli("eval", "--model-dir", tmp_path / "models", cwd=tmp_path)
    assert named.code == 2 and "models" in named.err and not marker.exists()
