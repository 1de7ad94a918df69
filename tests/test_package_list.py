"""Every Python package of the source tree is in pyproject's package list.

A plain (non-editable) install copies only the listed packages: a new folder left out installs a
`dossier` command that fails on its first import. The slow install test finds that too, but
only in CI; this one fails at once.
"""

from __future__ import annotations

import tomllib

from helpers import REPO


def test_every_package_folder_is_listed_for_installation() -> None:
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "dossier").rglob("__init__.py")
    }
    assert on_disk - listed == set(), "missing from [tool.setuptools] packages"
