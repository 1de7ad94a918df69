"""Why a build stopped: invalid data, or a template, the config or a renderer that failed."""

from __future__ import annotations

from dossier.errors import DossierError
from dossier.i18n.catalog import N_
from dossier.validate.validation_report import ValidationReport

__all__ = ["DataInvalid"]


class DataInvalid(DossierError):
    """The workbook has errors: nothing is built, the report says why."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(N_("build.data_invalid"), errors=len(report.errors))
        self.report = report
