"""Tell a reviewer what changed between two builds: lines for a terminal, or a review page.

Both speak the language asked for; the words compared (the dossiers' own text) are shown as
they are, escaped in the page.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from dossier.commands.diff import (
    DEFAULT_CONTEXT,
    MAX_PAGE_PAIRS,
    DiffResult,
    DocumentDiff,
    SectionChange,
    WordRun,
)
from dossier.commands.diff_sources import (
    DiffUsageError,
    PagePair,
    Segment,
    render_page_png,
)
from dossier.files import write_atomic
from dossier.i18n.catalog import N_, N_plural
from dossier.i18n.messages import in_language, listing, message, os_reason, plural_message

__all__ = ["describe", "fragments", "review_page", "write_review_page"]

#: Words of a long deletion or insertion shown in the text summary (the review page shows all).
TEXT_LIMIT = 60

Fragment = tuple[Literal["equal", "delete", "insert", "gap"], str]

# What a status, or a change of a kind of section, is called (keys chosen at run time).
_STATUS = {
    "changed": N_("diff.status.changed"),
    "added": N_("diff.status.added"),
    "removed": N_("diff.status.removed"),
    "identical": N_("diff.status.identical"),
}
_CHANGE = {
    ("changed", "incident"): N_("diff.change.changed_incident"),
    ("changed", "section"): N_("diff.change.changed_section"),
    ("changed", "exhibit"): N_("diff.change.changed_exhibit"),
    ("added", "incident"): N_("diff.change.added_incident"),
    ("added", "section"): N_("diff.change.added_section"),
    ("added", "exhibit"): N_("diff.change.added_exhibit"),
    ("removed", "incident"): N_("diff.change.removed_incident"),
    ("removed", "section"): N_("diff.change.removed_section"),
    ("removed", "exhibit"): N_("diff.change.removed_exhibit"),
}
_INCIDENTS = {
    "added": N_("diff.incidents.added"),
    "removed": N_("diff.incidents.removed"),
    "changed": N_("diff.incidents.changed"),
}
_INPUT = {
    "added": N_("diff.input.added"),
    "removed": N_("diff.input.removed"),
    "changed": N_("diff.input.changed"),
}
_EXHIBIT = {
    "added": N_("diff.exhibit.added"),
    "removed": N_("diff.exhibit.removed"),
    "changed": N_("diff.exhibit.changed"),
}
# How many files have each status; how many incidents were added, removed or changed.
_TALLY = {
    "changed": N_plural("diff.tally.changed", "diff.tally.changed.plural"),
    "added": N_plural("diff.tally.added", "diff.tally.added.plural"),
    "removed": N_plural("diff.tally.removed", "diff.tally.removed.plural"),
    "identical": N_plural("diff.tally.identical", "diff.tally.identical.plural"),
}
_INCIDENT_COUNT = {
    "added": N_plural("diff.count.incidents_added", "diff.count.incidents_added.plural"),
    "removed": N_plural("diff.count.incidents_removed", "diff.count.incidents_removed.plural"),
    "changed": N_plural("diff.count.incidents_changed", "diff.count.incidents_changed.plural"),
}
_FILE_HEADERS = (N_("diff.page.file"), N_("diff.page.status"), N_("diff.page.size"))
# The caption of a page picture: (side, whether there is a page) → key.
_CAPTION = {
    ("old", True): N_("diff.page.old_page"),
    ("new", True): N_("diff.page.new_page"),
    ("old", False): N_("diff.page.old_no_page"),
    ("new", False): N_("diff.page.new_no_page"),
}


def fragments(
    runs: Sequence[WordRun],
    context: int = DEFAULT_CONTEXT,
    limit: int | None = None,
    lang: str = "en",
) -> list[Fragment]:
    """The runs to show a reader: each change with ``context`` words around it, gaps elided;
    with ``limit``, a longer deletion or insertion shows its first ``limit`` words."""
    shown: list[Fragment] = []
    for index, run in enumerate(runs):
        if run.op != "equal":
            if limit is not None and len(run.words) > limit:
                more = plural_message(
                    "diff.more_words", "diff.more_words.plural", len(run.words) - limit, lang
                )
                shown.append((run.op, " ".join(run.words[:limit]) + f" {more}"))
            else:
                shown.append((run.op, " ".join(run.words)))
            continue
        words = run.words
        first, last = index == 0, index == len(runs) - 1
        if first and last:
            continue
        if first:
            if len(words) > context:
                shown.append(("gap", "…"))
            shown.append(("equal", " ".join(words[-context:]) if context else ""))
        elif last:
            shown.append(("equal", " ".join(words[:context]) if context else ""))
            if len(words) > context:
                shown.append(("gap", "…"))
        elif len(words) > 2 * context + 1:
            shown.append(("equal", " ".join(words[:context])))
            shown.append(("gap", "…"))
            shown.append(("equal", " ".join(words[-context:])))
        else:
            shown.append(("equal", " ".join(words)))
    return [(kind, text) for kind, text in shown if text]


def _status(status: str, lang: str) -> str:
    return message(_STATUS[status], lang)


def _change(change: SectionChange, lang: str) -> str:
    return message(_CHANGE[(change.status, change.kind)], lang)


def _section_name(change: SectionChange) -> str:
    return (change.incident_id if change.kind == "incident" else None) or change.key


def _incident_groups(document: DocumentDiff) -> list[tuple[str, list[str]]]:
    groups = [
        ("added", document.incidents_added),
        ("removed", document.incidents_removed),
        ("changed", document.incidents_changed),
    ]
    return [(status, ids) for status, ids in groups if ids]


def _pages(document: DocumentDiff, lang: str) -> str:
    old, new = document.old_pages or "–", document.new_pages or "–"
    return message("diff.pages_changed", lang, old=old, new=new)


# --------------------------------------------------------------------------------------------
# Plain text


def _marked(parts: Iterable[Fragment]) -> str:
    marks = {"delete": "[-{}-]", "insert": "{{+{}+}}", "equal": "{}", "gap": "{}"}
    return " ".join(marks[kind].format(text) for kind, text in parts)


def _page_pair_text(pair: PagePair) -> str:
    return f"{pair[0] or '–'} ↔ {pair[1] or '–'}"


def describe(result: DiffResult, context: int = DEFAULT_CONTEXT, lang: str = "en") -> list[str]:
    """The difference as lines of text for a terminal or a CI log (git's word-diff marks)."""
    lines = [
        message("diff.old", lang, path=result.old),
        message("diff.new", lang, path=result.new),
    ]
    if result.identical:
        return [*lines, message("diff.identical", lang)]
    tally = {status: 0 for status in ("changed", "added", "removed", "identical")}
    for file_change in result.files:
        tally[file_change.status] += 1
    counted = [plural_message(*_TALLY[status], count, lang) for status, count in tally.items()]
    lines.append(message("diff.files", lang, tally=", ".join(counted)))
    statuses = {status: _status(status, lang) for status in tally}
    width = max(8, *(len(statuses[status]) for status in ("changed", "added", "removed")))
    lines += [f"  {statuses[item.status]:<{width}} {item.name}" for item in result.changed_files]
    lines += [message("diff.note", lang, note=note) for note in result.notes]
    for entry in result.inputs:
        lines.append(message(_INPUT[entry.status], lang, name=entry.key))
    for entry in result.exhibits:
        fields = f" ({', '.join(entry.fields)})" if entry.fields else ""
        lines.append(message(_EXHIBIT[entry.status], lang, name=entry.key, fields=fields))
    for document in result.documents:
        if document.status == "identical":
            continue
        lines.append("")
        status = _status(document.status, lang)
        if document.text_format:
            lines.append(
                message(
                    "diff.document_from",
                    lang,
                    name=document.name,
                    status=status,
                    format=document.text_format,
                )
            )
        else:
            lines.append(message("diff.document", lang, name=document.name, status=status))
        if document.old_pages != document.new_pages:
            lines.append(f"  {_pages(document, lang)}")
        lines += ["  " + message("diff.note", lang, note=note) for note in document.notes]
        if document.status != "changed":
            continue
        for group, ids in _incident_groups(document):
            lines.append(f"  {message(_INCIDENTS[group], lang, ids=', '.join(ids))}")
        for change in document.sections:
            line = message(
                "diff.change_line",
                lang,
                change=_change(change, lang),
                name=_section_name(change),
                title=change.title,
            )
            lines.append(f"  {line}")
            if change.status == "changed":
                lines.append(f"      {_marked(fragments(change.runs, context, TEXT_LIMIT, lang))}")
            else:
                words = (change.new or change.old or Segment("", "", ())).words
                shown = " ".join(words[:40]) + (" …" if len(words) > 40 else "")
                lines.append(f"      {shown}")
        if document.page_pairs:
            which = (
                N_("diff.pictures_changed_at")
                if document.visual_only
                else N_("diff.pages_changed_at")
            )
            pairs = ", ".join(_page_pair_text(pair) for pair in document.page_pairs)
            lines.append(f"  {message(which, lang, pairs=pairs)}")
    return lines


# --------------------------------------------------------------------------------------------
# The review page


_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1em 2em;
  color: #1d1d1d; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 2px solid #ccc; }
h3 { font-size: 1.05em; margin: 1.4em 0 .3em; }
code, .path { font-family: ui-monospace, monospace; font-size: .9em; word-break: break-all; }
.verdict { padding: .6em 1em; border-radius: 4px; font-weight: bold; }
.verdict.same { background: #e6f4ea; } .verdict.different { background: #fff4e5; }
table { border-collapse: collapse; margin: .5em 0; } td, th { border: 1px solid #ddd;
  padding: .2em .6em; text-align: left; vertical-align: top; }
.status-added { color: #1a7f37; } .status-removed { color: #b3261e; }
.status-changed { color: #9a6700; }
.words { background: #fafafa; border-left: 4px solid #ddd; padding: .5em .8em; margin: .3em 0;
  white-space: pre-wrap; }
del { background: #ffd7d5; color: #82071e; text-decoration: line-through; }
ins { background: #ccffd8; color: #055d20; text-decoration: none; }
.gap { color: #888; }
.pages { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; margin: 1em 0; }
.pages figure { margin: 0; border: 1px solid #ccc; padding: .4em; background: #f6f6f6; }
.pages .page { position: relative; width: fit-content; max-width: 100%; margin: 0 auto;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.pages img { display: block; max-width: 100%; height: auto; }
.mark { position: absolute; box-sizing: content-box; margin: -3px; padding: 2px;
  border: 2px solid; border-radius: 2px; }
.mark.old { border-color: #d1242f; background: rgba(255,129,130,.25); }
.mark.new { border-color: #1a7f37; background: rgba(74,194,107,.25); }
.pages figcaption { text-align: center; font-size: .9em; color: #555; }
.muted { color: #666; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _fragments_html(parts: Iterable[Fragment]) -> str:
    tags = {"delete": "del", "insert": "ins", "equal": "span", "gap": "span"}
    gap = ' class="gap"'
    return " ".join(
        f"<{tags[kind]}{gap if kind == 'gap' else ''}>{_e(text)}</{tags[kind]}>"
        for kind, text in parts
    )


def review_page(
    result: DiffResult,
    *,
    context: int = DEFAULT_CONTEXT,
    max_pages: int = MAX_PAGE_PAIRS,
    images: bool = True,
    lang: str = "en",
) -> str:
    """A self-contained HTML page for a reviewer: inline CSS, page pictures as data: URIs.

    Every piece of text (it comes from the data and the templates) is escaped.
    """
    differing = plural_message(
        "diff.page.differ", "diff.page.differ.plural", len(result.changed_files), lang
    )
    identical = message("diff.page.identical", lang)
    verdict = (
        f'<p class="verdict same">{_e(identical)}</p>'
        if result.identical
        else f'<p class="verdict different">{_e(differing)}</p>'
    )
    title = _e(message("diff.page.title", lang))
    old, new = message("diff.page.old", lang), message("diff.page.new", lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f'<p>{_e(old)} <span class="path">{_e(result.old)}</span><br>'
        f'{_e(new)} <span class="path">{_e(result.new)}</span></p>',
        verdict,
    ]
    if not result.identical:
        out += _contents_html(result, lang)
        out += _files_html(result, lang)
        for document in result.documents:
            if document.status != "identical":
                out += _document_html(document, context, max_pages, images, lang)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _document_anchor(document: DocumentDiff) -> str:
    return "doc-" + re.sub(r"[^A-Za-z0-9_-]", "-", document.name)


def _contents_html(result: DiffResult, lang: str) -> list[str]:
    """One line per dossier that changed, linking to its part of the page."""
    items = []
    for document in result.documents:
        if document.status == "identical":
            continue
        counts = [
            plural_message(*_INCIDENT_COUNT[group], len(ids), lang)
            for group, ids in _incident_groups(document)
        ]
        if document.other_sections:
            counts.append(
                plural_message(
                    "diff.count.sections_changed",
                    "diff.count.sections_changed.plural",
                    len(document.other_sections),
                    lang,
                )
            )
        if document.page_pairs:
            counts.append(
                plural_message(
                    "diff.count.page_pairs",
                    "diff.count.page_pairs.plural",
                    len(document.page_pairs),
                    lang,
                )
            )
        detail = ", ".join(counts) or _status(document.status, lang)
        items.append(
            f'<li><a href="#{_e(_document_anchor(document))}">{_e(document.name)}</a>: '
            f"{_e(detail)}</li>"
        )
    return ['<ul class="contents">', *items, "</ul>"] if items else []


def _files_html(result: DiffResult, lang: str) -> list[str]:
    headers = (message(key, lang) for key in _FILE_HEADERS)
    out = [
        "<h2>" + _e(message("diff.page.files", lang)) + "</h2>",
        "<table>",
        "<tr>" + "".join(f"<th>{_e(header)}</th>" for header in headers) + "</tr>",
    ]
    for change in result.files:
        size = f"{change.old_size or '–'} → {change.new_size or '–'}"
        out.append(
            f'<tr><td class="path">{_e(change.name)}</td>'
            f'<td class="status-{_e(change.status)}">{_e(_status(change.status, lang))}</td>'
            f"<td>{_e(size if change.status != 'identical' else change.new_size)}</td></tr>"
        )
    out.append("</table>")
    out += [f'<p class="muted">{_e(in_language(note, lang))}</p>' for note in result.notes]
    if result.inputs:
        out += ["<h3>" + _e(message("diff.page.inputs", lang)) + "</h3>", "<ul>"]
        out += [
            f'<li><span class="status-{_e(e.status)}">{_e(_status(e.status, lang))}</span> '
            f'<span class="path">{_e(e.key)}</span></li>'
            for e in result.inputs
        ]
        out.append("</ul>")
    if result.exhibits:
        out += ["<h3>" + _e(message("diff.page.exhibits", lang)) + "</h3>", "<ul>"]
        for entry in result.exhibits:
            detail = entry.new or entry.old or {}
            where = detail.get("file") or detail.get("url") or ""
            fields = f" ({', '.join(entry.fields)})" if entry.fields else ""
            out.append(
                f'<li><span class="status-{_e(entry.status)}">'
                f"{_e(_status(entry.status, lang))}</span> "
                f'{_e(entry.key)}{_e(fields)} <span class="path">{_e(where)}</span></li>'
            )
        out.append("</ul>")
    return out


def _document_html(
    document: DocumentDiff, context: int, max_pages: int, images: bool, lang: str
) -> list[str]:
    out = [
        f'<h2 id="{_e(_document_anchor(document))}">{_e(document.name)} '
        f'<span class="status-{_e(document.status)}">'
        f"({_e(_status(document.status, lang))})</span></h2>"
    ]
    facts = []
    if document.text_format:
        facts.append(message("diff.page.text_compared", lang, format=document.text_format))
    if document.old_pages is not None or document.new_pages is not None:
        if document.old_pages == document.new_pages and document.new_pages is not None:
            facts.append(
                plural_message(
                    "diff.page.pages", "diff.page.pages.plural", document.new_pages, lang
                )
            )
        else:
            facts.append(_pages(document, lang))
    facts += [in_language(note, lang) for note in document.notes]
    if facts:
        out.append(f'<p class="muted">{_e(listing(facts, lang))}</p>')
    if document.status == "changed":
        groups = _incident_groups(document)
        if groups:
            out.append("<ul>")
            out += [
                f'<li class="status-{group}">'
                f"{_e(message(_INCIDENTS[group], lang, ids=', '.join(ids)))}</li>"
                for group, ids in groups
            ]
            out.append("</ul>")
        for change in document.sections:
            out.append(
                f'<h3 class="section-change" data-key="{_e(change.key)}">'
                f'<span class="status-{_e(change.status)}">{_e(_change(change, lang))}</span> '
                f"<code>{_e(_section_name(change))}</code> — {_e(change.title)}</h3>"
            )
            if change.status == "changed":
                body = _fragments_html(fragments(change.runs, context, lang=lang))
            else:
                tag = "ins" if change.status == "added" else "del"
                segment = change.new or change.old
                body = f"<{tag}>{_e(segment.text if segment else '')}</{tag}>"
            out.append(f'<div class="words">{body}</div>')
    if document.page_pairs:
        out += _pages_html(document, max_pages, images, lang)
    return out


def _pages_html(document: DocumentDiff, max_pages: int, images: bool, lang: str) -> list[str]:
    which = (
        N_("diff.page.pictures_changed") if document.visual_only else N_("diff.page.pages_changed")
    )
    out = [f"<h3>{_e(message(which, lang))}</h3>"]
    shown, rest = document.page_pairs[:max_pages], document.page_pairs[max_pages:]
    old_pdf, new_pdf = document.old_files.get("pdf"), document.new_files.get("pdf")
    for pair in shown:
        out.append('<div class="pages">')
        for side, page, pdf, marks in (
            ("old", pair[0], old_pdf, document.old_marks),
            ("new", pair[1], new_pdf, document.new_marks),
        ):
            caption = message(_CAPTION[(side, bool(page))], lang, page=page)
            picture = ""
            if images and page and pdf:
                data = base64.b64encode(render_page_png(pdf, page)).decode("ascii")
                outlines = "".join(
                    f'<span class="mark {side}" style="left:{100 * left:.2f}%;'
                    f"top:{100 * top:.2f}%;width:{100 * (right - left):.2f}%;"
                    f'height:{100 * (bottom - top):.2f}%"></span>'
                    for left, top, right, bottom in marks.get(page, [])
                )
                picture = (
                    f'<div class="page"><img alt="{_e(caption)}" '
                    f'src="data:image/png;base64,{data}">{outlines}</div>'
                )
            out.append(f"<figure>{picture}<figcaption>{_e(caption)}</figcaption></figure>")
        out.append("</div>")
    if rest:
        pairs = ", ".join(_page_pair_text(pair) for pair in rest)
        more = plural_message(
            "diff.page.more_pages", "diff.page.more_pages.plural", len(rest), lang, pairs=pairs
        )
        out.append(f'<p class="muted">{_e(more)}</p>')
    return out


def write_review_page(
    result: DiffResult,
    path: Path,
    *,
    context: int = DEFAULT_CONTEXT,
    max_pages: int = MAX_PAGE_PAIRS,
    lang: str = "en",
) -> Path:
    """Write :func:`review_page` to ``path`` atomically."""
    page = review_page(result, context=context, max_pages=max_pages, lang=lang)
    try:
        write_atomic(path, page.encode("utf-8"))
    except OSError as error:
        raise DiffUsageError("diff.cannot_write", file=path, reason=os_reason(error)) from None
    return path
