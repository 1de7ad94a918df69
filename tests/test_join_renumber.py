"""The join renumbers a piece's references the same way whichever path a text takes.

Most objects of a piece hold no literal string; their references are renumbered by splitting
the text on them (one dictionary lookup each) rather than by a Python call per reference.
Both paths must give the same bytes and reserve new objects in the same order, or the
joined PDF would change with the path (and two joins of the same pieces would still agree,
hiding it).
"""

from __future__ import annotations

import io

import pikepdf

from dossier.render.join import _Copier, _Writer


def _source() -> pikepdf.Pdf:
    """A small PDF whose objects refer to one another in the ways a piece's do."""
    pdf = pikepdf.new()
    leaves = [pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Span, N=i)) for i in range(12)]
    pdf.Root.Leaves = pikepdf.Array(leaves)
    return pdf


def _texts(pdf: pikepdf.Pdf) -> list[bytes]:
    """Texts as qpdf unparses a piece's objects, references written as the source numbers
    them: in arrays, after names, twice in one text, beside numbers and names that look
    like references but are not."""
    refs = [b"%d %d R" % leaf.objgen for leaf in pdf.Root.Leaves]
    return [
        b"<< /K [ " + refs[0] + b" " + refs[1] + b" " + refs[0] + b" ] /P " + refs[2] + b" >>",
        b"[ " + refs[3] + b" 0 " + refs[4] + b" /Name" + refs[5][:1] + b" 1 0 0 1 ]",
        b"<< /Pg " + refs[6] + b" /MCID 3 /X 12.5 /Y -4 >>",
        b"<< /A#20B " + refs[7] + b" /N2 " + refs[8] + b" >>",
        b"[ " + refs[9] + b" " + refs[10] + b" " + refs[11] + b" " + refs[2] + b" ]",
        b"<< /Type /Catalog >>",
        b"[ 1 0 0 1 0 0 ]",
    ]


def test_texts_without_strings_are_renumbered_as_the_string_aware_path_does() -> None:
    pdf = _source()
    fast = _Copier(_Writer(io.BytesIO(), "1.7"), {}, pdf)
    slow = _Copier(_Writer(io.BytesIO(), "1.7"), {}, pdf)
    # Numbers already given elsewhere (an alias), as the join gives the page tree's.
    for copier in (fast, slow):
        copier.alias(pdf.Root.Leaves[4], 2)
    for text in _texts(pdf):
        assert b"(" not in text
        assert fast._renumbered_without_strings(text) == slow._renumbered_with_strings(text)
    assert fast.numbers == slow.numbers
    assert [item[:2] for item in fast._queue] == [item[:2] for item in slow._queue]


def test_a_reference_is_renumbered_and_a_number_beside_it_is_not() -> None:
    pdf = _source()
    copier = _Copier(_Writer(io.BytesIO(), "1.7"), {}, pdf)
    first = b"%d %d R" % pdf.Root.Leaves[0].objgen
    renumbered = copier._renumbered(b"[ 1 0 0 1 " + first + b" 7 ]")
    number = copier.numbers[pdf.Root.Leaves[0].objgen]
    assert renumbered == b"[ 1 0 0 1 %d 0 R 7 ]" % number
    # The first object reserved after the writer's own: the leaf, queued to be written.
    assert [item[0].objgen for item in copier._queue] == [pdf.Root.Leaves[0].objgen]


def test_a_reference_written_inside_a_string_is_left_alone() -> None:
    pdf = _source()
    copier = _Copier(_Writer(io.BytesIO(), "1.7"), {}, pdf)
    first = b"%d %d R" % pdf.Root.Leaves[0].objgen
    text = b"<< /Alt (see " + first + b") /K " + first + b" >>"
    renumbered = copier._renumbered(text)
    number = copier.numbers[pdf.Root.Leaves[0].objgen]
    assert renumbered == b"<< /Alt (see " + first + b") /K %d 0 R >>" % number
