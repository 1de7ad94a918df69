"""Shared test setup: every test run gets a private render cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_render_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Session-scoped so that module-scoped build fixtures see it too; a shared cache would let
    # one test (or an earlier run) hand its outputs to another.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_CACHE_DIR", str(tmp_path_factory.mktemp("render-cache")))
        yield
