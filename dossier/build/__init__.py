"""Build dossiers end to end: validate, assemble, render on several cores, write atomically.

The stage's public names; the modules of the package import one another directly, never this
file.
"""

from dossier.build.errors import DataInvalid
from dossier.build.pipeline import (
    BuildResult,
    BuiltOutput,
    OutputFormat,
    build_dossiers,
    render_dossier_html,
)

__all__ = [
    "BuildResult",
    "BuiltOutput",
    "DataInvalid",
    "OutputFormat",
    "build_dossiers",
    "render_dossier_html",
]
