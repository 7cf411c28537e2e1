"""`scriptlint train` and `scriptlint eval`: rebuild the classifier and score it on held-out data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from scriptlint.cli.app import TableFormat, UsageError, app
from scriptlint.errors import CorpusError


def _corpus_dir(path: Optional[Path]) -> Path:
    from scriptlint.training.corpus import default_dir  # lazy: training and evaluation load scikit-learn

    folder = path or (Path("corpus") if Path("corpus/raw").is_dir() else default_dir())
    if not (folder / "raw").is_dir():
        raise UsageError(f"{folder}: no corpus here (expected {folder}/raw/*.jsonl); pass --corpus")
    return folder


@app.command()
def train(
    corpus_dir: Optional[Path] = typer.Option(
        None, "--corpus", help="Corpus folder [default: ./corpus or the checkout's]."
    ),
    out: Optional[Path] = typer.Option(None, "--out", help="Model folder [default: models/ next to the corpus]."),
    update_split: bool = typer.Option(
        False, "--update-split", help="Give new corpus ids a split first (existing ids never move)."
    ),
) -> None:
    """Rebuild the purpose classifier from the corpus (train split; choices made on dev)."""
    from scriptlint.detect.classifier import default_model_dir  # lazy: the classifier module loads numpy
    from scriptlint.training import corpus  # lazy: training and evaluation load scikit-learn
    from scriptlint.training.train import train as run  # lazy: training and evaluation load scikit-learn

    folder = _corpus_dir(corpus_dir)
    if update_split:
        typer.echo(f"split: {corpus.update_split(folder)} new ids assigned", err=True)
    target = out or folder.resolve().parent / "models"
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: --out must be a folder, not a file")
    try:
        manifest = run(folder, target, log=lambda line: typer.echo(line, err=True))
    except CorpusError as exc:
        raise UsageError(str(exc)) from None
    typer.echo(f"model written to {target} (sha256 {manifest['model_sha256'][:12]}…)")
    if target.resolve() != default_model_dir().resolve():
        typer.echo("note: scriptlint uses the installed copy; reinstall (pip install .) to ship this model", err=True)


@app.command(name="eval")
def eval_(
    corpus_dir: Optional[Path] = typer.Option(
        None, "--corpus", help="Corpus folder [default: ./corpus or the checkout's]."
    ),
    split: str = typer.Option("test", "--split", help="Which split to score: test (default) or dev."),
    model_dir: Optional[Path] = typer.Option(
        None, "--model-dir", help="Model folder [default: the installed model; another is used only when named]."
    ),
    format: TableFormat = typer.Option(TableFormat.text, "--format", "-f", help="Output format."),
    write_manifest: bool = typer.Option(
        False, "--write-manifest", help="Record the test metrics in the model's manifest.json."
    ),
) -> None:
    """Precision, recall and F1 on a held-out split for keyword rules, classifier and hybrid."""

    from scriptlint.detect.classifier import MANIFEST_FILE, default_model_dir  # lazy: the classifier loads numpy
    from scriptlint.detect.pipeline import build  # lazy: detection loads spaCy
    from scriptlint.training import corpus  # lazy: training and evaluation load scikit-learn
    from scriptlint.training.evaluate import evaluate, render_table  # lazy: training and evaluation load scikit-learn

    if split not in ("test", "dev"):
        raise UsageError("--split must be test or dev")
    if write_manifest and split != "test":
        raise UsageError("--write-manifest records test metrics: use it with --split test")
    folder = _corpus_dir(corpus_dir)
    try:
        examples = corpus.load_examples(folder, [split])
    except CorpusError as exc:
        raise UsageError(str(exc)) from None
    if not examples:
        raise UsageError(f"{folder}: no examples in the {split} split; nothing to score")
    manifest_path = (model_dir or default_model_dir()) / MANIFEST_FILE
    if write_manifest and not manifest_path.is_file():
        raise UsageError(f"{manifest_path}: no manifest to record the metrics in (run `scriptlint train` first)")
    nlp = build(model_dir=str(model_dir) if model_dir else None)
    results = evaluate(nlp, examples).to_dict()
    results["split"] = split
    if format is TableFormat.json:
        typer.echo(json.dumps(results, indent=2))
    else:
        typer.echo(f"split: {split}")
        typer.echo(render_table(results))
    if write_manifest:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest.setdefault("metrics", {})["test"] = results
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
