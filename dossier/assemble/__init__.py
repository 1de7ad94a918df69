"""Build the view model of one dossier: what its audience may read, numbered and counted.

The stage's public names; the modules of the package import one another directly, never this
file.
"""

from dossier.assemble.assembler import assemble
from dossier.assemble.models import (
    DEFAULT_AUDIENCE,
    Audience,
    DossierView,
    IncidentView,
    Layout,
    LeftOut,
    PersonView,
    ReportView,
)
from dossier.assemble.people import describe_person, person_about

__all__ = [
    "DEFAULT_AUDIENCE",
    "Audience",
    "DossierView",
    "IncidentView",
    "Layout",
    "LeftOut",
    "PersonView",
    "ReportView",
    "assemble",
    "describe_person",
    "person_about",
]
