"""Nationalities as a vocabulary (dossier/schema/nationalities.py): every spelling a log uses is
read, each edition says it in its language, French agrees with the person; old free text is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from test_language_editions import write_workbook

from dossier.assemble.people import person_about, person_nationality
from dossier.i18n.typography import MixedText, UntranslatedText
from dossier.schema.nationalities import NATIONALITIES, nationality_label, read_nationality
from dossier.schema.records import Person


def person(nationality: str | None, gender: str | None = "man", age: int | None = 24) -> Person:
    return Person(id="P-1", pseudonym="Abel N.", nationality=nationality, gender=gender, age=age)


@pytest.mark.parametrize(
    "typed",
    ["Sudanese", "sudanese", "soudanais", "Soudanaise", "SOUDAN", "Sudan", " soudanais  "],
)
def test_every_spelling_reads_as_the_same_nationality(typed: str) -> None:
    found = read_nationality(typed).nationality
    assert found is not None and found.code == "sudanese"


@pytest.mark.parametrize(
    "typed", ["Iraqi Kurdish", "kurde irakien", "Kurde irakienne", "Iraqi Kurd", "Kurde (Irak)"]
)
def test_a_people_and_a_country_read_as_one_nationality(typed: str) -> None:
    found = read_nationality(typed).nationality
    assert found is not None and found.code == "iraqi_kurdish"


def test_labels_follow_the_edition_language_and_agree_in_french() -> None:
    assert nationality_label("Sudanese", "fr", "man") == "soudanais"
    assert nationality_label("Sudanese", "fr", "woman") == "soudanaise"
    assert nationality_label("soudanaise", "en", "woman") == "Sudanese"
    assert nationality_label("Iraqi Kurdish", "fr", "woman") == "kurde irakienne"
    assert nationality_label("Sudanese", "fr", None) == "de nationalité soudanaise"
    assert nationality_label("Bidoon", "fr", "man") is None


def test_every_nationality_has_distinct_spellings() -> None:
    seen: dict[str, str] = {}
    for item in NATIONALITIES:
        for spelling in item.spellings:
            key = spelling.casefold()
            assert seen.setdefault(key, item.code) == item.code, spelling


def test_person_descriptions_use_the_vocabulary() -> None:
    assert person_about(person("soudanais"), "en") == "24-year-old Sudanese man"
    assert person_about(person("Sudanese", "woman"), "fr") == "Soudanaise de 24\u00a0ans"
    assert (
        person_about(person("Iraqi Kurdish", "man", 16), "fr")
        == "garçon kurde irakien de 16\u00a0ans"
    )
    assert person_nationality(person("Eritrean", "woman"), "fr") == "érythréenne"


def test_an_unknown_nationality_is_kept_and_marked_untranslated() -> None:
    kept = person_nationality(person("Bidoon"), "en")
    assert isinstance(kept, UntranslatedText) and kept == "Bidoon" and kept.text_lang == "und"
    about = person_about(person("Bidoon"), "fr")
    assert isinstance(about, MixedText) and about == "homme de 24\u00a0ans (Bidoon)"
    assert '<span class="untranslated">(non traduit)</span>' in about.marked()


def test_validation_tells_how_old_free_text_was_read_and_never_refuses_it(tmp_path: Path) -> None:
    data = write_workbook(tmp_path / "data", account_fr="Récit.", account_en="Account.")
    persons = (data / "persons.csv").read_text(encoding="utf-8")
    (data / "persons.csv").write_text(persons.replace("Sudanese", "Soudan"), encoding="utf-8")
    result = run_cli(["validate", str(data), "--lang", "en", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"nationality_read_as"' in result.output
    assert "nationality read as “Sudanese” (French « soudanais »)" in result.output
    assert "write the code “sudanese”" in result.output
    # The vocabulary's own spellings need no word.
    (data / "persons.csv").write_text(persons, encoding="utf-8")
    result = run_cli(["validate", str(data), "--lang", "en", "--format", "json"])
    assert "nationality_" not in result.output
