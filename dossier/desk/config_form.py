"""The organisation's details (`dossier.toml`) as a form: read, flag the starter's examples, save.

The file is edited with tomlkit, which keeps its comments and the keys the form does not show;
it is written atomically, then read back as a build would read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import InlineTable, Table

from dossier.files import write_atomic
from dossier.i18n.catalog import N_
from dossier.input.config import ConfigError, load_config, starter_config, starter_placeholders

__all__ = ["CONFIG_FIELDS", "ConfigField", "ConfigState", "read_config_form", "save_config_form"]


@dataclass(frozen=True)
class ConfigField:
    """One field of the form: its dotted key in the file, its label's key, how it is typed."""

    key: str
    label: str
    kind: str = "text"  # text, textarea, email, date, or choice
    choices: tuple[str, ...] = ()
    required: bool = True


CONFIG_FIELDS = (
    ConfigField("organisation.name", N_("desk.config.organisation_name")),
    ConfigField("organisation.legal_form.fr", N_("desk.config.legal_form_fr")),
    ConfigField("organisation.legal_form.en", N_("desk.config.legal_form_en")),
    ConfigField("organisation.address", N_("desk.config.address"), "textarea"),
    ConfigField("organisation.email", N_("desk.config.email"), "email"),
    ConfigField("signatory.name", N_("desk.config.signatory_name")),
    ConfigField("signatory.quality.fr", N_("desk.config.quality_fr")),
    ConfigField("signatory.quality.en", N_("desk.config.quality_en")),
    ConfigField("signatory.place", N_("desk.config.place")),
    ConfigField("signatory.date", N_("desk.config.date"), "date", required=False),
    ConfigField("recipient.name", N_("desk.config.recipient_name"), required=False),
    ConfigField(
        "recipient.address", N_("desk.config.recipient_address"), "textarea", required=False
    ),
    ConfigField("dossier.reference", N_("desk.config.reference")),
    ConfigField("dossier.title.fr", N_("desk.config.title_fr")),
    ConfigField("dossier.title.en", N_("desk.config.title_en")),
    ConfigField(
        "dossier.filing_as",
        N_("desk.config.filing_as"),
        "choice",
        ("witness", "victim", "relative", "representative"),
    ),
)


@dataclass
class ConfigState:
    """What the form shows: each field's value, the keys still holding the starter's examples,
    and what a build would say is wrong with the file."""

    values: dict[str, str]
    placeholders: list[str]
    problems: list[str]
    exists: bool


def _document(path: Path, lang: str) -> tomlkit.TOMLDocument:
    """The config file as tomlkit reads it; the commented starter when there is none yet."""
    text = path.read_text(encoding="utf-8") if path.exists() else starter_config(lang)
    return tomlkit.parse(text)


def _get(document: Any, key: str) -> str:
    node = document
    for part in key.split("."):
        if not hasattr(node, "get"):
            return ""
        node = node.get(part)
        if node is None:
            return ""
    if isinstance(node, dt.date):
        return node.isoformat()
    return str(node) if not isinstance(node, dict) else ""


def _set(document: tomlkit.TOMLDocument, key: str, value: str | dt.date | None) -> None:
    parts = key.split(".")
    node: Any = document
    for depth, part in enumerate(parts[:-1]):
        child = node.get(part)
        if not isinstance(child, Table | InlineTable):
            child = tomlkit.table() if depth == 0 else tomlkit.inline_table()
            node[part] = child
        node = child
    if value is None:
        if parts[-1] in node:
            del node[parts[-1]]
    else:
        node[parts[-1]] = value


def read_config_form(path: Path, lang: str) -> ConfigState:
    """The form's state for the config file at ``path``."""
    try:
        document = _document(path, lang)
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as error:
        empty = {field.key: "" for field in CONFIG_FIELDS}
        return ConfigState(empty, [], [str(error)], path.exists())
    values = {field.key: _get(document, field.key) for field in CONFIG_FIELDS}
    if not path.exists():
        return ConfigState(values, [], [], False)
    try:
        config = load_config(path)
    except ConfigError as error:
        return ConfigState(values, [], error.lines(lang)[1:] or error.lines(lang), True)
    return ConfigState(values, starter_placeholders(config), [], True)


def save_config_form(path: Path, lang: str, submitted: dict[str, str]) -> ConfigState:
    """Write the submitted values into the config file (comments and other keys kept)."""
    try:
        document = _document(path, lang)
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError):
        document = tomlkit.parse(starter_config(lang))
    for field in CONFIG_FIELDS:
        given = submitted.get(field.key, "").replace("\r\n", "\n").strip()
        value: str | dt.date | None = given
        if field.kind == "date" and given:
            try:
                value = dt.date.fromisoformat(given)
            except ValueError:
                value = given  # the config check says what is wrong with it
        if not given and not field.required:
            value = None
        _set(document, field.key, value)
    write_atomic(path, tomlkit.dumps(document).encode("utf-8"))
    return read_config_form(path, lang)
