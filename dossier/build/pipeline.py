"""Build dossiers end to end: validate, assemble, render each output, write atomically."""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from dossier import files as output_files
from dossier.assemble.assembler import assemble
from dossier.assemble.complaint import limitation_bounds
from dossier.assemble.language_check import cells_to_translate
from dossier.assemble.models import DEFAULT_AUDIENCE, Audience, DossierView, Layout
from dossier.build.cache import RenderCache
from dossier.build.edition_workbook import edition_workbook_bytes, edition_workbook_name
from dossier.build.enclosures import (
    Enclosures,
    edition_enclosures,
    enclosure_folder,
    is_enclosure_name,
    link_outputs,
    prepare,
    sign_outputs,
)
from dossier.build.errors import DataInvalid, OtherLanguage
from dossier.build.manifest_folder import carried_outputs, merge_manifest, previous_manifest
from dossier.build.workers import Renderer
from dossier.errors import BuildError
from dossier.events import ProgressCallback
from dossier.files import FolderBusy, sha256_file, write_files
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message, label, os_reason
from dossier.input.config import Config, find_config, load_config, refuse_starter_values
from dossier.input.workbook import hidden_sheets
from dossier.render.chunked import PiecewisePdf, plan_pdf
from dossier.render.chunks import NotChunkable
from dossier.render.dispatch import describe_missing_styles
from dossier.render.docx import MissingStyle, check_reference_docx, pack_reference
from dossier.render.html import TemplateProblem, asset_dirs, render_template
from dossier.render.jobs import RenderJob
from dossier.render.pdf import ACCEPTED_VARIANTS, Attachment
from dossier.render.standalone import standalone_html
from dossier.validate.completeness import check_completeness
from dossier.validate.evidence import resolve_evidence_path
from dossier.validate.rows import Dataset, load_and_validate
from dossier.validate.signature_dates import check_dates_after_signature
from dossier.validate.validation_report import UNREAD_CODES, ValidationReport
from dossier.version import __version__

LANGS = ("fr", "en")
MANIFEST_NAME = "manifest.json"


class OutputFormat(StrEnum):
    pdf = "pdf"
    docx = "docx"
    html = "html"


@dataclass(frozen=True)
class BuiltOutput:
    path: Path
    layout: str
    lang: str
    audience: str
    format: str
    sha256: str
    pages: int | None
    incidents: int
    left_out: dict[str, int]
    #: For a pièces bundle (or one part of it): how many pièces it holds.
    pieces: int | None = None


@dataclass
class BuildResult:
    outputs: list[BuiltOutput]
    report: ValidationReport
    manifest: Path
    refused_urls: list[str] = field(default_factory=list)
    #: Why something asked for was not embedded (e.g. the workbook in a PDF/A, for privacy):
    #: :class:`Message` objects, English as ``str``, told in French by ``text("fr")``.
    withheld: list[str] = field(default_factory=list)
    #: How an output was made when it matters to the reader (a large PDF typeset in one
    #: piece, and why); :class:`Message` objects too.
    notes: list[str] = field(default_factory=list)


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build_date() -> dt.date:
    """The date printed on the dossier: SOURCE_DATE_EPOCH's when set, so builds reproduce."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date()
    return dt.date.today()


def signature_date(source: Path, config: Path | None = None) -> dt.date:
    """The date a complaint built from ``source`` would be signed on, as ``build`` would sign it.

    The ``[signatory]`` date of the config (``config``, else ``dossier.toml`` beside the input);
    the build date when the config gives none or, unless ``config`` names it, is not there.
    """
    path = find_config(source, config)
    if config is None and not path.is_file():
        return build_date()
    return load_config(path).signatory.date or build_date()


def output_name(layout: str, lang: str, audience: str, suffix: str) -> str:
    """``ddd-fr.pdf`` for the layout's usual audience, ``ddd-partners-fr.pdf`` otherwise."""
    default = DEFAULT_AUDIENCE[Layout(layout)].value
    middle = "" if audience == default else f"-{audience}"
    return f"{layout}{middle}-{lang}.{suffix}"


def render_dossier_html(view: DossierView, templates: Path | None = None) -> str:
    """The semantic HTML of one dossier (the input of both the PDF and the DOCX writers)."""

    return render_template(f"{view.layout}.html", {"d": view}, lang=view.lang, editor_dir=templates)


def _check_one_language(
    dataset: Dataset,
    organisation: Config,
    layouts: Sequence[Layout],
    langs: Sequence[str],
    audience: Audience | None,
    signed_on: dt.date,
) -> None:
    """Raise :class:`OtherLanguage` for the first edition that would print the other language."""
    for layout in layouts:
        for lang in langs:
            chosen = audience or DEFAULT_AUDIENCE[layout]
            view = assemble(
                dataset,
                organisation,
                layout=layout,
                audience=chosen,
                lang=lang,
                signed_on=signed_on,
            )
            cells = cells_to_translate(view, dataset)
            if cells:
                edition = output_name(layout.value, lang, chosen.value, "pdf").removesuffix(".pdf")
                raise OtherLanguage(edition, cells)


def build_dossiers(
    source: Path | str,
    *,
    config: Path | Config | None = None,
    layouts: Sequence[Layout | str] = (Layout.ddd,),
    langs: Sequence[str] = LANGS,
    formats: Sequence[OutputFormat | str] = (OutputFormat.pdf,),
    audience: Audience | str | None = None,
    templates: Path | None = None,
    out: Path | str = "out",
    mapping: dict[str, dict[str, str]] | Path | None = None,
    evidence: Path | None = None,
    pdf_variant: str | None = None,
    reference_docx: Path | None = None,
    profile: str = "workbook",
    progress: ProgressCallback | None = None,
    jobs: int | None = None,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    pieces: bool = True,
    enclosures: Enclosures | None = None,
    strict_language: bool = False,
) -> BuildResult:
    """Validate ``source`` and build every layout × language × format into ``out``.

    Raises :class:`DataInvalid` (with the report) when the data has errors,
    :class:`dossier.input.config.ConfigError` for a bad config, :class:`BuildError` when a template
    or the renderer fails. Outputs are rendered in memory and written only when all succeeded.

    The PDFs and DOCXs are rendered concurrently in up to ``jobs`` worker processes (default:
    the cores available; 1 renders everything in this process), each byte for byte what a
    sequential build gives. Unless ``use_cache`` is false, an output rendered before from the
    same HTML, options, assets, fonts and renderer versions comes from the cache in
    ``cache_dir`` (default: see :func:`dossier.build.cache.default_cache_dir`).

    A large PDF is typeset in pieces (cut at its page breaks) that the workers share, and
    joined into what a single render gives (:mod:`dossier.render.chunked`); each piece is
    cached on its own, so a rebuild typesets only the pieces that changed. ``pieces=False``
    typesets every PDF in one piece; so does a stylesheet the pieces cannot reproduce,
    which :attr:`BuildResult.notes` then reports.

    ``strict_language``: raise :class:`OtherLanguage`, before anything is rendered, when an
    edition would print text in the other language (an account, a place, a reply… given only in
    that language, or a nationality the vocabulary does not know), listing the cells to fill.

    ``enclosures`` says what is sent with the dossiers (the pièces bundle, by default for the
    ``ddd`` layout; the identity annex) and how every PDF is signed
    (:mod:`dossier.build.enclosures`).
    """
    notify = progress or (lambda _message: None)
    source = Path(source)
    out = Path(out)
    _check_choices(layouts, langs, formats, audience, pdf_variant)
    # Checked: from here on the choices are the enums (a caller may have given their values).
    layouts = [Layout(layout) for layout in layouts]
    formats = [OutputFormat(output_format) for output_format in formats]
    audience = Audience(audience) if audience else None
    sending = prepare(
        enclosures, [Layout(item) for item in layouts], audience, OutputFormat.pdf in formats
    )
    if OutputFormat.docx in formats:
        _check_reference_docx(reference_docx, templates)
    notify("validate")
    dataset, report = load_and_validate(
        source,
        mapping=mapping,
        evidence_dir=evidence,
        profile=profile,
        progress=progress,
        for_build=True,  # a column of data no field reads would be lost: an error here
    )
    if not report.ok:
        raise DataInvalid(report)
    unread = _unread_content(source, report) if pdf_variant else None
    config_path: Path | None = None
    if isinstance(config, Config):
        organisation = config
    else:
        config_path = find_config(source, config)
        organisation = load_config(config_path)
        refuse_starter_values(organisation, config_path)  # not in nobody's name

    # A folder holding editions this build must not be listed with is refused now, before
    # the long render (and again under the folder's lock, when the manifest is written).
    _refuse_mixed_editions(out, layouts, langs, formats, audience, source, config_path)
    signed_on = build_date()
    if strict_language:
        _check_one_language(
            dataset, organisation, [Layout(x) for x in layouts], langs, audience, signed_on
        )
    if "ddd" in layouts:
        # A complaint speaks as of its signature: a later date anywhere is an error (issue 19).
        late = check_dates_after_signature(
            dataset, signed_on=organisation.signatory.date or signed_on, columns=dataset.columns
        )
        if late:
            report.problems.extend(late)
            raise DataInvalid(report)
        # Warnings only: what a complaint to the Défenseur des droits still lacks.
        report.problems.extend(
            check_completeness(
                dataset,
                today=build_date(),
                signed_on=organisation.signatory.date or signed_on,
                columns=dataset.columns,
                limitation_bounds=limitation_bounds(organisation.signatory.date or signed_on),
            )
        )
    # An output's contents: bytes, or the file a large PDF was joined into.
    rendered: list[tuple[str, bytes | Path, dict[str, Any]]] = []
    refused: list[str] = []
    withheld: list[str] = []
    shown_exhibits: set[str] = set()
    editions = [(layout, lang) for layout in layouts for lang in langs]
    typeset = [f for f in formats if f in (OutputFormat.pdf, OutputFormat.docx)]
    cache = RenderCache(cache_dir) if use_cache else None
    # Each PDF and DOCX goes to a worker as soon as its HTML is ready; its bytes replace the
    # placeholder below, in the order the outputs were asked for.
    waiting: list[tuple[int, int]] = []  # (position in rendered, index of the render job)
    pieced: list[tuple[int, Any, RenderJob]] = []  # (position, PiecewisePdf, whole job)
    notes: list[str] = []

    def start_edition(dataset: Dataset, layout: str, lang: str, renderer: Renderer) -> None:
        """Assemble and render one edition's HTML and hand its outputs to the renderer.

        A function of its own so that the edition's view and HTML (tens of megabytes at
        5,000 incidents) are let go when it returns, before the pieces are typeset.
        """
        chosen = Audience(audience) if audience else DEFAULT_AUDIENCE[Layout(layout)]
        view = assemble(
            dataset,
            organisation,
            layout=Layout(layout),
            audience=chosen,
            lang=lang,
            signed_on=signed_on,
        )
        shown_exhibits.update(exhibit.id for exhibit in view.exhibits)
        notify(f"render {layout}-{lang}")
        html = _render_html(view, templates)
        for output_format in formats:
            name = output_name(layout, lang, chosen.value, output_format)
            info: dict[str, Any] = {
                "layout": layout,
                "lang": lang,
                "audience": chosen.value,
                "format": output_format,
                "incidents": len(view.incidents),
                "left_out": {item.reason: item.count for item in view.left_out},
                "pages": None,
            }
            data = b""
            if output_format == OutputFormat.html:
                page = standalone_html(html, [folder.resolve() for folder in asset_dirs(templates)])
                refused.extend(url for url in page.refused if url not in refused)
                data = page.html.encode("utf-8")
            elif output_format == OutputFormat.pdf:
                job, withheld_here = _pdf_job(
                    name, view, html, templates, pdf_variant, source, dataset, config_path, unread
                )
                withheld.extend(
                    Message("build.workbook_withheld", output=name, reason=reason)
                    for reason in withheld_here
                )
                piecewise = _piecewise(job, renderer, notes) if pieces else None
                if piecewise is not None:
                    piecewise.start()
                    # The whole job, in case the pieces cannot be joined (HTML on disk).
                    pieced.append((len(rendered), piecewise, piecewise.job))
                else:
                    waiting.append((len(rendered), renderer.submit(job, f"typeset {name}")))
            elif output_format == OutputFormat.docx:
                job = _docx_job(name, view, html, templates, reference_docx)
                waiting.append((len(rendered), renderer.submit(job, f"write {name}")))
            else:
                raise BuildError("build.unknown_format", format=output_format)
            rendered.append((name, data, info))
        rendered.extend(edition_enclosures(view, dataset, sending, enclosure_dir, notes))

    with (
        Renderer(
            jobs=jobs, expected=len(typeset) * len(editions), cache=cache, notify=notify
        ) as renderer,
        enclosure_folder(sending) as enclosure_dir,
    ):
        if typeset:
            renderer.prepare_workers()
        for layout, lang in editions:
            start_edition(dataset, layout, lang, renderer)
        # The records are not needed any more, only what the manifest says of the exhibits:
        # let them go, and give the memory back, before the long wait for the workers.
        exhibits = manifest_exhibits(dataset, shown_exhibits)
        del dataset
        _give_back_memory()
        for _position, piecewise, _job in pieced:
            piecewise.finish()
        results = renderer.results()
        # Every render is done: the joins below need no worker.
        renderer.rest()
        for position, piecewise, job in pieced:
            name, _, info = rendered[position]
            contents: bytes | Path
            try:
                contents, pages, refused_here = piecewise.result()
            except NotChunkable as reason:
                notes.append(Message("build.one_piece", output=name, reason=str(reason)))
                whole = renderer.wait([renderer.submit(job, f"typeset {name}")])[0]
                contents, pages, refused_here = whole.data, whole.pages, whole.refused_urls
            info["pages"] = pages
            refused += [url for url in refused_here if url not in refused]
            rendered[position] = (name, contents, info)
        for position, index in waiting:
            name, _, info = rendered[position]
            result = results[index]
            if info["format"] == OutputFormat.pdf:
                info["pages"] = result.pages
                refused += result.refused_urls
            rendered[position] = (name, result.data, info)

        rendered = sign_outputs(link_outputs(rendered, sending), sending, notes)
        # Written before the renderer closes: a joined PDF is one of its files.
        notify("write")
        outputs = [
            BuiltOutput(path=out / name, sha256=_sha256(data), **info)
            for name, data, info in rendered
        ]
        manifest_path = out / MANIFEST_NAME
        try:
            manifest = _manifest(source, config_path, exhibits, outputs)
            files = [(name, data) for name, data, _info in rendered]
            # All written under the folder's lock, the manifest last (see write_files).
            # Made under the lock: it also lists the earlier outputs the folder still holds
            # (dossier.build.manifest_folder), as they are when this build writes.
            written: list[tuple[str, bytes | Path | Callable[[], bytes]]] = list(files)
            written.append(
                (MANIFEST_NAME, lambda: _json_bytes(merge_manifest(out, MANIFEST_NAME, manifest)))
            )
            write_files(
                out,
                written,
                stale=lambda name: name in _output_names() or is_enclosure_name(name),
            )
        except FolderBusy:
            seconds = f"{output_files.LOCK_WAIT_SECONDS:.0f}"
            raise BuildError("build.folder_busy", folder=out, seconds=seconds) from None
        except OSError as error:
            raise BuildError("build.cannot_write", folder=out, reason=os_reason(error)) from None
    return BuildResult(outputs, report, manifest_path, refused, withheld, notes)


def _refuse_mixed_editions(
    out: Path,
    layouts: Sequence[str],
    langs: Sequence[str],
    formats: Sequence[str],
    audience: Audience | None,
    source: Path,
    config_path: Path | None,
) -> None:
    """Raise :class:`dossier.build.manifest_folder.EditionsMix` when ``out`` holds outputs of
    an earlier build that this one's manifest may not list (another audience, other inputs)."""
    previous = previous_manifest(out, MANIFEST_NAME)
    if previous is None:
        return
    planned = [
        {
            "path": output_name(layout, lang, chosen.value, output_format),
            "audience": chosen.value,
        }
        for layout in layouts
        for chosen in [audience or DEFAULT_AUDIENCE[Layout(layout)]]
        for lang in langs
        for output_format in formats
    ]
    inputs = _manifest(source, config_path, [], [])["inputs"]
    carried_outputs(out, previous, planned, inputs)


def _sha256(data: bytes | Path) -> str:
    """The SHA-256 of ``data``, or of the file it names (read a block at a time)."""
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    return sha256_file(data)


def _piecewise(job: RenderJob, renderer: Renderer, notes: list[str]) -> Any:
    """A :class:`PiecewisePdf` for ``job`` when its PDF is large enough to gain from it."""

    try:
        plan = plan_pdf(job.html, job.options["asset_dirs"])
    except NotChunkable as reason:
        # The reason is the stylesheet's feature the pieces cannot reproduce, in English.
        notes.append(Message("build.one_piece", output=job.name, reason=str(reason)))
        return None
    # The whole HTML waits on disk: the pieces are what is typeset, unless they cannot be
    # joined and the whole is typeset after all.
    return None if plan is None else PiecewisePdf(renderer.spooled_job(job), plan, renderer)


def _output_names() -> set[str]:
    """Every name a build may write: a killed build's temporaries for them are removed."""
    return {MANIFEST_NAME} | {
        output_name(layout.value, lang, audience.value, output_format.value)
        for layout in Layout
        for lang in LANGS
        for audience in Audience
        for output_format in OutputFormat
    }


#: The document subject of each layout, written in the PDF and DOCX metadata.
SUBJECTS = {"ddd": N_("build.subject_ddd"), "report": N_("build.subject_report")}


def _subject(view: DossierView) -> str:
    """The document subject written in PDF and DOCX metadata."""
    return f"{label(SUBJECTS[view.layout], view.lang)} — {view.reference}"


def find_reference_docx(explicit: Path | None, templates: Path | None) -> Path | None:
    """``--reference-docx``, else the editor's ``reference.docx``, else None (built-in).

    The editor's is a file of their template pack: a link there is refused (PackFileRefused).
    """
    if explicit is not None:
        return explicit
    return pack_reference(templates)


def _check_reference_docx(explicit: Path | None, templates: Path | None) -> None:

    reference = find_reference_docx(explicit, templates)
    if reference is None:
        return
    if not reference.is_file():
        raise BuildError("build.reference_not_found", file=reference)
    try:
        check_reference_docx(reference)
    except MissingStyle as error:
        missing = describe_missing_styles(error)
        raise BuildError(missing.key, **missing.params) from None
    except (OSError, ValueError, KeyError) as error:
        raise BuildError("build.reference_unusable", file=reference, reason=str(error)) from None


def _docx_job(
    name: str,
    view: DossierView,
    html: str,
    templates: Path | None,
    reference_docx: Path | None,
) -> RenderJob:

    reference = find_reference_docx(reference_docx, templates)
    return RenderJob(
        name=name,
        kind="docx",
        html=html,
        # Absolute paths: a worker process does not share this one's working directory.
        options={
            "reference_docx": reference.resolve() if reference is not None else None,
            "title": view.title,
            "author": view.config.organisation.name,
            "lang": view.lang,
            "subject": _subject(view),
            "keywords": list(dict.fromkeys([view.reference, view.layout, view.audience])),
            "source_date_epoch": source_date_epoch(),
            "asset_dirs": [folder.resolve() for folder in asset_dirs(templates)],
        },
        label=f"{view.layout}-{view.lang}.docx",
    )


def _check_choices(
    layouts: Sequence[str],
    langs: Sequence[str],
    formats: Sequence[str],
    audience: str | None,
    pdf_variant: str | None,
) -> None:
    """Refuse an unknown layout, language, format, audience or variant before any work."""

    # (what is chosen, the values, the values allowed, what is said when one is unknown / none)
    choices: list[tuple[Sequence[str], Sequence[str], str, str]] = [
        (
            layouts,
            [item.value for item in Layout],
            N_("choices.unknown_layout"),
            N_("choices.no_layout"),
        ),
        (langs, LANGS, N_("choices.unknown_language"), N_("choices.no_language")),
        (
            formats,
            [item.value for item in OutputFormat],
            N_("choices.unknown_format"),
            N_("choices.no_format"),
        ),
        (
            [audience] if audience else [],
            [item.value for item in Audience],
            N_("choices.unknown_audience"),
            "",
        ),
        (
            [pdf_variant] if pdf_variant else [],
            ACCEPTED_VARIANTS,
            N_("choices.unknown_pdf_variant"),
            "",
        ),
    ]
    problems = [
        Message(unknown, value=repr(value), allowed=", ".join(allowed))
        for values, allowed, unknown, _none in choices
        for value in values
        if value not in allowed
    ]
    problems += [Message(none) for values, _, _, none in choices if none and not values]
    if problems:
        raise BuildError("problems", problems=problems)


def _render_html(view: DossierView, templates: Path | None) -> str:

    try:
        return render_dossier_html(view, templates)
    except TemplateProblem as error:
        raise BuildError(error.key, **error.params) from None


def _pdf_job(
    name: str,
    view: DossierView,
    html: str,
    templates: Path | None,
    variant: str | None,
    source: Path,
    dataset: Dataset,
    config_path: Path | None,
    unread: Message | None = None,
) -> tuple[RenderJob, list[Message]]:
    """The render job of a PDF, and what it withholds from what was asked (and why).

    ``unread`` says what the source workbook holds that the validation did not read (unknown
    columns, hidden sheets), if anything.
    """

    attachments: list[Attachment] = []
    withheld: list[Message] = []
    if variant and variant.startswith("pdf/a-3"):
        # PDF/A-3 carries its sources: a workbook and the input manifest. An edition may carry
        # only what its readers may read: the source workbook as it is only for the DDD and
        # only when it holds nothing the edition leaves out; otherwise the records the edition
        # shows, written again from it (dossier.build.edition_workbook).
        reason = (
            Message("build.withheld_audience", audience=view.audience)
            if view.audience != Audience.ddd
            else unread or _workbook_privacy_problem(dataset, view)
        )
        if reason is None and source.is_file():
            attachments.append(
                Attachment(
                    name=source.name,
                    data=source.read_bytes(),
                    description="Source incident workbook",
                    relationship="Source",
                )
            )
        else:
            name = edition_workbook_name(view, source.stem)
            withheld.append(
                Message(
                    "build.workbook_rewritten",
                    reason=reason or Message("build.withheld_not_one_file"),
                    name=name,
                )
            )
            attachments.append(
                Attachment(
                    name=name,
                    data=edition_workbook_bytes(view),
                    description="The records this edition shows, as it prints them",
                    relationship="Data",
                )
            )
        attachments.append(
            Attachment(
                name="inputs-manifest.json",
                data=_json_bytes(
                    build_manifest(
                        source, dataset, config_path, [], {item.id for item in view.exhibits}
                    )
                ),
                description="SHA-256 fingerprints of the inputs and exhibits",
                mime_type="application/json",
                relationship="Supplement",
            )
        )
    options = {
        # Absolute paths: a worker process does not share this one's working directory.
        "asset_dirs": [folder.resolve() for folder in asset_dirs(templates)],
        "lang": view.lang,
        "title": view.title,
        "author": view.config.organisation.name,
        "subject": _subject(view),
        "keywords": list(dict.fromkeys([view.reference, view.layout, view.audience])),
        "variant": variant,
        "attachments": attachments,
        "source_date_epoch": source_date_epoch(),
    }
    return RenderJob(name=name, kind="pdf", html=html, options=options), withheld


def _unread_content(source: Path, report: ValidationReport) -> Message | None:
    """What the source holds that validation did not read, or None.

    Columns and sheets dossier does not know, and hidden sheets, travel with the raw file
    unseen by anyone checking the dossier: a column headed "full name" is as much a legal name
    as the one dossier knows.
    """
    unknown = {problem.code for problem in report.problems} & UNREAD_CODES
    if unknown:
        return Message("build.withheld_unread")
    if source.is_file() and hidden_sheets(source):
        return Message("build.withheld_hidden_sheets")
    return None


def _workbook_privacy_problem(dataset: Dataset, view: DossierView) -> Message | None:
    """Why the raw workbook may not travel inside this dossier, or None when it may.

    The workbook holds every row: legal names and contacts (which only the separate identity
    annex may show), people who objected under art. 8, and incidents above this edition's
    confidentiality. Embedding it would undo everything the assembly left out.
    """
    if any(person.legal_name or person.contact for person in dataset.persons):
        return Message("build.withheld_identities")
    if any(person.art8_status == "refused" for person in dataset.persons):
        return Message("build.withheld_objections")
    if view.left_out_total:
        return Message("build.withheld_incidents")
    if len(view.exhibits) < len(dataset.evidence):
        return Message("build.withheld_exhibits")
    return None


def input_files(source: Path) -> list[Path]:
    if source.is_dir():
        return sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    return [source]


def build_manifest(
    source: Path,
    dataset: Dataset,
    config_path: Path | None,
    outputs: Sequence[BuiltOutput],
    exhibit_ids: set[str] | None = None,
) -> dict[str, Any]:
    """Fingerprints of every input, exhibit and output; no clock time, so it reproduces.

    ``exhibit_ids`` limits the exhibits to those the outputs show: the file name or URL of an
    exhibit left out of an edition is no business of that edition's readers.
    """
    return _manifest(source, config_path, manifest_exhibits(dataset, exhibit_ids), outputs)


def manifest_exhibits(dataset: Dataset, exhibit_ids: set[str] | None) -> list[dict[str, Any]]:
    """What the manifest lists of the exhibits (those in ``exhibit_ids``, if given)."""
    exhibits = []
    for item in sorted(dataset.evidence, key=lambda e: e.id):
        if exhibit_ids is not None and item.id not in exhibit_ids:
            continue
        entry: dict[str, Any] = {"id": item.id, "sha256": item.sha256}
        if item.file:
            entry["file"] = item.file
            if dataset.evidence_dir and item.sha256:
                path = resolve_evidence_path(dataset.evidence_dir, item.file)
                entry["verified"] = bool(path and path.is_file())
        if item.url:
            entry["url"] = item.url
        exhibits.append(entry)
    return exhibits


def _manifest(
    source: Path,
    config_path: Path | None,
    exhibits: list[dict[str, Any]],
    outputs: Sequence[BuiltOutput],
) -> dict[str, Any]:
    base = source if source.is_dir() else source.parent
    inputs = [
        {"path": _relative(path, base), "sha256": sha256_file(path)} for path in input_files(source)
    ]
    if config_path is not None and config_path.is_file():
        inputs.append({"path": _relative(config_path, base), "sha256": sha256_file(config_path)})
    return {
        "generator": f"dossier {__version__}",
        "source_date_epoch": source_date_epoch(),
        "inputs": inputs,
        "exhibits": exhibits,
        "outputs": [
            {
                "path": output.path.name,
                "sha256": output.sha256,
                "layout": output.layout,
                "lang": output.lang,
                "audience": output.audience,
                "format": output.format,
                "pages": output.pages,
                "incidents": output.incidents,
                "left_out": output.left_out,
            }
            | ({} if output.pieces is None else {"pieces": output.pieces})
            for output in outputs
        ],
    }


def _give_back_memory() -> None:
    """Collect garbage and hand the memory freed to the system (glibc keeps freed memory for
    the process unless asked: some 30 MB after validating and assembling 5,000 incidents)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError, TypeError):
        # Only glibc has malloc_trim (not musl, macOS or Windows): elsewhere, nothing to do.
        ctypes.CDLL(None).malloc_trim(0)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def _json_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
