"""Text in other scripts reads back as it was typed: right-to-left names isolated, so their
full stop stays on their side (HTML, PDF, DOCX and LibreOffice's PDF of it), and the quotes of a
workbook in Arabic, Persian, Pashto, Kurdish Sorani and Tigrinya extract from the PDF as typed,
zero-width non-joiners included."""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pikepdf
import pytest
from helpers import REPO, write_csv
from lxml import etree
from test_build import incident_row
from test_report_layout import CONFIG
from test_report_testimony import interview, person, quote

from dossier.build.pipeline import build_dossiers
from dossier.i18n.typography import isolate_right_to_left
from dossier.render.docx import render_docx
from dossier.render.docx.pagination import find_libreoffice
from dossier.render.pdf import render_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATE_ASSETS = REPO / "templates" / "assets"

#: A pseudonym in Arabic script, its initial's full stop typed after it.
PSEUDONYM = "عمر ح."

#: The quotes of the test workbook, in the language they were said, untranslated.
QUOTES = {
    "Arabic": "ضربونا بالعصي وأخذوا الخيام.",
    "Persian": "گاز اشک‌آور زدند و می‌خواستند برویم.",
    "Pashto": "پولیسو زموږ خیمې وسوځولې.",
    "Kurdish Sorani": "پۆلیس چادرەکانمانی دڕاند.",
    "Tigrinya": "ፖሊስ ንቕሎ ኣገዲዱና።",
}
#: An Arabic sentence whose colon sits between two right-to-left words.
ARABIC_WITH_COLON = "قال الشرطي: ارجع إلى المخيم."

# The direction marks pdftotext writes around what it reads as right-to-left or left-to-right
# (they are pdftotext's, not the PDF's text).
_PDFTOTEXT_MARKS = re.compile("[\u202a-\u202e]")


def _workbook(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    incidents = [
        incident_row(
            id="CAL-2015-0001",
            date="2015-06-28",
            commune="Calais",
            forces="CRS",
            acts="tear gas",
            victim_ids="P-001",
            summary_in_English="Officers gassed the tents at night.",
            summary_in_French="Des agents ont gazé les tentes la nuit.",
            confidentiality="public",
        )
    ]
    quotes = [
        quote(
            f"Q-{number}",
            "INT-1",
            text,
            original_language=language,
            French_translation="",
            English_translation="",
        )
        for number, (language, text) in enumerate(
            [*QUOTES.items(), ("Arabic", ARABIC_WITH_COLON)], 1
        )
    ]
    tables = {
        "incidents": incidents,
        "persons": [person("P-001", PSEUDONYM, age="26", gender="man")],
        "interviews": [interview("INT-1", "P-001", "CAL-2015-0001", "2015-06-30", "Calais")],
        "quotes": quotes,
    }
    for name, rows in tables.items():
        write_csv(folder / f"{name}.csv", rows)
    (folder / "dossier.toml").write_text(CONFIG, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The French report of the test workbook, as PDF and DOCX."""
    folder = tmp_path_factory.mktemp("scripts")
    result = build_dossiers(
        _workbook(folder / "workbook"),
        out=folder / "out",
        layouts=["report"],
        langs=["fr"],
        formats=["pdf", "docx", "html"],
        use_cache=False,
    )
    return {output.format: output.path for output in result.outputs}


def _pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _visual_lines(pdf: Path) -> list[str]:
    """Each line of the PDF as printed, left to right: the words pdftotext finds on it, in the
    order of their left edges (a right-to-left word's letters in the order they are drawn)."""
    lines = []
    for line in _pdftotext(pdf, "-bbox-layout").split("<line ")[1:]:
        words = sorted((float(x_min), html.unescape(word)) for x_min, word in _WORD.findall(line))
        lines.append(" ".join(word for _, word in words))
    return lines


_WORD = re.compile(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>')


# -- right-to-left names in left-to-right text ---------------------------------------------------


def test_right_to_left_runs_of_the_body_are_isolated_not_attributes_nor_head() -> None:
    page = (
        '<html><head><title>عمر</title><style>p::after { content: "ح" }</style></head>'
        f'<body><p title="عمر">Victimes : {PSEUDONYM} (26 ans), علي, {PSEUDONYM}, x</p>'
        "<p>« گاز اشک‌آور ».</p><p>Sans écriture de droite à gauche.</p></body></html>"
    )
    assert isolate_right_to_left(page) == (
        '<html><head><title>عمر</title><style>p::after { content: "ح" }</style></head>'
        '<body><p title="عمر">Victimes : <bdi dir="rtl">عمر ح.</bdi> (26 ans), '
        '<bdi dir="rtl">علي, عمر ح.</bdi>, x</p>'
        '<p>« <bdi dir="rtl">گاز اشک‌آور</bdi> ».</p><p>Sans écriture de droite à gauche.</p>'
        "</body></html>"
    )
    plain = "<html><body><p>Rien à isoler : ሰላም, Ελλάδα.</p></body></html>"
    assert isolate_right_to_left(plain) is plain


def test_the_html_isolates_the_pseudonym_with_its_full_stop(report: dict[str, Path]) -> None:
    page = report["html"].read_text(encoding="utf-8")
    isolated = page.count(f'<bdi dir="rtl">{PSEUDONYM}</bdi>')
    assert isolated and page.count(PSEUDONYM) == isolated


def test_the_pdf_prints_the_full_stop_at_the_left_of_the_pseudonym(
    report: dict[str, Path],
) -> None:
    # Drawn left to right, « عمر ح. » is « .ح رمع »: the stop, then the initial, then the name.
    drawn = PSEUDONYM[::-1]
    lines = [line for line in _visual_lines(report["pdf"]) if "رمع" in line]
    assert lines
    for line in lines:
        assert drawn in line, line


def test_the_docx_marks_the_pseudonym_right_to_left_with_its_stop() -> None:
    body = f"<h1 id='t'>T</h1><p>Victimes : {PSEUDONYM} (26 ans)</p>"
    page = isolate_right_to_left(f'<html lang="fr"><body>{body}</body></html>')
    data = render_docx(page, title="t", author="a", lang="fr", source_date_epoch=0)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    runs = [run for run in body.iter(f"{W}r") if "عمر" in "".join(run.itertext())]
    assert len(runs) == 1
    assert runs[0].find(f"{W}rPr/{W}rtl") is not None
    # A right-to-left mark after the stop: LibreOffice orders the line without w:rtl.
    assert "".join(runs[0].itertext()).strip() == PSEUDONYM + "\u200f"


@pytest.mark.slow
@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_full_stop_at_the_left_of_the_pseudonym(
    report: dict[str, Path], tmp_path: Path
) -> None:
    subprocess.run(
        [
            str(find_libreoffice()),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report["docx"]),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    lines = [
        line for line in _visual_lines(tmp_path / f"{report['docx'].stem}.pdf") if "رمع" in line
    ]
    assert lines
    for line in lines:
        assert PSEUDONYM[::-1] in line, line


# -- quotes that read back as typed ----------------------------------------------------------------


def _extracted(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, its direction marks off and lines joined."""
    return re.sub(r"\s+", " ", _PDFTOTEXT_MARKS.sub("", _pdftotext(pdf)))


def _drawn(text: str) -> str:
    """``text`` as it is drawn, left to right: a right-to-left text without digits or Latin
    letters is drawn from its last character to its first, its punctuation included."""
    return text[::-1] if re.search("[\u0600-\u06ff]", text) else text


@pytest.mark.parametrize("language", [*QUOTES, "Arabic, with a colon"])
def test_each_quote_is_drawn_as_typed(report: dict[str, Path], language: str) -> None:
    typed = QUOTES.get(language, ARABIC_WITH_COLON)
    # Between the guillemets of the French sentence, its stop at its end: at its left when the
    # quote is written from right to left.
    assert any(f"« {_drawn(typed)} »" in line for line in _visual_lines(report["pdf"]))


@pytest.mark.parametrize("language", QUOTES)
def test_each_quote_extracts_from_the_pdf_word_for_word(
    report: dict[str, Path], language: str
) -> None:
    words = QUOTES[language].rstrip(".።")
    assert words in _extracted(report["pdf"])


def test_the_tigrinya_quote_extracts_with_its_stop(report: dict[str, Path]) -> None:
    assert f"« {QUOTES['Tigrinya']} »" in _extracted(report["pdf"])


def test_the_persian_non_joiner_is_in_the_pdfs_text(report: dict[str, Path]) -> None:
    text = _extracted(report["pdf"])
    assert "اشک\u200cآور" in text and "می\u200cخواستند" in text
    assert "اشکآور" not in text


# -- why pdftotext reads some right-to-left sentences out of order -------------------------------
#
# poppler (22.12 here; 25.03, Debian 13's, has the same code) builds each line's text from its
# words left to right, as drawn (poppler/TextOutputDev.cc: TextBlock::coalesce takes the left-most
# word each time; TextPage::addChar starts a new word at a space or at a glyph drawn left of the
# previous one; ActualText::end spreads a /ActualText span's text left to right over its glyphs),
# then reorders it with reorderText(): from the left, what precedes the next right-to-left letter
# is kept as it is; from that letter on, everything up to the next left-to-right letter or
# character of poppler's "numeric" class (poppler/UnicodeTypeTable.cc: digits, « . », « , »,
# « : », « - », the no-break space, « ، »…) is reversed. So a stop or a colon inside or at the end
# of a right-to-left run is never moved, while the spaces and guillemets after the run are:
# « Il dit « .ميخملا ىلإ عجرا :يطرشلا لاق ». », as drawn, reads back
# « Il dit « . ارجع إلى المخيم:» قال الشرطي. ». No honest text in the PDF can change that: the
# characters reorderText never moves would have to come in the order the sentence is read, and
# the letters between them in the order they are drawn — a text that is neither, which a screen
# reader (it follows /ActualText) would read backwards; a /ActualText span in reading order is
# itself reversed. WeasyPrint already draws the isolated run in a text object and a marked-content
# span of its own; splitting it otherwise changes nothing, poppler ignores text-show operators and
# text objects when it makes words. LibreOffice's PDF of the DOCX reads back the same.

# The bidirectional classes that poppler's table (poppler/UnicodeTypeTable.cc) calls numeric and
# reorderText treats as left-to-right; its table predates the narrow no-break space's class.
_POPPLER_NUMERIC = frozenset({"EN", "ES", "ET", "CS", "AN"})


def _poppler_class(character: str) -> str:
    """The direction poppler's reorderText gives ``character``: « L », « R », « # » or « N »."""
    if character == "\u202f":
        return "N"
    bidi_class = unicodedata.bidirectional(character)
    if bidi_class == "L":
        return "L"
    if bidi_class in ("R", "AL"):
        return "R"
    return "#" if bidi_class in _POPPLER_NUMERIC else "N"


def _poppler_reading(drawn: str) -> str:
    """What pdftotext writes for a line whose words are ``drawn`` left to right, on a page it
    reads as left-to-right (no fewer left-to-right letters than right-to-left ones): poppler's
    reorderText, its right-to-left embedding marks included."""
    pieces = []
    start = 0
    while start < len(drawn):
        end = start
        while end < len(drawn) and _poppler_class(drawn[end]) != "R":
            end += 1
        pieces.append(drawn[start:end])
        start = end
        while end < len(drawn) and _poppler_class(drawn[end]) not in "L#":
            end += 1
        if end > start:
            pieces.append(f"\u202b{drawn[start:end][::-1]}\u202c")
            start = end
    return "".join(pieces)


#: A page poppler reads as left-to-right, with the Arabic sentence quoted in a French one.
_SENTENCE_PAGE = isolate_right_to_left(
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title>'
    '<link rel="stylesheet" href="dossier.css"></head><body>'
    "<p>Le témoin rapporte les mots de l’agent, prononcés en arabe devant la tente.</p>"
    f"<p>Il dit « {ARABIC_WITH_COLON} ».</p></body></html>"
)


@pytest.fixture(scope="module")
def sentence_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of the Arabic sentence, as dossier renders it with WeasyPrint."""
    rendered = render_pdf(
        _SENTENCE_PAGE,
        asset_dirs=[TEMPLATE_ASSETS],
        lang="fr",
        title="t",
        author="a",
        subject="s",
        source_date_epoch=0,
    )
    path = tmp_path_factory.mktemp("sentence") / "sentence.pdf"
    path.write_bytes(rendered.data)
    return path


def _sentence_lines(pdf: Path, *options: str) -> list[str]:
    """The lines of pdftotext's reading of ``pdf`` that hold Arabic letters, spaces squeezed."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in _pdftotext(pdf, *options).splitlines()]
    return [line for line in lines if re.search("[\u0600-\u06ff]", line)]


def _check_poppler_reading(pdf: Path) -> None:
    drawn = [line for line in _visual_lines(pdf) if re.search("[\u0600-\u06ff]", line)]
    # The PDF draws the sentence as typed: right to left, its stop at its left.
    assert drawn == [f"Il dit « {ARABIC_WITH_COLON[::-1]} »."]
    expected = [_poppler_reading(drawn[0])]
    assert _sentence_lines(pdf) == expected
    assert _sentence_lines(pdf, "-layout") == expected


def test_pdftotext_reads_weasyprints_sentence_as_poppler_reorders_it(sentence_pdf: Path) -> None:
    _check_poppler_reading(sentence_pdf)


@pytest.fixture(scope="module")
def libreoffice_sentence_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of the Arabic sentence as a DOCX, printed to PDF by LibreOffice."""
    libreoffice = find_libreoffice()
    if libreoffice is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("libreoffice-sentence")
    docx = folder / "sentence.docx"
    docx.write_bytes(
        render_docx(_SENTENCE_PAGE, title="t", author="a", lang="fr", source_date_epoch=0)
    )
    subprocess.run(
        [
            str(libreoffice),
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / "sentence.pdf"


@pytest.mark.slow
def test_pdftotext_reads_libreoffices_sentence_as_poppler_reorders_it(
    libreoffice_sentence_pdf: Path,
) -> None:
    _check_poppler_reading(libreoffice_sentence_pdf)


def _with_actual_text(pdf: Path, text: str, out: Path) -> Path:
    """``pdf`` with ``text`` as the /ActualText of the marked-content span of its isolated
    right-to-left run (the one span drawn in two fonts: Arabic letters, Latin stop and colon),
    the most honest form the run's text could take in a PDF."""
    document = pikepdf.open(pdf)
    page = document.pages[0]
    instructions = list(pikepdf.parse_content_stream(page))
    opened: list[int] = []
    spans = []
    for index, (_, operator) in enumerate(instructions):
        if str(operator) == "BDC":
            opened.append(index)
        elif str(operator) == "EMC":
            start = opened.pop()
            fonts = {
                str(font_operands[0])
                for font_operands, font_operator in instructions[start:index]
                if str(font_operator) == "Tf"
            }
            if len(fonts) > 1:
                spans.append(start)
    assert len(spans) == 1
    operands, operator = instructions[spans[0]]
    operands[1].ActualText = pikepdf.String(text)
    instructions[spans[0]] = pikepdf.ContentStreamInstruction(operands, operator)
    page.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))
    document.save(out)
    return out


def test_pdftotext_reverses_a_right_to_left_runs_actual_text_in_reading_order(
    sentence_pdf: Path, tmp_path: Path
) -> None:
    # poppler lays the span's text out left to right over the span, as if it were drawn in that
    # order, and reorders the line as before: the letters of each piece come back reversed.
    pdf = _with_actual_text(sentence_pdf, ARABIC_WITH_COLON, tmp_path / "actual-text.pdf")
    read = _poppler_reading(f"Il dit « {ARABIC_WITH_COLON} ».")
    assert _sentence_lines(pdf) == [read]
    assert ARABIC_WITH_COLON.split(":")[0] not in _extracted(pdf)


# Strict: a pdftotext that reads right-to-left sentences right makes these pass.
_POPPLER_NUMERIC_CLASS = (
    "poppler's reorderText (poppler/TextOutputDev.cc) reverses a right-to-left run only up to a "
    "character of its numeric class (« . », « : », digits…): a stop or a colon inside or at the "
    "end of the run stays where it is drawn, in WeasyPrint's PDF as in LibreOffice's"
)


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=_POPPLER_NUMERIC_CLASS)
def test_pdftotext_reads_weasyprints_sentence_as_typed(sentence_pdf: Path) -> None:
    assert f"« {ARABIC_WITH_COLON} »" in _extracted(sentence_pdf)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, raises=AssertionError, reason=_POPPLER_NUMERIC_CLASS)
def test_pdftotext_reads_libreoffices_sentence_as_typed(libreoffice_sentence_pdf: Path) -> None:
    assert f"« {ARABIC_WITH_COLON} »" in _extracted(libreoffice_sentence_pdf)


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=_POPPLER_NUMERIC_CLASS)
def test_an_arabic_quote_extracts_with_its_stop(report: dict[str, Path]) -> None:
    assert f"« {QUOTES['Arabic']} »" in _extracted(report["pdf"])


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=_POPPLER_NUMERIC_CLASS)
def test_an_arabic_sentence_with_a_colon_extracts_as_typed(report: dict[str, Path]) -> None:
    assert ARABIC_WITH_COLON.rstrip(".") in _extracted(report["pdf"])
