"""Compare two builds of the dossiers for a reviewer: incidents, sections, pages and exhibits.

Text comes from the HTML outputs when both builds have them (sections keyed by the ids the
templates give: ``incident-<ID>``, headings, exhibit rows), else from the PDFs (poppler's
``pdftotext`` and the PDF's named destinations, which carry the same ids), else from the DOCX
files (python-docx; headings and their bookmarks). Changed pages are found by aligning the PDFs'
text, so a change that pushes lines onto the next page points at the page it happened on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

import pikepdf

from dossier.commands.diff_sources import (
    TEXT_FORMATS,
    Box,
    DiffUsageError,
    PagePair,
    Segment,
    _format_of,
    _kind,
    changed_pages,
    extract_segments,
    pdf_page_count,
    pictured_page_changes,
    read_pdf,
)
from dossier.files import sha256_file
from dossier.i18n.messages import Message

#: Words of unchanged text shown around each change.
DEFAULT_CONTEXT = 8
#: Words of a long deletion or insertion shown in the text summary (the review page shows all).
TEXT_LIMIT = 60
#: Page pairs rendered per document in the review page; the rest are listed, not pictured.
MAX_PAGE_PAIRS = 24
MANIFEST_NAME = "manifest.json"

Status = Literal["added", "removed", "changed", "identical"]


# --------------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True)
class WordRun:
    """A run of words that is the same in both versions, deleted, or inserted."""

    op: Literal["equal", "delete", "insert"]
    words: tuple[str, ...]


@dataclass
class SectionChange:
    key: str
    status: Literal["added", "removed", "changed"]
    old: Segment | None
    new: Segment | None
    runs: list[WordRun]

    @property
    def kind(self) -> Literal["incident", "exhibit", "section"]:
        return _kind(self.key)

    @property
    def title(self) -> str:
        segment = self.new or self.old
        assert segment is not None
        return segment.title

    @property
    def incident_id(self) -> str | None:
        if self.kind != "incident":
            return None
        segment = self.new or self.old
        assert segment is not None
        return _incident_id(segment)

    @property
    def deleted(self) -> list[str]:
        return [word for run in self.runs if run.op == "delete" for word in run.words]

    @property
    def inserted(self) -> list[str]:
        return [word for run in self.runs if run.op == "insert" for word in run.words]


@dataclass
class DocumentDiff:
    """One dossier (e.g. ``ddd-fr``: its HTML, PDF and DOCX) compared."""

    name: str
    status: Status
    old_files: dict[str, Path]
    new_files: dict[str, Path]
    text_format: str | None = None
    sections: list[SectionChange] = field(default_factory=list)
    old_pages: int | None = None
    new_pages: int | None = None
    #: (old page, new page), 1-based, of the pages where the text or the picture changed.
    page_pairs: list[PagePair] = field(default_factory=list)
    #: Rectangles (fractions of the page) of the words deleted from an old page, inserted in a
    #: new one: the review page outlines them on the page pictures.
    old_marks: dict[int, list[Box]] = field(default_factory=dict)
    new_marks: dict[int, list[Box]] = field(default_factory=dict)
    #: The PDFs differ in their pictures only (same text on every page).
    visual_only: bool = False
    notes: list[str] = field(default_factory=list)

    def _ids(self, status: str) -> list[str]:
        return [
            change.incident_id or change.key
            for change in self.sections
            if change.kind == "incident" and change.status == status
        ]

    @property
    def incidents_added(self) -> list[str]:
        return self._ids("added")

    @property
    def incidents_removed(self) -> list[str]:
        return self._ids("removed")

    @property
    def incidents_changed(self) -> list[str]:
        return self._ids("changed")

    @property
    def other_sections(self) -> list[SectionChange]:
        return [change for change in self.sections if change.kind != "incident"]


@dataclass(frozen=True)
class FileChange:
    name: str
    status: Status
    old_sha256: str | None
    new_sha256: str | None
    old_size: int | None
    new_size: int | None


@dataclass(frozen=True)
class EntryChange:
    """An input or an exhibit of the manifest that was added, removed or changed."""

    key: str
    status: Literal["added", "removed", "changed"]
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    fields: tuple[str, ...] = ()


@dataclass
class DiffResult:
    old: Path
    new: Path
    files: list[FileChange]
    documents: list[DocumentDiff]
    inputs: list[EntryChange] = field(default_factory=list)
    exhibits: list[EntryChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return all(change.status == "identical" for change in self.files)

    @property
    def changed_files(self) -> list[FileChange]:
        return [change for change in self.files if change.status != "identical"]


# --------------------------------------------------------------------------------------------
# Comparing


def compare(old: Path | str, new: Path | str) -> DiffResult:
    """Compare two built folders (files matched by name), or two PDF, DOCX or HTML files.

    Raises :class:`DiffUsageError` when a path is missing, the two are not of the same kind,
    a file cannot be read, or poppler's tools are needed and missing.
    """
    old, new = Path(old), Path(new)
    for path in (old, new):
        if not path.exists():
            raise DiffUsageError("diff.no_such_path", path=path)
    if old.is_dir() and new.is_dir():
        return _compare_folders(old, new)
    if old.is_file() and new.is_file():
        kind_old, kind_new = _format_of(old), _format_of(new)
        if kind_old is None or kind_old != kind_new:
            raise DiffUsageError("diff.kinds_differ", old=old, new=new)
        same_name = old.name == new.name
        files = [_file_change(new.name if same_name else f"{old.name} → {new.name}", old, new)]
        name = new.stem if same_name else f"{old.stem} → {new.stem}"
        document = _document_diff(name, {kind_old: old}, {kind_new: new})
        return DiffResult(old, new, files, [document])
    raise DiffUsageError("diff.folder_and_file", old=old, new=new)


def _listing(folder: Path) -> dict[str, Path]:
    return {
        path.name: path
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".")
    }


def _compare_folders(old: Path, new: Path) -> DiffResult:
    old_files, new_files = _listing(old), _listing(new)
    names = sorted(old_files.keys() | new_files.keys())
    files = [_file_change(name, old_files.get(name), new_files.get(name)) for name in names]
    stems: dict[str, tuple[dict[str, Path], dict[str, Path]]] = {}
    for side, listing in enumerate((old_files, new_files)):
        for path in listing.values():
            kind = _format_of(path)
            if kind is not None and not _encrypted_pdf(path):
                stems.setdefault(path.stem, ({}, {}))[side][kind] = path
    documents = [_document_diff(stem, *stems[stem]) for stem in sorted(stems)]
    result = DiffResult(old, new, files, documents)
    if MANIFEST_NAME in old_files and MANIFEST_NAME in new_files:
        _compare_manifests(result, old_files[MANIFEST_NAME], new_files[MANIFEST_NAME])
    return result


def _encrypted_pdf(path: Path) -> bool:
    """An encrypted PDF (the identity annex): its text cannot be read without its passphrase,
    so it is compared by fingerprint only (the list of files says whether it changed)."""
    if path.suffix.lower() != ".pdf":
        return False
    try:
        with pikepdf.open(path):
            return False
    except pikepdf.PasswordError:
        return True
    except pikepdf.PdfError:
        return False  # the text reader says what is wrong with it


def _file_change(name: str, old: Path | None, new: Path | None) -> FileChange:
    old_sha = sha256_file(old) if old else None
    new_sha = sha256_file(new) if new else None
    status: Status
    if old is None:
        status = "added"
    elif new is None:
        status = "removed"
    else:
        status = "identical" if old_sha == new_sha else "changed"
    return FileChange(
        name,
        status,
        old_sha,
        new_sha,
        old.stat().st_size if old else None,
        new.stat().st_size if new else None,
    )


def _compare_manifests(result: DiffResult, old_path: Path, new_path: Path) -> None:
    try:
        old = json.loads(old_path.read_text(encoding="utf-8"))
        new = json.loads(new_path.read_text(encoding="utf-8"))
    except ValueError as error:
        result.notes.append(
            Message("diff.manifest_unreadable", manifest=MANIFEST_NAME, reason=str(error))
        )
        return
    result.inputs = _entry_changes(old.get("inputs", []), new.get("inputs", []), "path")
    result.exhibits = _entry_changes(old.get("exhibits", []), new.get("exhibits", []), "id")
    for key, label in (("generator", "generator"), ("source_date_epoch", "SOURCE_DATE_EPOCH")):
        if old.get(key) != new.get(key):
            result.notes.append(
                Message("diff.value_changed", name=label, old=old.get(key), new=new.get(key))
            )


def _entry_changes(
    old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]], key: str
) -> list[EntryChange]:
    old_by = {str(entry.get(key)): entry for entry in old}
    new_by = {str(entry.get(key)): entry for entry in new}
    changes = []
    for name in sorted(old_by.keys() | new_by.keys()):
        before, after = old_by.get(name), new_by.get(name)
        if before is None:
            changes.append(EntryChange(name, "added", None, after))
        elif after is None:
            changes.append(EntryChange(name, "removed", before, None))
        elif before != after:
            fields = tuple(
                sorted(f for f in before.keys() | after.keys() if before.get(f) != after.get(f))
            )
            changes.append(EntryChange(name, "changed", before, after, fields))
    return changes


def _document_diff(name: str, old: dict[str, Path], new: dict[str, Path]) -> DocumentDiff:
    if not old or not new:
        document = DocumentDiff(name, "added" if not old else "removed", old, new)
        pdf = (new or old).get("pdf")
        if pdf is not None:
            pages = pdf_page_count(pdf)
            document.old_pages, document.new_pages = (None, pages) if not old else (pages, None)
        return document
    same = old.keys() == new.keys() and all(_same_bytes(old[k], new[k]) for k in old)
    document = DocumentDiff(name, "identical" if same else "changed", old, new)
    if same:
        return document
    common = [kind for kind in TEXT_FORMATS if kind in old and kind in new]
    if old.keys() != new.keys():
        document.notes.append(
            Message("diff.formats_changed", old=", ".join(sorted(old)), new=", ".join(sorted(new)))
        )
    if common:
        document.text_format = common[0]
        if not _same_bytes(old[common[0]], new[common[0]]):
            document.sections = diff_segments(
                extract_segments(old[common[0]]), extract_segments(new[common[0]])
            )
    if "pdf" in old and "pdf" in new and not _same_bytes(old["pdf"], new["pdf"]):
        old_pdf, new_pdf = read_pdf(old["pdf"]), read_pdf(new["pdf"])
        document.old_pages, document.new_pages = len(old_pdf.pages), len(new_pdf.pages)
        where = changed_pages(old_pdf, new_pdf)
        document.page_pairs = where.pairs
        document.old_marks, document.new_marks = where.old_marks, where.new_marks
        if not document.page_pairs and len(old_pdf.pages) == len(new_pdf.pages):
            document.page_pairs = pictured_page_changes(old["pdf"], new["pdf"])
            document.visual_only = bool(document.page_pairs)
    if not document.sections and not document.page_pairs:
        document.notes.append(Message("diff.same_text"))
    return document


def _same_bytes(one: Path, other: Path) -> bool:
    return one.stat().st_size == other.stat().st_size and one.read_bytes() == other.read_bytes()


# --------------------------------------------------------------------------------------------
# Sections and word-level differences


def _incident_id(segment: Segment) -> str:
    """``CAL-2015-0003`` from ``incident-CAL-2015-0003`` (or the DOCX's bookmark name)."""
    key = segment.key.split("#")[0]
    rest = key[len("incident-") :]
    if key.startswith("incident-"):
        return rest
    # A Word bookmark name replaced the id's punctuation: find the word it was made from.
    for word in segment.words:
        candidate = word.strip(".,;:()[]«»\"'")
        if re.sub(r"[^A-Za-z0-9_]", "_", candidate) == rest:
            return candidate
    return rest


def diff_segments(old: Sequence[Segment], new: Sequence[Segment]) -> list[SectionChange]:
    """Sections added, removed or changed, in document order; unchanged ones are left out.

    Sections are matched by key; a section whose key is not an incident's and that has no
    partner is matched with a similar one of the other version (a renamed heading, say).
    """
    old_keys = [segment.key for segment in old]
    new_keys = [segment.key for segment in new]
    old_by = {segment.key: segment for segment in old}
    new_by = {segment.key: segment for segment in new}
    merged: list[tuple[Segment | None, Segment | None]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            merged += [(old_by[key], new_by[key]) for key in old_keys[i1:i2]]
            continue
        merged += [(old_by[key], None) for key in old_keys[i1:i2] if key not in new_by]
        merged += [(old_by.get(key), new_by[key]) for key in new_keys[j1:j2]]
    # Moved sections appear once as (old, new) in the loop above and once as (old, None).
    merged = [
        (before, after)
        for before, after in merged
        if after is not None or before is None or before.key not in new_by
    ]
    merged = _pair_similar(merged)
    changes = []
    for before, after in merged:
        if before is not None and after is not None:
            if before.words != after.words:
                changes.append(
                    SectionChange(after.key, "changed", before, after, word_runs(before, after))
                )
        elif after is not None:
            changes.append(
                SectionChange(after.key, "added", None, after, [WordRun("insert", after.words)])
            )
        elif before is not None:
            changes.append(
                SectionChange(
                    before.key, "removed", before, None, [WordRun("delete", before.words)]
                )
            )
    return changes


def _pair_similar(
    merged: list[tuple[Segment | None, Segment | None]],
) -> list[tuple[Segment | None, Segment | None]]:
    removed = [
        i for i, (b, a) in enumerate(merged) if a is None and b and _kind(b.key) != "incident"
    ]
    added = [i for i, (b, a) in enumerate(merged) if b is None and a and _kind(a.key) != "incident"]
    taken: set[int] = set()
    for i in removed:
        before = merged[i][0]
        assert before is not None
        best, best_ratio = None, 0.6
        for j in added:
            after = merged[j][1]
            if j in taken or after is None or _kind(after.key) != _kind(before.key):
                continue
            matcher = SequenceMatcher(None, before.words, after.words)
            # The cheap upper bounds first: most pairs are told apart without aligning them.
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            taken.add(best)
            merged[best] = (before, merged[best][1])
            merged[i] = (None, None)
    return [pair for pair in merged if pair != (None, None)]


def word_runs(old: Segment, new: Segment) -> list[WordRun]:
    """The word-level difference of two versions of a section, as runs of words."""
    runs: list[WordRun] = []
    # Long sections let difflib skip the most frequent words as anchors (autojunk): the result
    # is as readable, and two unrelated tables do not take minutes.
    long = len(old.words) + len(new.words) > 2000
    matcher = SequenceMatcher(None, old.words, new.words, autojunk=long)
    if long and matcher.quick_ratio() < 0.25:
        return [WordRun("delete", old.words), WordRun("insert", new.words)]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(WordRun("equal", old.words[i1:i2]))
            continue
        if i2 > i1:
            runs.append(WordRun("delete", old.words[i1:i2]))
        if j2 > j1:
            runs.append(WordRun("insert", new.words[j1:j2]))
    return runs


__all__ = [
    "DEFAULT_CONTEXT",
    "DiffResult",
    "DiffUsageError",
    "DocumentDiff",
    "EntryChange",
    "FileChange",
    "SectionChange",
    "Segment",
    "WordRun",
    "compare",
]
