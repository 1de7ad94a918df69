"""Tests for the message catalogs (dossier/i18n/locale): complete in French and English, in step
with the code, and loud when something is missing."""

from __future__ import annotations

import configparser
import importlib
import inspect
import logging
import pkgutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

import dossier
from dossier.errors import DossierError
from dossier.i18n import catalog
from dossier.i18n.catalog import CatalogMissing, MessageMissing, catalog_path
from dossier.i18n.messages import message, plural_message

REPO = Path(__file__).resolve().parent.parent
LANGS = ("fr", "en")


def read(lang: str) -> Catalog:
    with catalog_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def entries(lang: str) -> Iterator[tuple[str, Message]]:
    for entry in read(lang):
        if entry.id:
            yield (entry.id if isinstance(entry.id, str) else entry.id[0]), entry


def forms(entry: Message) -> tuple[str, ...]:
    """An entry's text, or each of its plural forms."""
    return (entry.string,) if isinstance(entry.string, str) else tuple(entry.string)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_has_a_text_in_every_form(lang: str) -> None:
    po = read(lang)
    untranslated, fuzzy, short = [], [], []
    for key, entry in entries(lang):
        if entry.fuzzy:
            fuzzy.append(key)
        if not all(form.strip() for form in forms(entry)):
            untranslated.append(key)
        if isinstance(entry.id, tuple) and len(forms(entry)) != po.num_plurals:
            short.append(key)
    assert (untranslated, fuzzy, short) == ([], [], [])


@pytest.mark.parametrize(("lang", "forms"), [("fr", 3), ("en", 2)])
def test_plural_rules_are_those_of_the_cldr(lang: str, forms: int) -> None:
    # Current CLDR gives French three forms (one, many, other): a catalog written for two would
    # silently fall back to the key for "many".
    po = read(lang)
    assert po.plural_forms == get_plural(lang).plural_forms
    assert po.num_plurals == forms


def test_french_and_english_fill_in_the_same_values() -> None:
    french, english = dict(entries("fr")), dict(entries("en"))
    assert french.keys() == english.keys()
    different = []
    for key, entry in french.items():
        texts = [*forms(entry), *forms(english[key])]
        if len({frozenset(placeholders(text)) for text in texts}) != 1:
            different.append(key)
    assert different == []


def extracted(tmp_path: Path) -> Catalog:
    """What `pybabel extract` finds in the code, with the project's babel.cfg."""
    pot = tmp_path / "dossier.pot"
    logging.getLogger("babel").setLevel(logging.WARNING)
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(REPO / "babel.cfg"), "-o", str(pot), str(REPO)]
    )
    with pot.open("rb") as handle:
        return read_po(handle)


def test_the_catalogs_hold_exactly_the_keys_the_code_uses(tmp_path: Path) -> None:
    found = {
        (entry.id if isinstance(entry.id, str) else entry.id[0]): isinstance(entry.id, tuple)
        for entry in extracted(tmp_path)
        if entry.id
    }
    for lang in LANGS:
        held = {key: isinstance(entry.id, tuple) for key, entry in entries(lang)}
        new = sorted(found.keys() - held.keys())
        stale = sorted(held.keys() - found.keys())
        assert (new, stale) == ([], []), f"{lang}: run scripts/update_catalogs.sh"
        assert held == found, f"{lang}: a key is plural in one place and not the other"


def _keyword_classes() -> set[str]:
    parser = configparser.ConfigParser()
    parser.read(REPO / "babel.cfg", encoding="utf-8")
    keywords = parser["python: dossier/**.py"]["keywords"].split()
    return {keyword.split(":")[0] for keyword in keywords}


def _errors_taking_a_key() -> list[type[DossierError]]:
    for module in pkgutil.walk_packages(dossier.__path__, "dossier."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: list[type[DossierError]] = []
    pending: list[type[DossierError]] = [DossierError]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending += kind.__subclasses__()
    # The classes whose first argument is the message key (the others choose their own).
    return [kind for kind in found if list(inspect.signature(kind).parameters)[:1] == ["key"]]


def test_babel_cfg_names_every_error_that_takes_a_key() -> None:
    missing = sorted(
        kind.__name__ for kind in _errors_taking_a_key() if kind.__name__ not in _keyword_classes()
    )
    assert missing == [], "add them to the keywords of babel.cfg"


def test_a_missing_catalog_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(catalog, "LOCALE_DIR", tmp_path)
    catalog._compiled.cache_clear()
    try:
        with pytest.raises(CatalogMissing, match="message catalog is missing"):
            message("verify.no_folder", "fr", folder="x")
    finally:
        monkeypatch.undo()
        catalog._compiled.cache_clear()
    assert message("verify.no_folder", "en", folder="x") == "x: no such folder"


def test_an_unknown_key_is_an_error_not_its_own_text() -> None:
    with pytest.raises(MessageMissing):
        message("no.such.key", "fr")
    # A key may be its own English text: it is still found.
    assert message("column", "en") == "column"


@pytest.mark.parametrize(
    ("count", "french", "english"),
    [
        (0, "0 fichier vérifié : OK.", "0 files checked: OK."),
        (1, "1 fichier vérifié : OK.", "1 file checked: OK."),
        (2, "2 fichiers vérifiés : OK.", "2 files checked: OK."),
        (1_000_000, "1000000 de fichiers vérifiés : OK.", "1000000 files checked: OK."),
    ],
)
def test_plurals_take_the_form_of_their_count(count: int, french: str, english: str) -> None:
    said = plural_message("verify.ok", "verify.ok.plural", count, "fr")
    assert said.replace("\u00a0", " ") == french
    assert plural_message("verify.ok", "verify.ok.plural", count, "en") == english
