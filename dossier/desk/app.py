"""The desk's web application (Starlette): routes from upload to download, behind its guard."""

from __future__ import annotations

import urllib.parse
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from dossier.assemble.models import Audience, Layout
from dossier.build.pipeline import OutputFormat
from dossier.commands.diff import compare
from dossier.commands.diff_report import review_page
from dossier.commands.mapping_draft import write_mapping_choices
from dossier.desk.builds import BuildChoices, Builds, BuildSecrets
from dossier.desk.checking import Checker
from dossier.desk.config_form import CONFIG_FIELDS, read_config_form, save_config_form
from dossier.desk.guard import REVIEW_POLICY, DeskGuard, GuardSettings
from dossier.desk.opener import open_in_file_manager
from dossier.desk.pages import STATIC_FILES, render_page, static_file
from dossier.desk.rows import MAX_ROW_DIGITS, echoed, read_row
from dossier.desk.views import build_view, workbook_view
from dossier.desk.workspace import MAX_UPLOAD, DeskRefusal, Workspace
from dossier.errors import DossierError
from dossier.exhibits.annex import MIN_PASSPHRASE, check_passphrase
from dossier.i18n.messages import message

__all__ = ["Desk", "make_desk_app"]

LANGS = ("fr", "en")
LANG_COOKIE = "dossier_desk_lang"
# Room for the multipart envelope around the workbook itself.
_ENVELOPE = 64 << 10


@dataclass
class Desk:
    """The state of one desk: its folder, its checker and builds, its settings."""

    workspace: Workspace
    lang: str = "fr"
    max_upload: int = MAX_UPLOAD
    #: Bound to the loopback address: the desk runs on the volunteer's own machine.
    local: bool = True
    #: How "open the folder" is done (a test gives its own).
    open_folder: Callable[[Path], None] = open_in_file_manager
    checker: Checker = field(init=False)
    builds: Builds = field(init=False)

    def __post_init__(self) -> None:
        self.checker = Checker(self.workspace)
        self.builds = Builds(self.workspace)

    def language(self, request: Request) -> str:
        chosen = request.cookies.get(LANG_COOKIE, "")
        return chosen if chosen in LANGS else self.lang

    def page(
        self, request: Request, template: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        lang = context.pop("lang", None) or self.language(request)
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        context.setdefault("notice", None)
        html = render_page(template, lang, folder=str(self.workspace.folder), here=here, **context)
        return HTMLResponse(html, status_code=status)

    def refused(self, request: Request, error: DossierError, status: int = 400) -> HTMLResponse:
        lang = self.language(request)
        status = getattr(error, "status", status)
        return self.page(request, "refused.html", status=status, lines=error.lines(lang))


Handler = Callable[[Desk, Request], Any]


def _route(desk: Desk, handler: Handler) -> Callable[[Request], Any]:
    """The handler with every refusal a user can cause turned into a page saying why."""

    async def endpoint(request: Request) -> Response:
        try:
            response: Response = await handler(desk, request)
        except DossierError as error:
            return desk.refused(request, error)
        return response

    return endpoint


async def home(desk: Desk, request: Request) -> Response:
    workbooks = await run_in_threadpool(desk.workspace.workbooks)
    return desk.page(
        request,
        "home.html",
        workbooks=workbooks,
        max_upload_mb=max(desk.max_upload >> 20, 1),
        last_build=desk.builds.latest,
    )


def _own_path(target: str) -> str:
    """``target`` if it is a path of this desk, else "/" (never "//elsewhere" or a URL)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


async def choose_language(desk: Desk, request: Request) -> Response:
    lang = request.path_params["lang"]
    target = _own_path(request.query_params.get("next", "/"))
    response = RedirectResponse(target, status_code=303)
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="strict", path="/")
    return response


async def _limited(
    stream: AsyncIterator[bytes], limit: int, refusal: DeskRefusal
) -> AsyncGenerator[bytes, None]:
    """The body as it comes, refused as soon as it goes past ``limit`` bytes."""
    seen = 0
    async for chunk in stream:
        seen += len(chunk)
        if seen > limit:
            raise refusal
        yield chunk


async def upload(desk: Desk, request: Request) -> Response:
    limit = desk.max_upload
    too_large = DeskRefusal("desk.too_large", status=413, size=max(limit >> 20, 1))
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + _ENVELOPE:
        return desk.refused(request, too_large)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise DeskRefusal("desk.bad_upload")
    parser = MultiPartParser(
        request.headers,
        _limited(request.stream(), limit + _ENVELOPE, too_large),
        max_files=1,
        max_fields=2,
    )
    # The workbook stays in memory (never spooled to a temporary file outside the folder).
    parser.spool_max_size = limit + _ENVELOPE
    try:
        form: FormData = await parser.parse()
    except MultiPartException:
        raise DeskRefusal("desk.bad_upload") from None
    try:
        upload = form.get("workbook")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise DeskRefusal("desk.bad_upload")
        data = await upload.read()
    finally:
        await form.close()
    name = await run_in_threadpool(desk.workspace.save_upload, upload.filename, data, limit)
    desk.checker.forget(name)
    return RedirectResponse(f"/workbook/{urllib.parse.quote(name)}", status_code=303)


async def workbook(desk: Desk, request: Request) -> Response:
    name = request.path_params["name"]
    lang = desk.language(request)
    checked = await run_in_threadpool(desk.checker.check, name)
    config = await run_in_threadpool(read_config_form, desk.workspace.config_path, lang)
    problems = config.problems
    if not config.exists:
        problems = [message("desk.config_missing", lang)]
    return desk.page(
        request,
        "workbook.html",
        name=name,
        mapping_name=desk.workspace.mapping_path(name).name,
        placeholders=config.placeholders,
        config_problems=problems,
        layouts=[item.value for item in Layout],
        formats=[item.value for item in OutputFormat],
        audiences=[item.value for item in Audience],
        certificates=desk.workspace.certificates(),
        min_passphrase=MIN_PASSPHRASE,
        **workbook_view(checked, lang, name),
    )


async def sheet_row(desk: Desk, request: Request) -> Response:
    name = request.path_params["name"]
    lang = desk.language(request)
    query = request.query_params
    number = query.get("row", "")
    # ASCII digits only ("²".isdigit() is true and int() refuses it), and few enough of them for
    # int() (which refuses more than 4,300): a crafted address is a missing row, never a crash.
    if not (number.isascii() and number.isdigit() and len(number) <= MAX_ROW_DIGITS):
        raise DeskRefusal(
            "desk.no_such_row", status=404, row=echoed(number), sheet=echoed(query.get("sheet", ""))
        )
    path = desk.workspace.workbook(name)
    checked = await run_in_threadpool(desk.checker.check, name)
    problems = checked.report.problems if checked.report is not None else []
    # Revealed only by the page's own form (a POST): never by an address that the history, the
    # address bar's suggestions, a restored session or a prefetch could open again.
    reveal = False
    if request.method == "POST":
        form = await request.form(max_files=0, max_fields=4)
        reveal = form.get("show") == "hidden"
    row = await run_in_threadpool(
        lambda: read_row(
            path,
            desk.workspace.mapping_path(name),
            problems,
            file=query.get("file", ""),
            sheet=query.get("sheet", ""),
            number=int(number),
            lang=lang,
            reveal=reveal,
        )
    )
    shown = [(key, value) for key, value in query.multi_items() if key != "show"]
    return desk.page(
        request,
        "row.html",
        name=name,
        row=row,
        revealed=reveal,
        row_query=urllib.parse.urlencode(shown),
    )


def _choices(form: FormData, prefix: str, group: str) -> dict[str, dict[str, str]]:
    """The choices of a form: ``{group value: {text: chosen}}`` for each answered select."""
    chosen: dict[str, dict[str, str]] = {}
    number = 1
    while f"{prefix}{number}_text" in form:
        answer = str(form.get(f"{prefix}{number}", "")).strip()
        text = str(form.get(f"{prefix}{number}_text", ""))
        where = str(form.get(f"{prefix}{number}_{group}", ""))
        if answer and text and where:
            chosen.setdefault(where, {})[text] = answer
        number += 1
    return chosen


async def save_choices(desk: Desk, request: Request) -> Response:
    name = request.path_params["name"]
    desk.workspace.workbook(name)
    form = await request.form(max_files=0, max_fields=4000)
    headers, wordings = _choices(form, "h", "table"), _choices(form, "w", "field")
    if headers or wordings:
        await run_in_threadpool(
            write_mapping_choices,
            desk.workspace.mapping_path(name),
            desk.language(request),
            headers=headers,
            wordings=wordings,
        )
    return RedirectResponse(f"/workbook/{urllib.parse.quote(name)}", status_code=303)


async def config_page(desk: Desk, request: Request) -> Response:
    lang = desk.language(request)
    path = desk.workspace.config_path
    if request.method == "POST":
        form = await request.form(max_files=0, max_fields=100)
        submitted = {item.key: str(form.get(item.key, "")) for item in CONFIG_FIELDS}
        state = await run_in_threadpool(save_config_form, path, lang, submitted)
        notice = message("desk.config_saved", lang)
    else:
        state = await run_in_threadpool(read_config_form, path, lang)
        notice = None
    return desk.page(
        request,
        "config.html",
        state=state,
        fields=CONFIG_FIELDS,
        flagged=set(state.placeholders),
        config_file=str(path),
        notice=notice,
    )


def _picked(form: FormData, name: str, allowed: list[str]) -> tuple[str, ...]:
    picked = [str(value) for value in form.getlist(name) if str(value) in allowed]
    if not picked:
        raise DeskRefusal("desk.pick_one", what=name)
    return tuple(dict.fromkeys(picked))


async def start_build(desk: Desk, request: Request) -> Response:
    name = request.path_params["name"]
    form = await request.form(max_files=0, max_fields=40)
    audience = str(form.get("audience", ""))
    # The passphrases come in the form's body only (never the address) and go to the build
    # alone: no page, no log, no file sees them.
    annex_passphrase = str(form.get("annex_passphrase", ""))
    if annex_passphrase:
        check_passphrase(annex_passphrase)
    sign_key = str(form.get("sign_key", "")) or None
    secrets = BuildSecrets(
        annex_passphrase=annex_passphrase or None,
        sign_passphrase=str(form.get("sign_passphrase", "")) or None,
    )
    choices = BuildChoices(
        layouts=_picked(form, "layout", [item.value for item in Layout]),
        langs=_picked(form, "lang", list(LANGS)),
        formats=_picked(form, "format", [item.value for item in OutputFormat]),
        audience=audience if audience in [item.value for item in Audience] else None,
        bundle=form.get("bundle") == "yes",
        identity_annex=bool(annex_passphrase),
        sign_key=sign_key,
    )
    job = desk.builds.start(name, choices, secrets)
    return RedirectResponse(f"/build/{job.id}", status_code=303)


async def build_page(desk: Desk, request: Request) -> Response:
    job = desk.builds.job(request.path_params["job"])
    lang = desk.language(request)
    latest = desk.builds.latest
    view = await run_in_threadpool(
        build_view, job, desk.workspace, lang, latest.id if latest else None
    )
    view["local"] = desk.local
    return desk.page(request, "build.html", **view)


async def compare_page(desk: Desk, request: Request) -> Response:
    job = desk.builds.job(request.path_params["job"])
    lang = desk.language(request)
    latest = desk.builds.latest
    record = job.record
    previous, out = desk.workspace.previous, desk.workspace.out
    if latest is None or latest.id != job.id or record is None or not record.compared:
        raise DeskRefusal("desk.nothing_to_compare", status=404)
    if not previous.is_dir() or not out.is_dir():
        raise DeskRefusal("desk.nothing_to_compare", status=404)
    desk.workspace.own_folders()  # never the files a link planted there leads to
    result = await run_in_threadpool(compare, previous, out)
    page = await run_in_threadpool(lambda: review_page(result, lang=lang))
    # The review page is the `dossier diff --html` page: its CSS is inline and its page
    # pictures are data: URIs; it runs no script and posts no form.
    return HTMLResponse(page, headers={"content-security-policy": REVIEW_POLICY})


async def open_folder(desk: Desk, request: Request) -> Response:
    if not desk.local:
        raise DeskRefusal("desk.open_folder_remote", status=403)
    form = await request.form(max_files=0, max_fields=4)
    out = desk.workspace.out
    # The output folder, unless it is a link: then the working folder itself, never elsewhere.
    folder = out if out.is_dir() and not out.is_symlink() else desk.workspace.folder
    await run_in_threadpool(desk.open_folder, folder)
    return RedirectResponse(_own_path(str(form.get("next", "/"))), status_code=303)


async def build_status(desk: Desk, request: Request) -> Response:
    job = desk.builds.job(request.path_params["job"])
    return JSONResponse(job.status(desk.language(request)))


async def download(desk: Desk, request: Request) -> Response:
    relative = request.path_params["path"]
    path = await run_in_threadpool(desk.workspace.output_file, relative)
    return FileResponse(path, filename=Path(relative).name, content_disposition_type="attachment")


async def static(desk: Desk, request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC_FILES:
        raise DeskRefusal("desk.not_in_folder", status=404, name=name)
    return Response(static_file(name), media_type=STATIC_FILES[name])


async def favicon(desk: Desk, request: Request) -> Response:
    return Response(status_code=204)


def make_desk_app(
    folder: Path,
    *,
    token: str,
    hosts: frozenset[str],
    lang: str = "fr",
    password: str | None = None,
    max_upload: int = MAX_UPLOAD,
    secure_cookie: bool = False,
    local: bool = True,
) -> tuple[ASGIApp, DeskGuard, Desk]:
    """The desk's ASGI application for ``folder``, its guard and its state.

    Every request must come with ``token`` (once in the address as ``?token=``, then in a
    cookie), a Host header in ``hosts`` and, when ``password`` is set, that password.
    """
    desk = Desk(Workspace(Path(folder)), lang=lang, max_upload=max_upload, local=local)

    def route(path: str, handler: Handler, methods: list[str] | None = None) -> Route:
        return Route(path, _route(desk, handler), methods=methods or ["GET"])

    routes = [
        route("/", home),
        route("/lang/{lang}", choose_language),
        route("/upload", upload, ["POST"]),
        route("/workbook/{name}", workbook),
        route("/workbook/{name}/row", sheet_row, ["GET", "POST"]),
        route("/workbook/{name}/choices", save_choices, ["POST"]),
        route("/workbook/{name}/build", start_build, ["POST"]),
        route("/config", config_page, ["GET", "POST"]),
        route("/build/{job}", build_page),
        route("/build/{job}/status", build_status),
        route("/build/{job}/compare", compare_page),
        route("/open-folder", open_folder, ["POST"]),
        route("/out/{path:path}", download),
        route("/static/{name}", static),
        route("/favicon.ico", favicon),
    ]

    async def not_found(request: Request, _error: Exception) -> Response:
        # A path no route matches (a name holding "/", "..") reads as one outside the folder.
        refusal = DeskRefusal("desk.not_in_folder", status=404, name=request.url.path)
        return desk.refused(request, refusal)

    application = Starlette(routes=routes, exception_handlers={404: not_found})
    settings = GuardSettings(
        token=token, hosts=hosts, password=password, lang=lang, secure_cookie=secure_cookie
    )
    guard = DeskGuard(application, settings)
    return guard, guard, desk
