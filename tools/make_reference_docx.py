"""Generate templates/reference.docx, the Word styles of the DOCX dossiers, deterministically.

Usage: python tools/make_reference_docx.py [--output templates/reference.docx]

The DOCX writer (dossier/render/docx/) takes every style it uses, by name, from this file;
editors restyle Word dossiers by copying it, changing the styles in Word or LibreOffice and
passing the copy with ``--reference-docx``. The styles mirror templates/assets/dossier.css: A4,
the same margins, DejaVu Serif for text and Noto Sans for headings. Running the script twice
gives the same bytes.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.shared import Mm  # noqa: E402
from lxml import etree  # noqa: E402

from dossier.render.docx import (  # noqa: E402
    REQUIRED_STYLES,
    ZIP_EPOCH,
    core_properties_xml,
    normalize_package,
    set_properties,
)
from dossier.render.docx.fonts import ETHIOPIC_FONT, write_font_table  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'

# The families dossier.css sets each script in (pdffonts lists them in the PDFs): serif text,
# sans headings, each with its Arabic-script face; code in DejaVu Sans Mono.
SERIF = "Noto Serif"
SANS = "Noto Sans"
MONO = "DejaVu Sans Mono"
ARABIC = "Noto Naskh Arabic"
ARABIC_SANS = "Noto Sans Arabic"

# A4 and the margins of dossier.css (@page { margin: 24mm 20mm 22mm 22mm }), in twips.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 1361, 1134, 1247, 1247
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 9525 twips = 168 mm
EPOCH = ZIP_EPOCH


def mm(value: float) -> int:
    """Millimetres to twips (twentieths of a point)."""
    return round(value * 1440 / 25.4)


def fonts(name: str, complex_script: str | None = None) -> str:
    cs = complex_script or name
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{cs}"/>'


def size(points: float) -> str:
    half_points = round(points * 2)
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def color(hex_value: str) -> str:
    return f'<w:color w:val="{hex_value}"/>'


BOLD = "<w:b/><w:bCs/>"
ITALIC = "<w:i/><w:iCs/>"


def spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_attrs = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attrs}/>'


def style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = None,
    next_style: str | None = None,
    link: str | None = None,
    default: bool = False,
    priority: int | None = None,
    quick: bool = False,
    semi_hidden: bool = False,
    ppr: str = "",
    rpr: str = "",
    tblpr: str = "",
    extra: str = "",
) -> str:
    """One ``w:style``; children in the schema's order (Word rejects any other)."""
    default_attr = ' w:default="1"' if default else ""
    parts = [f'<w:style w:type="{kind}"{default_attr} w:styleId="{style_id}">']
    parts.append(f'<w:name w:val="{name}"/>')
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if link:
        parts.append(f'<w:link w:val="{link}"/>')
    if priority is not None:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    if semi_hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if quick:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    if tblpr:
        parts.append(f"<w:tblPr>{tblpr}</w:tblPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def border(side: str, width_eighths: int, hex_value: str, space: int = 0) -> str:
    return (
        f'<w:{side} w:val="single" w:sz="{width_eighths}" w:space="{space}" w:color="{hex_value}"/>'
    )


def right_tab(leader: str | None = None) -> str:
    leader_attr = f' w:leader="{leader}"' if leader else ""
    return f'<w:tabs><w:tab w:val="right"{leader_attr} w:pos="{TEXT_WIDTH}"/></w:tabs>'


def styles_xml() -> str:
    """Every style the writer needs, plus Word's defaults (Normal, Table Normal, No List)."""
    heading_rpr = fonts(SANS, ARABIC_SANS) + BOLD + color("1A1A1A")
    table_cell_margins = (
        "<w:tblCellMar>"
        f'<w:top w:w="{mm(1.2)}" w:type="dxa"/><w:left w:w="{mm(1.8)}" w:type="dxa"/>'
        f'<w:bottom w:w="{mm(1.2)}" w:type="dxa"/><w:right w:w="{mm(1.8)}" w:type="dxa"/>'
        "</w:tblCellMar>"
    )
    grid = "".join(
        border(side, 4, "888888") for side in ("top", "left", "bottom", "right", "insideH")
    ) + border("insideV", 4, "888888")
    styles = [
        # ---------------------------------------------------------------- defaults
        style(
            "paragraph",
            "Normal",
            "Normal",
            default=True,
            quick=True,
            ppr=spacing(0, 0, 276) + '<w:jc w:val="left"/>',
            rpr=fonts(SERIF, ARABIC) + color("111111") + size(10.5),
        ),
        style(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            default=True,
            priority=1,
            semi_hidden=True,
        ),
        style(
            "table",
            "TableNormal",
            "Normal Table",
            default=True,
            priority=99,
            semi_hidden=True,
            tblpr='<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>',
        ),
        style("numbering", "NoList", "No List", default=True, priority=99, semi_hidden=True),
        # ------------------------------------------------------------------ text
        style(
            "paragraph",
            "BodyText",
            "Body Text",
            based_on="Normal",
            quick=True,
            ppr='<w:widowControl/><w:spacing w:before="0" w:after="142" w:line="276" '
            'w:lineRule="auto"/><w:jc w:val="both"/>',
        ),
        style(
            "paragraph",
            "Title",
            "Title",
            based_on="Normal",
            next_style="Subtitle",
            priority=10,
            quick=True,
            ppr="<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/>"
            + spacing(mm(45), mm(5), 240)
            + '<w:jc w:val="center"/>',
            rpr=heading_rpr + size(22),
        ),
        style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            based_on="Normal",
            next_style="BodyText",
            priority=11,
            quick=True,
            ppr=spacing(0, mm(12)) + '<w:jc w:val="center"/>',
            rpr=ITALIC + size(13),
        ),
    ]
    for level, (points, before, after) in enumerate(
        ((17, mm(6), mm(5)), (13, mm(7), mm(3)), (11, mm(5), mm(2))), start=1
    ):
        rule = f"<w:pBdr>{border('bottom', 6, '1A1A1A', 4)}</w:pBdr>" if level == 1 else ""
        styles.append(
            style(
                "paragraph",
                f"Heading{level}",
                f"heading {level}",
                based_on="Normal",
                next_style="BodyText",
                priority=9,
                quick=True,
                ppr="<w:keepNext/><w:keepLines/>"
                + rule
                + "<w:suppressAutoHyphens/>"
                + spacing(before, after, 240)
                + f'<w:outlineLvl w:val="{level - 1}"/>',
                rpr=heading_rpr + size(points),
            )
        )
    styles += [
        style(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            based_on="Heading1",
            next_style="BodyText",
            priority=39,
            quick=True,
            ppr='<w:outlineLvl w:val="9"/>',
        ),
        style(
            "paragraph",
            "Quote",
            "Quote",
            based_on="BodyText",
            next_style="BodyText",
            priority=29,
            quick=True,
            ppr=f"<w:pBdr>{border('left', 12, '999999', 11)}</w:pBdr>"
            + spacing(mm(1.5), mm(1.5))
            + f'<w:ind w:left="{mm(10)}" w:right="0"/><w:jc w:val="left"/>',
            rpr=color("333333"),
        ),
        style(
            "paragraph",
            "Epigraph",
            "Epigraph",
            based_on="Normal",
            next_style="BodyText",
            quick=True,
            ppr=spacing(0, mm(1.5))
            + f'<w:ind w:left="{round(TEXT_WIDTH * 0.4)}"/><w:jc w:val="right"/>',
            rpr=ITALIC + size(9.5),
        ),
        style(
            "paragraph",
            "ListBullet",
            "List Bullet",
            based_on="Normal",
            priority=36,
            quick=True,
            ppr='<w:numPr><w:numId w:val="1"/></w:numPr>'
            + spacing(0, mm(1))
            + '<w:jc w:val="both"/>',
        ),
        style(
            "paragraph",
            "ListNumber",
            "List Number",
            based_on="Normal",
            priority=36,
            quick=True,
            ppr='<w:numPr><w:numId w:val="2"/></w:numPr>'
            + spacing(0, mm(1))
            + '<w:jc w:val="both"/>',
        ),
        style(
            "paragraph",
            "Marking",
            "Marking",
            based_on="Normal",
            next_style="BodyText",
            link="MarkingChar",
            quick=True,
            ppr="<w:keepNext/><w:pBdr>"
            + "".join(border(side, 10, "A00000", 4) for side in ("top", "left", "bottom", "right"))
            + "</w:pBdr><w:suppressAutoHyphens/>"
            + spacing(mm(4), mm(4))
            + f'<w:ind w:left="{mm(20)}" w:right="{mm(20)}"/><w:jc w:val="center"/>',
            rpr=fonts(SANS) + BOLD + color("A00000") + size(12),
        ),
        style(
            "paragraph",
            "Signature",
            "Signature",
            based_on="Normal",
            priority=99,
            ppr="<w:keepNext/><w:keepLines/>"
            + spacing(0, mm(1))
            + f'<w:ind w:left="{round(TEXT_WIDTH * 0.4)}"/>',
        ),
        style(
            "paragraph",
            "LetterSender",
            "Letter Sender",
            based_on="Normal",
            ppr=spacing(0, mm(8)),
        ),
        style(
            "paragraph",
            "LetterRecipient",
            "Letter Recipient",
            based_on="Normal",
            ppr=spacing(0, mm(8)) + f'<w:ind w:left="{mm(95)}"/>',
        ),
        style(
            "paragraph",
            "LetterDate",
            "Letter Date",
            based_on="Normal",
            ppr=spacing(0, mm(6)) + '<w:jc w:val="right"/>',
        ),
        # ------------------------------------------------------------ figures
        style(
            "paragraph",
            "Figure",
            "Figure",
            based_on="Normal",
            next_style="Caption",
            ppr="<w:keepNext/>" + spacing(mm(4), 0) + '<w:jc w:val="center"/>',
        ),
        style(
            "paragraph",
            "Caption",
            "caption",
            based_on="Normal",
            next_style="BodyText",
            priority=35,
            quick=True,
            ppr=spacing(mm(1.5), mm(4)) + '<w:jc w:val="center"/>',
            rpr=ITALIC + color("444444") + size(9),
        ),
        # ------------------------------------------------------------- tables
        style(
            "paragraph",
            "TableText",
            "Table Text",
            based_on="Normal",
            quick=True,
            ppr='<w:suppressAutoHyphens/><w:spacing w:before="0" w:after="0" w:line="252" '
            'w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=size(9.5),
        ),
        style(
            "paragraph",
            "TableHeading",
            "Table Heading",
            based_on="TableText",
            quick=True,
            ppr="<w:keepNext/>",
            rpr=fonts(SANS, ARABIC_SANS) + BOLD,
        ),
        style(
            "paragraph",
            "CompactTableText",
            "Compact Table Text",
            based_on="TableText",
            rpr=size(7.5),
        ),
        style(
            "paragraph",
            "CompactTableHeading",
            "Compact Table Heading",
            based_on="TableHeading",
            rpr=size(7.5),
        ),
        style(
            "paragraph",
            "FactLabel",
            "Fact Label",
            based_on="TableText",
            rpr=BOLD + color("333333"),
        ),
        style(
            "paragraph",
            "FactValue",
            "Fact Value",
            based_on="TableText",
        ),
        style(
            "table",
            "DossierTable",
            "Dossier Table",
            based_on="TableNormal",
            priority=59,
            ppr=spacing(0, 0),
            tblpr=f"<w:tblBorders>{grid}</w:tblBorders>{table_cell_margins}",
            extra='<w:tblStylePr w:type="firstRow"><w:rPr>'
            + BOLD
            + "</w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr><w:tcPr>"
            '<w:shd w:val="clear" w:color="auto" w:fill="ECECEC"/></w:tcPr></w:tblStylePr>',
        ),
        style(
            "table",
            "FactsTable",
            "Facts Table",
            based_on="TableNormal",
            priority=59,
            ppr=spacing(0, 0),
            tblpr="<w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="nil"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders><w:tblCellMar>"
            f'<w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            f'<w:bottom w:w="{mm(1.2)}" w:type="dxa"/><w:right w:w="{mm(2)}" w:type="dxa"/>'
            "</w:tblCellMar>",
        ),
        # ----------------------------------------------------------- footnotes
        style(
            "paragraph",
            "FootnoteText",
            "footnote text",
            based_on="Normal",
            link="FootnoteTextChar",
            priority=99,
            semi_hidden=True,
            ppr='<w:suppressAutoHyphens/><w:spacing w:before="0" w:after="40" w:line="240" '
            'w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=size(8),
        ),
        style(
            "character",
            "FootnoteTextChar",
            "Footnote Text Char",
            based_on="DefaultParagraphFont",
            link="FootnoteText",
            priority=99,
            rpr=size(8),
        ),
        style(
            "character",
            "FootnoteReference",
            "footnote reference",
            based_on="DefaultParagraphFont",
            priority=99,
            semi_hidden=True,
            rpr='<w:vertAlign w:val="superscript"/>',
        ),
        # ------------------------------------------------- header, footer, TOC
        style(
            "paragraph",
            "Header",
            "header",
            based_on="Normal",
            priority=99,
            ppr=f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:suppressAutoHyphens/>',
            rpr=fonts(SANS) + color("555555") + size(8),
        ),
        style(
            "paragraph",
            "Footer",
            "footer",
            based_on="Normal",
            priority=99,
            ppr='<w:jc w:val="center"/>',
            rpr=fonts(SANS) + color("555555") + size(8),
        ),
    ]
    for level in (1, 2, 3):
        styles.append(
            style(
                "paragraph",
                f"TOC{level}",
                f"toc {level}",
                based_on="Normal",
                next_style="BodyText",
                priority=39,
                semi_hidden=True,
                ppr=right_tab("dot")
                + "<w:suppressAutoHyphens/>"
                + spacing(mm(1.5) if level == 1 else 0, mm(1.5) if level == 1 else mm(0.8))
                + f'<w:ind w:left="{mm(6) * (level - 1)}"/>',
                rpr=BOLD if level == 1 else "",
            )
        )
    styles += [
        # ---------------------------------------------------- character styles
        style(
            "character",
            "Hyperlink",
            "Hyperlink",
            based_on="DefaultParagraphFont",
            priority=99,
            rpr=color("1F3A68"),
        ),
        style(
            "character",
            "ExhibitReference",
            "Exhibit Reference",
            based_on="Hyperlink",
            rpr=BOLD,
        ),
        style(
            "character",
            "Fingerprint",
            "Fingerprint",
            based_on="DefaultParagraphFont",
            rpr=fonts(MONO) + "<w:noProof/>" + size(8),
        ),
        style(
            "character",
            "MarkingChar",
            "Marking Char",
            based_on="DefaultParagraphFont",
            link="Marking",
            rpr=fonts(SANS) + BOLD + color("A00000"),
        ),
        style(
            "character",
            "Untranslated",
            "Untranslated",
            based_on="DefaultParagraphFont",
            rpr=ITALIC + color("555555") + size(8.5),
        ),
        style(
            "character",
            "Muted",
            "Muted",
            based_on="DefaultParagraphFont",
            rpr=color("666666"),
        ),
    ]
    return (
        f"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>{fonts(SERIF, ARABIC)}"
        f'{size(10.5)}<w:lang w:val="fr-FR" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr>'
        "</w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        f"</w:docDefaults>{''.join(styles)}</w:styles>"
    )


def numbering_xml() -> str:
    """Two list definitions: bullets (numId 1) and numbers (numId 2), nine levels each."""
    bullets = ("•", "◦", "▪")
    # Decimal at every level, as browsers number nested <ol> (and so the PDF does).
    number_formats = (("decimal", "%{n}."),) * 3

    def levels(kind: str) -> Iterable[str]:
        for level in range(9):
            indent = mm(7) * (level + 1)
            if kind == "bullet":
                fmt, text = "bullet", bullets[level % 3]
                rpr = f"<w:rPr>{fonts(SERIF)}</w:rPr>"
            else:
                fmt, pattern = number_formats[level % 3]
                text, rpr = pattern.format(n=level + 1), ""
            yield (
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{indent}" w:hanging="{mm(5)}"/></w:pPr>{rpr}</w:lvl>'
            )

    abstract = "".join(
        f'<w:abstractNum w:abstractNumId="{number}"><w:multiLevelType w:val="multilevel"/>'
        f"{''.join(levels(kind))}</w:abstractNum>"
        for number, kind in ((0, "bullet"), (1, "number"))
    )
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    return f"<w:numbering {W}>{abstract}{nums}</w:numbering>"


def settings_xml() -> str:
    """Children in the schema's order; the writer sets the language and footnote separators."""
    return (
        f"<w:settings {W}>"
        '<w:zoom w:percent="100"/>'
        f'<w:defaultTabStop w:val="{mm(12.5)}"/>'
        "<w:autoHyphenation/>"
        '<w:hyphenationZone w:val="357"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        "<w:compat>"
        # A justified line that ends in a line break (<br>) is not stretched, as in HTML.
        "<w:doNotExpandShiftReturn/>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="fr-FR"/>'
        '<w:decimalSymbol w:val=","/>'
        '<w:listSeparator w:val=";"/>'
        "</w:settings>"
    )


SAMPLES = [
    ("Title", "Title — titre du dossier"),
    ("Subtitle", "Subtitle — sous-titre"),
    ("Marking", "Marking — CONFIDENTIEL"),
    ("TOC Heading", "TOC Heading — Sommaire"),
    ("TOC 1", "TOC 1 — entrée de premier niveau\t3"),
    ("TOC 2", "TOC 2 — entrée de second niveau\t4"),
    ("TOC 3", "TOC 3 — entrée de troisième niveau\t5"),
    ("Heading 1", "Heading 1 — titre de partie"),
    (
        "Body Text",
        "Body Text — le texte courant des dossiers, justifié, avec des espaces "
        "entre les paragraphes. Les styles de caractères Hyperlink, Exhibit Reference, "
        "Fingerprint, Untranslated, Muted et Marking Char s'appliquent aux passages.",
    ),
    ("Heading 2", "Heading 2 — titre d'incident"),
    ("Heading 3", "Heading 3 — sous-titre"),
    ("Epigraph", "Epigraph — « une citation en exergue »"),
    ("Quote", "Quote — un témoignage cité"),
    ("List Bullet", "List Bullet — élément de liste à puces"),
    ("List Number", "List Number — élément de liste numérotée"),
    ("Figure", "Figure — paragraphe qui porte une image"),
    ("Caption", "Caption — légende de la figure"),
    ("Letter Sender", "Letter Sender — expéditeur de la lettre"),
    ("Letter Recipient", "Letter Recipient — destinataire"),
    ("Letter Date", "Letter Date — lieu et date"),
    ("Signature", "Signature — bloc de signature"),
    ("Footnote Text", "Footnote Text — texte des notes de bas de page"),
]


def build_reference() -> bytes:
    document = docx.Document()
    package = document.part.package

    # Leave out what the stock python-docx template carries but a reference must not:
    # a thumbnail of an empty page, Word 2010's duplicate styles, a custom XML item.
    for rel in list(package.rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel.rId)
            package.rels._target_parts_by_rId.pop(rel.rId, None)
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            document.part.rels.pop(rel.rId)
            document.part.rels._target_parts_by_rId.pop(rel.rId, None)

    _replace_element(document.part._styles_part, styles_xml())
    _replace_element(document.part.numbering_part, numbering_xml())
    _replace_element(document.part._settings_part, settings_xml())
    _set_theme_fonts(document)
    write_font_table(document)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin = Mm(24), Mm(20)
    section.bottom_margin, section.left_margin = Mm(22), Mm(22)
    section.header_distance, section.footer_distance = Mm(12), Mm(10)
    section.gutter = 0
    sect_pr = section._sectPr
    for name, value in (
        ("w:rsidR", None),
        ("w:rsidRPr", None),
        ("w:rsidSect", None),
    ):
        sect_pr.attrib.pop(docx.oxml.ns.qn(name), value)
    # Exact twips, rather than EMU rounded by Mm().
    page_size = sect_pr.find(docx.oxml.ns.qn("w:pgSz"))
    page_size.set(docx.oxml.ns.qn("w:w"), str(PAGE_WIDTH))
    page_size.set(docx.oxml.ns.qn("w:h"), str(PAGE_HEIGHT))

    by_name = {s.name.lower(): s for s in document.styles if s.name}
    for style_name, text in SAMPLES:
        document.add_paragraph(text, style=by_name[style_name.lower()])
    table = document.add_table(rows=2, cols=2, style=by_name["dossier table"])
    for cell, text in zip(
        table.rows[0].cells + table.rows[1].cells,
        ("Table Heading", "Dossier Table", "Table Text", "Compact Table Text"),
        strict=True,
    ):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = by_name[
            text.lower() if "Table Text" in text or text == "Table Heading" else "table text"
        ]
    facts = document.add_table(rows=1, cols=2, style=by_name["facts table"])
    facts.rows[0].cells[0].paragraphs[0].text = "Fact Label :"
    facts.rows[0].cells[0].paragraphs[0].style = by_name["fact label"]
    facts.rows[0].cells[1].paragraphs[0].text = "Fact Value (Facts Table)"
    facts.rows[0].cells[1].paragraphs[0].style = by_name["fact value"]

    missing = [
        name
        for name in REQUIRED_STYLES
        if name.lower() not in {s.name.lower() for s in document.styles if s.name}
    ]
    if missing:  # pragma: no cover - a guard for whoever edits styles_xml()
        raise SystemExit(f"reference.docx lacks styles the writer needs: {', '.join(missing)}")

    set_properties(
        document,
        core_properties_xml(
            title="dossier — reference.docx (Word styles)",
            author="dossier",
            subject="Styles of the DOCX dossiers",
            keywords=("dossier", "reference.docx"),
            language="fr-FR",
            epoch=EPOCH,
            description="Copy this file, restyle it in Word or LibreOffice and pass the copy "
            "with --reference-docx. The writer uses every style by name: keep them all.",
        ),
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_package(buffer.getvalue(), epoch=EPOCH)


def _set_theme_fonts(document: Any) -> None:
    """The theme's heading (major) and body (minor) fonts: the styles' own, not Calibri and
    Cambria, so that text set in a theme font matches the PDF too."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for rel in document.part.rels.values():
        if rel.reltype != RT.THEME:
            continue
        part = rel.target_part
        theme = etree.fromstring(part.blob)
        for scheme, latin, arabic, ethiopic in (
            ("major", SANS, ARABIC_SANS, "Noto Sans Ethiopic"),
            ("minor", SERIF, ARABIC, ETHIOPIC_FONT),
        ):
            font = theme.find(f".//{a}fontScheme/{a}{scheme}Font")
            font.find(f"{a}latin").set("typeface", latin)
            font.find(f"{a}cs").set("typeface", arabic)
            for script in font.findall(f"{a}font"):
                if script.get("script") in ("Arab", "Ethi"):
                    script.set("typeface", arabic if script.get("script") == "Arab" else ethiopic)
        part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _replace_element(part: object, xml: str) -> None:
    """Swap a part's whole XML tree for ``xml`` (styles, numbering, settings)."""
    element = parse_xml(xml)
    part._element = element  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "templates" / "reference.docx")
    args = parser.parse_args(argv)
    data = build_reference()
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
