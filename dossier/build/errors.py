"""Why a build stopped: invalid data, or a template, the config or a renderer that failed."""

from __future__ import annotations

from dossier.assemble.language_check import CellToTranslate
from dossier.errors import DossierError
from dossier.i18n.catalog import N_
from dossier.i18n.messages import message
from dossier.validate.validation_report import ValidationReport

__all__ = ["DataInvalid", "OtherLanguage"]


class DataInvalid(DossierError):
    """The workbook has errors: nothing is built, the report says why."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(N_("build.data_invalid"), errors=len(report.errors))
        self.report = report


class OtherLanguage(DossierError):
    """``--strict-language``: an edition would print text in the other language; ``cells`` lists
    each cell to fill (file, sheet, row, column), one line each."""

    def __init__(self, edition: str, cells: list[CellToTranslate]) -> None:
        super().__init__(N_("build.other_language"), edition=edition, count=len(cells))
        self.edition = edition
        self.cells = cells

    def lines(self, lang: str) -> list[str]:
        return [
            self.text(lang),
            *(
                "  "
                + message(
                    "build.cell_to_translate",
                    lang,
                    file=cell.file,
                    sheet=cell.sheet,
                    row=cell.row,
                    column=cell.column,
                    id=cell.record_id,
                )
                for cell in self.cells
            ),
        ]
