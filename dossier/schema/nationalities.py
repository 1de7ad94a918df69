"""Nationalities as a vocabulary: an English and a French label, the French one agreeing in gender.

A persons sheet says « Sudanese », « soudanaise », « Soudan » or « sudanese »: each is read as the
same nationality, printed « Sudanese » in English and « soudanais » / « soudanaise » in French,
following the person's gender. The code (``sudanese``) is what a new workbook may write; every
English and French spelling of the table below, and the country's name, reads too. A value the
table does not know is never refused: it is printed as typed, marked as untranslated, and
validation says so (``nationality_unknown``); a value read from another spelling than the
vocabulary's own (a country's name, another case) is told how it was read
(``nationality_read_as``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dossier.schema.header_keys import fold_key


@dataclass(frozen=True)
class Nationality:
    """One nationality: its code, its English adjective, its French masculine and feminine ones."""

    code: str
    en: str
    fr_masculine: str
    fr_feminine: str
    countries: tuple[str, ...] = ()

    def adjective(self, lang: str, *, feminine: bool = False) -> str:
        """The adjective in ``lang`` (French: agreeing with a feminine or masculine noun)."""
        if lang != "fr":
            return self.en
        return self.fr_feminine if feminine else self.fr_masculine

    def label(self, lang: str, gender: str | None) -> str:
        """The nationality said of a person of ``gender`` (a GENDER code): « soudanaise » for a
        woman, « soudanais » for a man; when the gender is neither, French agrees with
        « nationalité »: « de nationalité soudanaise »."""
        if lang != "fr":
            return self.en
        if gender == "man":
            return self.fr_masculine
        if gender == "woman":
            return self.fr_feminine
        return f"de nationalité {self.fr_feminine}"

    @property
    def spellings(self) -> tuple[str, ...]:
        """What a cell may write: the code, the three adjectives, the countries' names."""
        return (self.code, self.en, self.fr_masculine, self.fr_feminine, *self.countries)


# code | English | French masculine | French feminine | countries and other spellings (English and
# French; a line starting with « + » goes on with the spellings of the line above). Groups of
# people named by a people and a country (« Iraqi Kurdish ») come before the
# people alone.
_TABLE = """
eritrean | Eritrean | érythréen | érythréenne | Eritrea, Érythrée, Erythréen, Erythréenne
ethiopian | Ethiopian | éthiopien | éthiopienne | Ethiopia, Éthiopie, Ethiopien, Ethiopienne
sudanese | Sudanese | soudanais | soudanaise | Sudan, Soudan
south_sudanese | South Sudanese | sud-soudanais | sud-soudanaise | South Sudan, Soudan du Sud
afghan | Afghan | afghan | afghane | Afghanistan
syrian | Syrian | syrien | syrienne | Syria, Syrie
iraqi | Iraqi | irakien | irakienne | Iraq, Irak
iraqi_kurdish | Iraqi Kurdish | kurde irakien | kurde irakienne | Iraqi Kurd, Kurd from Iraq
  + Kurdish (Iraq), Kurde d'Irak, Kurde (Irak), Kurdistan irakien, Iraqi Kurdistan
iranian_kurdish | Iranian Kurdish | kurde iranien | kurde iranienne | Iranian Kurd, Kurd from Iran
  + Kurdish (Iran), Kurde d'Iran, Kurde (Iran)
kurdish | Kurdish | kurde | kurde | Kurd, Kurdistan
iranian | Iranian | iranien | iranienne | Iran
pakistani | Pakistani | pakistanais | pakistanaise | Pakistan
somali | Somali | somalien | somalienne | Somalia, Somalie, Somalian
egyptian | Egyptian | égyptien | égyptienne | Egypt, Égypte, Egypte
libyan | Libyan | libyen | libyenne | Libya, Libye
chadian | Chadian | tchadien | tchadienne | Chad, Tchad
yemeni | Yemeni | yéménite | yéménite | Yemen, Yémen
kuwaiti | Kuwaiti | koweïtien | koweïtienne | Kuwait, Koweït
palestinian | Palestinian | palestinien | palestinienne | Palestine
albanian | Albanian | albanais | albanaise | Albania, Albanie
vietnamese | Vietnamese | vietnamien | vietnamienne | Vietnam, Viet Nam, Viêt Nam
guinean | Guinean | guinéen | guinéenne | Guinea, Guinée
malian | Malian | malien | malienne | Mali
ivorian | Ivorian | ivoirien | ivoirienne | Côte d'Ivoire, Ivory Coast
nigerian | Nigerian | nigérian | nigériane | Nigeria, Nigéria
cameroonian | Cameroonian | camerounais | camerounaise | Cameroon, Cameroun
algerian | Algerian | algérien | algérienne | Algeria, Algérie
moroccan | Moroccan | marocain | marocaine | Morocco, Maroc
tunisian | Tunisian | tunisien | tunisienne | Tunisia, Tunisie
bangladeshi | Bangladeshi | bangladais | bangladaise | Bangladesh
indian | Indian | indien | indienne | India, Inde
french | French | français | française | France
british | British | britannique | britannique | United Kingdom, UK, Royaume-Uni
belgian | Belgian | belge | belge | Belgium, Belgique
german | German | allemand | allemande | Germany, Allemagne
stateless | Stateless | apatride | apatride | apatridie, statelessness
"""


def _read_table() -> tuple[Nationality, ...]:
    rows: list[list[str]] = []
    for line in _TABLE.strip().splitlines():
        if line.lstrip().startswith("+"):
            rows[-1][-1] += "," + line.lstrip()[1:]
        else:
            rows.append([part.strip() for part in line.split("|")])
    made = []
    for code, english, masculine, feminine, others in rows:
        countries = tuple(name.strip() for name in others.split(",") if name.strip())
        made.append(Nationality(code, english, masculine, feminine, countries))
    return tuple(made)


NATIONALITIES: tuple[Nationality, ...] = _read_table()
BY_CODE: dict[str, Nationality] = {item.code: item for item in NATIONALITIES}


@functools.cache
def _by_key() -> dict[str, Nationality]:
    index: dict[str, Nationality] = {}
    for item in NATIONALITIES:
        for spelling in item.spellings:
            index.setdefault(fold_key(spelling), item)
    return index


@dataclass(frozen=True)
class NationalityReading:
    """How a persons sheet's nationality cell was read.

    ``nationality`` is None when the table does not know the value (it is then printed as typed,
    as untranslated); ``exact`` is True when the cell wrote the code or one of the labels exactly
    as the vocabulary spells them (nothing to tell), False when it was read from another spelling
    (a country's name, another case or accents).
    """

    text: str
    nationality: Nationality | None
    exact: bool


def read_nationality(text: str) -> NationalityReading:
    """The nationality a cell names (« Sudanese », « soudanaise », « Soudan », ``sudanese``)."""
    stripped = " ".join(text.split())
    found = _by_key().get(fold_key(stripped))
    if found is None:
        return NationalityReading(stripped, None, False)
    exact = stripped in (found.code, found.en, found.fr_masculine, found.fr_feminine)
    return NationalityReading(stripped, found, exact)


def nationality_label(text: str | None, lang: str, gender: str | None) -> str | None:
    """The nationality of a person of ``gender`` as an edition in ``lang`` prints it, or None when
    the table does not know it (the caller prints it as typed, marked untranslated)."""
    if not text:
        return None
    reading = read_nationality(text)
    if reading.nationality is None:
        return None
    return reading.nationality.label(lang, gender)
