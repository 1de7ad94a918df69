"""The columns that give a free-text column in each language (``place_fr``, ``place_en``…).

An edition prints a free text (a place, units, weapons, injuries, an authority and its reply,
custody notes) in its own language: from the column of that language, else from the untagged
column when the workbook's text (config ``dossier.text_language``) is in that language, else
the text there is, marked untranslated (:mod:`dossier.assemble.assembler`).
"""

from __future__ import annotations

import dataclasses

from dossier.schema.columns import Field, SheetSpec

__all__ = ["TRANSLATED_COLUMNS", "translation", "with_translations"]


def translation(column: Field, lang: str) -> Field:
    """The column that gives a free-text column in ``lang`` (``place_en``: the place in English).

    The untagged column is written in the workbook's text language (config
    ``dossier.text_language``); an edition in the other language prints this column, or the
    untagged text marked as untranslated.
    """
    in_fr, in_en = ("français", "French") if lang == "fr" else ("anglais", "English")
    edition_fr = "française" if lang == "fr" else "anglaise"
    return Field(
        f"{column.key}_{lang}",
        f"{column.en} in {in_en}",
        f"{column.fr} en {in_fr}",
        column.kind,
        aliases=(f"{column.key} {lang}", f"{column.fr} {lang}"),
        help_fr=(
            f"{column.help_fr.rstrip('.')}, en {in_fr}, si la colonne « {column.fr} » est écrite "
            f"dans l'autre langue : c'est ce qu'imprime l'édition {edition_fr}."
        ),
        help_en=(
            f"{column.help_en.rstrip('.')}, in {in_en}, if the “{column.en}” column is written in "
            f"the other language: what the {in_en} edition prints."
        ),
    )


def _translations(fields: tuple[Field, ...], keys: tuple[str, ...]) -> tuple[Field, ...]:
    by_key = {column.key: column for column in fields}
    return tuple(translation(by_key[key], lang) for key in keys for lang in ("fr", "en"))


#: The free-text columns an edition prints, each with a column per language.
TRANSLATED_COLUMNS = {
    "incidents": ("place", "units", "weapons", "injuries"),
    "evidence": ("custody_notes",),
    "proceedings": ("authority", "response"),
}


def with_translations(sheet: SheetSpec) -> SheetSpec:
    """``sheet`` with a column per language after its own, for each of its translated columns."""
    keys = TRANSLATED_COLUMNS.get(sheet.key, ())
    return dataclasses.replace(sheet, fields=sheet.fields + _translations(sheet.fields, keys))
