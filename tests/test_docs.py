"""The generated documentation stays in sync with the code it describes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load_tool(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_input_doc_is_up_to_date() -> None:
    tool = _load_tool("make_input_doc")
    checked_in = (ROOT / "docs" / "input.md").read_text(encoding="utf-8")
    assert checked_in == tool.render(), "docs/input.md is stale: run python tools/make_input_doc.py"


def test_input_doc_lists_every_vocabulary_term() -> None:
    from dossier.schema.vocab import ALL

    text = (ROOT / "docs" / "input.md").read_text(encoding="utf-8")
    for vocabulary in ALL:
        for term in vocabulary.terms:
            assert f"| `{term.code}` | {term.fr} | {term.en} |" in text
