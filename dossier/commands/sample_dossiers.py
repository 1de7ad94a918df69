"""Build every sample dossier (each layout × language × format) reproducibly, and check a build."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dossier.assemble.models import DEFAULT_AUDIENCE, Layout
from dossier.build.pipeline import (
    LANGS,
    MANIFEST_NAME,
    BuildResult,
    OutputFormat,
    build_dossiers,
    output_name,
)
from dossier.errors import BuildError
from dossier.events import ProgressCallback
from dossier.files import sha256_file
from dossier.i18n.messages import Message

#: 2016-11-15T00:00:00Z, the day the fictional sample's signatory signs: the samples' date when
#: SOURCE_DATE_EPOCH is not set, so that two builds of the samples give the same bytes.
SAMPLE_SOURCE_DATE_EPOCH = 1_479_168_000


def sample_data_dir() -> Path:
    """``sample_data/`` of the source checkout (the samples are not installed with the package)."""
    return Path(__file__).resolve().parents[2] / "sample_data"


def sample_workbook() -> Path:
    return sample_data_dir() / "incidents.xlsx"


def all_layouts() -> list[str]:
    """Every layout the installed version knows, asked at run time (new layouts come and go)."""
    return [layout.value for layout in Layout]


def all_formats() -> list[str]:
    return [output_format.value for output_format in OutputFormat]


def expected_outputs(
    layouts: Sequence[str], langs: Sequence[str], formats: Sequence[str]
) -> list[str]:
    """The file names a sample build must produce, e.g. ``ddd-fr.pdf``, in build order."""
    return [
        output_name(layout, lang, DEFAULT_AUDIENCE[Layout(layout)].value, output_format)
        for layout in layouts
        for lang in langs
        for output_format in formats
    ]


def samples_source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH from the environment when set (a number), else the samples' fixed one."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else SAMPLE_SOURCE_DATE_EPOCH


@contextmanager
def fixed_source_date_epoch(epoch: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH for the duration (the renderers read it from the environment)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def build_samples(
    out: Path | str,
    *,
    source: Path | str | None = None,
    config: Path | None = None,
    templates: Path | None = None,
    evidence: Path | None = None,
    mapping: Path | None = None,
    layouts: Sequence[str] | None = None,
    langs: Sequence[str] = LANGS,
    formats: Sequence[str] | None = None,
    progress: ProgressCallback | None = None,
    jobs: int | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
) -> BuildResult:
    """Build every layout × language × format of the sample workbook into ``out``.

    Defaults: the repository's ``sample_data/incidents.xlsx`` with its ``dossier.toml``, every
    layout and format, French and English, each layout for its usual audience. The date comes
    from SOURCE_DATE_EPOCH, or :data:`SAMPLE_SOURCE_DATE_EPOCH` when unset, so the bytes
    reproduce. ``mapping``, ``jobs``, ``cache_dir`` and ``use_cache`` are
    :func:`dossier.build.build_dossiers`'s. Raises what that function raises, and
    :class:`BuildError` when an expected output is missing afterwards or the manifest does not
    match the files.
    """
    out = Path(out)
    source = Path(source) if source is not None else sample_workbook()
    layouts = list(layouts) if layouts is not None else all_layouts()
    formats = list(formats) if formats is not None else all_formats()
    with fixed_source_date_epoch(samples_source_date_epoch()):
        result = build_dossiers(
            source,
            config=config,
            layouts=layouts,
            langs=langs,
            formats=formats,
            templates=templates,
            out=out,
            evidence=evidence,
            mapping=mapping,
            progress=progress,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=use_cache,
        )
    problems = check_outputs(out, expected_outputs(layouts, langs, formats))
    if problems:
        raise BuildError("problems", problems=problems)
    return result


def check_outputs(folder: Path, expected: Sequence[str]) -> list[str]:
    """What is wrong with a built folder: an expected file missing, or not as the manifest says."""
    manifest_path = folder / MANIFEST_NAME
    problems: list[str] = [
        Message("samples.missing", name=name) for name in expected if not (folder / name).is_file()
    ]
    if not manifest_path.is_file():
        return [*problems, Message("samples.missing", name=MANIFEST_NAME)]
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed = {entry["path"]: entry["sha256"] for entry in manifest["outputs"]}
    except (ValueError, KeyError, TypeError) as error:
        reason = str(error)
        unreadable = Message("samples.manifest_unreadable", manifest=MANIFEST_NAME, reason=reason)
        return [*problems, unreadable]
    problems += [
        Message("samples.not_listed", manifest=MANIFEST_NAME, name=name)
        for name in expected
        if name not in listed
    ]
    for name, sha256 in sorted(listed.items()):
        path = folder / name
        if path.is_file() and sha256_file(path) != sha256:
            problems.append(
                Message("samples.fingerprint_differs", manifest=MANIFEST_NAME, name=name)
            )
    return problems


def compare_folders(first: Path, second: Path) -> list[str]:
    """Every file that differs by a byte between two builds, or exists in only one of them."""
    names = sorted(
        {path.name for folder in (first, second) for path in folder.iterdir() if path.is_file()}
    )
    problems: list[str] = []
    for name in names:
        one, other = first / name, second / name
        if not one.is_file():
            problems.append(Message("samples.only_in", folder=second, name=name))
        elif not other.is_file():
            problems.append(Message("samples.only_in", folder=first, name=name))
        elif one.read_bytes() != other.read_bytes():
            problems.append(Message("samples.differs", name=name))
    return problems
