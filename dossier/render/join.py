"""Join typeset pieces into one PDF, writing each piece's objects out as soon as it is read.

pikepdf (qpdf) can join PDFs, but it keeps the whole joined document in memory until it is
saved: at 5,000 incidents that was 1.4 GB in the build process. This writer holds one piece
at a time, and one segment of page furniture: each piece's objects are numbered anew and
written to the output as they are reached from its pages and its tag tree; what spans the
whole document (the page tree, the tag tree's root, the parent tree, bookmarks, named
destinations, the catalog) is kept as small bookkeeping — object numbers and short encoded
entries — and written at the end, with the cross-reference table.

The result is the PDF :func:`dossier.render.chunked.merge_pieces` describes: the front piece
gives the catalog (language, metadata, PDF/A output intent, attachments), the tag trees of
the pieces are put one after the other under one ``Document`` element, and each page's
furniture (margin boxes typeset apart) is laid over it as an untagged artifact.
"""

from __future__ import annotations

import array
import hashlib
import io
import re
import struct
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import pikepdf
from pikepdf import Name

from dossier.render.chunks import NotChunkable

__all__ = ["JoinPiece", "join_pieces"]


@dataclass(frozen=True)
class JoinPiece:
    """What the join needs of a typeset piece (see :class:`dossier.render.chunked.PieceResult`)."""

    #: The piece's PDF, or the file that holds it.
    pdf: bytes | Path
    #: Anchor (``id``) → index of the page it lands on, in this piece.
    anchors: Any
    #: (level, label, page index, x, y, open) of each bookmark, in document order.
    bookmarks: Sequence[tuple[int, str, int, float, float, bool]]


# ------------------------------------------------------------------------------ writing


class _Writer:
    """A PDF file written object by object, with its cross-reference stream at the end.

    Objects other than streams go, a hundred at a time, into compressed object streams (as
    qpdf writes them): the tag tree alone is some hundred thousand small dictionaries at
    1,000 incidents, 17 MB written out one by one, 5 MB packed.
    """

    #: Objects per object stream.
    BATCH = 100

    def __init__(self, out: BinaryIO, version: str) -> None:
        self._out = out
        self._position = 0
        # Per object number: the file offset (written on its own) or the number of the
        # object stream holding it, and its index there (-1: on its own). Arrays, not lists:
        # a 5,000-incident dossier has some 600,000 objects.
        self._where = array.array("q", [0])
        self._index = array.array("l", [-1])
        self._batch: list[tuple[int, bytes]] = []
        self._digest = hashlib.sha256()
        # Object streams and cross-reference streams need PDF 1.5.
        if tuple(int(part) for part in version.split(".")[:2]) < (1, 5):
            version = "1.5"
        # The comment of four bytes above 127 tells tools (and PDF/A) the file is binary.
        self._write(b"%PDF-" + version.encode("ascii") + b"\n%\xb5\xed\xae\xfb\n")

    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._digest.update(data)
        self._position += len(data)

    def reserve(self) -> int:
        """A new object number, to be written later with :meth:`put`."""
        self._where.append(-1)
        self._index.append(-1)
        return len(self._where) - 1

    def put(self, number: int, body: bytes, data: bytes | None = None) -> None:
        """Write object ``number``: ``body``, and ``data`` if it is a stream (``body`` is
        then its dictionary)."""
        if self._where[number] != -1:
            raise ValueError(f"object {number} written twice")
        if data is None:
            self._where[number] = -2  # in the batch
            self._batch.append((number, body))
            if len(self._batch) >= self.BATCH:
                self._pack()
            return
        self._where[number] = self._position
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, body))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")

    def _pack(self) -> None:
        """Write the objects waiting in the batch as one compressed object stream."""
        if not self._batch:
            return
        stream = self.reserve()
        pairs: list[bytes] = []
        bodies: list[bytes] = []
        offset = 0
        for index, (number, body) in enumerate(self._batch):
            pairs.append(b"%d %d" % (number, offset))
            bodies.append(body)
            offset += len(body) + 1
            self._where[number] = stream
            self._index[number] = index
        header = b" ".join(pairs) + b"\n"
        data = zlib.compress(header + b"\n".join(bodies) + b"\n", 6)
        count = len(self._batch)
        self._batch = []
        self.put(
            stream,
            b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>"
            % (count, len(header), len(data)),
            data,
        )

    def finish(self, *, root: int, info: int | None) -> None:
        self._pack()
        missing = [number for number, where in enumerate(self._where) if where == -1]
        if missing:
            raise ValueError(f"objects {missing[:5]} were reserved but never written")
        xref = self.reserve()
        self._where[xref] = self._position
        # Same pieces, same bytes: the file identifier is a digest of everything before it.
        identifier = self._digest.hexdigest()[:32].encode("ascii")
        data = self._cross_reference_rows()
        trailer = b"<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R" % (len(self._where), root)
        if info is not None:
            trailer += b" /Info %d 0 R" % info
        trailer += b" /ID [<" + identifier + b"> <" + identifier + b">]"
        trailer += b" /Filter /FlateDecode /Length %d >>" % len(data)
        start = self._position
        self._write(b"%d 0 obj\n%s\nstream\n" % (xref, trailer))
        self._write(data)
        self._write(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start)

    def _cross_reference_rows(self) -> bytes:
        """The rows of the cross-reference stream (7 bytes per object), compressed a block
        at a time: a 5,000-incident dossier has 740,000 objects, and a Python object per row
        took 100 MB."""
        rows = bytearray(struct.pack(">BIH", 0, 0, 65535))
        compressor = zlib.compressobj(6)
        parts = []
        for number in range(1, len(self._where)):
            index = self._index[number]
            if index == -1:
                rows += struct.pack(">BIH", 1, self._where[number], 0)
            else:
                rows += struct.pack(">BIH", 2, self._where[number], index)
            if len(rows) >= 1 << 16:
                parts.append(compressor.compress(rows))
                rows.clear()
        parts.append(compressor.compress(rows))
        parts.append(compressor.flush())
        return b"".join(parts)


def _name(key: str) -> bytes:

    return bytes(pikepdf.Name(key).unparse())


def _real(value: Decimal | float) -> bytes:
    # A float (a bookmark's position) to a hundredth of a point, as pikepdf wrote it; a
    # number read from a piece as it was written there.
    text = f"{value:.2f}" if isinstance(value, float) else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return (text or "0").encode("ascii")


#: In qpdf's unparsed syntax (qpdf escapes every parenthesis inside a literal string): a
#: literal string, to be left alone, or an indirect reference, to be renumbered.
_STRING_OR_REFERENCE = re.compile(rb"(\((?:\\.|[^\\)])*\))|(?<![\w.#/+-])(\d+) (\d+) R(?!\w)")
#: An indirect reference, in a text that holds no literal string: split on it, the text's
#: references are every other part, which a dictionary lookup renumbers without a call into
#: Python per reference (a piece's objects refer to one another some 15,000 times).
_REFERENCE = re.compile(rb"(?<![\w.#/+-])(\d+ \d+ R)(?!\w)")


@dataclass
class _Copier:
    """Writes the objects of one source PDF reachable from what it is asked to encode,
    each under a new number; aliases map source objects to numbers written elsewhere (the
    joined document's page tree and tag tree root, furniture forms).

    Each object is written as qpdf unparses it, its references renumbered: one call into
    qpdf per object rather than one per entry (the tag tree of 1,000 incidents is 125,000
    dictionaries)."""

    writer: _Writer
    #: Image fingerprint → object number, shared by every copier of a join: an image that
    #: several pieces embed is written once, as a single render stores it.
    images: dict[bytes, int]
    #: The pikepdf.Pdf the objects come from.
    source: Any
    numbers: dict[tuple[int, int], int] = field(default_factory=dict)
    #: Objects reserved and not written yet: each with its number and whether it is a stream
    #: (asked of pikepdf once: each question is a call into qpdf, 175,000 objects a join).
    _queue: list[tuple[Any, int, bool]] = field(default_factory=list)
    #: A reference as the source writes it (``b"12 0 R"``) → as the output writes it: a
    #: piece's objects refer to one another some 600,000 times at 1,000 incidents, and this
    #: lookup is most of what renumbering one costs.
    _renumbering: dict[bytes, bytes] = field(default_factory=dict)

    def alias(self, source: Any, number: int) -> None:
        self.numbers[source.objgen] = number
        self._renumbering.pop(b"%d %d R" % source.objgen, None)

    def reference(self, source: Any, key: tuple[int, int] | None = None) -> int:
        """The output's number for ``source`` (whose object and generation numbers are
        ``key``, when known), queued to be written if it has none yet."""
        if key is None:
            key = source.objgen
        number = self.numbers.get(key)
        if number is not None:
            return number
        is_stream = isinstance(source, pikepdf.Stream)
        if is_stream and source.get("/Subtype") == "/Image":
            fingerprint = _stream_fingerprint(source)
            number = self.images.get(fingerprint)
            if number is not None:
                self.numbers[key] = number
                return number
            number = self.images[fingerprint] = self.writer.reserve()
        else:
            number = self.writer.reserve()
        self.numbers[key] = number
        self._queue.append((source, number, is_stream))
        return number

    def _renumbered(self, text: bytes) -> bytes:
        if b"(" not in text:
            # No literal string (qpdf writes every parenthesis inside one escaped, and none
            # outside): most objects, the tag tree's elements among them.
            return self._renumbered_without_strings(text)
        return self._renumbered_with_strings(text)

    def _renumbered_with_strings(self, text: bytes) -> bytes:
        """:meth:`_renumbered` of any text: a call per reference or literal string."""
        renumbering = self._renumbering

        def renumber(match: re.Match[bytes]) -> bytes:
            string: bytes | None = match[1]
            if string is not None:
                return string
            written = match[0]
            renumbered = renumbering.get(written)
            if renumbered is None:
                key = (int(match[2]), int(match[3]))
                number = self.numbers.get(key)
                if number is None:
                    number = self.reference(self.source.get_object(key), key)
                renumbered = renumbering[written] = b"%d 0 R" % number
            return renumbered

        return _STRING_OR_REFERENCE.sub(renumber, text)

    def _renumbered_without_strings(self, text: bytes) -> bytes:
        """:meth:`_renumbered` of a text with no literal string: the same bytes, and new
        objects reserved in the same order (each at its first reference, left to right)."""
        parts = _REFERENCE.split(text)
        if len(parts) == 1:
            return text
        references = parts[1::2]
        renumbering = self._renumbering
        for written in [written for written in references if written not in renumbering]:
            if written in renumbering:
                continue  # referred to twice in this text
            first, generation, _r = written.split()
            key = (int(first), int(generation))
            number = self.numbers.get(key)
            if number is None:
                number = self.reference(self.source.get_object(key), key)
            renumbering[written] = b"%d 0 R" % number
        parts[1::2] = map(renumbering.__getitem__, references)
        return b"".join(parts)

    def encode(self, value: Any) -> bytes:
        """``value`` in PDF syntax; the indirect objects it refers to are queued."""

        if isinstance(value, bool):
            return b"true" if value else b"false"
        if isinstance(value, int):
            return b"%d" % value
        if isinstance(value, Decimal | float):
            return _real(value)
        if value is None:
            return b"null"
        if isinstance(value, pikepdf.Object):
            return self._renumbered(bytes(value.unparse()))
        raise TypeError(f"not a PDF value: {value!r}")

    def dictionary(self, entries: Any) -> bytes:
        return (
            b"<<" + b"".join(_name(key) + b" " + self.encode(item) for key, item in entries) + b">>"
        )

    def flush(self) -> None:
        """Write every queued object, and those they refer to."""

        while self._queue:
            source, number, is_stream = self._queue.pop()
            if is_stream:
                data = source.read_raw_bytes()
                dictionary = source.stream_dict
                if dictionary.get("/Length") == len(data):
                    body = self._renumbered(bytes(dictionary.unparse()))
                else:
                    entries = [(key, item) for key, item in dictionary.items() if key != "/Length"]
                    body = self.dictionary(entries)[:-2] + b"/Length %d>>" % len(data)
                self.writer.put(number, body, data)
            else:
                self.writer.put(number, self._renumbered(bytes(source.unparse(resolved=True))))


def _stream_fingerprint(stream: Any) -> bytes:
    """What a stream is, whatever its object number: its encoded data and its dictionary,
    with the streams it refers to (a soft mask) by their own fingerprint."""

    digest = hashlib.sha256(stream.read_raw_bytes())
    for key in sorted(stream.keys()):
        if key == "/Length":
            continue
        value = stream[key]
        digest.update(key.encode())
        if isinstance(value, pikepdf.Stream):
            digest.update(_stream_fingerprint(value))
        elif isinstance(value, pikepdf.Object):
            digest.update(value.unparse(resolved=True))
        else:  # numbers and booleans come back as Python values
            digest.update(repr(value).encode())
    return digest.digest()


# -------------------------------------------------------------------------- furniture


class _Furniture:
    """The page furniture, segment after segment, as form XObjects written to the join."""

    def __init__(self, writer: _Writer, images: dict[bytes, int], segments: Sequence[bytes | Path]):
        self._writer = writer
        self._images = images
        self._segments: Iterator[bytes | Path] = iter(segments)
        self._pdf: Any = None
        self._copier: _Copier | None = None
        self._next = 0

    def form(self) -> int:
        """The object number of the next page's furniture, written as a form XObject."""

        while self._pdf is None or self._next == len(self._pdf.pages):
            if self._pdf is not None:
                self._pdf.close()
            data = next(self._segments, None)
            if data is None:
                raise NotChunkable("the page furniture has fewer pages than the pieces")
            self._pdf = _open(data)
            self._copier = _Copier(self._writer, self._images, self._pdf)
            self._next = 0
        assert self._copier is not None
        form = self._pdf.pages[self._next].as_form_xobject()
        if not form.is_indirect:
            form = self._pdf.make_indirect(form)
        self._next += 1
        number = self._copier.reference(form)
        self._copier.flush()
        return number

    def close(self) -> None:
        left = 0 if self._pdf is None else len(self._pdf.pages) - self._next
        if self._pdf is not None:
            self._pdf.close()
        left += sum(1 for _segment in self._segments)
        if left:
            raise NotChunkable("the page furniture has more pages than the pieces")


# ------------------------------------------------------------------------------- join


def _open(pdf: bytes | Path) -> Any:
    """A piece, from memory or from the file it was spooled to (read as needed)."""

    return pikepdf.Pdf.open(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))


def _kids(element: Any) -> list[Any]:
    """The children of a tag element (``/K`` may hold one child or an array)."""

    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return list(kids)
    return [kids]


#: Annotation flags (ISO 32000-1, 12.5.3): Print, and those PDF/A forbids (ISO 19005-3,
#: 6.3.2): Invisible, Hidden, NoView, ToggleNoView.
_PRINT_FLAG = 4
_FLAGS_NOT_IN_PDF_A = 1 | 2 | 32 | 256


def _is_pdf_a(pdf: Any) -> bool:
    """Whether ``pdf`` claims PDF/A: it has a PDF/A output intent."""

    intents = pdf.Root.get("/OutputIntents", pikepdf.Array())
    return any(intent.get("/S") == "/GTS_PDFA1" for intent in intents)


def _flag_for_print(annotation: Any) -> None:
    """Give ``annotation`` the flags PDF/A asks of every annotation, as WeasyPrint does in
    the PDF/A piece it typesets: printed, never hidden."""

    flags = int(annotation.get("/F", 0))
    annotation.F = (flags | _PRINT_FLAG) & ~_FLAGS_NOT_IN_PDF_A


#: Catalog entries the joined document takes from the front piece.
_FRONT_CATALOG = (
    "/Lang",
    "/MarkInfo",
    "/ViewerPreferences",
    "/PageMode",
    "/Metadata",
    "/OutputIntents",
    "/AF",
)


def join_pieces(
    pieces: Sequence[JoinPiece], furniture: Sequence[bytes | Path], out: BinaryIO
) -> None:
    """Join ``pieces`` (the front first) into one PDF written to ``out``, laying the pages
    of ``furniture`` (segments of the page furniture, in page order) over theirs.

    ``out`` is written from start to end, never read nor sought: a file keeps the joined
    document out of memory (at 5,000 incidents, 33 MB)."""

    if not pieces:
        raise NotChunkable("there is no piece to join")
    front = _open(pieces[0].pdf)
    writer = _Writer(out, front.pdf_version)
    # Only the front piece is typeset with the PDF variant; the others are plain PDFs, so
    # what PDF/A asks of every page falls to the join.
    archival = _is_pdf_a(front)
    front.close()
    images: dict[bytes, int] = {}
    catalog_number = writer.reserve()
    pages_number = writer.reserve()
    structure_number = writer.reserve()
    document_number = writer.reserve()
    overlay = _Furniture(writer, images, furniture)

    page_numbers: list[int] = []
    first_page: list[int] = []
    document_kids: list[bytes] = []
    document_entries: bytes = b""
    structure_entries: list[tuple[str, bytes]] = []
    parent_tree: list[tuple[int, int]] = []
    next_key = 0
    destinations: dict[str, bytes] = {}
    catalog_entries: list[tuple[str, bytes]] = []
    embedded: bytes | None = None
    info: int | None = None

    for index, piece in enumerate(pieces):
        source = _open(piece.pdf)
        copier = _Copier(writer, images, source)
        root = source.Root
        copier.alias(root.Pages, pages_number)
        if "/StructTreeRoot" not in root:
            raise NotChunkable("a piece has no tag tree")
        tree = root.StructTreeRoot
        elements = _kids(tree)
        if len(elements) != 1 or not elements[0].is_indirect:
            raise NotChunkable("a piece's tag tree has no single Document element")
        document = elements[0]
        copier.alias(tree, structure_number)
        copier.alias(document, document_number)
        numbers = tree.get("/ParentTree")
        if numbers is None or "/Nums" not in numbers:
            raise NotChunkable("a piece's parent tree is not a flat number tree")

        # Parent-tree keys follow on from the pieces before.
        offset = next_key
        flat = list(numbers.Nums)
        highest = -1
        for position in range(0, len(flat), 2):
            highest = max(highest, int(flat[position]))
        next_key = offset + highest + 1
        first_page.append(len(page_numbers))
        opening = source.make_stream(b"q\n")
        for page in source.pages:
            if page.obj.get("/Parent") is None or page.obj.Parent.objgen != root.Pages.objgen:
                raise NotChunkable("a piece's page tree is not flat")
            if offset and "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", pikepdf.Array()):
                if offset and "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
                if archival:
                    _flag_for_print(annotation)
            # The furniture, drawn last and marked as an artifact, as WeasyPrint draws margin
            # boxes; the page's own content is wrapped in q/Q so its transformations end
            # first. A fixed resource name per page (pages may share one resource
            # dictionary), not add_resource's random suffix: same pieces, same bytes.
            stand_in = source.make_indirect(pikepdf.Dictionary())
            copier.alias(stand_in, overlay.form())
            resource = page.add_resource(
                stand_in,
                Name.XObject,
                Name(f"/DossierFurniture{len(page_numbers)}"),
                replace_existing=False,
            )
            page.contents_add(opening, prepend=True)
            page.contents_add(
                source.make_stream(
                    b"\nQ\n/Artifact BMC q " + bytes(Name(str(resource)).unparse()) + b" Do Q EMC\n"
                )
            )
            page_numbers.append(copier.reference(page.obj))
        copier.flush()

        for position in range(0, len(flat), 2):
            key, value = int(flat[position]) + offset, flat[position + 1]
            if isinstance(value, pikepdf.Object) and value.is_indirect:
                number = copier.reference(value)
            else:
                number = writer.reserve()
                writer.put(number, copier.encode(value))
            parent_tree.append((key, number))
        for kid in _kids(document):
            document_kids.append(copier.encode(kid))
        if index == 0:
            document_entries = copier.dictionary(
                (key, value) for key, value in document.items() if key not in ("/K", "/P")
            )
            for entry in ("/Namespaces", "/RoleMap", "/ClassMap"):
                if entry in tree:
                    structure_entries.append((entry, copier.encode(tree[entry])))

        # Named destinations, each where its own piece put it (a piece's stand-ins for
        # anchors of other pieces are dropped); links name them, so they land right.
        names = root.get("/Names")
        tree_names = names.get("/Dests") if names is not None else None
        if tree_names is not None:
            for name, destination in pikepdf.NameTree(tree_names).items():
                if name in piece.anchors and name not in destinations:
                    page = source.pages[piece.anchors[name]].obj
                    rest = [copier.encode(item) for item in list(destination)[1:]]
                    destinations[name] = b" ".join([b"[%d 0 R" % copier.reference(page), *rest])
                    destinations[name] += b"]"

        if index == 0:
            # The front piece gives the catalog, typeset with the PDF variant and attachments.
            for entry in _FRONT_CATALOG:
                if entry in root:
                    catalog_entries.append((entry, copier.encode(root[entry])))
            if names is not None and "/EmbeddedFiles" in names:
                embedded = copier.encode(names.EmbeddedFiles)
            if "/Info" in source.trailer:
                info = copier.reference(source.trailer.Info)
        copier.flush()
        source.close()
    overlay.close()

    writer.put(
        pages_number,
        b"<< /Type /Pages /Count %d /Kids [" % len(page_numbers)
        + b" ".join(b"%d 0 R" % number for number in page_numbers)
        + b"] >>",
    )
    writer.put(
        document_number,
        document_entries[:-2]
        + b" /P %d 0 R /K [" % structure_number
        + b" ".join(document_kids)
        + b"] >>",
    )
    parent_number = writer.reserve()
    writer.put(
        parent_number,
        b"<< /Nums [" + b" ".join(b"%d %d 0 R" % entry for entry in sorted(parent_tree)) + b"] >>",
    )
    writer.put(
        structure_number,
        b"<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d"
        % (document_number, parent_number, next_key)
        + b"".join(b" " + _name(key) + b" " + value for key, value in structure_entries)
        + b" >>",
    )
    catalog = [b"/Type /Catalog", b"/Pages %d 0 R" % pages_number]
    catalog.append(b"/StructTreeRoot %d 0 R" % structure_number)
    catalog += [_name(key) + b" " + value for key, value in catalog_entries]
    names_entries = [
        b"/Dests << /Names ["
        + b" ".join(
            bytes(pikepdf.String(name).unparse()) + b" " + destinations[name]
            for name in sorted(destinations, key=lambda text: text.encode("utf-16-be"))
        )
        + b"] >>"
    ]
    if embedded is not None:
        names_entries.append(b"/EmbeddedFiles " + embedded)
    names_number = writer.reserve()
    writer.put(names_number, b"<< " + b" ".join(names_entries) + b" >>")
    catalog.append(b"/Names %d 0 R" % names_number)
    outline = _write_outline(writer, pieces, first_page, page_numbers)
    if outline is not None:
        catalog.append(b"/Outlines %d 0 R" % outline)
    writer.put(catalog_number, b"<< " + b" ".join(catalog) + b" >>")
    writer.finish(root=catalog_number, info=info)


@dataclass
class _Bookmark:
    label: str
    page: int
    left: float
    top: float
    is_open: bool
    children: list[_Bookmark] = field(default_factory=list)

    def visible(self) -> int:
        """How many descendants show when this bookmark is open."""
        return sum(1 + (child.visible() if child.is_open else 0) for child in self.children)


def _write_outline(
    writer: _Writer,
    pieces: Sequence[JoinPiece],
    first_page: Sequence[int],
    page_numbers: Sequence[int],
) -> int | None:
    """Bookmarks of every piece, nested by level as WeasyPrint nests a single render's."""

    top: list[_Bookmark] = []
    stack: list[tuple[int, _Bookmark]] = []
    for index, piece in enumerate(pieces):
        for level, label, page_index, left, top_y, is_open in piece.bookmarks:
            while stack and stack[-1][0] >= level:
                stack.pop()
            bookmark = _Bookmark(
                label, page_numbers[first_page[index] + page_index], left, top_y, is_open
            )
            (stack[-1][1].children if stack else top).append(bookmark)
            stack.append((level, bookmark))
    if not top:
        return None

    def write(items: list[_Bookmark], parent: int) -> tuple[int, int]:
        numbers = [writer.reserve() for _item in items]
        for position, item in enumerate(items):
            entries = [
                b"/Title " + bytes(pikepdf.String(item.label).unparse()),
                b"/Parent %d 0 R" % parent,
                b"/Dest [%d 0 R /XYZ %s %s 0]" % (item.page, _real(item.left), _real(item.top)),
            ]
            if position:
                entries.append(b"/Prev %d 0 R" % numbers[position - 1])
            if position + 1 < len(items):
                entries.append(b"/Next %d 0 R" % numbers[position + 1])
            if item.children:
                first, last = write(item.children, numbers[position])
                count = item.visible()
                entries.append(b"/First %d 0 R /Last %d 0 R" % (first, last))
                entries.append(b"/Count %d" % (count if item.is_open else -count))
            writer.put(numbers[position], b"<< " + b" ".join(entries) + b" >>")
        return numbers[0], numbers[-1]

    outline = writer.reserve()
    first, last = write(top, outline)
    root = _Bookmark("", 0, 0, 0, True, top)
    writer.put(
        outline,
        b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
        % (first, last, root.visible()),
    )
    return outline
