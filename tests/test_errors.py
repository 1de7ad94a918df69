"""Tests for dossier.errors: one base for every failure, told in French or English at the edge."""

from __future__ import annotations

import importlib
import pickle
import pkgutil
from pathlib import Path

import pytest
from helpers import run_cli

import dossier
from dossier.build.errors import DataInvalid
from dossier.commands.templates import TargetExists
from dossier.errors import BuildError, ChoiceError, DossierError, UsageError
from dossier.i18n.messages import Message
from dossier.input.config import ConfigError
from dossier.input.errors import LoadError, MappingError


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_an_error_is_english_as_a_string_and_told_in_either_language() -> None:
    error = BuildError("build.cannot_write", folder=Path("out"), reason="disk on fire")
    assert str(error) == "cannot write to out: disk on fire"
    assert error.text("en") == str(error)
    assert plain(error.text("fr")) == "écriture impossible dans out : disk on fire"
    assert error.lines("fr") == [error.text("fr")]


def test_a_message_inside_an_error_follows_its_language() -> None:
    reason = Message("os.no_space")
    error = BuildError("build.cannot_write", folder="out", reason=reason)
    assert str(error) == "cannot write to out: No space left on device"
    assert plain(error.text("fr")) == (
        "écriture impossible dans out : plus de place sur le périphérique"
    )


def test_a_list_of_problems_is_told_item_by_item() -> None:
    problems = [Message("choices.no_layout"), Message("choices.no_format")]
    error = BuildError("problems", problems=problems)
    assert str(error) == "no layout chosen; no format chosen"
    assert plain(error.text("fr")) == "aucun type de dossier choisi ; aucun format choisi"


@pytest.mark.parametrize(
    "error",
    [
        BuildError("build.unknown_format", format="odt"),
        UsageError("cli.quiet_and_verbose"),
        LoadError("empty_file", file="x.csv"),
        MappingError("mapping_invalid", file="m.toml", reason="bad"),
        ConfigError(Path("dossier.toml"), [Message("config.missing", key="signatory.name")]),
        TargetExists([Path("a.html"), Path("b.html")]),
        BuildError("build.renderer_failed", output="ddd-fr.pdf", reason=Message("build.killed")),
    ],
)
def test_errors_survive_the_trip_back_from_a_worker_process(error: DossierError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.key, str(copy), copy.text("fr")) == (error.key, str(error), error.text("fr"))
    assert copy.lines("fr") == error.lines("fr")


def test_usage_mistakes_are_marked_for_exit_code_2() -> None:
    assert UsageError("cli.quiet_and_verbose").usage
    assert MappingError("mapping_invalid", file="m", reason="r").usage
    assert TargetExists([Path("x")]).usage
    assert ChoiceError("choices.no_layout").usage and isinstance(
        ChoiceError("choices.no_layout"), ValueError
    )
    assert not BuildError("build.killed").usage
    assert not LoadError("empty_file", file="x").usage


def test_a_config_error_lists_each_problem_on_its_own_line() -> None:
    error = ConfigError(
        Path("dossier.toml"),
        [Message("config.missing", key="signatory.name"), "Expected '=' (at line 2, column 3)"],
    )
    assert str(error) == (
        "dossier.toml: signatory.name: missing (required); Expected '=' (at line 2, column 3)"
    )
    assert [plain(line) for line in error.lines("fr")] == [
        "dossier.toml :",
        "  signatory.name : absent (obligatoire)",
        "  Expected '=' (at line 2, column 3)",
    ]


def _exception_classes() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for module in pkgutil.walk_packages(dossier.__path__, "dossier."):
        if module.name.endswith("__main__"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__.startswith("dossier.")
            ):
                found.append(value)
    return sorted(set(found), key=lambda kind: (kind.__module__, kind.__qualname__))


# Exceptions that never reach a user: control flow inside a renderer or a parser, or the
# DOCX writer's own (told at the edge by dossier.render.dispatch and the build's reference
# document check).
INTERNAL = {
    "dossier.render.chunks.NotChunkable",
    "dossier.render.docx.styles.MissingStyle",
    "dossier.render.docx.state.SkipNode",
    "dossier.render.docx.tree.UnsupportedElement",
    # Caught by the DOCX writer, which keeps its estimated page numbers and logs a warning.
    "dossier.render.docx.pagination.LibreOfficeError",
    "dossier.input.guards._NotCanonical",
    "dossier.validate.cells.CellError",
    "dossier.validate.evidence.EvidenceChanged",
    "dossier.files.FolderBusy",
    # A broken installation or an untranslated key (the catalog tests catch both).
    "dossier.i18n.catalog.CatalogMissing",
    "dossier.i18n.catalog.MessageMissing",
}


def test_every_exception_a_user_can_meet_is_a_dossier_error() -> None:
    strays = [
        f"{kind.__module__}.{kind.__qualname__}"
        for kind in _exception_classes()
        if not issubclass(kind, DossierError)
        and f"{kind.__module__}.{kind.__qualname__}" not in INTERNAL
    ]
    assert strays == []


def test_the_command_line_tells_a_data_error_in_the_users_language(tmp_path: Path) -> None:
    missing = tmp_path / "absent.xlsx"
    french = run_cli(["validate", missing, "--lang", "fr"])
    english = run_cli(["validate", missing], LANG="en_GB.UTF-8", LC_ALL="")
    assert (french.exit_code, english.exit_code) == (1, 1)
    assert plain(french.output) == f"{missing} : fichier ou dossier introuvable.\n"
    assert english.output == f"{missing}: no such file or folder.\n"


def test_the_command_line_tells_a_usage_error_in_the_users_language(tmp_path: Path) -> None:
    french = run_cli(["verify", tmp_path], LANG="fr_FR.UTF-8", LC_ALL="")
    assert french.exit_code == 2, french.output
    manifest = tmp_path / "manifest.json"
    assert plain(french.output) == f"{manifest} : pas de manifeste dans ce dossier\n"


def test_invalid_data_is_the_report_on_stdout_not_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "incidents.csv").write_text("id,date\nCAL-1,31/02/2015\n", encoding="utf-8")
    result = run_cli(["build", tmp_path, "--out", tmp_path / "out", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "Data is invalid" in result.stdout
    assert DataInvalid.__mro__[1] is DossierError
