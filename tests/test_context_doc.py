"""docs/template-context.md: generated from the view-model classes, and never stale."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from dossier.assemble.models import (
    Case,
    Chapter,
    Chart,
    DossierView,
    ExhibitView,
    Figures,
    IncidentView,
    InterviewCitation,
    Methodology,
    PersonView,
    ProceedingView,
    ReportView,
)
from dossier.render.html import builtin_templates_dir

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "template-context.md"


@pytest.fixture(scope="module")
def tool() -> Iterator[ModuleType]:
    name = "make_context_doc"
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up in sys.modules.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]


@pytest.fixture(scope="module")
def generated(tool: ModuleType) -> str:
    text: str = tool.render()
    return text


def test_the_checked_in_doc_is_up_to_date(generated: str) -> None:
    checked_in = DOC.read_text(encoding="utf-8")
    assert checked_in == generated, (
        "docs/template-context.md is stale: run python tools/make_context_doc.py"
    )


def test_the_doc_is_the_same_every_time(tool: ModuleType, generated: str) -> None:
    assert tool.render() == generated


def section(text: str, name: str) -> str:
    start = text.index(f"\n## {name}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


@pytest.mark.parametrize(
    "cls",
    [
        DossierView,
        IncidentView,
        PersonView,
        ExhibitView,
        ProceedingView,
        Figures,
        ReportView,
        Chapter,
        Case,
        Chart,
        InterviewCitation,
        Methodology,
    ],
)
def test_every_field_has_a_row_with_a_type_and_an_example(generated: str, cls: type) -> None:
    rows = {
        match[1]: match[0]
        for match in re.finditer(
            r"^\| `[^`]*?\.(\w+)[(`].*$", section(generated, cls.__name__), re.M
        )
    }
    for item in dataclasses.fields(cls):
        assert item.name in rows, f"{cls.__name__}.{item.name} is not documented"
        cells = [cell.strip() for cell in rows[item.name].strip("|").split(" | ")]
        assert len(cells) == 4, rows[item.name]
        assert cells[1], f"{cls.__name__}.{item.name} has no type"


def test_the_doc_shows_types_examples_and_comments(generated: str) -> None:
    incidents = section(generated, "IncidentView")
    assert "| `d.incidents[…].date` | date |" in incidents
    assert "| `d.incidents[…].victims` | list of [PersonView](#personview) |" in incidents
    assert "| `d.incidents[…].officers` | whole number, or none |" in incidents
    # An inline comment of assemble.py becomes the meaning.
    assert "| `d.incidents[…].rio_visible` | text | code: yes / no / unknown |" in incidents
    # A #: comment above a field too.
    assert "How running text names the person" in section(generated, "PersonView")
    # Examples from the worst case, the first value that is not empty.
    assert "`'Calais'`" in incidents and "`120`" in incidents
    # Properties and methods are listed with their docstrings.
    view = section(generated, "DossierView")
    assert "`d.incidents_with(…)` <br>arguments: `*act_codes`" in view
    assert "Incidents where officers were seen not wearing their RIO number." in view
    # The config is reached through d.config.
    assert "| `d.config.organisation.name` | text | Name of the filing organisation." in generated


def test_every_attribute_of_d_the_builtin_templates_use_is_documented(generated: str) -> None:
    used: set[str] = set()
    for path in builtin_templates_dir().rglob("*.html"):
        used |= set(re.findall(r"\bd\.(\w+)", path.read_text(encoding="utf-8")))
    assert used, "no d.… found in the built-in templates"
    missing = sorted(name for name in used if f"| `d.{name}" not in generated)
    assert missing == []


def test_a_description_for_an_attribute_that_does_not_exist_stops_the_tool(
    tool: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(tool.DESCRIPTIONS, "IncidentView.no_such_field", "gone")
    with pytest.raises(SystemExit, match=r"IncidentView\.no_such_field"):
        tool.render()
