"""Turn one exhibit into PDF pages: images placed losslessly, PDFs as they are, text typeset,
anything else (audio, video, unknown) described on a page, videos with a page of stills."""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import img2pdf
import pikepdf
from PIL import Image, UnidentifiedImageError

from dossier.assemble.models import ExhibitView
from dossier.exhibits.stills import Still, media_duration, video_stills
from dossier.i18n.messages import Message, message
from dossier.render.pdf import render_pdf

#: A4 in points, and the margin kept around an image (the stamp sits in the bottom one).
A4 = (595.28, 841.89)
IMAGE_MARGIN = 36.0
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".bmp", ".webp"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".csv", ".json", ".xml", ".eml", ".log"})
VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".mkv", ".avi", ".webm", ".m4v", ".3gp", ".mpg"})
AUDIO_SUFFIXES = frozenset({".wav", ".mp3", ".m4a", ".ogg", ".opus", ".flac", ".aac", ".amr"})
# img2pdf logs, at warning level, how it stores an alpha channel (a soft mask, losslessly): not
# something the person building a dossier can act on.
logging.getLogger("img2pdf").setLevel(logging.ERROR)
#: A text exhibit longer than this is typeset up to it, and the page says so.
TEXT_LIMIT = 400_000

#: The style of the pages dossier typesets (text, descriptions, stills): A4, a bottom margin
#: that leaves room for the stamp, the dossier's fonts.
PAGE_CSS = """
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
body { font-family: "Noto Serif", "DejaVu Serif", serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 13pt; margin: 0 0 8pt 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", monospace;
      font-size: 8.5pt; margin: 0; }
dl { display: grid; grid-template-columns: 35% 65%; margin: 0; }
dt { font-weight: bold; margin: 0 0 4pt 0; } dd { margin: 0 0 4pt 0; overflow-wrap: anywhere; }
.stills { display: flex; flex-wrap: wrap; gap: 6mm; }
figure { width: 80mm; margin: 0; break-inside: avoid; }
figure img { width: 80mm; } figcaption { font-size: 8.5pt; }
.note { font-style: italic; }
"""


@dataclass
class PiecePages:
    """One exhibit as PDF pages, on disk: what the bundle merges."""

    path: Path
    pages: int
    #: True when dossier laid the pages out with a margin for the stamp (A4).
    has_margin: bool
    #: The original file, attached to the bundle (audio, video, other), if the audience may
    #: receive it.
    attachment: Path | None = None
    #: What the build should tell (:class:`Message`, told in the user's language).
    notes: list[str] = field(default_factory=list)


def exhibit_pages(
    exhibit: ExhibitView,
    original: Path | None,
    lang: str,
    workdir: Path,
    *,
    attach_originals: bool,
    names_someone: Callable[[str], bool] = lambda _text: False,
) -> PiecePages:
    """``exhibit`` (whose file, if any, is ``original``) as PDF pages written in ``workdir``.

    A text exhibit in which ``names_someone`` finds a legal name of the persons sheet is not
    typeset (nor attached): only the confidential annex may hold a legal name. Its page
    describes it, and a note tells the editor.
    """
    target = workdir / f"piece-{exhibit.number}.pdf"
    if original is None or not original.is_file():
        return _described(exhibit, original, lang, target, None, [])
    suffix = original.suffix.lower()
    if suffix == ".pdf":
        pages = _pdf_pages(original)
        if pages is not None:
            return PiecePages(original, pages, has_margin=False)
    elif suffix in IMAGE_SUFFIXES:
        pages = _image_pages(original, target, workdir)
        if pages is not None:
            return PiecePages(target, pages, has_margin=True)
    elif suffix in TEXT_SUFFIXES:
        text, cut = _read_text(original)
        if not names_someone(text):
            return _text_pages(exhibit, text, cut, lang, target)
        described = _described(exhibit, original, lang, target, None, [], withheld=True)
        described.notes.append(Message("exhibits.text_names_someone", id=exhibit.id))
        return described
    stills: list[Still] = []
    if suffix in VIDEO_SUFFIXES:
        stills = video_stills(original, exhibit.timecodes, workdir / f"stills-{exhibit.number}")
    attachment = original if attach_originals else None
    return _described(exhibit, original, lang, target, attachment, stills)


def _pdf_pages(original: Path) -> int | None:
    """The number of pages of a PDF exhibit, or None when it cannot be merged (encrypted,
    damaged): it is then described on a page and attached like any other file."""
    try:
        with pikepdf.open(original) as source:
            return len(source.pages) or None
    except (pikepdf.PdfError, pikepdf.PasswordError, OSError):
        return None


def _image_pages(original: Path, target: Path, workdir: Path) -> int | None:
    """The image on an A4 page, scaled to fit inside the margins, its pixels untouched.

    img2pdf copies JPEG and PNG data into the PDF as it is (an alpha channel becomes a soft
    mask); an image it cannot take as it is (a format it does not read) is converted to PNG by
    Pillow first, which keeps every pixel (PNG is lossless) but drops any transparency. A file
    neither can read gives None: the exhibit is then described on a page.
    """
    layout = img2pdf.get_layout_fun(
        A4, border=(IMAGE_MARGIN, IMAGE_MARGIN), fit=img2pdf.FitMode.into, auto_orient=True
    )
    try:
        data = img2pdf.convert(str(original), layout_fun=layout, nodate=True)
    except Exception:
        converted = workdir / f"{target.stem}-converted.png"
        try:
            with Image.open(original) as image:
                image.convert("RGB").save(converted, format="PNG")
            data = img2pdf.convert(str(converted), layout_fun=layout, nodate=True)
        except (OSError, UnidentifiedImageError, ValueError, img2pdf.ImageOpenError):
            return None
        finally:
            converted.unlink(missing_ok=True)
    target.write_bytes(data)
    with pikepdf.open(target) as made:
        return len(made.pages)


def _read_text(original: Path) -> tuple[str, bool]:
    """The text of a text exhibit (UTF-8, else Windows' Latin) up to ``TEXT_LIMIT`` bytes,
    and whether the file is longer."""
    with original.open("rb") as file:
        raw = file.read(TEXT_LIMIT + 1)
    cut = len(raw) > TEXT_LIMIT
    raw = raw[:TEXT_LIMIT]
    try:
        return raw.decode("utf-8"), cut
    except UnicodeDecodeError as error:
        if cut and error.start >= TEXT_LIMIT - 3:  # a character cut at the limit
            return raw[: error.start].decode("utf-8"), cut
        return raw.decode("cp1252", errors="replace"), cut


def _text_pages(exhibit: ExhibitView, text: str, cut: bool, lang: str, target: Path) -> PiecePages:
    """A text file typeset as it is written (line breaks kept, long lines wrapped)."""
    note = html.escape(message("exhibits.text_cut", lang))
    said = f'<p class="note">{note}</p>' if cut else ""
    body = f"<h1>{html.escape(_title(exhibit, lang))}</h1><pre>{html.escape(text)}</pre>{said}"
    return PiecePages(target, _typeset(body, exhibit, lang, target), has_margin=True)


def _described(
    exhibit: ExhibitView,
    original: Path | None,
    lang: str,
    target: Path,
    attachment: Path | None,
    stills: list[Still],
    *,
    withheld: bool = False,
) -> PiecePages:
    """A page saying what the exhibit is and where its original is; a video's stills after.

    ``withheld``: the content may not be shown (it names someone); the page says so."""
    rows: list[tuple[str, str]] = []
    if exhibit.file:
        rows.append((message("exhibits.field_file", lang), exhibit.file))
    if exhibit.url:
        rows.append((message("exhibits.field_url", lang), exhibit.url))
    rows.append((message("exhibits.field_kind", lang), exhibit.kind))
    notes: list[str] = []
    if original is not None and original.is_file():
        size = os.stat(original).st_size
        rows.append((message("exhibits.field_size", lang), message("exhibits.bytes", lang, n=size)))
        duration = media_duration(original)
        if duration is not None:
            rows.append((message("exhibits.field_duration", lang), _clock(duration)))
    rows.append((message("exhibits.field_sha256", lang), exhibit.sha256 or "—"))
    if withheld:
        where = message("exhibits.where_withheld", lang)
    elif attachment is not None:
        where = message("exhibits.where_attached", lang, name=attachment.name)
    elif exhibit.file:
        where = message("exhibits.where_kept", lang)
    else:
        where = message("exhibits.where_online", lang)
    rows.append((message("exhibits.field_original", lang), where))
    listing = "".join(
        f"<dt>{html.escape(term)}</dt><dd>{html.escape(value)}</dd>" for term, value in rows
    )
    body = f"<h1>{html.escape(_title(exhibit, lang))}</h1><dl>{listing}</dl>"
    if original is not None and original.suffix.lower() in VIDEO_SUFFIXES:
        body += _stills_html(stills, lang)
        if not stills:
            notes.append(Message("exhibits.no_stills", file=exhibit.file or ""))
    pages = _typeset(body, exhibit, lang, target)
    return PiecePages(target, pages, has_margin=True, attachment=attachment, notes=notes)


def _stills_html(stills: list[Still], lang: str) -> str:
    """The stills of a video, each captioned with its timecode (and whether the sheet cites it)."""
    if not stills:
        note = html.escape(message("exhibits.stills_unavailable", lang))
        return f'<p class="note">{note}</p>'
    figures = []
    for still in stills:
        if still.cited:
            caption = message("exhibits.still_cited", lang, timecode=_clock(still.seconds))
        else:
            caption = _clock(still.seconds)
        figures.append(
            f'<figure><img src="{still.data_uri()}" alt="{html.escape(caption)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        )
    heading = html.escape(message("exhibits.stills_heading", lang))
    return (
        f'<h1 style="break-before: page">{heading}</h1><div class="stills">{"".join(figures)}</div>'
    )


def _title(exhibit: ExhibitView, lang: str) -> str:
    words = message("exhibits.piece_number", lang, number=exhibit.number)
    return f"{words} — {exhibit.description or exhibit.kind}"


def _typeset(body: str, exhibit: ExhibitView, lang: str, target: Path) -> int:
    """Typeset ``body`` on A4 pages into ``target``; the number of pages."""
    document = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(_title(exhibit, lang))}</title><style>{PAGE_CSS}</style></head>"
        f"<body>{body}</body></html>"
    )
    rendered = render_pdf(
        document,
        asset_dirs=(),
        lang=lang,
        title=_title(exhibit, lang),
        author="dossier",
        subject=exhibit.id,
        tagged=False,
    )
    target.write_bytes(rendered.data)
    return rendered.pages


def _clock(seconds: float) -> str:
    """``seconds`` as h:mm:ss (or m:ss under an hour)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
