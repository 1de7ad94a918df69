"""The pièces bundle: a bordereau linked to every pièce, then each pièce's pages, stamped.

``pieces-<lang>.pdf`` holds, first, the bordereau (number, title, kind, the document's own date,
fingerprint, pages), each number a link to its pièce; then every pièce the edition shows, in
number order, each page stamped « Pièce n° X — p. k/n » in its margin. Each pièce has a named
destination ``piece-N`` (so ``pieces-fr.pdf#piece-3`` opens it) and a bookmark. Numbers the
sheet no longer uses and pièces the audience may not receive are stated and counted.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from dossier.assemble.models import VISIBLE_LEVELS, Audience, DossierView, ExhibitView
from dossier.exhibits.pieces import PAGE_CSS, PiecePages, exhibit_pages
from dossier.exhibits.stamps import stamp_page, stamp_text
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message, message
from dossier.render.pdf import render_pdf, resolve_source_date_epoch
from dossier.schema.records import Evidence
from dossier.validate.evidence import resolve_evidence_path

#: The scheme of the bordereau's links while it is typeset; each becomes a link to the named
#: destination of its pièce once the pages are joined.
_LINK_SCHEME = "dossier-piece:"
#: The bordereau's columns.
BORDEREAU_COLUMNS = (
    N_("exhibits.column_number"),
    N_("exhibits.column_title"),
    N_("exhibits.column_kind"),
    N_("exhibits.column_date"),
    N_("exhibits.column_fingerprint"),
    N_("exhibits.column_pages"),
)
#: Why a pièce is not in this edition's bundle, as the bordereau says it.
LEFT_OUT_KEYS = {
    "confidentiality": N_("exhibits.left_out_confidentiality"),
    "incident": N_("exhibits.left_out_incident"),
}


def bundle_name(lang: str, part: int | None = None, audience_suffix: str = "") -> str:
    """``pieces-fr.pdf``; ``pieces-partners-fr.pdf`` for another audience (``audience_suffix``
    also names another layout: ``pieces-report-fr.pdf``); ``pieces-fr-2.pdf`` for the second
    part of a split bundle."""
    middle = f"-{audience_suffix}" if audience_suffix else ""
    tail = f"-{part}" if part is not None else ""
    return f"pieces{middle}-{lang}{tail}.pdf"


def destination(number: int) -> str:
    """The named destination of pièce ``number`` in the bundle: ``piece-3``."""
    return f"piece-{number}"


@dataclass
class BundlePart:
    """One file of the bundle, written in the work folder."""

    name: str
    path: Path
    pages: int
    numbers: list[int]


@dataclass
class Bundle:
    """What :func:`build_bundle` made: the parts, and what the build should say about it."""

    parts: list[BundlePart]
    #: Pièces the edition's audience may not receive, by reason ("confidentiality",
    #: "incident": cited only by incidents the edition leaves out).
    left_out: dict[str, int]
    #: Numbers below the highest that no exhibit holds any more (withdrawn pièces).
    withdrawn: list[int]
    notes: list[str] = field(default_factory=list)


def left_out_exhibits(view: DossierView, evidence: Sequence[Evidence]) -> dict[str, int]:
    """The exhibits of the sheet this edition does not show, counted by reason."""
    shown = {exhibit.id for exhibit in view.exhibits}
    visible = VISIBLE_LEVELS[Audience(view.audience)]
    counts: dict[str, int] = {}
    for item in evidence:
        if item.id in shown:
            continue
        reason = "confidentiality" if item.confidentiality not in visible else "incident"
        counts[reason] = counts.get(reason, 0) + 1
    return counts


def withdrawn_numbers(evidence: Sequence[Evidence]) -> list[int]:
    """Numbers from 1 to the highest recorded that no exhibit of the sheet holds."""
    recorded = {item.piece_number for item in evidence if item.piece_number}
    return [number for number in range(1, max(recorded, default=0)) if number not in recorded]


def build_bundle(
    view: DossierView,
    evidence: Sequence[Evidence],
    evidence_dir: Path | None,
    workdir: Path,
    *,
    name_suffix: str = "",
    max_part_bytes: int | None = None,
    source_date_epoch: int | None = None,
    names_someone: Callable[[str], bool] = lambda _text: False,
) -> Bundle:
    """Build the bundle of ``view``'s exhibits in ``workdir`` (one file, or parts of at most
    ``max_part_bytes`` each, never cutting a pièce)."""
    lang = view.lang
    workdir.mkdir(parents=True, exist_ok=True)
    # Originals travel inside the bundle only to the DDD: other audiences get the page
    # describing the file and its fingerprint, and may ask the organisation for it.
    attach = view.audience == Audience.ddd.value
    pieces: list[tuple[ExhibitView, PiecePages]] = []
    notes: list[str] = []
    for exhibit in sorted(view.exhibits, key=lambda item: item.number):
        original = None
        if exhibit.file and evidence_dir is not None:
            original = resolve_evidence_path(evidence_dir, exhibit.file)
        made = exhibit_pages(
            exhibit, original, lang, workdir, attach_originals=attach, names_someone=names_someone
        )
        notes.extend(made.notes)
        pieces.append((exhibit, made))
    left_out = left_out_exhibits(view, evidence)
    withdrawn = withdrawn_numbers(evidence)
    groups = _split(pieces, max_part_bytes)
    if max_part_bytes:
        notes.extend(
            Message("exhibits.piece_over_part_size", number=exhibit.number, id=exhibit.id)
            for exhibit, made in pieces
            if _weight(made) > max_part_bytes
        )
    parts = []
    for index, group in enumerate(groups, start=1):
        part = (index, len(groups)) if len(groups) > 1 else None
        name = bundle_name(lang, index if part else None, name_suffix)
        path = workdir / name
        pages = _join(
            view,
            group,
            path,
            part,
            left_out,
            withdrawn,
            resolve_source_date_epoch(source_date_epoch),
        )
        parts.append(BundlePart(name, path, pages, [exhibit.number for exhibit, _ in group]))
    return Bundle(parts, left_out, withdrawn, notes)


def _weight(made: PiecePages) -> int:
    """What a pièce adds to the bundle's size, about: its pages' file and its attachment."""
    attached = made.attachment.stat().st_size if made.attachment else 0
    return made.path.stat().st_size + attached


def _split(
    pieces: list[tuple[ExhibitView, PiecePages]], max_part_bytes: int | None
) -> list[list[tuple[ExhibitView, PiecePages]]]:
    """The pièces in parts whose files add up to at most ``max_part_bytes``; a pièce larger
    than that is a part of its own (a pièce is never cut)."""
    if not max_part_bytes:
        return [pieces]
    groups: list[list[tuple[ExhibitView, PiecePages]]] = [[]]
    size = 0
    for exhibit, made in pieces:
        weight = _weight(made)
        if groups[-1] and size + weight > max_part_bytes:
            groups.append([])
            size = 0
        groups[-1].append((exhibit, made))
        size += weight
    return groups


#: Pièces joined before the bundle is written to a temporary file and read back: each pièce's
#: file stays open until its pages are written (qpdf copies the streams then), so this bounds
#: the open files and the attachments held in memory, whatever the number of pièces.
BATCH = 200


def _join(
    view: DossierView,
    group: list[tuple[ExhibitView, PiecePages]],
    target: Path,
    part: tuple[int, int] | None,
    left_out: dict[str, int],
    withdrawn: list[int],
    epoch: int,
) -> int:
    """Write the bordereau and the pièces of ``group`` into ``target``; its number of pages."""
    lang = view.lang
    bordereau = target.with_suffix(".bordereau.pdf")
    bordereau.write_bytes(_bordereau_pdf(view, group, part, left_out, withdrawn))
    sources: list[pikepdf.Pdf] = []
    checkpoints: list[Path] = []
    saved = 0
    try:
        bundle = pikepdf.new()
        head = pikepdf.open(bordereau)
        sources.append(head)
        bundle.pages.extend(head.pages)
        head_pages = len(bundle.pages)
        for number, page in enumerate(bundle.pages, start=1):
            title = message("exhibits.bordereau_stamp", lang, page=number, pages=head_pages)
            stamp_page(bundle, page, title, add_strip=False)
        starts: list[tuple[ExhibitView, int]] = []
        for exhibit, made in group:
            source = pikepdf.open(made.path)
            sources.append(source)
            first = len(bundle.pages)
            bundle.pages.extend(source.pages)
            starts.append((exhibit, first))
            for k in range(made.pages):
                text = stamp_text(lang, exhibit.number, k + 1, made.pages)
                stamp_page(bundle, bundle.pages[first + k], text, add_strip=not made.has_margin)
            _attach(bundle, exhibit, made, epoch)
            if len(sources) >= BATCH:
                saved += 1
                checkpoint = target.with_suffix(f".joined-{saved}.pdf")
                bundle.save(checkpoint)
                for opened in [bundle, *sources]:
                    opened.close()
                for done in checkpoints:
                    done.unlink(missing_ok=True)
                checkpoints = [checkpoint]
                bundle = pikepdf.open(checkpoint)
                sources = []
        _destinations(bundle, starts, lang)
        _link_bordereau(bundle, head_pages)
        _metadata(bundle, view, epoch)
        bundle.save(target, deterministic_id=True, compress_streams=True)
        pages = len(bundle.pages)
        bundle.close()
        return pages
    finally:
        for source in sources:
            source.close()
        bordereau.unlink(missing_ok=True)
        for done in checkpoints:
            done.unlink(missing_ok=True)


def _destinations(bundle: pikepdf.Pdf, starts: list[tuple[ExhibitView, int]], lang: str) -> None:
    """A named destination ``piece-N`` and a bookmark for each pièce, under the bordereau's."""
    names = pikepdf.NameTree.new(bundle)
    with bundle.open_outline() as outline:
        outline.root.append(OutlineItem(message("exhibits.bordereau_title", lang), 0))
        for exhibit, first in starts:
            page = bundle.pages[first]
            names[destination(exhibit.number)] = Array([page.obj, Name.Fit])
            words = message("exhibits.piece_number", lang, number=exhibit.number)
            title = f"{words} — {exhibit.description or exhibit.kind}"
            outline.root.append(OutlineItem(title[:200], first))
    if Name.Names not in bundle.Root:
        bundle.Root.Names = Dictionary()
    bundle.Root.Names.Dests = names.obj
    bundle.Root.PageMode = Name.UseOutlines


def _link_bordereau(bundle: pikepdf.Pdf, head_pages: int) -> None:
    """Turn each link of the bordereau to a pièce into a jump to its named destination."""
    for index in range(head_pages):
        for annotation in bundle.pages[index].obj.get(Name.Annots, Array()):
            action = annotation.get(Name.A)
            if action is None or action.get(Name.S) != Name.URI:
                continue
            uri = str(action.get(Name.URI, ""))
            if uri.startswith(_LINK_SCHEME):
                number = int(uri.removeprefix(_LINK_SCHEME))
                annotation.A = Dictionary(S=Name.GoTo, D=String(destination(number)))


def _attach(bundle: pikepdf.Pdf, exhibit: ExhibitView, made: PiecePages, epoch: int) -> None:
    """Attach the original of ``exhibit`` if the audience may receive it, named after its
    pièce."""
    if made.attachment is None:
        return
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("D:%Y%m%d%H%M%SZ")
    name = f"piece-{exhibit.number}-{made.attachment.name}"
    bundle.attachments[name] = pikepdf.AttachedFileSpec(
        bundle,
        made.attachment.read_bytes(),
        description=exhibit.description or exhibit.kind,
        filename=name,
        creation_date=stamp,
        mod_date=stamp,
    )


def _metadata(bundle: pikepdf.Pdf, view: DossierView, epoch: int) -> None:
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("D:%Y%m%d%H%M%SZ")
    bundle.docinfo = bundle.make_indirect(
        Dictionary(
            Title=String(message("exhibits.bundle_title", view.lang, reference=view.reference)),
            Author=String(view.config.organisation.name),
            Producer=String("dossier"),
            CreationDate=String(stamp),
            ModDate=String(stamp),
        )
    )
    bundle.Root.Lang = String(view.lang)


def _bordereau_pdf(
    view: DossierView,
    group: list[tuple[ExhibitView, PiecePages]],
    part: tuple[int, int] | None,
    left_out: dict[str, int],
    withdrawn: list[int],
) -> bytes:
    """The bordereau of ``group``, typeset; each number links to its pièce."""
    lang = view.lang

    def say(key: str, **params: object) -> str:
        return html.escape(message(key, lang, **params))

    header = "".join(f"<th>{say(key)}</th>" for key in BORDEREAU_COLUMNS)
    title = say(N_("exhibits.bordereau_title"))
    rows = []
    for exhibit, made in group:
        # The document's own date; failing it, the day it was collected, said as such.
        if exhibit.document_date is not None:
            date = html.escape(exhibit.document_date.isoformat())
        elif exhibit.captured_at is not None:
            date = say(N_("exhibits.collected_on"), date=exhibit.captured_at.date().isoformat())
        else:
            date = "—"
        number = say(N_("exhibits.piece_number"), number=exhibit.number)
        rows.append(
            "<tr>"
            f'<td class="number"><a href="{_LINK_SCHEME}{exhibit.number}">{number}</a></td>'
            f"<td>{html.escape(exhibit.description or '—')}</td>"
            f"<td>{html.escape(exhibit.kind)}</td>"
            f"<td>{date}</td>"
            f'<td class="fp">{exhibit.sha256 or "—"}</td>'
            f"<td>{made.pages}</td>"
            "</tr>"
        )
    intro = [f"<h1>{title}</h1>"]
    intro.append(f"<p>{html.escape(view.title)} — {html.escape(view.reference)}</p>")
    if part is not None:
        first, last = group[0][0].number, group[-1][0].number
        which = say(N_("exhibits.part"), part=part[0], parts=part[1], first=first, last=last)
        intro.append(f"<p>{which}</p>")
    after = []
    if withdrawn:
        numbers = ", ".join(str(number) for number in withdrawn)
        withdrawn_said = say(N_("exhibits.withdrawn"), numbers=numbers)
        after.append(f"<p>{withdrawn_said}</p>")
    for reason, count in sorted(left_out.items()):
        after.append(f"<p>{say(LEFT_OUT_KEYS[reason], count=count)}</p>")
    style = PAGE_CSS + (
        "table { width: 100%; border-collapse: collapse; font-size: 8.5pt; }"
        "th, td { border-bottom: 0.5pt solid #999; padding: 3pt; text-align: left;"
        " vertical-align: top; } .fp { font-family: 'DejaVu Sans Mono', monospace;"
        " font-size: 6.5pt; overflow-wrap: anywhere; width: 28%; } a { color: #1a4e8a; }"
        " .number { white-space: nowrap; }"
    )
    document = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{style}</style></head><body>"
        + "".join(intro)
        + f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        + "".join(after)
        + "</body></html>"
    )
    return render_pdf(
        document,
        asset_dirs=(),
        lang=lang,
        title=message("exhibits.bordereau_title", lang),
        author=view.config.organisation.name,
        subject=view.reference,
        tagged=False,
    ).data
