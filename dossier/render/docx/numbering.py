"""The list definitions of the numbering part: one for bullets, one numbering per ordered list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

from dossier.render.docx.ooxml import W_PPR, W_VAL, add_w, mm
from dossier.render.docx.styles import StyleInfo


class ListNumbering:
    """The list definitions the writer numbers lists with, taken from the list styles.

    Bullets share one definition (that of the "List Bullet" style); each ordered list gets its
    own numbering instance of the "List Number" definition, so that it starts again at its
    ``start``. A definition the reference lacks is added.
    """

    def __init__(self, document: Any, styles: Mapping[str, StyleInfo]) -> None:
        self.numbering = numbering_element(document)
        self.styles = styles
        self.bullet_num, self.number_abstract = self._list_definitions()
        self.next_num_id = 1 + max(
            (int(n.get(qn("w:numId"))) for n in self.numbering.iterchildren(qn("w:num"))),
            default=0,
        )
        #: Left indent of each (ordered, level), for the paragraphs that continue an item.
        self.level_indents = self._level_indents()

    def new_numbered_list(self, level: int, start: str) -> int:
        """A new numbering instance for an ``<ol>`` at ``level``; returns its numId."""
        num_id = self.next_num_id
        self.next_num_id += 1
        num = add_w(self.numbering, "num", numId=str(num_id))
        add_w(num, "abstractNumId", val=str(self.number_abstract))
        override = add_w(num, "lvlOverride", ilvl=str(level))
        add_w(override, "startOverride", val=start if start.isdigit() else "1")
        return num_id

    def _list_definitions(self) -> tuple[int, int]:
        """numId of the bullets and abstractNumId of the numbers, from the list styles."""
        bullet_num = self._style_num_id("List Bullet")
        number_num = self._style_num_id("List Number")
        abstract_of = self._abstract_map()
        if bullet_num is None or str(bullet_num) not in abstract_of:
            bullet_num = self._add_definition("bullet")
            abstract_of = self._abstract_map()
        if number_num is None or str(number_num) not in abstract_of:
            number_num = self._add_definition("decimal")
            abstract_of = self._abstract_map()
        return bullet_num, int(abstract_of[str(number_num)])

    def _abstract_map(self) -> dict[str, str]:
        """The abstractNumId of each numId."""
        return {
            n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(W_VAL)
            for n in self.numbering.iterchildren(qn("w:num"))
            if n.find(qn("w:abstractNumId")) is not None
        }

    def _style_num_id(self, name: str) -> int | None:
        """The numId a paragraph style numbers its paragraphs with, if any."""
        element = self.styles[name.lower()].element
        found = element.find(f"{W_PPR}/{qn('w:numPr')}/{qn('w:numId')}")
        value = found.get(W_VAL) if found is not None else None
        return int(value) if value and value.isdigit() and value != "0" else None

    def _add_definition(self, kind: str) -> int:
        """Add a nine-level list definition of ``kind`` and an instance of it; its numId."""
        abstract_ids = [
            int(a.get(qn("w:abstractNumId")))
            for a in self.numbering.iterchildren(qn("w:abstractNum"))
        ]
        abstract_id = max(abstract_ids, default=-1) + 1
        num_ids = [int(n.get(qn("w:numId"))) for n in self.numbering.iterchildren(qn("w:num"))]
        num_id = max(num_ids, default=0) + 1
        abstract = self.numbering.makeelement(
            qn("w:abstractNum"), {qn("w:abstractNumId"): str(abstract_id)}
        )
        add_w(abstract, "multiLevelType", val="multilevel")
        for level in range(9):
            lvl = add_w(abstract, "lvl", ilvl=str(level))
            add_w(lvl, "start", val="1")
            add_w(lvl, "numFmt", val=kind)
            add_w(lvl, "lvlText", val="•" if kind == "bullet" else f"%{level + 1}.")
            add_w(lvl, "lvlJc", val="left")
            add_w(add_w(lvl, "pPr"), "ind", left=str(mm(7) * (level + 1)), hanging=str(mm(5)))
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        num = add_w(self.numbering, "num", numId=str(num_id))
        add_w(num, "abstractNumId", val=str(abstract_id))
        return num_id

    def _level_indents(self) -> dict[tuple[bool, int], int]:
        """Left indent of each list level, ordered or not, from the definitions."""
        abstracts = {
            a.get(qn("w:abstractNumId")): a
            for a in self.numbering.iterchildren(qn("w:abstractNum"))
        }
        bullet_abstract = self._abstract_map().get(str(self.bullet_num))
        indents: dict[tuple[bool, int], int] = {}
        for ordered, abstract_id in ((False, bullet_abstract), (True, str(self.number_abstract))):
            abstract = abstracts.get(abstract_id or "")
            for level in range(9):
                indent = mm(7) * (level + 1)
                if abstract is not None:
                    for lvl in abstract.iterchildren(qn("w:lvl")):
                        if lvl.get(qn("w:ilvl")) == str(level):
                            ind = lvl.find(f"{W_PPR}/{qn('w:ind')}")
                            value = None
                            if ind is not None:
                                value = ind.get(qn("w:left")) or ind.get(qn("w:start"))
                            if value and value.lstrip("-").isdigit():
                                indent = int(value)
                indents[(ordered, level)] = indent
        return indents


def numbering_element(document: Any) -> Any:
    """The numbering definitions, created empty when the reference has none."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        part = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            document.part.package,
        )
        document.part.relate_to(part, RT.NUMBERING)
        return part.element
