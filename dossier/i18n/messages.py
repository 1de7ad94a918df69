"""Telling messages in French or English: keys looked up in the gettext catalogs, filled in.

Every text a user reads from dossier (validation problems, errors, the commands' output and
help) is a key in the catalogs of :mod:`dossier.i18n.catalog`. :func:`message` tells one in a
language; :class:`Message` carries one (key and parameters) to the edge that tells it.
``MESSAGES`` and ``LABELS`` map the keys of the validation problems and of the report's labels
to their French and English texts.
"""

from __future__ import annotations

import errno
import locale
import os
import re
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any, Self

from dossier.i18n.catalog import N_, plural_template, template

LANGUAGES = ("fr", "en")


def q(text: object, lang: str = "fr") -> str:
    """Quote a value: « » with narrow no-break spaces in French, curly quotes in English."""
    return f"«\u202f{text}\u202f»" if lang == "fr" else f"“{text}”"


#: The problems the loader and the validator report: the key is the problem's ``code`` in the
#: JSON report. Declared here (with ``N_``) because their codes are chosen at run time.
PROBLEM_KEYS: tuple[str, ...] = (
    # -- loading: the whole input is unusable (dossier/input/workbook.py, guards.py, kobo.py)
    N_("input_missing"),
    N_("unsupported_type"),
    N_("no_incidents"),
    N_("duplicate_sheet"),
    N_("empty_file"),
    N_("binary_file"),
    N_("bad_encoding"),
    N_("bad_csv"),
    N_("unreadable"),
    N_("corrupt_workbook"),
    N_("workbook_too_large"),
    N_("workbook_ratio"),
    N_("workbook_xml_declaration"),
    N_("workbook_too_many_cells"),
    N_("workbook_text_too_large"),
    N_("csv_line_too_long"),
    N_("csv_too_wide"),
    N_("mapping_unreadable"),
    N_("mapping_invalid"),
    N_("mapping_unknown_sheet"),
    N_("mapping_unknown_field"),
    N_("mapping_values_field"),
    N_("mapping_unknown_code"),
    N_("mapping_one_code"),
    # -- sheets and columns
    N_("unknown_sheet"),
    N_("empty_sheet"),
    N_("unknown_column"),
    N_("ignored_column"),
    N_("unknown_column_suggest"),
    N_("unknown_column_data"),
    N_("unknown_column_data_suggest"),
    N_("duplicate_column"),
    N_("missing_column"),
    # -- cells and rows (dossier/validate/rows.py)
    N_("required_value"),
    N_("invalid_date"),
    N_("future_date"),
    N_("date_read_as"),
    N_("invalid_date_suggest"),
    N_("invalid_time"),
    N_("invalid_datetime"),
    N_("invalid_int"),
    N_("invalid_coordinate"),
    N_("invalid_bool"),
    N_("unknown_term_suggest"),
    N_("unknown_term"),
    N_("unknown_term_candidates"),
    N_("invalid_count"),
    N_("invalid_rio"),
    N_("invalid_sha256"),
    N_("invalid_url"),
    N_("invalid_text"),
    N_("text_too_long"),
    N_("bidi_control"),
    N_("mixed_encoding"),
    N_("invalid_id"),
    N_("default_confidentiality"),
    N_("missing_summary"),
    N_("minor_age_mismatch"),
    N_("act_forces_pair"),
    N_("act_forces_act_not_recorded"),
    N_("act_forces_force_not_recorded"),
    N_("duplicate_id"),
    N_("unknown_reference"),
    # -- interviews and quotes (dossier/validate/interviews.py)
    N_("interview_before_incident"),
    N_("letter_before_incident"),
    N_("quote_person_missing"),
    N_("quote_person_not_in_interview"),
    N_("quote_incident_missing"),
    N_("quote_incident_not_in_interview"),
    N_("legacy_interview_columns"),
    N_("legacy_interview_before_incident"),
    N_("evidence_path_escapes"),
    N_("evidence_folder_link"),
    # -- identities where a dossier would print them (dossier/validate/identities.py)
    N_("legal_name_in_text"),
    N_("contact_in_text"),
    N_("weak_pseudonym_shares_name"),
    N_("weak_pseudonym_same_initials"),
    N_("observer_identifiable"),
    # -- pseudonyms close to the legal name (dossier/validate/pseudonyms.py)
    N_("pseudonym_shares_first_name"),
    N_("pseudonym_shares_initials"),
    # -- nationalities (dossier/schema/nationalities.py)
    N_("nationality_read_as"),
    N_("nationality_unknown"),
    N_("evidence_file_missing"),
    N_("evidence_unreadable"),
    N_("sha256_mismatch"),
    N_("invalid_range"),
    N_("evidence_without_source"),
    # -- pièce numbers and timecodes (dossier/validate/rows.py, check_piece_numbers)
    N_("piece_number_zero"),
    N_("piece_number_duplicate"),
    N_("piece_number_missing"),
    N_("timecode_invalid"),
    # -- completeness (dossier/validate/completeness.py)
    N_("completeness_no_force"),
    N_("completeness_injuries_without_certificate"),
    N_("completeness_certificate_without_itt"),
    N_("completeness_victim_without_art8"),
    N_("completeness_mandate_from_minor"),
    N_("completeness_flagrance_too_long"),
    N_("completeness_no_proceedings"),
    N_("completeness_rio_missing"),
    N_("completeness_limitation_near"),
    N_("completeness_limitation_past"),
    N_("completeness_limitation_near_extended"),
    N_("completeness_limitation_past_extended"),
    N_("completeness_limitation_suspension_running"),
    N_("completeness_limitation_suspension_began"),
    N_("completeness_limitation_imprecise"),
    N_("completeness_limitation_unverified"),
    N_("completeness_exhibit_not_cited"),
    N_("completeness_testimony_without_date"),
    # -- dates after the signature (dossier/validate/signature_dates.py)
    N_("date_after_signature"),
    N_("completeness_year_only"),
    N_("completeness_detention_regime"),
    # -- KoboToolbox exports (dossier/input/kobo.py)
    N_("kobo_not_approved"),
    N_("kobo_orphan_row"),
    N_("kobo_media_not_found"),
    N_("kobo_media_ambiguous"),
    # -- the spreadsheet template's example rows (dossier/input/template_rows.py)
    N_("template_example_row"),
)

#: Labels of the terminal report and of the progress display.
LABEL_KEYS: tuple[str, ...] = (
    # -- the validation report (dossier/validate/validation_report.py)
    N_("severity"),
    N_("error"),
    N_("warning"),
    N_("file"),
    N_("sheet"),
    N_("row"),
    N_("column"),
    N_("value"),
    N_("problem"),
    N_("title"),
    N_("reconcile"),
    N_("summary_ok"),
    N_("summary_bad"),
    # -- the progress display's step names (dossier/cli/display.py): a step's first word, or
    # all of it
    N_("progress_validate"),
    N_("progress_open"),
    N_("progress_read"),
    N_("progress_check"),
    N_("progress_hash_evidence"),
    N_("progress_render"),
    N_("progress_outputs"),
    N_("progress_typeset"),
    N_("progress_write"),
    N_("progress_built"),
    N_("progress_cached"),
    N_("progress_total"),
    N_("progress_unit_rows"),
    N_("progress_unit_files"),
    N_("progress_unit_bytes"),
)


class _Bilingual(MutableMapping[str, dict[str, str]]):
    """Keys mapped to their texts, ``{"fr": …, "en": …}``, read from the catalogs.

    A text set here (``MESSAGES[key] = {"fr": …, "en": …}``) is told instead of the catalog's,
    as when these were plain dictionaries; deleting it brings the catalog's back.
    """

    def __init__(self, keys: Sequence[str]) -> None:
        self._keys = list(keys)
        self._known = set(keys)
        self.overrides: dict[str, dict[str, str]] = {}

    def __getitem__(self, key: str) -> dict[str, str]:
        if key in self.overrides:
            return dict(self.overrides[key])
        if key not in self._known:
            raise KeyError(key)
        return {lang: template(key, lang) for lang in LANGUAGES}

    def __setitem__(self, key: str, texts: dict[str, str]) -> None:
        if key not in self._known:
            self._keys.append(key)
            self._known.add(key)
        self.overrides[key] = dict(texts)

    def __delitem__(self, key: str) -> None:
        if key not in self._known:
            raise KeyError(key)
        if key in self.overrides:
            del self.overrides[key]
        else:
            self._keys.remove(key)
            self._known.discard(key)

    def __contains__(self, key: object) -> bool:
        return key in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._keys))

    def __len__(self) -> int:
        return len(self._keys)


MESSAGES: MutableMapping[str, dict[str, str]] = _Bilingual(PROBLEM_KEYS)
LABELS: MutableMapping[str, dict[str, str]] = _Bilingual(LABEL_KEYS)


def _text(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang``: a text set in MESSAGES or LABELS, else the catalog's."""
    for table in (MESSAGES, LABELS):
        if isinstance(table, _Bilingual) and key in table.overrides:
            return table.overrides[key]["fr" if lang == "fr" else "en"]
    return template(key, lang)


def french_spacing(text: str) -> str:
    """Put the no-break spaces French typography wants before « ; : ? ! » and inside guillemets."""
    for plain, fixed in (
        (" :", "\u00a0:"),
        (" ;", "\u202f;"),
        (" ?", "\u202f?"),
        (" !", "\u202f!"),
        ("« ", "«\u202f"),
        (" »", "\u202f»"),
    ):
        text = text.replace(plain, fixed)
    return text


def message(key: str, lang: str, /, **params: object) -> str:
    """The message ``key`` in ``lang`` ("fr" or "en"), filled in with ``params``.

    A parameter that is itself a :class:`Message` is told in ``lang`` too; a list or tuple of
    them is told item by item, separated by semicolons.
    """
    return _fill(_text(key, lang), lang, params)


def plural_message(key: str, plural_key: str, count: int, lang: str, /, **params: object) -> str:
    """The message ``key`` in the form ``count`` takes in ``lang``, filled in with ``params``
    (``count`` among them). ``plural_key`` names the plural in the catalogs' source."""
    params.setdefault("count", count)
    return _fill(plural_template(key, plural_key, count, lang), lang, params)


def _fill(text: str, lang: str, params: dict[str, object]) -> str:
    values = {name: _in_language(value, lang) for name, value in params.items()}
    if lang == "fr":
        # Spacing is fixed in the template only, so values are printed exactly as given.
        return french_spacing(text).format(**values)
    return text.format(**values)


def _in_language(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        return listing(value, lang)
    return value


def listing(items: Sequence[object], lang: str) -> str:
    """Items (messages told in ``lang``) separated by semicolons, spaced the French way in
    French."""
    separator = "\u202f; " if lang == "fr" else "; "
    return separator.join(str(_in_language(item, lang)) for item in items)


class Message(str):
    """A message key and its parameters, told in French or English when it is shown.

    As a ``str`` it is the English text (what logs, tracebacks and tests read); :meth:`text`
    tells it in the user's language. Lists of notes and problems hold these, so the edge (the
    command line, the preview page) prints each in the language asked for.
    """

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, /, **params: object) -> Self:
        self = super().__new__(cls, message(key, "en", **params))
        self.key = key
        self.params = params
        return self

    def text(self, lang: str) -> str:
        return message(self.key, lang, **self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        # Notes travel back from worker processes: rebuilt from the key, not the English text.
        return (_rebuild_message, (self.key, self.params))


def _rebuild_message(key: str, params: dict[str, object]) -> Message:
    return Message(key, **params)


# Why the system refused a file or network operation, for the failures users meet: the English
# words are the C library's own.
_OS_REASONS = {
    errno.ENOSPC: N_("os.no_space"),
    errno.EDQUOT: N_("os.quota"),
    errno.EACCES: N_("os.permission_denied"),
    errno.EPERM: N_("os.not_permitted"),
    errno.EROFS: N_("os.read_only"),
    errno.ENOENT: N_("os.no_such_file"),
    errno.EISDIR: N_("os.is_a_directory"),
    errno.ENOTDIR: N_("os.not_a_directory"),
    errno.EEXIST: N_("os.file_exists"),
    errno.EADDRINUSE: N_("os.address_in_use"),
}


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, as a :class:`Message` when it is a common reason, else the
    system's own words."""
    key = _OS_REASONS.get(error.errno or 0)
    return Message(key) if key else (error.strerror or str(error))


def in_language(text: str, lang: str) -> str:
    """``text`` told in ``lang`` when it is a :class:`Message`, as it is otherwise."""
    return text.text(lang) if isinstance(text, Message) else text


def label(key: str, lang: str) -> str:
    """A label of the report, as written (no French spacing added)."""
    return _text(key, lang)


def phrase(key: str, lang: str, /, **params: str) -> str:
    """A piece of a dossier's own text (a date phrase, a subject), filled in as written: the
    dossier's typography is the templates' business, not the messages'."""
    return _text(key, lang).format(**params)


def default_language() -> str:
    """French when the user's locale is French, English otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return "fr" if current.lower().startswith("fr") else "en"


# "built ddd-fr.pdf (2/4)": the renderer appends the count to the message; a display shows
# the count in its own column.
_COUNT_SUFFIX = re.compile(r"\s*\(\d+/\d+\)$")


def step_label(text: str, lang: str) -> str:
    """A step's message in the user's language: its first word (the verb) is translated.

    "typeset ddd-fr.pdf" reads "composition ddd-fr.pdf" in French; a verb without a
    translation is shown as it is.
    """
    text = _COUNT_SUFFIX.sub("", str.__str__(text))
    phrase = f"progress_{text.replace(' ', '_')}"
    if phrase in LABELS:
        return label(phrase, lang)
    verb, _, rest = text.partition(" ")
    if f"progress_{verb}" in LABELS:
        verb = label(f"progress_{verb}", lang)
    return f"{verb} {rest}".strip()
