"""Typed records for the sheets: what validation produces and every later stage reads.

A class names the type of each field (what mypy and the later stages see); everything else
pydantic checks, the default, the bounds, the vocabulary's codes, the description, comes from
the column's description in :mod:`dossier.schema.fields` (:func:`column_field`). When this
module is imported, each class is checked against its sheet: the same fields, of the types their
kinds give, with the pydantic fields their columns give; a column added to a sheet and not to its
record, or the other way round, stops the import.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, NoReturn

from pydantic import BaseModel, ConfigDict, JsonValue
from pydantic import Field as PydanticField
from pydantic.fields import FieldInfo

from dossier.schema.columns import RIO_PATTERN, SHA256_PATTERN, Kind, SheetSpec
from dossier.schema.columns import Field as Column
from dossier.schema.fields import (
    CORRESPONDENCE,
    EVIDENCE,
    INCIDENTS,
    INTERVIEWS,
    PERSONS,
    PROCEEDINGS,
    QUOTES,
    SHEETS,
)


def _read_only(*_args: object, **_kwargs: object) -> NoReturn:
    raise TypeError("records are read-only: copy the list or dict before changing it")


class FrozenList(list):  # type: ignore[type-arg]
    """A list that cannot be changed: what validated records hold.

    Validation gives equal cells the same list, so records share them; changing one in place
    would change every record that shares it, so it raises instead. It compares, iterates,
    serialises and pickles like a list.
    """

    __slots__ = ()
    append = extend = insert = remove = pop = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only

    def __reduce__(self) -> tuple[type[FrozenList], tuple[list[object]]]:
        return (FrozenList, (list(self),))

    def __copy__(self) -> FrozenList:
        return self

    def __deepcopy__(self, memo: object) -> FrozenList:
        return self


class FrozenDict(dict):  # type: ignore[type-arg]
    """A dict that cannot be changed (see FrozenList)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _read_only
    update = pop = popitem = clear = setdefault = _read_only

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[object, object]]]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: object) -> FrozenDict:
        return self


Sha256 = Annotated[str, PydanticField(pattern=SHA256_PATTERN)]
Rio = Annotated[str, PydanticField(pattern=RIO_PATTERN)]

# The type of a cell of each kind, once read (a blank cell is None unless it stands for a code).
_KIND_TYPES: dict[Kind, Any] = {
    Kind.TEXT: str,
    Kind.ID: str,
    Kind.ID_LIST: list[str],
    Kind.TEXT_LIST: list[str],
    Kind.DATE: dt.date,
    Kind.TIME: dt.time,
    Kind.DATETIME: dt.datetime,
    Kind.INT: int,
    Kind.LATITUDE: float,
    Kind.LONGITUDE: float,
    Kind.BOOL: bool,
    Kind.TERM: str,
    Kind.TERM_LIST: list[str],
    Kind.COUNTS: dict[str, int | None],
    Kind.RIO_LIST: list[Rio],
    Kind.SHA256: Sha256,
    Kind.URL: str,
    Kind.PATH: str,
}
_CONFIDENTIAL = "CONFIDENTIAL: identity annex only."


def value_type(column: Column) -> Any:
    """The type a record holds for a column: its kind's, or None when a blank cell is nothing."""
    kind_type = _KIND_TYPES[column.kind]
    if column.multi or column.required or column.blank is not None:
        return kind_type
    return kind_type | None


def column_field(sheet: SheetSpec, key: str) -> Any:
    """The pydantic field of a column: default, bounds, vocabulary and description, from the sheet.

    Lists and counts default to empty; a blank cell gives the code it stands for, or None. The
    vocabulary's codes are listed in the JSON Schema (``enum``); the type itself is the class's.
    """
    column = sheet.field(key)
    description = column.description or (_CONFIDENTIAL if column.confidential else None)
    codes: list[JsonValue] = list(column.vocabulary.codes) if column.vocabulary else []
    extra: dict[str, JsonValue] | None = None
    if column.kind is Kind.TERM:
        nullable = not column.required and column.blank is None
        extra = {"enum": [*codes, None] if nullable else codes}
    elif column.kind is Kind.TERM_LIST:
        extra = {"items": {"type": "string", "enum": codes}}
    elif column.kind is Kind.COUNTS:
        extra = {"propertyNames": {"enum": codes}}
    if column.multi:
        if column.kind is Kind.COUNTS:
            return PydanticField(
                default_factory=dict, description=description, json_schema_extra=extra
            )
        return PydanticField(default_factory=list, description=description, json_schema_extra=extra)
    if column.required:
        return PydanticField(
            ge=column.low, le=column.high, description=description, json_schema_extra=extra
        )
    return PydanticField(
        column.blank,
        ge=column.low,
        le=column.high,
        description=description,
        json_schema_extra=extra,
    )


class Origin(BaseModel):
    """Where a record came from, so later stages can point back at the spreadsheet."""

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str
    row: int


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = PydanticField(min_length=1, description="Unique identifier within its sheet.")
    origin: Origin | None = PydanticField(
        default=None, description="File, sheet and row it was read from."
    )


def _incident(key: str) -> Any:
    return column_field(INCIDENTS, key)


def _person(key: str) -> Any:
    return column_field(PERSONS, key)


def _exhibit(key: str) -> Any:
    return column_field(EVIDENCE, key)


def _proceeding(key: str) -> Any:
    return column_field(PROCEEDINGS, key)


def _interview(key: str) -> Any:
    return column_field(INTERVIEWS, key)


def _quote(key: str) -> Any:
    return column_field(QUOTES, key)


def _letter(key: str) -> Any:
    return column_field(CORRESPONDENCE, key)


class Incident(Record):
    """One incident: what happened, where, when, who acted, consequences, sources."""

    date: dt.date = _incident("date")
    time: dt.time | None = _incident("time")
    date_precision: str = _incident("date_precision")
    commune: str = _incident("commune")
    place: str | None = _incident("place")
    location_type: str | None = _incident("location_type")
    latitude: float | None = _incident("latitude")
    longitude: float | None = _incident("longitude")
    context: str | None = _incident("context")
    forces: list[str] = _incident("forces")
    units: list[str] = _incident("units")
    officers: int | None = _incident("officers")
    rio: list[Rio] = _incident("rio")
    rio_visible: str = _incident("rio_visible")
    acts: list[str] = _incident("acts")
    weapons: list[str] = _incident("weapons")
    victims_count: int | None = _incident("victims_count")
    minors_involved: bool | None = _incident("minors_involved")
    injuries: str | None = _incident("injuries")
    medical_certificate: bool | None = _incident("medical_certificate")
    itt_days: int | None = _incident("itt_days")
    belongings: dict[str, int | None] = _incident("belongings")
    summary_fr: str | None = _incident("summary_fr")
    summary_en: str | None = _incident("summary_en")
    victim_ids: list[str] = _incident("victim_ids")
    witness_ids: list[str] = _incident("witness_ids")
    evidence_ids: list[str] = _incident("evidence_ids")
    knowledge: str | None = _incident("knowledge")
    echr_art3: bool | None = _incident("echr_art3")
    ddd_reference: str | None = _incident("ddd_reference")
    done_by: list[str] = _incident("done_by")
    violation_status: str | None = _incident("violation_status")
    confidentiality: str = _incident("confidentiality")
    recorded_by: str | None = _incident("recorded_by")
    recorded_on: dt.date | None = _incident("recorded_on")
    place_fr: str | None = _incident("place_fr")
    place_en: str | None = _incident("place_en")
    units_fr: list[str] = _incident("units_fr")
    units_en: list[str] = _incident("units_en")
    weapons_fr: list[str] = _incident("weapons_fr")
    weapons_en: list[str] = _incident("weapons_en")
    injuries_fr: str | None = _incident("injuries_fr")
    injuries_en: str | None = _incident("injuries_en")


class Person(Record):
    """A victim, witness, source or observer. Only the pseudonym is printed outside the annex."""

    pseudonym: str = _person("pseudonym")
    roles: list[str] = _person("roles")
    age: int | None = _person("age")
    minor: bool | None = _person("minor")
    gender: str | None = _person("gender")
    nationality: str | None = _person("nationality")
    languages: list[str] = _person("languages")
    legal_name: str | None = _person("legal_name")
    contact: str | None = _person("contact")
    art8_status: str | None = _person("art8_status")
    publication_consent: str = _person("publication_consent")
    identity_consent: bool | None = _person("identity_consent")
    interview_date: dt.date | None = _person("interview_date")
    interview_place: str | None = _person("interview_place")
    interview_mode: str | None = _person("interview_mode")
    interview_language: str | None = _person("interview_language")
    interpreter: bool | None = _person("interpreter")

    @property
    def may_be_named_to_ddd(self) -> bool:
        """Whether the confidential identity annex names this person to the Défenseur des
        droits: an explicit consent to it (consent under art. 8 is not enough), a legal name to
        give, and no objection under art. 8 (an objector does not appear in the dossier)."""
        return bool(self.identity_consent and self.legal_name and self.art8_status != "refused")


class Evidence(Record):
    """An exhibit: a file in the evidence folder and/or an online source, with its fingerprint."""

    incident_ids: list[str] = _exhibit("incident_ids")
    kind: str = _exhibit("kind")
    description_fr: str | None = _exhibit("description_fr")
    description_en: str | None = _exhibit("description_en")
    file: str | None = _exhibit("file")
    url: str | None = _exhibit("url")
    sha256: Sha256 | None = _exhibit("sha256")
    sha256_computed: bool = PydanticField(
        default=False, description="True when the fingerprint was computed, not given."
    )
    document_date: dt.date | None = _exhibit("document_date")
    captured_at: dt.datetime | None = _exhibit("captured_at")
    captured_by: str | None = _exhibit("captured_by")
    custody_notes: str | None = _exhibit("custody_notes")
    piece_number: int | None = _exhibit("piece_number")
    timecodes: list[str] = _exhibit("timecodes")
    confidentiality: str = _exhibit("confidentiality")
    custody_notes_fr: str | None = _exhibit("custody_notes_fr")
    custody_notes_en: str | None = _exhibit("custody_notes_en")


class Proceeding(Record):
    """A step taken about an incident: complaint, report, referral, court action."""

    incident_id: str = _proceeding("incident_id")
    type: str = _proceeding("type")
    date: dt.date | None = _proceeding("date")
    authority: str | None = _proceeding("authority")
    reference: str | None = _proceeding("reference")
    status: str | None = _proceeding("status")
    response: str | None = _proceeding("response")
    authority_fr: str | None = _proceeding("authority_fr")
    authority_en: str | None = _proceeding("authority_en")
    response_fr: str | None = _proceeding("response_fr")
    response_en: str | None = _proceeding("response_en")


class Interview(Record):
    """An interview with one person, or a group: cited only for the incidents it was about."""

    person_ids: list[str] = _interview("person_ids")
    incident_ids: list[str] = _interview("incident_ids")
    date: dt.date | None = _interview("date")
    place: str | None = _interview("place")
    mode: str | None = _interview("mode")
    language: str | None = _interview("language")
    interpreter: bool | None = _interview("interpreter")


class Quote(Record):
    """Words a person said in an interview, as said and translated, with their own level."""

    interview_id: str = _quote("interview_id")
    person_id: str | None = _quote("person_id")
    incident_id: str | None = _quote("incident_id")
    original: str = _quote("original")
    original_language: str | None = _quote("original_language")
    text_fr: str | None = _quote("text_fr")
    text_en: str | None = _quote("text_en")
    featured: bool | None = _quote("featured")
    confidentiality: str = _quote("confidentiality")


class Letter(Record):
    """A letter sent to an authority about incidents, and the reply received, if any."""

    date: dt.date = _letter("date")
    sender: str = _letter("sender")
    recipient: str = _letter("recipient")
    subject: str = _letter("subject")
    summary_fr: str | None = _letter("summary_fr")
    summary_en: str | None = _letter("summary_en")
    incident_ids: list[str] = _letter("incident_ids")
    reply_date: dt.date | None = _letter("reply_date")
    reply_fr: str | None = _letter("reply_fr")
    reply_en: str | None = _letter("reply_en")
    evidence_ids: list[str] = _letter("evidence_ids")
    confidentiality: str = _letter("confidentiality")


RECORD_TYPES: dict[str, type[Record]] = {
    "incidents": Incident,
    "persons": Person,
    "evidence": Evidence,
    "proceedings": Proceeding,
    "interviews": Interview,
    "quotes": Quote,
    "correspondence": Letter,
}

# Fields of a record that no column of its sheet gives.
_NOT_COLUMNS = {"origin", "sha256_computed"}


def _pydantic_view(info: FieldInfo) -> tuple[object, ...]:
    """What pydantic checks of a field and writes in the JSON Schema, besides its type."""
    return (
        info.default,
        info.default_factory,
        info.description,
        info.json_schema_extra,
        tuple(info.metadata),
    )


def check_record_type(model: type[Record], sheet: SheetSpec) -> None:
    """Raise TypeError when a record class says something other than its sheet's columns.

    Run on every record type when this module is imported: the fields are the columns, each of
    the type its kind gives and with the pydantic field :func:`column_field` makes of it.
    """
    declared = set(model.model_fields) - _NOT_COLUMNS
    keys = {column.key for column in sheet.fields}
    if declared != keys:
        raise TypeError(
            f"{model.__name__} fields differ from the {sheet.key} columns: "
            f"{sorted(declared ^ keys)}"
        )
    for column in sheet.fields:
        info = model.model_fields[column.key]
        if info.annotation != value_type(column):
            raise TypeError(
                f"{model.__name__}.{column.key} is {info.annotation}, "
                f"the {column.kind} column gives {value_type(column)}"
            )
        if column.key != "id" and _pydantic_view(info) != _pydantic_view(
            column_field(sheet, column.key)
        ):
            raise TypeError(f"{model.__name__}.{column.key} is not the {sheet.key} column's field")


for _sheet in SHEETS:
    check_record_type(RECORD_TYPES[_sheet.key], _sheet)
del _sheet
