"""The outputs are what a reader's tools expect: PDF/A a validator accepts, real dates, a DOCX
whose contents and layout hold when LibreOffice opens it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from helpers import REPO

from dossier.build.pipeline import build
from dossier.render import chunked

SAMPLE = REPO / "sample_data" / "incidents.xlsx"

#: Annotation flags (ISO 32000-1, 12.5.3) that ISO 19005-3, 6.3.2 forbids, by name.
_FORBIDDEN_FLAGS = {1: "Invisible", 2: "Hidden", 32: "NoView", 256: "ToggleNoView"}


def _pdf_a_build(out: Path, layout: str, *, pieces: bool) -> Path:
    result = build(
        SAMPLE,
        out=out,
        layouts=[layout],
        langs=["en"],
        formats=["pdf"],
        pdf_variant="pdf/a-3b",
        pieces=pieces,
        use_cache=False,
    )
    (pdf,) = [output.path for output in result.outputs if output.format == "pdf"]
    return pdf


@pytest.fixture(scope="module")
def pdf_a_samples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The sample's PDF/A-3b outputs, each layout typeset in small pieces and in one."""

    folder = tmp_path_factory.mktemp("pdf_a")
    with pytest.MonkeyPatch.context() as patch:
        # Pieces of a few incidents each, so that most links land in pieces typeset without
        # the PDF variant.
        patch.setattr(chunked, "PIECE_SIZE", 6_000)
        patch.setattr(chunked, "FURNITURE_PAGES", 10)
        yield {
            f"{layout} in {'pieces' if pieces else 'one piece'}": _pdf_a_build(
                folder / f"{layout}-{pieces}", layout, pieces=pieces
            )
            for layout in ("ddd", "report")
            for pieces in (True, False)
        }


def _annotation_problems(pdf_path: Path) -> list[str]:
    """ISO 19005-3, 6.3.2 for every annotation of every page: ``/F`` present, the Print flag
    set, and Invisible, Hidden, NoView and ToggleNoView clear."""

    problems = []
    with pikepdf.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for annotation in page.obj.get("/Annots", pikepdf.Array()):
                kind = str(annotation.get("/Subtype", "?"))
                if "/F" not in annotation:
                    problems.append(f"page {number}: {kind} annotation without /F")
                    continue
                flags = int(annotation.F)
                if not flags & 4:
                    problems.append(f"page {number}: {kind} annotation not printed (/F {flags})")
                problems += [
                    f"page {number}: {kind} annotation {name}"
                    for bit, name in _FORBIDDEN_FLAGS.items()
                    if flags & bit
                ]
    return problems


# ------------------------------------------------------------------------------ PDF/A


@pytest.mark.slow
def test_every_annotation_of_a_pdf_a_is_printed(pdf_a_samples: dict[str, Path]) -> None:
    for name, pdf_path in pdf_a_samples.items():
        with pikepdf.open(pdf_path) as pdf:
            links = sum(
                1
                for page in pdf.pages
                for annotation in page.obj.get("/Annots", pikepdf.Array())
                if annotation.get("/Subtype") == "/Link"
            )
        assert links > 50, f"{name}: the sample should have links, found {links}"
        problems = _annotation_problems(pdf_path)
        assert problems == [], f"{name}: {len(problems)} problems, first: {problems[:5]}"


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("jsonschema") is None,
    reason="pikepdf's PDF/A checker needs the pikepdf[pdfa] extra",
)
def test_pikepdfs_pdf_a_checker_finds_no_violation(pdf_a_samples: dict[str, Path]) -> None:
    from pikepdf import pdfa  # the optional extra: only importable with it

    for name, pdf_path in pdf_a_samples.items():
        report = pdfa.validate_written(pdf_path, "3b")
        violations = [str(finding) for finding in report.violations]
        assert violations == [], f"{name}: {len(violations)} violations, first: {violations[:3]}"


# ------------------------------------------------------------------------------ dates


def _dates(out: Path) -> dict[str, str]:
    """The dates a reader's tools show: the PDF's Info and XMP, the DOCX's core properties
    and zip entries."""

    result = build(
        SAMPLE, out=out, layouts=["ddd"], langs=["en"], formats=["pdf", "docx"], use_cache=False
    )
    paths = {output.format: output.path for output in result.outputs}
    dates: dict[str, str] = {}
    with pikepdf.open(paths["pdf"]) as pdf:
        dates["pdf CreationDate"] = str(pdf.docinfo.CreationDate)[2:10]
        dates["pdf ModDate"] = str(pdf.docinfo.ModDate)[2:10]
    with zipfile.ZipFile(paths["docx"]) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
        for name in ("created", "modified"):
            match = re.search(rf"<dcterms:{name}[^>]*>(\d{{4}})-(\d\d)-(\d\d)T", core)
            assert match, f"no dcterms:{name} in {core}"
            dates[f"docx dcterms:{name}"] = "".join(match.groups())
        entries = package.infolist()
        entry_days = {dt.date(*entry.date_time[:3]).strftime("%Y%m%d") for entry in entries}
        (dates["docx zip entries"],) = entry_days
    return dates


@pytest.mark.slow
def test_a_build_is_dated_from_its_day_or_from_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    today = dt.date.today().strftime("%Y%m%d")
    dates = _dates(tmp_path / "today")
    assert dates == dict.fromkeys(dates, today)
    assert len(dates) == 5

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1479168000")  # 15 November 2016
    dates = _dates(tmp_path / "fixed")
    assert dates == dict.fromkeys(dates, "20161115")
