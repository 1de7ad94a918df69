"""Render dossier HTML to a reproducible PDF, fetching only template assets and data: URIs."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import re
import urllib.parse
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.request import DataHandler, Request

import pydyf
import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from dossier.errors import DossierError
from dossier.i18n.messages import Message
from dossier.render.joiners import keep_joiners_in_pdf_text
from dossier.render.pack import PackFileRefused, read_pack_file

__all__ = [
    "ACCEPTED_VARIANTS",
    "ASSET_BASE_URL",
    "ZIP_EPOCH",
    "Attachment",
    "InvalidSourceDateEpoch",
    "RefusedURLError",
    "RenderedPdf",
    "SafeURLFetcher",
    "build_day_epoch",
    "render_pdf",
    "resolve_source_date_epoch",
]

LOGGER = logging.getLogger("dossier.render")

ASSET_SCHEME = "asset"
#: Base URL of every rendered document: ``dossier.css`` resolves to ``asset:/dossier.css``.
ASSET_BASE_URL = f"{ASSET_SCHEME}:/"

#: PDF variants render_pdf accepts (``None`` gives a plain tagged PDF). Every output is tagged;
#: ``pdf/a-3a`` says so in its PDF/A conformance level (ISO 19005-3, level A: tagged, with
#: the text's Unicode and language), ``pdf/a-3b`` only promises the printed look. Both may
#: carry attachments (the workbook and the input manifest, dossier/build/pipeline.py).
ACCEPTED_VARIANTS: tuple[str, ...] = ("pdf/a-3a", "pdf/a-3b")

#: 1980-01-01T00:00:00Z, the earliest date a zip entry can hold: the floor of the DOCX
#: package's entry dates, and the fixed date of files made once and kept (the reference DOCX).
ZIP_EPOCH = 315_532_800

#: AFRelationship values allowed by PDF/A-3 (ISO 19005-3, 6.8).
ATTACHMENT_RELATIONSHIPS = frozenset(
    {
        "Source",
        "Data",
        "Alternative",
        "Supplement",
        "EncryptedPayload",
        "FormData",
        "Schema",
        "Unspecified",
    }
)

# urljoin() only resolves relative references against schemes it knows to be hierarchical;
# without this, "fonts/x.woff2" against "asset:/" would stay relative and be unfetchable.
if ASSET_SCHEME not in urllib.parse.uses_relative:
    urllib.parse.uses_relative.append(ASSET_SCHEME)

_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9.+-]*):")
_MIME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*$")

# A fixed table rather than the mimetypes module, whose answers depend on the host's
# /etc/mime.types: the same asset must give the same PDF on every machine.
_ASSET_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".txt": "text/plain",
    ".json": "application/json",
    ".csv": "text/csv",
    ".pdf": "application/pdf",
    ".icc": "application/vnd.iccprofile",
}


class RefusedURLError(DossierError, ValueError):
    """A URL the dossier renderer will not fetch: wrong scheme, or not an asset.

    A ``ValueError`` too: WeasyPrint treats what its fetcher raises as a resource it could not
    load, logs it and goes on.
    """


class InvalidSourceDateEpoch(DossierError, ValueError):
    """``SOURCE_DATE_EPOCH`` is set to something other than a whole number of seconds."""


class SafeURLFetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint URL fetcher that serves ``data:`` URIs and named template assets only.

    Assets are looked up, in order, in ``asset_dirs`` (the template search path: the
    editor's directory first, then the built-in ``templates/assets``) and addressed as
    ``asset:dossier.css`` or, relative to :data:`ASSET_BASE_URL`, as ``dossier.css``.
    Every other URL (``file:``, ``http:``, ``https:``, ``ftp:``, …) and every asset path
    that would leave its directory is refused: it raises :class:`RefusedURLError`, is
    appended to :attr:`refused` and is logged on ``dossier.render`` at WARNING.
    """

    def __init__(self, asset_dirs: Sequence[Path | str]) -> None:
        # The parent builds a urllib opener with file/http/ftp handlers; fetch() below never
        # reaches it, and redirects are off in case a future caller does.
        super().__init__(allowed_protocols=("data", ASSET_SCHEME), allow_redirects=False)
        # Not resolved: the folder itself must not be a link (``assets -> ..``), which reading
        # through read_pack_file refuses.
        self.asset_dirs: tuple[Path, ...] = tuple(Path(d).absolute() for d in asset_dirs)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Return the asset or data behind ``url``, or raise :class:`RefusedURLError`."""
        match = _SCHEME_RE.match(url)
        scheme = match[1].lower() if match else ""
        if scheme == "data":
            return self._fetch_data(url)
        if scheme == ASSET_SCHEME:
            return self._fetch_asset(url)
        self._refuse(url, Message("pdf.scheme_not_allowed", scheme=repr(scheme or "(none)")))

    def _fetch_data(self, url: str) -> URLFetcherResponse:
        try:
            response = DataHandler().data_open(Request(url))
        except Exception as error:  # malformed base64, missing comma, …
            self._refuse(url, Message("pdf.malformed_data_uri", reason=str(error)))
        return URLFetcherResponse(url, body=response.read(), headers=dict(response.headers.items()))

    def _fetch_asset(self, url: str) -> URLFetcherResponse:
        relative = self._asset_path(url)
        for asset_dir in self.asset_dirs:
            # Walked name by name from the folder above the assets, following no link: a link
            # anywhere (the assets folder itself included) is refused, never followed.
            try:
                body = read_pack_file(asset_dir.parent, [asset_dir.name, *relative.split("/")])
            except PackFileRefused as refused:
                self._refuse(url, refused.as_message())
            except OSError:
                continue
            mime_type = _ASSET_TYPES.get(Path(relative).suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(
                f"{ASSET_SCHEME}:/{relative}", body=body, headers={"Content-Type": mime_type}
            )
        self._refuse(url, Message("pdf.no_such_asset", path=repr(relative)))

    def _asset_path(self, url: str) -> str:
        """Return the ``/``-separated path of an asset URL, refusing anything unsafe."""
        parts = urllib.parse.urlsplit(url)
        if parts.netloc:
            self._refuse(url, Message("pdf.asset_host"))
        path = urllib.parse.unquote(parts.path)
        segments = path.lstrip("/").split("/")
        for segment in segments:
            if segment in ("", ".", "..") or "\\" in segment or "\x00" in segment:
                self._refuse(url, Message("pdf.unsafe_asset_path", path=repr(path)))
        return "/".join(segments)

    def _refuse(self, url: str, reason: Message) -> NoReturn:
        self.refused.append(url)
        shown = url if len(url) <= 200 else url[:200] + "…"
        LOGGER.warning("Refused to fetch %s: %s", shown, reason)
        raise RefusedURLError("pdf.refused_url", url=shown, reason=reason)


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (an exhibit, the data as CSV, the manifest)."""

    name: str
    data: bytes
    description: str = ""
    mime_type: str = "application/octet-stream"
    #: PDF/A-3 AFRelationship: how the file relates to the document.
    relationship: str = "Unspecified"

    def __post_init__(self) -> None:
        if not self.name or "/" in self.name or "\\" in self.name:
            raise ValueError(f"attachment name must be a plain file name, got {self.name!r}")
        if not _MIME_RE.match(self.mime_type):
            raise ValueError(f"attachment {self.name!r}: invalid MIME type {self.mime_type!r}")
        if self.relationship not in ATTACHMENT_RELATIONSHIPS:
            accepted = ", ".join(sorted(ATTACHMENT_RELATIONSHIPS))
            raise ValueError(
                f"attachment {self.name!r}: relationship {self.relationship!r} "
                f"is not one of {accepted}"
            )

    def data_uri(self) -> str:
        """The attachment as a ``data:`` URI, which carries its MIME type to WeasyPrint."""
        return f"data:{self.mime_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered PDF and what the fetcher refused while making it."""

    data: bytes
    pages: int
    refused_urls: list[str] = field(default_factory=list)
    #: What ``inspect`` returned (see :func:`render_pdf`).
    inspected: Any = None


def build_day_epoch() -> int:
    """Midnight UTC of the build's day: the date the dossier prints (today, on this machine)."""
    today = dt.date.today()
    return int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC).timestamp())


def resolve_source_date_epoch(source_date_epoch: int | None = None) -> int:
    """Return the epoch to stamp: the argument, else ``$SOURCE_DATE_EPOCH``, else the build day.

    Without ``SOURCE_DATE_EPOCH`` the documents are dated from the day of the build (the
    date printed on them), not the hour: a rebuild the same day still gives the same bytes.
    A malformed ``SOURCE_DATE_EPOCH`` is an error, as reproducible-builds.org asks.
    """
    if source_date_epoch is None:
        from_env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if not from_env:
            return build_day_epoch()
        if not from_env.isdigit():
            raise InvalidSourceDateEpoch("pdf.bad_source_date_epoch", value=repr(from_env))
        source_date_epoch = int(from_env)
    if source_date_epoch < 0:
        raise ValueError(f"source_date_epoch must not be negative, got {source_date_epoch}")
    return source_date_epoch


def render_pdf(
    html: str,
    *,
    asset_dirs: Sequence[Path],
    lang: str,
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str] = (),
    variant: str | None = None,
    attachments: Sequence[Attachment] = (),
    source_date_epoch: int | None = None,
    tagged: bool = True,
    inspect: Callable[[Any], Any] | None = None,
) -> RenderedPdf:
    """Render ``html`` (the dossier subset, linking ``dossier.css``) to a tagged PDF.

    Relative URLs resolve against the asset directories through :class:`SafeURLFetcher`;
    nothing else is read. Title, author, subject, keywords and language are written to
    the PDF's metadata, with dates from :func:`resolve_source_date_epoch`, so the same
    HTML and epoch always give the same bytes. ``variant="pdf/a-3a"`` makes a tagged PDF/A-3a,
    ``"pdf/a-3b"`` a PDF/A-3b (tagged too).
    ``attachments`` are embedded in every variant.

    ``inspect``, when given, is called with the laid-out WeasyPrint document before it is
    written (the parallel renderer reads page names, anchors and bookmarks there); what it
    returns is :attr:`RenderedPdf.inspected`. ``tagged=False`` leaves the structure tree out
    (only for the page-furniture layer that renderer draws on tagged pages).
    """
    if variant is not None and variant not in ACCEPTED_VARIANTS:
        raise ValueError(
            f"unknown PDF variant {variant!r}; accepted: None, {', '.join(ACCEPTED_VARIANTS)}"
        )
    epoch = resolve_source_date_epoch(source_date_epoch)
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)

    # Persian's zero-width non-joiners in the PDF's text (dossier/render/joiners.py).
    keep_joiners_in_pdf_text()
    fetcher = SafeURLFetcher(asset_dirs)
    document_source = weasyprint.HTML(string=html, base_url=ASSET_BASE_URL, url_fetcher=fetcher)
    embedded = [
        weasyprint.Attachment(
            url=attachment.data_uri(),
            url_fetcher=fetcher,
            name=attachment.name,
            description=attachment.description or None,
            created=stamp,
            modified=stamp,
            relationship=attachment.relationship,
        )
        for attachment in attachments
    ]
    # Every key here is a name in weasyprint.DEFAULT_OPTIONS: WeasyPrint only logs unknown
    # options, so a typo would silently drop a feature (test_render_options_are_known).
    options: dict[str, Any] = {
        "pdf_tags": tagged,
        "pdf_variant": variant,
        "attachments": embedded or None,
    }
    document = document_source.render(**options)
    _drop_template_attachments(document_source, document, fetcher)
    inspected = inspect(document) if inspect is not None else None

    metadata = document.metadata
    metadata.title = title
    metadata.authors = [author]
    metadata.description = subject
    metadata.keywords = list(keywords)
    metadata.lang = lang
    metadata.generator = "dossier"
    metadata.created = metadata.modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for PDF/A output intents and never closes it;
        # with warnings as errors (our test suite) that would surface in whichever test runs.
        warnings.filterwarnings(
            "ignore", message=r"unclosed file .*sRGB2014\.icc", category=ResourceWarning
        )
        data = document.write_pdf(finisher=_EmbeddedFileDates(stamp), **options)
    return RenderedPdf(
        data=data,
        pages=len(document.pages),
        refused_urls=list(fetcher.refused),
        inspected=inspected,
    )


def _drop_template_attachments(source: Any, document: Any, fetcher: SafeURLFetcher) -> None:
    """Keep only the attachments the build gives: those the HTML asks for are dropped, unread,
    and listed with the refused URLs.

    WeasyPrint embeds what ``<link rel="attachment">`` and ``<a rel="attachment">`` name. The
    files a dossier carries are a documented list the build decides (the input manifest, and the
    workbook under the privacy rules), passed as ``attachments``; a template must not add any
    other (the markup check refuses them first; this holds for HTML given directly too).
    """
    asked: list[str] = []
    if document.metadata.attachments:
        for element in source.etree_element.iter("link"):
            if "attachment" in (element.get("rel") or "").lower().split():
                asked.append(urllib.parse.urljoin(ASSET_BASE_URL, element.get("href") or ""))
        document.metadata.attachments = []
    for page in document.pages:
        asked += [link[1] for link in page.links if link[0] == "attachment"]
        page.links = [link for link in page.links if link[0] != "attachment"]
    for url in dict.fromkeys(asked):
        fetcher.refused.append(url)
        LOGGER.warning("Refused to attach %s: a dossier carries only the files the build adds", url)


class _EmbeddedFileDates:
    """PDF finisher stamping every embedded file with the fixed date.

    WeasyPrint dates the files of ``<link rel=attachment>`` and ``<a rel=attachment>``
    with the current time; the attachments passed to render_pdf already carry the stamp.
    """

    def __init__(self, stamp: dt.datetime) -> None:
        self.pdf_date = stamp.strftime("D:%Y%m%d%H%M%SZ")

    def __call__(self, document: Any, pdf: Any) -> None:
        for pdf_object in pdf.objects:
            extra = getattr(pdf_object, "extra", None)
            if not isinstance(extra, dict) or extra.get("Type") != "/EmbeddedFile":
                continue
            params = extra.get("Params")
            if isinstance(params, dict):
                params["CreationDate"] = pydyf.String(self.pdf_date)
                params["ModDate"] = pydyf.String(self.pdf_date)
