"""Why a build stopped: invalid data, or a template, the config or a renderer that failed."""

from __future__ import annotations

from dossier.validate.validation_report import ValidationReport

__all__ = ["DataInvalid"]


class DataInvalid(Exception):
    """The workbook has errors: nothing is built, the report says why."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__("the data has errors")
        self.report = report
