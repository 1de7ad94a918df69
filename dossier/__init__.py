"""dossier: turn incident logs of violence against exiles into dossiers institutions must answer."""

from dossier.load import LoadError, Workbook, load_workbook
from dossier.report import Problem, Severity, ValidationReport
from dossier.validate import Dataset, load_and_validate, validate_workbook

__version__ = "0.1.0"

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
