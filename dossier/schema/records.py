"""Typed records for the four sheets: what validation produces and every later stage reads."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, NoReturn

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from dossier.schema import vocab


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


def _code(vocabulary: vocab.Vocabulary, description: str, nullable: bool = True) -> object:
    """A string field restricted to a vocabulary's codes (shown as an enum in the JSON Schema)."""
    allowed: list[JsonValue] = list(vocabulary.codes)
    if nullable:
        allowed.append(None)
    return Field(description=description, json_schema_extra={"enum": allowed})


def _json_list(codes: list[str]) -> list[JsonValue]:
    return list(codes)


def _codes(vocabulary: vocab.Vocabulary, description: str) -> object:
    return Field(
        default_factory=list,
        description=description,
        json_schema_extra={"items": {"type": "string", "enum": _json_list(vocabulary.codes)}},
    )


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Rio = Annotated[str, Field(pattern=r"^[0-9]{7}$")]


class Origin(BaseModel):
    """Where a record came from, so later stages can point back at the spreadsheet."""

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str
    row: int


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="Unique identifier within its sheet.")
    origin: Origin | None = Field(default=None, description="File, sheet and row it was read from.")


class Incident(Record):
    """One incident: what happened, where, when, who acted, consequences, sources."""

    date: dt.date
    time: dt.time | None = None
    date_precision: Annotated[str, _code(vocab.DATE_PRECISION, "How exact the date is.", False)] = (
        "exact"
    )
    commune: str
    place: str | None = None
    location_type: Annotated[str | None, _code(vocab.LOCATION_TYPE, "Kind of place.")] = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    context: Annotated[str | None, _code(vocab.CONTEXT, "What was going on.")] = None
    forces: Annotated[list[str], _codes(vocab.FORCE, "Security forces present.")]
    units: list[str] = Field(default_factory=list)
    officers: int | None = Field(default=None, ge=0)
    rio: list[Rio] = Field(default_factory=list, description="7-digit RIO numbers seen.")
    rio_visible: Annotated[str, _code(vocab.YES_NO_UNKNOWN, "Was the RIO worn visibly?", False)] = (
        "unknown"
    )
    acts: Annotated[list[str], _codes(vocab.ACT, "Acts committed.")]
    weapons: list[str] = Field(default_factory=list)
    victims_count: int | None = Field(default=None, ge=0)
    minors_involved: bool | None = None
    injuries: str | None = None
    medical_certificate: bool | None = None
    itt_days: int | None = Field(default=None, ge=0)
    belongings: dict[str, int | None] = Field(
        default_factory=dict,
        description="Belonging code → count (null when the count was not given).",
        json_schema_extra={"propertyNames": {"enum": _json_list(vocab.BELONGING.codes)}},
    )
    summary_fr: str | None = None
    summary_en: str | None = None
    victim_ids: list[str] = Field(default_factory=list)
    witness_ids: list[str] = Field(default_factory=list)
    evidence_ids: list[str] = Field(default_factory=list)
    violation_status: Annotated[
        str | None, _code(vocab.VIOLATION_STATUS, "How well the violation is established.")
    ] = None
    confidentiality: Annotated[
        str, _code(vocab.CONFIDENTIALITY, "Who may see it; blank is read as confidential.", False)
    ] = "confidential"
    recorded_by: str | None = None
    recorded_on: dt.date | None = None


class Person(Record):
    """A victim, witness, source or observer. Only the pseudonym is printed outside the annex."""

    pseudonym: str
    roles: Annotated[list[str], _codes(vocab.ROLE, "Roles this person has.")]
    age: int | None = Field(default=None, ge=0, le=120)
    minor: bool | None = None
    gender: Annotated[str | None, _code(vocab.GENDER, "Gender.")] = None
    nationality: str | None = None
    languages: list[str] = Field(default_factory=list)
    legal_name: str | None = Field(default=None, description="CONFIDENTIAL: identity annex only.")
    contact: str | None = Field(default=None, description="CONFIDENTIAL: identity annex only.")
    art8_status: Annotated[
        str | None, _code(vocab.ART8_STATUS, "Article 8 (organic law 2011-333) status.")
    ] = None
    publication_consent: Annotated[
        str, _code(vocab.PUBLICATION_CONSENT, "Blank is read as none.", False)
    ] = "none"
    interview_date: dt.date | None = None
    interview_place: str | None = None
    interview_mode: Annotated[str | None, _code(vocab.INTERVIEW_MODE, "Interview mode.")] = None
    interview_language: str | None = None
    interpreter: bool | None = None


class Evidence(Record):
    """An exhibit: a file in the evidence folder and/or an online source, with its fingerprint."""

    incident_ids: list[str] = Field(default_factory=list)
    kind: Annotated[str, _code(vocab.EVIDENCE_KIND, "Kind of exhibit.", False)]
    description_fr: str | None = None
    description_en: str | None = None
    file: str | None = Field(default=None, description="Path inside the evidence folder.")
    url: str | None = None
    sha256: Sha256 | None = Field(
        default=None, description="Checked against the file, or computed from it when blank."
    )
    sha256_computed: bool = Field(
        default=False, description="True when the fingerprint was computed, not given."
    )
    captured_at: dt.datetime | None = None
    captured_by: str | None = None
    custody_notes: str | None = None
    confidentiality: Annotated[
        str, _code(vocab.CONFIDENTIALITY, "Who may see it; blank is read as confidential.", False)
    ] = "confidential"


class Proceeding(Record):
    """A step taken about an incident: complaint, report, referral, court action."""

    incident_id: str
    type: Annotated[str, _code(vocab.PROCEEDING_TYPE, "Kind of proceeding.", False)]
    date: dt.date | None = None
    authority: str | None = None
    reference: str | None = None
    status: Annotated[str | None, _code(vocab.PROCEEDING_STATUS, "Where it stands.")] = None
    response: str | None = None


RECORD_TYPES: dict[str, type[Record]] = {
    "incidents": Incident,
    "persons": Person,
    "evidence": Evidence,
    "proceedings": Proceeding,
}
