"""The organisation config (`dossier.toml`): who files, for whom, under which title."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

CONFIG_FILE_NAME = "dossier.toml"


class ConfigError(Exception):
    """The config file is missing, unreadable or invalid; ``problems`` lists every mistake."""

    def __init__(self, file: Path, problems: list[str]) -> None:
        super().__init__(f"{file}: " + "; ".join(problems))
        self.file = file
        self.problems = problems


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Translated(_Section):
    """A text given in French and English; the dossier prints the one of its language."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Organisation(_Section):
    name: str = Field(min_length=1, description="Name of the filing organisation.")
    legal_form: Translated = Field(description="E.g. « association loi 1901 ».")
    address: str = Field(min_length=1, description="Postal address; new lines are kept.")
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = None
    website: str | None = Field(default=None, pattern=r"^https?://\S+$")


class Signatory(_Section):
    """The person who signs: their name is printed, as the complaint requires."""

    name: str = Field(min_length=1)
    quality: Translated = Field(description="E.g. « présidente de l'association ».")
    place: str = Field(min_length=1, description="Place of signature.")
    date: dt.date | None = Field(
        default=None, description="Date of signature (default: the build date)."
    )


class Recipient(_Section):
    name: str = "Défenseur des droits"
    address: str = "Libre réponse 71120\n75342 Paris Cedex 07"


class DossierInfo(_Section):
    title: Translated
    subtitle: Translated | None = None
    reference: str = Field(min_length=1, description="The dossier's own reference.")
    filing_as: Literal["victim", "relative", "witness", "representative"] = Field(
        default="witness",
        description="In what quality the organisation files (an association files as witness).",
    )


class Config(_Section):
    """Everything a dossier needs that is not in the incident workbook."""

    organisation: Organisation
    signatory: Signatory
    recipient: Recipient = Recipient()
    dossier: DossierInfo


def load_config(path: Path) -> Config:
    """Read and validate ``dossier.toml``, collecting every problem before failing."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            path,
            [
                "file not found / fichier introuvable "
                f"(`dossier init {path}` writes a starter one / en écrit un modèle)"
            ],
        ) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, [str(error)]) from None
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        problems = [_describe(detail) for detail in error.errors()]
        raise ConfigError(path, problems) from None


# What a pattern-checked key expects, said in words rather than as a regular expression.
_PATTERN_HINTS = {
    "email": "expected an e-mail address such as contact@example.org",
    "website": "expected a web address starting with https:// or http://",
}


def _describe(detail: Any) -> str:
    """One config mistake as « key.path: what is wrong », in words a user can act on."""
    location = [str(part) for part in detail["loc"]]
    where = ".".join(location)
    kind = detail["type"]
    if kind == "extra_forbidden":
        section = _section_model(location[:-1])
        known = ", ".join(section.model_fields) if section else ""
        return f"{where}: unknown key" + (f" (expected one of: {known})" if known else "")
    if kind == "string_pattern_mismatch" and location[-1] in _PATTERN_HINTS:
        return f"{where}: {_PATTERN_HINTS[location[-1]]}, got {detail['input']!r}"
    if kind == "missing":
        return f"{where}: missing (required)"
    return f"{where}: {detail['msg']}"


def _section_model(path: list[str]) -> type[BaseModel] | None:
    """The model of the config section at ``path`` (``[]`` is the whole config)."""
    model: type[BaseModel] = Config
    for part in path:
        annotation = model.model_fields.get(part)
        candidate = getattr(annotation, "annotation", None) if annotation else None
        # ``Translated | None`` and the like: keep the model among the union's members.
        members = getattr(candidate, "__args__", (candidate,))
        found = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if not found:
            return None
        model = found[0]
    return model


def find_config(source: Path, explicit: Path | None) -> Path:
    """The explicit ``--config`` file, else ``dossier.toml`` beside the input (or inside it)."""
    if explicit is not None:
        return explicit
    folder = source if source.is_dir() else source.parent
    return folder / CONFIG_FILE_NAME


STARTER_CONFIG = """\
# dossier.toml: who files the dossier, for whom, under which title.
# Every key below is read by `dossier build`; text given as { fr = …, en = … } is printed in the
# dossier's language. Run `dossier build` to see any mistake listed with its key.

[organisation]
name = "Name of your association"
# Legal form, in both languages.
legal_form = { fr = "association loi 1901", en = "non-profit association (1901 law)" }
# Postal address: use \\n for new lines.
address = "1 rue de l'Exemple\\n62100 Calais"
email = "contact@example.org"
# phone = "+33 3 00 00 00 00"
# website = "https://example.org"

[signatory]
# The person who signs the complaint; their name is printed on it.
name = "First name LAST NAME"
quality = { fr = "président·e de l'association", en = "chair of the association" }
place = "Calais"
# Date of signature; leave it out to use the build date (or SOURCE_DATE_EPOCH).
# date = 2016-11-15

[recipient]
# The default is the Défenseur des droits' free postal address.
name = "Défenseur des droits"
address = "Libre réponse 71120\\n75342 Paris Cedex 07"

[dossier]
reference = "ASSOC-DDD-2016-01"
# In what quality the association files: witness (usual for an association), victim,
# relative or representative.
filing_as = "witness"
# subtitle = { fr = "Calais, 2015-2016", en = "Calais, 2015-2016" }

[dossier.title]
fr = "Violences policières à l'encontre des personnes exilées"
en = "Police violence against exiled people"
"""
