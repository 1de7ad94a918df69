"""`dossier preview`: a loopback web server showing the dossier as HTML, reloaded on change."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import re
import stat
import sys
import threading
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, Layout
from dossier.build.pipeline import build_date
from dossier.commands.templates_check import TemplateIssue, _template_files, check_plural_forms
from dossier.errors import ChoiceError, DossierError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import Message, in_language, label, message, plural_message
from dossier.input.config import ConfigError, find_config, load_config
from dossier.input.errors import LoadError
from dossier.input.problems import Severity
from dossier.render.dispatch import describe_unsupported
from dossier.render.docx import check_html_subset
from dossier.render.html import (
    TemplateProblem,
    asset_dirs,
    builtin_templates_dir,
    render_template,
)
from dossier.render.markup import markup_problems, without_refresh
from dossier.render.pack import PackFileRefused
from dossier.render.pdf import RefusedURLError, SafeURLFetcher
from dossier.validate.rows import load_and_validate

__all__ = [
    "HOST",
    "PreviewOptions",
    "PreviewServer",
    "make_preview_server",
    "render_page",
    "watched_fingerprint",
]

#: The only address the preview listens on: it shows confidential data, so never the network.
HOST = "127.0.0.1"
#: Internal routes live under this prefix, out of the way of asset names.
PREFIX = "/_preview/"
#: Files larger than this are compared by size and modification time only, not by content.
HASH_LIMIT = 512 * 1024
#: A folder holding more files than this is not watched past that many (a huge evidence tree).
MAX_WATCHED = 20_000
# Editors' swap and backup files, and our own atomic-write temporaries: saving nothing yet.
_IGNORED = re.compile(r"(^\.|~$|\.sw[a-p]$|\.part$|\.tmp$|^#.*#$)")
LANGS = ("fr", "en")
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
#: Seconds a request waits for its page; a longer render goes on, and the page says so and
#: asks again (the server is never held by a render).
RENDER_WAIT = 10.0
#: Seconds a template render may take in the preview (then it is abandoned with a message).
PREVIEW_RENDER_SECONDS = 60.0

# Same-origin only; no inline script (the reload script is a file), no fetch elsewhere, no
# form, no base, no frame, no plugin. Browsers have no directive for where a page may navigate
# (navigate-to was dropped): the markup check refuses meta refresh and the like, and the
# preview strips any meta refresh left.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; media-src 'none'; "
    "object-src 'none'; frame-src 'none'; child-src 'none'; worker-src 'none'; "
    "manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class PreviewOptions:
    """What to preview: the inputs of `dossier build`, one layout and one language."""

    source: Path
    templates: Path | None = None
    config: Path | None = None
    layout: str = "ddd"
    lang: str = "fr"
    audience: str | None = None
    mapping: Path | None = None
    evidence: Path | None = None
    profile: str = "workbook"

    def __post_init__(self) -> None:
        layouts, audiences = [item.value for item in Layout], [item.value for item in Audience]
        problems = []
        if self.layout not in layouts:
            allowed = ", ".join(layouts)
            problems.append(
                Message("choices.unknown_layout", value=repr(self.layout), allowed=allowed)
            )
        if self.lang not in LANGS:
            allowed = ", ".join(LANGS)
            problems.append(
                Message("choices.unknown_language", value=repr(self.lang), allowed=allowed)
            )
        if self.audience is not None and self.audience not in audiences:
            allowed = ", ".join(audiences)
            problems.append(
                Message("choices.unknown_audience", value=repr(self.audience), allowed=allowed)
            )
        if problems:
            raise ChoiceError("problems", problems=problems)

    def config_path(self) -> Path:

        return find_config(self.source, self.config)

    def data_paths(self) -> list[Path]:
        """The workbook (or folder), the mapping and the evidence: what validation reads."""
        paths = [self.source]
        if self.mapping is not None:
            paths.append(self.mapping)
        if self.evidence is not None:
            paths.append(self.evidence)
        elif self.source.is_file() or not self.source.exists():
            paths.append(self.source.parent / "evidence")
        return paths

    def template_paths(self) -> list[Path]:
        """The editor's folder (templates and assets) and the built-in templates."""
        paths = [builtin_templates_dir()]
        if self.templates is not None:
            paths.insert(0, self.templates)
        return paths

    def watched(self) -> list[Path]:
        return [*self.template_paths(), *self.data_paths(), self.config_path()]


def _files_under(root: Path) -> Iterator[Path]:
    """The entries under ``root`` (links to folders below it are not entered), or ``root``
    itself when it is not a folder (a workbook, a config: whatever it is, :func:`_file_print`
    reads it safely)."""
    if not root.is_dir():
        yield root
        return
    count = 0
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not _IGNORED.search(name))
        for name in sorted(files):
            if _IGNORED.search(name):
                continue
            count += 1
            if count > MAX_WATCHED:
                return
            yield Path(folder) / name


def _file_print(path: Path) -> bytes:
    """What tells a change of ``path``: for a regular file its size, date and (when small) its
    content; for a link where it leads (never followed); for anything else (a pipe, a device)
    only its kind, so that the watcher never blocks on a pipe or reads ``/dev/zero`` for ever.
    The file is opened without following a link and without blocking, and read at most
    :data:`HASH_LIMIT` bytes."""
    try:
        status = os.lstat(path)
    except OSError:
        return b"gone"
    if stat.S_ISLNK(status.st_mode):
        try:
            return b"link " + os.fsencode(os.readlink(path))
        except OSError:
            return b"link"
    if not stat.S_ISREG(status.st_mode):
        return f"kind {stat.S_IFMT(status.st_mode)}".encode()
    facts = f"{status.st_mtime_ns}\0{status.st_size}".encode()
    if status.st_size > HASH_LIMIT:
        return facts
    # Two saves within the clock's resolution can leave the time unchanged: read it.
    try:
        handle = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING)
    except OSError:
        return facts
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return facts  # swapped for something else since the lstat
        return facts + hashlib.sha256(stream.read(HASH_LIMIT + 1)).digest()


def watched_fingerprint(paths: Iterable[Path]) -> str:
    """A short digest that changes when any file under ``paths`` changes, appears or goes."""
    digest = hashlib.sha256()
    for root in paths:
        digest.update(f"\0root {root}".encode())
        for path in _files_under(root):
            digest.update(f"\0{path}\0".encode())
            digest.update(_file_print(path))
    return digest.hexdigest()[:16]


# -- rendering -----------------------------------------------------------------------------------

#: At most this many data problems are listed in the page.
MAX_PROBLEMS = 200

#: The title of the error page, by what kept the dossier from being shown.
PAGE_TITLES = {
    "template": N_("preview.template_error"),
    "data": N_("preview.data_error"),
    "load": N_("preview.load_error"),
    "config": N_("preview.config_error"),
    "busy": N_("preview.busy"),
    "unexpected": N_("preview.unexpected_error"),
}


class PreviewError(DossierError):
    """What keeps the dossier from being shown, as HTML already escaped for the error page."""

    def __init__(self, kind: str, body: str) -> None:
        super().__init__(PAGE_TITLES.get(kind, PAGE_TITLES["unexpected"]))
        self.kind = kind
        self.body = body


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


@dataclass
class _DataCache:
    fingerprint: str = ""
    result: Any = None  # (dataset, report) or the exception met while loading


@dataclass
class _Rendering:
    """A page being rendered in its own thread, and its result once done."""

    done: threading.Event = field(default_factory=threading.Event)
    result: tuple[int, str] = (HTTPStatus.INTERNAL_SERVER_ERROR, "")
    delivered: bool = False


@dataclass
class Preview:
    """Renders the preview pages; reloads the data only when the data files changed.

    Each page is rendered in a thread of its own: a request waits for it at most
    ``render_wait`` seconds, then gets a page saying the render goes on (and asking again).
    Requests for a page already being rendered wait for that render; a render that finished
    after its request left is given to the next one.
    """

    options: PreviewOptions
    poll_interval: float = 0.5
    render_wait: float | None = RENDER_WAIT
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _data: _DataCache = field(default_factory=_DataCache)
    _renderings: dict[PreviewOptions, _Rendering] = field(default_factory=dict)
    _renderings_lock: threading.Lock = field(default_factory=threading.Lock)

    def version(self) -> str:
        return watched_fingerprint(self.options.watched())

    def page(self, layout: str | None = None, lang: str | None = None) -> tuple[int, str]:
        """The status and HTML of the page for this layout and language (default: options')."""
        options = self.options
        if layout in [item.value for item in Layout] and layout != options.layout:
            options = replace(options, layout=layout, audience=None)
        if lang in LANGS:
            options = replace(options, lang=lang)
        if self.render_wait is None:
            return self._page_now(options)
        with self._renderings_lock:
            rendering = self._renderings.get(options)
            if rendering is None or rendering.delivered:
                rendering = self._renderings[options] = _Rendering()
                threading.Thread(
                    target=self._render_into,
                    args=(options, rendering),
                    name="dossier-preview-render",
                    daemon=True,
                ).start()
        if rendering.done.wait(self.render_wait):
            with self._renderings_lock:
                rendering.delivered = True
            return rendering.result
        busy = PreviewError("busy", _busy_body(options.lang, self.render_wait))
        # "rendering" is no version: the page asks again at its first poll.
        return HTTPStatus.SERVICE_UNAVAILABLE, _error_page(options, "rendering", busy)

    def _render_into(self, options: PreviewOptions, rendering: _Rendering) -> None:
        try:
            rendering.result = self._page_now(options)
        except Exception as error:  # the thread outlives whatever goes wrong around a render
            body = f"<p>{_escape(type(error).__name__)}: {_escape(error)}</p>"
            unexpected = PreviewError("unexpected", body)
            page = _error_page(options, "", unexpected)
            rendering.result = (HTTPStatus.INTERNAL_SERVER_ERROR, page)
        finally:
            rendering.done.set()

    def _page_now(self, options: PreviewOptions) -> tuple[int, str]:
        """Render the page now, in this thread (renders are done one at a time)."""
        with self._lock:
            version = self.version()
            try:
                document = self._render(options)
            except PreviewError as error:
                return HTTPStatus.INTERNAL_SERVER_ERROR, _error_page(options, version, error)
            except Exception as error:  # the server outlives whatever goes wrong in a render
                body = f"<p>{_escape(type(error).__name__)}: {_escape(error)}</p>"
                unexpected = PreviewError("unexpected", body)
                return HTTPStatus.INTERNAL_SERVER_ERROR, _error_page(options, version, unexpected)
        warnings = self.editor_warnings(options.lang)
        return HTTPStatus.OK, _decorate(document, options, version, self.poll_interval, warnings)

    def _load(self, options: PreviewOptions) -> Any:
        fingerprint = watched_fingerprint(options.data_paths())
        if self._data.fingerprint != fingerprint or self._data.result is None:
            try:
                result: Any = load_and_validate(
                    options.source,
                    mapping=options.mapping,
                    evidence_dir=options.evidence,
                    profile=options.profile,
                )
            except (LoadError, OSError, ValueError) as error:
                result = error
            self._data = _DataCache(fingerprint, result)
        return self._data.result

    def _render(self, options: PreviewOptions) -> str:
        loaded = self._load(options)
        if isinstance(loaded, LoadError):
            raise PreviewError("load", f"<p>{_escape(loaded.text(options.lang))}</p>")
        if isinstance(loaded, Exception):
            raise PreviewError("load", f"<p>{_escape(loaded)}</p>")
        dataset, report = loaded
        if not report.ok:
            raise PreviewError("data", _problems_html(report, options.lang))
        config_path = options.config_path()
        try:
            config = load_config(config_path)
        except ConfigError as error:
            items = "".join(
                f"<li>{_escape(in_language(problem, options.lang))}</li>"
                for problem in error.problems
            )
            raise PreviewError(
                "config", f'<p class="where">{_escape(error.file)}</p><ul>{items}</ul>'
            ) from None
        view = assemble(
            dataset,
            config,
            layout=Layout(options.layout),
            audience=Audience(options.audience) if options.audience else None,
            lang=options.lang,
            signed_on=_build_date(),
        )
        try:
            return render_template(
                f"{options.layout}.html",
                {"d": view},
                lang=options.lang,
                editor_dir=options.templates,
                seconds=PREVIEW_RENDER_SECONDS,
            )
        except TemplateProblem as problem:
            where = _escape(problem.template or "?")
            if problem.line:
                where = _escape(
                    message(
                        "preview.where_line",
                        options.lang,
                        template=problem.template or "?",
                        line=problem.line,
                    )
                )
            reason = in_language(problem.reason, options.lang)
            body = f'<p class="where">{where}</p><p class="reason">{_escape(reason)}</p>'
            body += _excerpt(problem, options)
            raise PreviewError("template", body) from None

    def editor_warnings(self, lang: str = "en") -> list[str]:
        """Mistakes `templates check` would report in the editor's files, read from the source."""
        folder = self.options.templates
        if folder is None or not folder.is_dir():
            return []

        issues: list[TemplateIssue] = []
        for path in _template_files(folder):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for problem in check_html_subset(text):
                described = describe_unsupported(problem, with_line=False)
                issues.append(TemplateIssue(str(path), problem.line, described))
            issues += [
                TemplateIssue(str(path), found.line, found.message)
                for found in markup_problems(text)
            ]
        issues += check_plural_forms(folder)
        return [issue.text(lang) for issue in issues]


def _busy_body(lang: str, waited: float) -> str:
    said = message(
        "preview.still_rendering",
        lang,
        seconds=f"{waited:.0f}",
        limit=f"{PREVIEW_RENDER_SECONDS:.0f}",
    )
    return f"<p>{_escape(said)}</p>"


def _build_date() -> dt.date:

    return build_date()


def _problems_html(report: Any, lang: str) -> str:
    errors = [p for p in report.sorted_problems() if p.severity is Severity.ERROR]
    items = []
    for problem in errors[:MAX_PROBLEMS]:
        where = [problem.file]
        if problem.sheet and problem.sheet != problem.file:
            where.append(problem.sheet)
        if problem.row is not None:
            where.append(f"{label('row', lang)} {problem.row}")
        if problem.column or problem.header:
            column = problem.column or ""
            if problem.header:
                column = f"{column} ({problem.header})" if column else problem.header
            where.append(f"{label('column', lang)} {column}")
        text = problem.message(lang)
        value = (
            f' <span class="value">({_escape(label("value", lang))} <code>{_escape(problem.value)}'
            "</code>)</span>"
            if problem.value and problem.value not in text
            else ""
        )
        items.append(
            f'<li><span class="where">{_escape(", ".join(where))}</span>: '
            f"{_escape(text)}{value}</li>"
        )
    more = len(errors) - MAX_PROBLEMS
    if more > 0:
        more_text = plural_message("preview.more", "preview.more.plural", more, lang)
        items.append(f"<li>{_escape(more_text)}</li>")
    return f"<p>{_escape(report.summary(lang))}</p><ul>{''.join(items)}</ul>"


def _excerpt(problem: TemplateProblem, options: PreviewOptions, context: int = 3) -> str:
    """The lines around the faulty one, if the file is one of the template folders' own."""
    if not problem.template or not problem.line:
        return ""
    path = Path(problem.template)
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return ""
    roots = [root.resolve() for root in options.template_paths()]
    if not resolved.is_file() or not any(resolved.is_relative_to(root) for root in roots):
        return ""
    try:
        lines = resolved.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    first = max(problem.line - context, 1)
    last = min(problem.line + context, len(lines))
    rows = []
    for number in range(first, last + 1):
        here = ' class="here"' if number == problem.line else ""
        rows.append(
            f'<span{here}><span class="number">{number}</span>{_escape(lines[number - 1])}</span>'
        )
    return f'<pre class="excerpt">{"".join(rows)}</pre>'


def _head_tags(version: str, interval: float) -> str:
    return (
        f'<link rel="stylesheet" href="{PREFIX}preview.css">'
        f'<script src="{PREFIX}reload.js" data-version="{_escape(version)}" '
        f'data-interval="{int(interval * 1000)}"></script>'
    )


def _toolbar(options: PreviewOptions, warnings: list[str] | None = None) -> str:
    lang = options.lang
    links = []
    for layout in Layout:
        for lang in LANGS:
            current = layout.value == options.layout and lang == options.lang
            query = urllib.parse.urlencode({"layout": layout.value, "lang": lang})
            label = f"{layout.value} · {lang}"
            links.append(
                f'<strong aria-current="page">{label}</strong>'
                if current
                else f'<a href="/?{_escape(query)}">{label}</a>'
            )
    where = _escape(options.templates or message("preview.builtin", lang))
    title, reload = message("preview.title", lang), message("preview.reload", lang)
    bar = (
        '<div id="dossier-preview-bar" class="dossier-preview-bar">'
        f"<span>dossier · {_escape(title)} · {where}</span> "
        f"<span>{' '.join(links)}</span> "
        f'<span class="hint">{_escape(reload)}</span></div>'
    )
    if warnings:
        items = "".join(f"<li>{_escape(item)}</li>" for item in warnings)
        heading = message("preview.warnings", lang)
        bar += (
            '<div id="dossier-preview-warnings" class="dossier-preview-warnings">'
            f"<p>{_escape(heading)}</p><ul>{items}</ul></div>"
        )
    return bar


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def _decorate(
    document: str, options: PreviewOptions, version: str, interval: float, warnings: list[str]
) -> str:
    """The dossier with the preview's stylesheet, reload script, toolbar and warnings added,
    and any ``<meta http-equiv="refresh">`` taken out (the markup check refuses them first)."""
    document = without_refresh(document)
    head = _head_tags(version, interval)
    bar = _toolbar(options, warnings)
    match = _HEAD_END.search(document)
    document = (
        document[: match.start()] + head + document[match.start() :] if match else head + document
    )
    body = _BODY_START.search(document)
    if body:
        return document[: body.end()] + bar + document[body.end() :]
    return bar + document


def _error_page(options: PreviewOptions, version: str, error: PreviewError) -> str:
    title = error.text(options.lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{options.lang}"><head><meta charset="utf-8">'
        f"<title>{_escape(title)} — dossier</title>"
        f"{_head_tags(version, 0.5)}</head><body>"
        f"{_toolbar(options)}"
        f'<section id="dossier-preview-error" class="dossier-preview-error" '
        f'data-kind="{_escape(error.kind)}"><h1>{_escape(title)}</h1>{error.body}</section>'
        "</body></html>\n"
    )


def render_page(options: PreviewOptions) -> tuple[int, str]:
    """The preview page once, without a server: (HTTP status, HTML)."""
    return Preview(options, render_wait=None).page()


# -- the server ----------------------------------------------------------------------------------

RELOAD_SCRIPT = """\
// dossier preview: reload the page when the server's version changes; keep the scroll position.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me.getAttribute("data-version");
  var interval = parseInt(me.getAttribute("data-interval"), 10) || 500;
  var key = "dossier-preview-scroll:" + location.pathname + location.search;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, parseInt(saved, 10)); });
  }
  function poll() {
    fetch("/_preview/version", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.version !== version) {
          sessionStorage.setItem(key, String(window.scrollY));
          location.reload();
        } else {
          setTimeout(poll, interval);
        }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, interval);
})();
"""

PREVIEW_CSS = """\
/* dossier preview: the print stylesheet on screen, one sheet of paper wide. */
@media screen {
  html { background: #d9d9d9; }
  body { box-sizing: border-box; max-width: 210mm; margin: 0 auto 2rem; padding: 0 20mm 20mm;
         background: #fff; box-shadow: 0 0 6px rgba(0, 0, 0, 0.35); }
  .dossier-preview-bar { position: sticky; top: 0; z-index: 10; margin: 0 -20mm 12mm;
         padding: 0.4rem 0.8rem; background: #263238; color: #eceff1;
         font: 13px/1.5 "DejaVu Sans", sans-serif; }
  .dossier-preview-bar a { color: #80deea; margin-right: 0.6em; }
  .dossier-preview-bar strong { margin-right: 0.6em; }
  .dossier-preview-bar .hint { display: block; opacity: 0.7; font-size: 11px; }
  .dossier-preview-warnings, .dossier-preview-error { font: 14px/1.5 "DejaVu Sans", sans-serif;
         border-left: 6px solid #c62828; background: #ffebee; padding: 0.5rem 1rem;
         margin-bottom: 1rem; }
  .dossier-preview-warnings { border-color: #ef6c00; background: #fff3e0; }
  .dossier-preview-error .where { font-weight: bold; }
  .dossier-preview-error pre.excerpt { background: #fff; padding: 0.5rem; overflow-x: auto; }
  .dossier-preview-error pre.excerpt > span { display: block; }
  .dossier-preview-error pre.excerpt .here { background: #ffcdd2; }
  .dossier-preview-error pre.excerpt .number { display: inline-block; width: 3em;
         color: #777; user-select: none; }
  div.page-break, section.letter, section.annex { border-top: 1px dashed #9e9e9e; }
  span.footnote { font-size: 0.85em; color: #555; }
  span.footnote::before { content: " ["; }
  span.footnote::after { content: "]"; }
}
"""


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server, bound to the loopback address only."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, preview: Preview, port: int = 0) -> None:
        self.preview = preview
        super().__init__((HOST, port), PreviewHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that navigates away mid-response is no error worth a traceback.
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class PreviewHandler(BaseHTTPRequestHandler):
    """Routes: ``/`` the dossier, ``/_preview/…`` the machinery, anything else an asset."""

    server: PreviewServer
    server_version = "dossier-preview"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the page polls twice a second."""

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, *, head: bool) -> None:
        allowed = {f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"}
        if self.headers.get("Host", "") not in allowed:
            # A web page elsewhere could reach 127.0.0.1 through a rebound DNS name.
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain", head)
            return
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path
        preview = self.server.preview
        if path == "/":
            query = dict(urllib.parse.parse_qsl(parts.query))
            status, page = preview.page(query.get("layout"), query.get("lang"))
            self._send(status, page.encode("utf-8"), "text/html; charset=utf-8", head)
        elif path == f"{PREFIX}version":
            body = json.dumps({"version": preview.version()}).encode("ascii")
            self._send(HTTPStatus.OK, body, "application/json", head)
        elif path == f"{PREFIX}reload.js":
            self._send(HTTPStatus.OK, RELOAD_SCRIPT.encode(), "text/javascript", head)
        elif path == f"{PREFIX}preview.css":
            self._send(HTTPStatus.OK, PREVIEW_CSS.encode(), "text/css", head)
        elif path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon", head)
        else:
            self._asset(path, head)

    def _asset(self, path: str, head: bool) -> None:
        """Serve an asset exactly as the PDF renderer would fetch it, or nothing."""

        try:
            # A pack whose assets folder is a link serves nothing (PackFileRefused).
            fetcher = SafeURLFetcher(asset_dirs(self.server.preview.options.templates))
            response = fetcher.fetch(f"asset:{path}")
        except (RefusedURLError, PackFileRefused):
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)
            return
        try:
            body = response.read()
        finally:
            response.close()
        content_type = str(response.headers.get("Content-Type") or "application/octet-stream")
        self._send(HTTPStatus.OK, body, content_type, head)

    def _send(self, status: int, body: bytes, content_type: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        if not head:
            self.wfile.write(body)


def make_preview_server(
    source: Path,
    *,
    templates: Path | None = None,
    config: Path | None = None,
    layout: str = "ddd",
    lang: str = "fr",
    audience: str | None = None,
    mapping: Path | None = None,
    evidence: Path | None = None,
    profile: str = "workbook",
    port: int = 0,
    poll_interval: float = 0.5,
) -> tuple[PreviewServer, threading.Thread]:
    """Start the preview server on 127.0.0.1 (``port=0``: any free port) in a daemon thread.

    Stop it with ``server.shutdown(); server.server_close(); thread.join()``. Raises
    ``ValueError`` for an unknown layout, language or audience and ``OSError`` when the port
    is taken.
    """
    options = PreviewOptions(
        source=Path(source),
        templates=templates,
        config=config,
        layout=layout,
        lang=lang,
        audience=audience,
        mapping=mapping,
        evidence=evidence,
        profile=profile,
    )
    server = PreviewServer(Preview(options, poll_interval), port)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.1},
        name="dossier-preview",
        daemon=True,
    )
    thread.start()
    return server, thread
