"""dossier: turn incident logs of violence against exiles into dossiers institutions must answer."""

from dossier.input.errors import LoadError
from dossier.input.problems import Problem, Severity
from dossier.input.workbook import Workbook, load_workbook
from dossier.validate.rows import Dataset, load_and_validate, validate_workbook
from dossier.validate.validation_report import ValidationReport
from dossier.version import __version__

__all__ = [
    "Dataset",
    "LoadError",
    "Problem",
    "Severity",
    "ValidationReport",
    "Workbook",
    "__version__",
    "load_and_validate",
    "load_workbook",
    "validate_workbook",
]
