"""Generate the committed sample data in ``sample_data/``.

Everything written here is invented: people, names, phone numbers, references and incidents.
The places are real towns of the Calais coast; what happens in them is fiction written in the
sober tone of a real incident log, so the tool can be tested and demonstrated on it.

The script is deterministic: no randomness, no clock. Running it twice gives byte-identical
files (the XLSX zip entries carry fixed dates and are stored uncompressed, so the bytes do not
depend on the zlib build either).

    python tools/make_sample_data.py            # rewrite sample_data/
    python tools/make_sample_data.py --out DIR  # write elsewhere (e.g. to compare two runs)

Column headers, sheet names and vocabulary labels are taken from ``dossier.schema.fields`` and
``dossier.schema.vocab`` so they cannot drift from what the loader expects.
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import hashlib
import io
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sample_testimony import (  # noqa: E402
    build_correspondence,
    build_interviews,
    build_quotes,
    clear_person_interview_columns,
)

from dossier.schema import vocab  # noqa: E402
from dossier.schema.fields import (  # noqa: E402
    CORRESPONDENCE,
    EVIDENCE,
    INCIDENTS,
    INTERVIEWS,
    PERSONS,
    PROCEEDINGS,
    QUOTES,
    Field,
    Kind,
    SheetSpec,
)
from dossier.schema.header_keys import column_letter, fold_key  # noqa: E402
from dossier.schema.nationalities import read_nationality  # noqa: E402
from dossier.validate.identities import pseudonym_weakness  # noqa: E402
from dossier.validate.pseudonyms import pseudonym_closeness  # noqa: E402

# The association's name, as the config's [organisation] name (a proper name, the same in both
# languages: the files that print it say elsewhere that it is fictional).
FILER = "Observatoire citoyen du littoral"
# Every timestamp written into a file is this one (XLSX properties) or the zip epoch.
FIXED_TIMESTAMP = dt.datetime(2016, 11, 30, 12, 0, 0)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# The newest date the data may hold: the data set stops with the end of the Calais camp.
LATEST_DATE = dt.date(2017, 12, 31)

Record = dict[str, Any]

# --------------------------------------------------------------------------------------------
# Places: commune, free description, location type, approximate coordinates.
# --------------------------------------------------------------------------------------------

PLACES: dict[str, tuple[str, str, str, float, float]] = {
    "cal_squat_dunes": (
        "Calais",
        "squat d'un entrepôt désaffecté, zone industrielle des Dunes",
        "camp",
        50.9634,
        1.8906,
    ),
    "cal_squat_tioxide": (
        "Calais",
        "campement près de l'ancienne usine Tioxide",
        "camp",
        50.9612,
        1.8931,
    ),
    "cal_salam": (
        "Calais",
        "lieu de distribution des repas, quai de la Moselle",
        "distribution_site",
        50.9593,
        1.8561,
    ),
    "cal_distrib_centre": (
        "Calais",
        "distribution de repas improvisée, centre-ville",
        "distribution_site",
        50.9574,
        1.8527,
    ),
    "cal_jules_ferry": (
        "Calais",
        "abords du centre Jules Ferry, file d'attente du repas",
        "distribution_site",
        50.9668,
        1.8952,
    ),
    "cal_jungle": ("Calais", "campement de la Lande, chemin des Dunes", "camp", 50.9663, 1.8877),
    "cal_jungle_south": ("Calais", "zone sud du campement de la Lande", "camp", 50.9650, 1.8850),
    "cal_jungle_road": (
        "Calais",
        "chemin des Dunes, à l'entrée du campement",
        "street",
        50.9648,
        1.8842,
    ),
    "cal_station": ("Calais", "parvis de la gare de Calais-Ville", "station", 50.9535, 1.8512),
    "cal_centre": ("Calais", "centre-ville, place d'Armes", "street", 50.9581, 1.8505),
    "cal_port_road": (
        "Calais",
        "boulevard en direction du port",
        "street",
        50.9640,
        1.8560,
    ),
    "cal_parc": ("Calais", "parc Richelieu", "other", 50.9534, 1.8589),
    "cal_port": ("Calais", "port de Calais, abords du terminal ferry", "port", 50.9656, 1.8699),
    "cal_port_controls": (
        "Calais",
        "port de Calais, zone des contrôles juxtaposés",
        "port",
        50.9671,
        1.8745,
    ),
    "cal_rocade": ("Calais", "rocade portuaire (A216)", "motorway", 50.9557, 1.8898),
    "cal_beach": ("Calais", "plage de Calais, à l'ouest du port", "beach", 50.9685, 1.8420),
    "cal_commissariat": ("Calais", "commissariat de Calais", "police_station", 50.9487, 1.8583),
    "cal_bois": ("Calais", "bois Dubrulle, près du centre Jules Ferry", "woods", 50.9637, 1.9008),
    "coq_fence": ("Coquelles", "clôtures du terminal Eurotunnel", "tunnel_site", 50.9283, 1.8119),
    "coq_cra": (
        "Coquelles",
        "centre de rétention administrative de Coquelles",
        "detention_centre",
        50.9302,
        1.8073,
    ),
    "coq_hotel_police": (
        "Coquelles",
        "hôtel de police de Coquelles",
        "police_station",
        50.9309,
        1.8061,
    ),
    "san_beach": ("Sangatte", "plage de Sangatte", "beach", 50.9452, 1.7541),
    "san_tunnel": (
        "Sangatte",
        "chemin rural longeant le site Eurotunnel",
        "tunnel_site",
        50.9336,
        1.7832,
    ),
    "mar_lorry": (
        "Marck",
        "aire de stationnement des poids lourds le long de l'A16",
        "motorway",
        50.9489,
        1.9512,
    ),
    "gs_basroch": ("Grande-Synthe", "campement du Basroch", "camp", 51.0078, 2.3046),
    "gs_basroch_entrance": (
        "Grande-Synthe",
        "rue menant au campement du Basroch",
        "street",
        51.0102,
        2.3011,
    ),
    "gs_puythouck": ("Grande-Synthe", "bois du Puythouck", "woods", 51.0106, 2.2857),
    "gs_liniere": ("Grande-Synthe", "camp de la Linière", "camp", 51.0018, 2.2889),
    "gs_street": (
        "Grande-Synthe",
        "abords du centre commercial",
        "street",
        51.0139,
        2.3021,
    ),
    "dk_station": ("Dunkerque", "gare de Dunkerque", "station", 51.0306, 2.3683),
    "dk_commissariat": (
        "Dunkerque",
        "commissariat de Dunkerque",
        "police_station",
        51.0341,
        2.3779,
    ),
    "dk_port": ("Dunkerque", "port de Dunkerque, quais de chargement", "port", 51.0402, 2.3389),
    "dk_parking": (
        "Dunkerque",
        "parking d'un supermarché, quartier de Petite-Synthe",
        "other",
        51.0262,
        2.3290,
    ),
    "lp_camp": (
        "Loon-Plage",
        "campement dans un bois près du canal",
        "camp",
        50.9974,
        2.2218,
    ),
    "lp_lorry": (
        "Loon-Plage",
        "aire des poids lourds près de l'échangeur de l'A16",
        "motorway",
        50.9931,
        2.2106,
    ),
}

# --------------------------------------------------------------------------------------------
# Persons. Legal names are made of invented syllables; phone numbers are in the unassigned
# +33 6 00 00 range; e-mail addresses are at example.org. A pseudonym has nothing of its
# person's legal name, neither a first name nor the initials in any order (a sample teaches
# what a good log looks like: "Claire V." for a legal name "V… C…" re-identifies her).
# --------------------------------------------------------------------------------------------

PERSON_COLUMNS = [
    "id",
    "pseudonym",
    "roles",
    "age",
    "gender",
    "nationality",
    "languages",
    "legal_name",
    "contact",
    "art8_status",
    "publication_consent",
    "interview_date",
    "interview_place",
    "interview_mode",
    "interview_language",
    "interpreter",
]

# fmt: off
PERSON_ROWS: list[tuple[Any, ...]] = [
    ("P-001", "Abel N.", "victim", 24, "man", "Eritrean", "Tigrinya; English",
     "Temarezgi Obalkonet", "+33 6 00 00 10 01", "consented", "anonymised",
     "2015-06-30", "Calais", "individual", "Tigrinya", True),
    ("P-002", "ሰላም ተ.", "victim", 19, "woman", "Eritrean", "Tigrinya; Arabic",
     "ዘረማይ ቀልዳሞሪ", "+33 6 00 00 10 02", "consented", "anonymised",
     "2016-03-04", "Calais", "group", "Tigrinya", True),
    ("P-003", "Yonas H.", "victim; witness", 31, "man", "Eritrean", "Tigrinya; Arabic; English",
     "Tekluzami Berhanolo", "+33 6 00 00 10 03", "informed_no_objection", "anonymised",
     "2015-04-05", "Calais", "individual", "English", False),
    ("P-004", "Filmon G.", "victim", 22, "man", "Eritrean", "Tigrinya",
     "Weldarisu Neguzzomi", "+33 6 00 00 10 04", "consented", "anonymised",
     "2015-06-30", "Calais", "group", "Tigrinya", True),
    ("P-005", "Merhawi K.", "victim", 16, "man", "Eritrean", "Tigrinya",
     "Habtozeli Yemanurdo", "+33 6 00 00 10 05", "informed_no_objection", "anonymised",
     "2016-10-03", "Calais", "individual", "Tigrinya", True),
    ("P-006", "Senait B.", "victim", 27, "woman", "Eritrean", "Tigrinya; Arabic",
     "Ghidelmaro Tsegavurni", "", "unreachable", "anonymised",
     "2015-04-03", "Calais", "individual", "Arabic", True),
    ("P-007", "Dawit M.", "victim; source", 35, "man", "Eritrean", "Tigrinya; Amharic; English",
     "Asfurakeni Lemmozaro", "+33 6 00 00 10 07; lemmozaro.a@example.org", "consented",
     "anonymised", "2016-09-15", "Calais", "telephone", "English", False),
    ("P-008", "Adam I.", "victim", 28, "man", "Sudanese", "Arabic",
     "Osmarulki Barrazenti", "+33 6 00 00 10 08", "unreachable", "none",
     "2014-06-20", "Calais", "group", "Arabic", True),
    ("P-009", "Mohamed Y.", "victim", 33, "man", "Sudanese", "Arabic; English",
     "Elturabeni Sakkavoldi", "+33 6 00 00 10 09", "consented", "anonymised",
     "2014-11-05", "Calais", "individual", "Arabic", True),
    ("P-010", "Ibrahim S.", "victim; witness", 21, "man", "Sudanese", "Arabic; English",
     "Nurravelki Osmandabro", "+33 6 00 00 10 10", "consented", "anonymised",
     "2015-02-05", "Calais", "individual", "English", False),
    ("P-011", "عمر ح.", "victim", 26, "man", "Sudanese", "Arabic",
     "زوراك بيتالونيم", "+33 6 00 00 10 11", "informed_no_objection", "anonymised",
     "2014-12-15", "Calais", "individual", "Arabic", True),
    ("P-012", "Yousif A.", "victim", 17, "man", "Sudanese", "Arabic",
     "Hammadurso Tijanelko", "+33 6 00 00 10 12", "consented", "anonymised",
     "2015-11-02", "Calais", "individual", "Arabic", True),
    ("P-013", "Hamid K.", "victim", 38, "man", "Sudanese", "Arabic; French",
     "Widdalunor Ezzobrani", "+33 6 00 00 10 13", "refused", "none",
     "2015-12-28", "Calais", "individual", "French", False),
    ("P-014", "Bilal E.", "victim", 25, "man", "Sudanese", "Arabic",
     "", "", "not_identified", "none",
     "", "", "", "", None),
    ("P-015", "Ahmad Z.", "victim", 23, "man", "Afghan", "Pashto; Dari; English",
     "Qurbanelto Hesmaruki", "+33 6 00 00 10 15", "consented", "anonymised",
     "2014-10-08", "Calais", "individual", "Pashto", True),
    ("P-016", "Najib R.", "victim", 15, "man", "Afghan", "Pashto",
     "Faridekzo Ulmastavi", "+33 6 00 00 10 16", "informed_no_objection", "anonymised",
     "2016-10-28", "Calais", "individual", "Pashto", True),
    ("P-017", "فرید ک.", "victim", 29, "man", "Afghan", "Dari",
     "ژاوین کورامبلو", "+33 6 00 00 10 17", "consented", "anonymised",
     "2015-10-20", "Calais", "individual", "Dari", True),
    ("P-018", "Rahmatullah S.", "victim", 34, "man", "Afghan", "Pashto; Dari",
     "Noorzekami Daliventro", "", "unreachable", "anonymised",
     "2016-04-22", "Dunkerque", "telephone", "Pashto", True),
    ("P-019", "Zabihullah M.", "victim", 16, "man", "Afghan", "Pashto; English",
     "Habibzarko Ulfatoren", "+33 6 00 00 10 19", "consented", "anonymised",
     "2016-10-29", "Calais", "individual", "Pashto", True),
    ("P-020", "Sohrab J.", "victim", 20, "man", "Afghan", "Dari; English",
     "Ghaffurneli Ebbadrozi", "+33 6 00 00 10 20", "informed_no_objection", "anonymised",
     "2014-10-08", "Calais", "group", "Dari", True),
    ("P-021", "Reza M.", "victim", 30, "man", "Iranian", "Persian; English",
     "Farzokelan Tavvaduri", "+33 6 00 00 10 21; tavvaduri.f@example.org", "consented",
     "anonymised", "2015-02-21", "Calais", "individual", "Persian", True),
    ("P-022", "کیان ب.", "victim", 25, "man", "Iranian", "Persian",
     "پرناک زولومیری", "+33 6 00 00 10 22", "informed_no_objection", "anonymised",
     "2015-02-21", "Calais", "group", "Persian", True),
    ("P-023", "Arash T.", "victim", 41, "man", "Iranian", "Persian; English; French",
     "Bekhrozani Moltavesh", "+33 6 00 00 10 23", "consented", "anonymised",
     "2016-08-12", "Calais", "telephone", "English", False),
    ("P-024", "Karwan H.", "victim", 27, "man", "Iraqi Kurdish", "Kurdish; Arabic",
     "Dlozzamiro Selkavunir", "+33 6 00 00 10 24", "consented", "anonymised",
     "2016-09-20", "Grande-Synthe", "individual", "Kurdish", True),
    ("P-025", "Rebin S.", "victim", 24, "man", "Iraqi Kurdish", "Kurdish; English",
     "Hemnorabzi Kottavelin", "+33 6 00 00 10 25", "consented", "anonymised",
     "2015-10-09", "Calais", "individual", "English", False),
    ("P-026", "Shwan A.", "victim", 17, "man", "Iraqi Kurdish", "Kurdish",
     "Baravzelki Nermoduzi", "+33 6 00 00 10 26", "informed_no_objection", "anonymised",
     "2015-10-09", "Calais", "group", "Kurdish", True),
    ("P-027", "Dilan O.", "victim", 32, "woman", "Iraqi Kurdish", "Kurdish; Arabic",
     "Ravezzakun Hemidorla", "+33 6 00 00 10 27", "consented", "anonymised",
     "2016-01-08", "Grande-Synthe", "individual", "Kurdish", True),
    ("P-028", "Hawre M.", "victim; witness", 36, "man", "Iraqi Kurdish", "Kurdish; English",
     "Sorravelki Dabbunazo", "+33 6 00 00 10 28", "unreachable", "anonymised",
     "2016-09-07", "Grande-Synthe", "individual", "Kurdish", True),
    ("P-029", "Tesfaye W.", "victim", 26, "man", "Ethiopian", "Amharic; English",
     "Girmavulto Beyenzaki", "+33 6 00 00 10 29", "consented", "anonymised",
     "2015-07-31", "Calais", "individual", "Amharic", True),
    ("P-030", "Meron D.", "victim", 23, "woman", "Ethiopian", "Amharic",
     "መሮዛቲ ደልኩማሬ", "+33 6 00 00 10 30", "consented", "anonymised",
     "2016-03-04", "Calais", "group", "Amharic", True),
    ("P-031", "Kedir A.", "victim", 19, "man", "Ethiopian", "Amharic; Arabic",
     "Mulluzadek Teshavirno", "+33 6 00 00 10 31", "informed_no_objection", "none",
     "2016-04-02", "Calais", "individual", "Arabic", True),
    ("P-032", "Khaled R.", "victim", 39, "man", "Syrian", "Arabic; English",
     "Sammurelki Obbaduzin", "+33 6 00 00 10 32", "consented", "anonymised",
     "2015-12-10", "Dunkerque", "individual", "English", False),
    ("P-033", "Rami D.", "victim", 22, "man", "Syrian", "Arabic; English",
     "Kazzemoulin Tarbavesh", "+33 6 00 00 10 33", "refused", "none",
     "2016-01-25", "Calais", "individual", "Arabic", True),
    ("P-034", "نور ع.", "victim", 30, "woman", "Syrian", "Arabic",
     "شمرابيت هلوزاني", "+33 6 00 00 10 34", "informed_no_objection", "anonymised",
     "2016-08-29", "Grande-Synthe", "individual", "Arabic", True),
    # Volunteers of the (fictional) association: observers and witnesses.
    ("P-035", "Claire V.", "observer; witness", None, "woman", "", "French; English",
     "Morlanchet Esquevine", "esquevine.morlanchet@example.org", "", "anonymised",
     "", "", "", "", None),
    ("P-036", "Martin D.", "observer", None, "man", "", "French",
     "Parvolinec Gustobrane", "+33 6 00 00 10 36", "", "anonymised",
     "", "", "", "", None),
    ("P-037", "Sophie L.", "observer; witness", None, "woman", "", "French; English; Arabic",
     "Ravinouche Adelmarque", "adelmarque.ravinouche@example.org", "", "anonymised",
     "2015-08-10", "Calais", "individual", "French", False),
    ("P-038", "Tom B.", "witness", 26, "man", "British", "English; French",
     "Hollingsfrew Edwarrick", "+33 6 00 00 10 38", "", "anonymised",
     "2015-07-30", "Calais", "individual", "English", False),
    ("P-039", "Julie P.", "observer; source", None, "woman", "", "French",
     "Carmevoisin Odeletta", "odeletta.carmevoisin@example.org", "", "anonymised",
     "", "", "", "", None),
    ("P-040", "Hugo R.", "observer; witness", None, "man", "", "French; English",
     "Fontebrasque Lisandrel", "+33 6 00 00 10 40", "", "anonymised",
     "", "", "", "", None),
]
# fmt: on


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def build_persons() -> list[Record]:
    persons = []
    for row in PERSON_ROWS:
        raw = dict(zip(PERSON_COLUMNS, row, strict=True))
        persons.append(
            {
                "id": raw["id"],
                "pseudonym": raw["pseudonym"],
                "roles": _split(raw["roles"]),
                "age": raw["age"],
                "minor": None if raw["age"] is None else raw["age"] < 18,
                "gender": raw["gender"],
                "nationality": raw["nationality"] or None,
                "languages": _split(raw["languages"]),
                "legal_name": raw["legal_name"] or None,
                "contact": raw["contact"] or None,
                "art8_status": raw["art8_status"] or None,
                "publication_consent": raw["publication_consent"],
                "interview_date": _date(raw["interview_date"]),
                "interview_place": raw["interview_place"] or None,
                "interview_mode": raw["interview_mode"] or None,
                "interview_language": raw["interview_language"] or None,
                "interpreter": raw["interpreter"],
            }
        )
    return persons


# --------------------------------------------------------------------------------------------
# Incidents. Summaries never name people: pseudonyms belong to the persons sheet, so an edition
# can drop a pseudonym (publication consent "none") without rewriting the story.
# --------------------------------------------------------------------------------------------


def _coordinates(incident_id: str, place: str) -> tuple[float, float]:
    """The place's coordinates moved by up to about 170 metres, derived from the id (no
    randomness), rounded to about 100 metres."""
    _, _, _, lat, lon = PLACES[place]
    digest = hashlib.sha256(incident_id.encode()).digest()
    d_lat = (int.from_bytes(digest[0:2], "big") / 65535 - 0.5) * 0.003
    d_lon = (int.from_bytes(digest[2:4], "big") / 65535 - 0.5) * 0.004
    # Three decimals (about 100 m): where a camp or a squat stood, no closer; a log that holds
    # the exact spot of a shelter holds more than a dossier needs.
    return round(lat + d_lat, 3), round(lon + d_lon, 3)


def incident(
    incident_id: str,
    date: str,
    time: str | None,
    place: str,
    context: str,
    forces: str,
    acts: str,
    *,
    precision: str = "exact",
    units: str = "",
    officers: int | None = None,
    rio: str = "",
    rio_visible: str = "unknown",
    weapons: str = "",
    victims: int | None = None,
    minors: bool | None = False,
    injuries: str | None = None,
    certificate: bool | None = None,
    itt: int | None = None,
    belongings: str = "",
    fr: str | None = None,
    en: str | None = None,
    victim_ids: str = "",
    witness_ids: str = "",
    status: str = "probable",
    conf: str = "restricted",
    by: str = "CV",
    lag: int = 3,
) -> Record:
    commune, place_text, location_type, _, _ = PLACES[place]
    latitude, longitude = _coordinates(incident_id, place)
    counts: dict[str, int | None] = {}
    for item in _split(belongings):
        code, _, count = item.partition(":")
        counts[code] = int(count) if count else None
    day = dt.date.fromisoformat(date)
    if certificate is None and itt is not None:
        certificate = True
    return {
        "id": incident_id,
        "date": day,
        "time": _time(time),
        "date_precision": precision,
        "commune": commune,
        "place": place_text,
        "location_type": location_type,
        "latitude": latitude,
        "longitude": longitude,
        "context": context,
        "forces": _split(forces),
        "units": _split(units),
        "officers": officers,
        "rio": _split(rio),
        "rio_visible": rio_visible,
        "acts": _split(acts),
        "weapons": _split(weapons),
        "victims_count": victims,
        "minors_involved": minors,
        "injuries": injuries,
        "medical_certificate": certificate,
        "itt_days": itt,
        "belongings": counts,
        "summary_fr": fr,
        "summary_en": en,
        "victim_ids": _split(victim_ids),
        "witness_ids": _split(witness_ids),
        "evidence_ids": [],  # filled from the evidence sheet
        "violation_status": status,
        "confidentiality": conf,
        "recorded_by": by,
        "recorded_on": day + dt.timedelta(days=lag),
    }


GAS = "gaz lacrymogène (aérosol)"
GRENADE = "grenade lacrymogène"
LBD = "LBD 40"

# fmt: off
INCIDENT_ROWS: list[Record] = [
    # ------------------------------------------------------------------------------ 2014
    incident(
        "CAL-2014-0017", "2014-06-18", "06:45", "cal_squat_dunes", "eviction",
        "national_police; crs", "eviction; belongings_destroyed; identity_check; arrest",
        units="CRS; commissariat de Calais", officers=60, victims=45, minors=True,
        belongings="blanket:20; clothes:15; documents:3",
        fr="Vers 6 h 45, des policiers et des CRS ont évacué le squat de l'entrepôt où vivaient "
        "une cinquantaine de personnes. Les occupants ont eu quelques minutes pour sortir ; "
        "couvertures, vêtements et trois pièces d'identité restés à l'intérieur ont été jetés "
        "dans une benne. Une quarantaine de personnes, dont plusieurs mineurs, ont été contrôlées "
        "puis conduites au commissariat.",
        en="At about 6:45 a.m., police officers and CRS riot police evicted the warehouse squat "
        "where about fifty people lived. Occupants were given a few minutes to leave; blankets, "
        "clothes and three identity documents left inside were thrown into a skip. About forty "
        "people, several of them minors, were checked and taken to the police station.",
        victim_ids="P-008", witness_ids="P-035", status="probable", conf="public", by="CV",
    ),
    incident(
        "CAL-2014-0023", "2014-07-02", "07:00", "cal_salam", "eviction",
        "crs; national_police", "eviction; tear_gas; belongings_destroyed",
        precision="approximate", units="CRS", officers=120, weapons=GAS, victims=200,
        minors=True, belongings="tent:35; tarpaulin:20; sleeping_bag:40",
        fr="Tôt le matin, le campement installé près du lieu de distribution des repas a été "
        "évacué. Des CRS ont fait usage de gaz lacrymogène contre des personnes qui tardaient à "
        "rassembler leurs affaires. Tentes, bâches et sacs de couchage ont été chargés dans des "
        "camions de nettoyage sans que leurs propriétaires puissent les récupérer.",
        en="Early in the morning, the camp next to the food distribution site was evicted. CRS "
        "officers used tear gas against people who were slow to gather their things. Tents, "
        "tarpaulins and sleeping bags were loaded into cleaning lorries and their owners could "
        "not take them back.",
        witness_ids="P-036; P-039", status="confirmed", conf="public", by="MD",
    ),
    incident(
        "CAL-2014-0041", "2014-08-01", None, "cal_centre", "patrol",
        "national_police", "insults_racism; threats",
        precision="month", victims=3, minors=None,
        fr="Au cours du mois d'août, trois hommes ont rapporté avoir été insultés à plusieurs "
        "reprises par une patrouille lors de leur passage dans le centre-ville. Des propos "
        "racistes et des menaces d'interpellation ont été rapportés. Les dates exactes n'ont "
        "pas pu être établies.",
        status="unverified", conf="restricted", by="JP", lag=40,
    ),
    incident(
        "CAL-2014-0058", "2014-09-14", "22:30", "cal_port", "crossing_port",
        "paf; private_security", "physical_violence; dog; arrest",
        units="PAF; agents de sûreté portuaire", officers=4, rio_visible="no",
        weapons="chien; matraque télescopique", victims=1,
        injuries="morsures au mollet droit, contusions au dos et aux bras", itt=5,
        fr="Vers 22 h 30, des agents de sûreté ont découvert un Soudanais de 21 ans près d'un "
        "camion en attente d'embarquement. Un agent a lâché un chien qui l'a mordu au mollet "
        "alors qu'il était déjà au sol ; des policiers de la PAF l'ont ensuite frappé à coups de "
        "matraque avant de l'interpeller. Il a été relâché dans la nuit sans avoir vu de médecin.",
        en="At about 10:30 p.m., security guards found a 21-year-old Sudanese man next to a "
        "lorry waiting to board. A guard released a dog that bit his calf while he was already "
        "on the ground; border police officers then struck him with batons before arresting him. "
        "He was released during the night without seeing a doctor.",
        victim_ids="P-010", status="confirmed", conf="restricted", by="HR",
    ),
    incident(
        "CAL-2014-0066", "2014-10-05", "16:10", "cal_station", "identity_check",
        "paf", "identity_check; search; belongings_seized; humiliation",
        officers=4, rio="2145873; 0612748", rio_visible="yes", victims=2,
        belongings="phone:2",
        fr="Deux jeunes Afghans attendant un train ont été contrôlés sur le parvis de la gare par "
        "quatre agents de la PAF, dont deux portaient un RIO lisible. Ils ont été fouillés en "
        "public et contraints de retirer leurs chaussures et leur pantalon. Leurs deux téléphones "
        "ont été conservés par les agents et ne leur ont pas été rendus.",
        en="Two young Afghan men waiting for a train were checked in front of the station by "
        "four border police officers, two of whom wore a readable RIO number. They were searched "
        "in public and made to take off their shoes and trousers. The officers kept their two "
        "phones and did not return them.",
        victim_ids="P-015; P-020", status="probable", conf="public", by="SL",
    ),
    incident(
        "CAL-2014-0072", "2014-11-03", "17:40", "cal_parc", "arrest",
        "national_police", "arrest; physical_violence",
        units="BAC", officers=3, weapons="matraque télescopique", victims=1,
        injuries="contusions au dos et à l'épaule", certificate=False,
        en="Three plain-clothes officers arrested a man sitting on a bench in the park. He says "
        "he was pushed to the ground and struck on the back with a telescopic baton although he "
        "did not resist. He was released from the police station two hours later without charge.",
        victim_ids="P-009", status="possible", conf="restricted", by="TB",
    ),
    incident(
        "COQ-2014-0009", "2014-11-20", "02:10", "coq_fence", "crossing_tunnel",
        "private_security; paf", "physical_violence; dog; arrest",
        units="agents de sécurité du terminal; PAF de Coquelles", rio_visible="no",
        weapons="chien", victims=1,
        injuries="morsures à l'avant-bras gauche, plaie de l'arcade sourcilière", itt=8,
        fr="Vers 2 h, un homme qui venait de franchir une clôture du terminal a été rattrapé par "
        "des agents de sécurité accompagnés d'un chien. Le chien l'a mordu à l'avant-bras pendant "
        "plusieurs secondes sans que le maître-chien ne le rappelle ; il a reçu un coup au "
        "visage. Remis à la PAF, il a été examiné à l'hôpital le lendemain.",
        en="At about 2 a.m., a man who had just climbed a fence of the terminal was caught by "
        "security guards with a dog. The dog bit his forearm for several seconds before the "
        "handler called it off; he was hit in the face. He was handed over to the border police "
        "and seen at hospital the next day.",
        victim_ids="P-024", status="probable", conf="confidential", by="HR",
    ),
    incident(
        "CAL-2014-0079", "2014-12-11", "23:00", "cal_commissariat", "custody",
        "national_police", "detention; denial_of_care; insults_racism",
        victims=1, injuries="douleurs à la main droite, non examinées pendant la garde à vue",
        fr="Placé en garde à vue après un contrôle, un homme a demandé à plusieurs reprises à voir "
        "un médecin pour une main enflée. Sa demande n'a pas été transmise avant sa sortie le "
        "lendemain matin. Il rapporte des propos racistes tenus par un agent pendant la nuit.",
        en="Held in police custody after a check, a man asked several times to see a doctor "
        "about a swollen hand. His request was not passed on before his release the next "
        "morning. He reports racist remarks by an officer during the night.",
        victim_ids="P-011", status="possible", conf="confidential", by="CV",
    ),
    # ------------------------------------------------------------------------------ 2015
    incident(
        "CAL-2015-0003", "2015-01-15", "18:20", "cal_salam", "food_distribution",
        "crs", "tear_gas; obstruction_of_aid",
        units="CRS", officers=12, rio_visible="no", weapons=GAS, victims=30,
        fr="Pendant la distribution du repas du soir, une dizaine de CRS sont arrivés sur le lieu "
        "de distribution et ont pulvérisé du gaz lacrymogène sur les personnes qui faisaient la "
        "queue. La distribution a été interrompue pendant une demi-heure. Aucun agent ne portait "
        "de RIO visible.",
        en="During the evening meal distribution, about ten CRS officers arrived at the site and "
        "sprayed tear gas at people queueing for food. The distribution was interrupted for half "
        "an hour. None of the officers wore a visible RIO number.",
        witness_ids="P-035; P-037", status="confirmed", conf="public", by="SL",
    ),
    incident(
        "CAL-2015-0011", "2015-02-03", "10:30", "cal_commissariat", "other",
        "national_police", "complaint_refused",
        victims=1,
        fr="Accompagné d'une bénévole, un homme s'est présenté au commissariat pour porter plainte "
        "au sujet des violences subies au port en septembre 2014. L'agent d'accueil a refusé "
        "d'enregistrer la plainte au motif qu'il n'avait pas de document d'identité, et lui a "
        "conseillé d'écrire au procureur.",
        en="Accompanied by a volunteer, a man went to the police station to file a complaint "
        "about the violence he suffered at the port in September 2014. The desk officer refused "
        "to register the complaint because he had no identity document and told him to write to "
        "the prosecutor.",
        victim_ids="P-010", witness_ids="P-039", status="probable", conf="restricted", by="JP",
    ),
    incident(
        "MAR-2015-0002", "2015-02-19", "03:40", "mar_lorry", "crossing_lorry",
        "gendarmerie", "physical_violence; tear_gas",
        units="brigade de gendarmerie", officers=3, weapons=GAS, victims=2,
        injuries="irritation oculaire sévère ; contusions aux côtes", itt=3,
        fr="Deux hommes cachés dans la remorque d'un camion stationné sur l'aire ont été "
        "découverts par des gendarmes. Un gendarme a pulvérisé du gaz lacrymogène dans la "
        "remorque avant de leur ordonner de sortir ; l'un d'eux a reçu des coups de pied une "
        "fois à terre. Ils ont été laissés sur le bord de la route.",
        en="Two men hiding in the trailer of a lorry parked in the lorry park were found by "
        "gendarmes. A gendarme sprayed tear gas into the trailer before ordering them out; one of "
        "them was kicked once he was on the ground. They were left at the roadside.",
        victim_ids="P-021; P-022", status="confirmed", conf="restricted", by="HR",
    ),
    incident(
        "CAL-2015-0019", "2015-03-10", "02:00", "cal_squat_tioxide", "patrol",
        "crs", "sleep_deprivation; tear_gas; threats",
        precision="approximate", weapons=GAS, victims=20,
        fr="Pour la quatrième nuit consécutive, une patrouille de CRS est passée dans le "
        "campement vers 2 h, a réveillé les occupants à la lampe torche et a pulvérisé du gaz "
        "lacrymogène dans plusieurs abris. Les agents ont menacé de revenir chaque nuit tant que "
        "le campement ne serait pas abandonné.",
        en="For the fourth night running, a CRS patrol came through the camp at about 2 a.m., "
        "woke people with torches and sprayed tear gas into several shelters. The officers "
        "threatened to come back every night until the camp was abandoned.",
        status="probable", conf="public", by="MD",
    ),
    incident(
        "CAL-2015-0027", "2015-03-24", None, "cal_beach", "patrol",
        "municipal_police", "belongings_seized; insults_racism",
        precision="approximate", victims=4, minors=None,
        belongings="blanket:6; sleeping_bag:4",
        fr="Fin mars, quatre personnes qui dormaient près des digues ont été réveillées par des "
        "policiers municipaux. Les agents ont emporté six couvertures et quatre sacs de couchage "
        "et tenu des propos insultants. La date est approximative : les personnes ont situé les "
        "faits « un mardi, fin mars ».",
        status="possible", conf="public", by="CV", lag=9,
    ),
    incident(
        "CAL-2015-0033", "2015-04-02", "08:00", "cal_squat_tioxide", "eviction",
        "national_police; crs", "eviction; belongings_destroyed; threats",
        units="CRS; commissariat de Calais", officers=80, victims=60, minors=True,
        belongings="tent:12; tarpaulin:8; clothes:30; food_water:15",
        fr="Lors de l'évacuation du campement, les occupants ont été sommés de partir vers la "
        "Lande. Tentes, bâches, vêtements et réserves de nourriture ont été détruits par les "
        "engins de nettoyage. Des agents ont menacé d'interpeller ceux qui tentaient de "
        "récupérer leurs affaires.",
        en="During the eviction of the camp, its occupants were ordered to move to the Lande. "
        "Tents, tarpaulins, clothes and food supplies were destroyed by cleaning machines. "
        "Officers threatened to arrest those who tried to take their belongings back.",
        victim_ids="P-003; P-006", witness_ids="P-036", status="confirmed", conf="public",
        by="MD",
    ),
    incident(
        "CAL-2015-0042", "2015-06-28", "06:30", "cal_jungle", "eviction",
        "crs", "belongings_destroyed; tear_gas; physical_violence",
        units="CRS", officers=15, rio_visible="no", weapons=f"{GAS}; couteau; matraque",
        victims=4, injuries="hématome à l'épaule gauche ; irritation oculaire", itt=4,
        belongings="tent:3; sleeping_bag:2",
        fr="À l'aube, une quinzaine de CRS sont entrés dans la partie du campement longeant la "
        "rocade. Des agents ont lacéré trois tentes au couteau et emporté deux sacs de couchage ; "
        "du gaz lacrymogène a été pulvérisé sur les personnes qui protestaient. Un homme de 24 ans "
        "a été frappé à l'épaule à coups de matraque.",
        en="At dawn, about fifteen CRS officers entered the part of the camp along the ring road. "
        "Officers slashed three tents with a knife and took away two sleeping bags; tear gas was "
        "sprayed at people who protested. A 24-year-old man was struck on the shoulder with a "
        "baton.",
        victim_ids="P-001; P-004", witness_ids="P-040", status="confirmed", conf="restricted",
        by="HR", lag=2,
    ),
    incident(
        "CAL-2015-0049", "2015-07-12", "23:30", "cal_rocade", "crossing_lorry",
        "crs", "tear_gas; physical_violence; lbd_grenade",
        rio_visible="no", weapons=f"{LBD}; {GRENADE}", victims=6,
        fr="Alors qu'un groupe tentait de monter dans des camions ralentis sur la rocade, des CRS "
        "ont tiré des grenades lacrymogènes et au moins un projectile de LBD. Deux hommes "
        "rattrapés sur le talus ont été frappés. Les faits ont été observés par un résident du "
        "campement.",
        en="As a group tried to climb onto lorries slowing down on the ring road, CRS officers "
        "fired tear gas grenades and at least one rubber bullet (LBD). Two men caught on the "
        "embankment were beaten. A camp resident saw the events.",
        witness_ids="P-003", status="probable", conf="public", by="TB",
    ),
    incident(
        "COQ-2015-0014", "2015-07-28", "23:50", "coq_fence", "crossing_tunnel",
        "mobile_gendarmerie; crs", "lbd_grenade; tear_gas; physical_violence",
        units="escadron de gendarmerie mobile; CRS",
        weapons=f"grenade de désencerclement; {GAS}", victims=1,
        injuries="plaie du cuir chevelu suturée (4 points)", itt=10,
        fr="Près des clôtures du terminal, des gendarmes mobiles ont lancé une grenade de "
        "désencerclement vers un groupe qui reculait. Un homme de 26 ans a été blessé à la tête "
        "par un éclat puis frappé au sol. Un bénévole britannique présent sur le chemin a filmé "
        "une partie de la scène.",
        en="Near the terminal fences, mobile gendarmes threw a sting-ball grenade towards a group "
        "that was moving back. A 26-year-old man was injured on the head by a fragment and then "
        "beaten on the ground. A British volunteer standing on the path filmed part of the scene.",
        victim_ids="P-029", witness_ids="P-038", status="confirmed", conf="restricted", by="TB",
    ),
    incident(
        "COQ-2015-0019", "2015-08-04", "14:00", "coq_cra", "detention_centre",
        "paf", "detention; humiliation; denial_of_care",
        victims=1,
        fr="Placé au centre de rétention, un homme a été soumis à une fouille à nu devant "
        "plusieurs autres retenus. Il souffrait de douleurs dentaires et sa demande de "
        "consultation n'a été satisfaite qu'au bout de cinq jours.",
        en="Held at the detention centre, a man was strip-searched in front of several other "
        "detainees. He had toothache and his request to see a doctor was met only after five "
        "days.",
        victim_ids="P-025", status="possible", conf="confidential", by="SL",
    ),
    incident(
        "CAL-2015-0051", "2015-08-09", "15:20", "cal_jungle_road", "patrol",
        "crs", "insults_racism; threats; intimidation_of_observers",
        rio_visible="no", victims=2,
        fr="Une bénévole qui observait le contrôle de deux hommes à l'entrée du campement a été "
        "sommée de s'éloigner. Un agent lui a saisi le bras et a menacé de l'interpeller si elle "
        "continuait à filmer ; des propos racistes ont été tenus envers les deux hommes "
        "contrôlés.",
        en="A volunteer watching two men being checked at the camp entrance was ordered to move "
        "away. An officer grabbed her arm and threatened to arrest her if she kept filming; "
        "racist remarks were made to the two men being checked.",
        witness_ids="P-037", status="probable", conf="public", by="SL",
    ),
    incident(
        "CAL-2015-0058", "2015-08-22", "12:15", "cal_distrib_centre", "food_distribution",
        "municipal_police", "obstruction_of_aid; threats",
        officers=4, victims=80, minors=None,
        en="Municipal police officers told volunteers serving lunch in the town centre that the "
        "distribution was banned and that their vehicle would be impounded. The volunteers moved "
        "away; about eighty people went without a meal that day.",
        witness_ids="P-039", status="probable", conf="public", by="JP",
    ),
    incident(
        "SAN-2015-0006", "2015-09-03", "05:10", "san_beach", "patrol",
        "gendarmerie", "identity_check; threats; belongings_seized",
        victims=5, minors=None, belongings="shoes:5",
        fr="Cinq hommes marchant sur la plage en direction de Calais ont été contrôlés par des "
        "gendarmes. Les gendarmes ont confisqué leurs chaussures, selon eux pour les dissuader de "
        "retourner vers le tunnel, et les ont menacés d'un placement en rétention.",
        en="Five men walking along the beach towards Calais were checked by gendarmes. The "
        "gendarmes took their shoes, to deter them, the men say, from going back towards the "
        "tunnel, and threatened them with detention.",
        status="possible", conf="restricted", by="HR",
    ),
    incident(
        "CAL-2015-0061", "2015-09-08", "06:00", "cal_bois", "patrol",
        "crs", "tear_gas; belongings_destroyed",
        weapons=GAS, victims=8, belongings="sleeping_bag:6; blanket:4",
        fr="Dans le bois, des CRS ont réveillé un groupe qui dormait à l'abri des arbres et "
        "pulvérisé du gaz lacrymogène sur les sacs de couchage et les couvertures, les rendant "
        "inutilisables.",
        en="In the woods, CRS officers woke a group sleeping under the trees and sprayed tear gas "
        "on their sleeping bags and blankets, making them unusable.",
        status="probable", conf="public", by="CV",
    ),
    incident(
        "CAL-2015-0066", "2015-09-21", "21:40", "cal_jungle", "crowd_control",
        "crs", "tear_gas; lbd_grenade",
        weapons=f"{GRENADE}; {LBD}", victims=12, minors=True,
        injuries="deux personnes touchées aux jambes par des tirs de LBD",
        fr="Après une bagarre entre résidents, des CRS ont tiré de nombreuses grenades "
        "lacrymogènes à l'intérieur du campement, y compris près de l'espace réservé aux "
        "familles. Deux personnes ont été touchées aux jambes par des tirs de LBD. Des enfants "
        "ont été exposés aux gaz.",
        en="After a fight between residents, CRS officers fired many tear gas grenades inside "
        "the camp, including near the area set aside for families. Two people were hit in the "
        "legs by rubber bullets (LBD). Children were exposed to the gas.",
        status="probable", conf="public", by="HR",
    ),
    incident(
        "CAL-2015-0071", "2015-10-07", "04:20", "cal_port_controls", "crossing_port",
        "paf; customs", "pushback; belongings_seized; humiliation",
        victims=2, minors=True, belongings="shoes:2; phone:1",
        fr="Découverts dans un camion lors des contrôles au port, deux jeunes Kurdes irakiens, "
        "dont un mineur de 17 ans, ont été remis à la PAF. Ils ont été reconduits hors de la zone "
        "portuaire et laissés sans chaussures au bord de la rocade ; un téléphone a été conservé "
        "par les agents.",
        en="Found in a lorry at the port controls, two young Iraqi Kurdish men, one of them a "
        "17-year-old, were handed over to the border police. They were driven out of the port "
        "area and left without shoes at the side of the ring road; officers kept one phone.",
        victim_ids="P-025; P-026", status="probable", conf="confidential", by="SL",
    ),
    incident(
        "COQ-2015-0027", "2015-10-15", "11:00", "coq_hotel_police", "custody",
        "paf", "detention; denial_of_care; humiliation",
        victims=1, injuries="douleur et gonflement du poignet gauche", itt=2,
        fr="Pendant sa garde à vue, un homme s'est plaint d'une douleur au poignet causée par des "
        "menottes trop serrées. Les menottes n'ont pas été desserrées et aucun examen médical n'a "
        "été proposé. Il a été laissé plusieurs heures sans pouvoir aller aux toilettes.",
        en="While in police custody, a man complained of pain in his wrist caused by over-tight "
        "handcuffs. The handcuffs were not loosened and no medical examination was offered. He "
        "was left for several hours without being allowed to use the toilet.",
        victim_ids="P-017", status="probable", conf="confidential", by="SL",
    ),
    incident(
        "CAL-2015-0079", "2015-10-29", "19:00", "cal_jungle_road", "crowd_control",
        "crs", "tear_gas; lbd_grenade; physical_violence",
        weapons=f"{GRENADE}; {LBD}; matraque", victims=7, minors=True,
        injuries="hématome au thorax ; coupure à la main", itt=4,
        fr="À l'entrée du campement, des CRS ont dispersé un groupe avec des grenades "
        "lacrymogènes et des tirs de LBD. Un Soudanais de 17 ans, qui rentrait de la "
        "distribution, a été frappé au thorax à coups de matraque. Un bénévole présent a "
        "recueilli les premiers témoignages.",
        en="At the camp entrance, CRS officers dispersed a group with tear gas grenades and "
        "rubber bullets (LBD). A 17-year-old Sudanese boy coming back from the food distribution "
        "was struck on the chest with a baton. A volunteer on the spot took the first statements.",
        victim_ids="P-012", witness_ids="P-040", status="confirmed", conf="public", by="HR",
    ),
    incident(
        "CAL-2015-0083", "2015-11-12", "18:30", "cal_centre", "arrest",
        "national_police", "arrest; physical_violence; denial_of_care",
        victims=1, injuries="saignement au visage (observé par le témoin)",
        fr="Une bénévole a vu un homme être plaqué au sol et frappé au visage lors d'une "
        "interpellation devant un commerce. L'homme, qui saignait, a été emmené sans que des "
        "secours soient appelés. Il n'a pas pu être retrouvé ni identifié depuis.",
        en="A volunteer saw a man being pinned to the ground and hit in the face during an arrest "
        "in front of a shop. The man, who was bleeding, was taken away without medical help "
        "being called. He has not been found or identified since.",
        victim_ids="P-014", witness_ids="P-035", status="possible", conf="restricted", by="CV",
    ),
    incident(
        "GS-2015-0008", "2015-11-04", "10:15", "gs_basroch_entrance", "identity_check",
        "national_police", "identity_check; search; belongings_seized; obstruction_of_aid",
        officers=6, minors=None, belongings="tent:14; tarpaulin:6",
        fr="À l'entrée du campement du Basroch, des policiers ont fouillé les véhicules des "
        "bénévoles et confisqué quatorze tentes et six bâches destinées aux familles. Les agents "
        "ont invoqué une consigne interdisant l'apport de matériel de construction dans le "
        "campement.",
        en="At the entrance of the Basroch camp, police officers searched volunteers' vehicles "
        "and seized fourteen tents and six tarpaulins meant for families. The officers cited an "
        "instruction banning building material from being brought into the camp.",
        witness_ids="P-039", status="confirmed", conf="public", by="JP",
    ),
    incident(
        "GS-2015-0013", "2015-11-26", "22:00", "gs_puythouck", "patrol",
        "national_police; unidentified", "physical_violence; threats",
        victims=2, injuries="contusions au visage",
        fr="Deux hommes qui rejoignaient le campement à pied par le bois ont été arrêtés par des "
        "agents en civil accompagnés de policiers en uniforme. L'un d'eux a reçu des gifles et "
        "des coups de poing ; les agents ont menacé de revenir « s'occuper » d'eux.",
        en="Two men walking back to the camp through the woods were stopped by plain-clothes "
        "officers with uniformed police. One of them was slapped and punched; the officers "
        "threatened to come back and “deal with” them.",
        victim_ids="P-028", status="possible", conf="restricted", by="JP",
    ),
    incident(
        "DK-2015-0005", "2015-12-08", "09:45", "dk_station", "identity_check",
        "national_police", "identity_check; arrest; detention",
        victims=1,
        fr="Contrôlé à la descente du train, un Syrien a été interpellé puis retenu quatorze "
        "heures au commissariat sans interprète, avant d'être relâché avec une obligation de "
        "quitter le territoire.",
        en="Checked as he got off the train, a Syrian man was arrested and held for fourteen "
        "hours at the police station without an interpreter, then released with an order to "
        "leave French territory.",
        victim_ids="P-032", status="unverified", conf="restricted", by="JP",
    ),
    incident(
        "LP-2015-0003", "2015-12-19", "08:30", "lp_camp", "eviction",
        "gendarmerie; mobile_gendarmerie", "eviction; belongings_destroyed; tear_gas",
        units="brigade de gendarmerie; escadron de gendarmerie mobile", officers=40,
        weapons=GAS, victims=40, minors=True, belongings="tent:20; blanket:25; food_water:10",
        fr="Le campement du bois a été évacué par des gendarmes. Les tentes et les couvertures "
        "ont été lacérées puis brûlées sur place, ainsi que les réserves de nourriture. Du gaz "
        "lacrymogène a été utilisé contre des personnes qui refusaient de quitter leur abri, "
        "parmi lesquelles des familles avec enfants.",
        en="The camp in the woods was evicted by gendarmes. Tents and blankets were slashed and "
        "then burnt on the spot, along with food supplies. Tear gas was used against people who "
        "refused to leave their shelter, among them families with children.",
        status="probable", conf="public", by="MD",
    ),
    incident(
        "CAL-2015-0088", "2015-12-23", "16:00", "cal_centre", "arrest",
        "municipal_police; national_police", "arrest; physical_violence; insults_racism",
        victims=1, injuries="contusions aux bras",
        fr="Interpellé par la police municipale puis remis à la police nationale, un homme a été "
        "maintenu au sol par plusieurs agents, un genou sur le dos, et insulté. Un autre résident "
        "a assisté à la scène.",
        en="Stopped by municipal police and handed over to the national police, a man was held "
        "on the ground by several officers with a knee on his back, and insulted. Another "
        "resident saw it.",
        victim_ids="P-013", witness_ids="P-010", status="probable", conf="confidential", by="CV",
    ),
    incident(
        "CAL-2015-0090", "2015-01-01", None, "cal_station", "identity_check",
        "paf", "identity_check; belongings_seized",
        precision="year", minors=None, belongings="phone",
        fr="Tout au long de l'année 2015, des personnes ont signalé à l'association la "
        "confiscation de téléphones lors de contrôles aux abords de la gare. Le nombre de "
        "téléphones et les dates n'ont pas été consignés ; ce signalement regroupe ces "
        "témoignages.",
        status="unverified", conf="restricted", by="JP", lag=374,
    ),
    incident(
        "CAL-2015-0097", "2015-12-30", "20:30", "cal_station", "identity_check",
        "national_police", "identity_check; humiliation",
        victims=1,
        fr="Contrôlé pour la troisième fois de la journée, un homme a dû se déshabiller "
        "partiellement dans le hall de la gare, devant les voyageurs. Les agents l'ont "
        "photographié avec leur téléphone personnel.",
        en="Checked for the third time that day, a man had to partly undress in the station "
        "hall in front of travellers. The officers photographed him with their personal phones.",
        victim_ids="P-031", status="possible", conf="restricted", by="SL",
    ),
    # ------------------------------------------------------------------------------ 2016
    incident(
        "GS-2016-0002", "2016-01-05", "13:00", "gs_basroch_entrance", "identity_check",
        "national_police; crs", "identity_check; insults_racism; threats",
        victims=1,
        fr="Une femme revenant à pied du centre commercial a été contrôlée par des policiers et "
        "des CRS. Les agents ont tenu des propos humiliants et racistes et l'ont menacée de la "
        "faire expulser si elle revenait en ville.",
        en="A woman walking back from the shopping centre was checked by police and CRS "
        "officers. The officers made degrading and racist remarks and threatened to have her "
        "removed if she came back to town.",
        victim_ids="P-027", status="possible", conf="restricted", by="JP",
    ),
    incident(
        "DK-2016-0001", "2016-01-12", "01:30", "dk_port", "crossing_port",
        "private_security; customs", "dog; search",
        victims=3,
        en="Three men hiding near a loading quay were found by private security guards with a "
        "dog and held until customs officers arrived. The dog was kept unmuzzled a few "
        "centimetres from their faces during the search.",
        status="possible", conf="restricted", by="HR",
    ),
    incident(
        "CAL-2016-0004", "2016-01-18", "09:00", "cal_jungle", "eviction",
        "crs", "eviction; belongings_destroyed",
        officers=50, victims=120, minors=True,
        belongings="tent:40; tarpaulin:25; other:3",
        fr="Pour dégager une bande de cent mètres le long de la rocade, des engins d'une "
        "entreprise de terrassement, escortés par des CRS, ont rasé les abris. Les résidents "
        "avaient été prévenus la veille au soir ; une "
        "quarantaine de tentes, des bâches et trois abris en bois ont été détruits avec leur "
        "contenu.",
        en="To clear a 100-metre strip along the ring road, an earthworks contractor's "
        "machines, escorted by CRS officers, flattened the shelters. Residents had been told "
        "the evening before; about forty tents, "
        "tarpaulins and three wooden shelters were destroyed with their contents.",
        witness_ids="P-036", status="confirmed", conf="public", by="MD",
    ),
    incident(
        "CAL-2016-0009", "2016-01-23", "17:30", "cal_port_road", "crowd_control",
        "crs", "lbd_grenade; tear_gas; arrest",
        weapons=f"{LBD}; {GRENADE}", victims=1,
        fr="À l'issue d'une manifestation, des personnes se sont dirigées vers le port. Des CRS "
        "ont tiré des grenades lacrymogènes et des LBD ; un jeune Syrien a été interpellé.",
        en="After a demonstration, people headed for the port. CRS officers fired tear gas and "
        "rubber bullets; a young Syrian man was arrested.",
        victim_ids="P-033", status="probable", conf="restricted", by="TB",
    ),
    incident(
        "GS-2016-0007", "2016-02-02", "12:30", "gs_basroch", "food_distribution",
        "national_police", "tear_gas; obstruction_of_aid",
        weapons=GAS, victims=15, minors=True,
        fr="Pendant la distribution de midi, des policiers ont pulvérisé du gaz lacrymogène sur "
        "la file d'attente, où se trouvaient des femmes et des enfants. Deux bénévoles ont vu les "
        "agents repousser les personnes dans la boue et renverser une marmite.",
        en="During the midday distribution, police officers sprayed tear gas at the queue, which "
        "included women and children. Two volunteers saw officers push people back into the mud "
        "and knock over a cooking pot.",
        witness_ids="P-036; P-038", status="confirmed", conf="public", by="MD",
    ),
    incident(
        "CAL-2016-0015", "2016-02-10", "03:00", "cal_jungle", "patrol",
        "crs", "sleep_deprivation; tear_gas",
        precision="approximate", weapons=GRENADE, minors=True,
        fr="Vers 3 h, des grenades lacrymogènes ont été tirées depuis la rocade vers la zone des "
        "abris où dorment des mineurs non accompagnés. Les résidents rapportent que ces tirs "
        "nocturnes se répètent plusieurs fois par semaine.",
        en="At about 3 a.m., tear gas grenades were fired from the ring road into the area where "
        "unaccompanied minors sleep. Residents report that these night-time shots happen several "
        "times a week.",
        status="probable", conf="public", by="HR",
    ),
    incident(
        "CAL-2016-0021", "2016-03-01", "10:00", "cal_jungle_south", "eviction",
        "crs; national_police",
        "eviction; belongings_destroyed; tear_gas; lbd_grenade",
        officers=200, weapons=f"{GRENADE}; {LBD}",
        victims=150, minors=True, injuries="plusieurs blessés légers (gaz, projectiles)",
        belongings="tent:60; tarpaulin:35; blanket:80; documents:2",
        fr="Deuxième jour de l'évacuation de la zone sud. Les équipes de démolition d'une "
        "entreprise privée ont détruit les abris pendant que des CRS tiraient des grenades "
        "lacrymogènes et des LBD sur les "
        "résidents qui protestaient. Des documents et des effets personnels ont été détruits "
        "avec les abris.",
        en="Second day of the eviction of the southern part of the camp. A private "
        "contractor's demolition crews tore down shelters while CRS officers fired tear gas "
        "and rubber bullets at protesting "
        "residents. Papers and personal belongings were destroyed along with the shelters.",
        victim_ids="P-002; P-030", witness_ids="P-035; P-037", status="confirmed",
        conf="public", by="CV",
    ),
    incident(
        "CAL-2016-0024", "2016-03-03", "14:30", "cal_jungle_south", "eviction",
        "crs", "lbd_grenade; physical_violence",
        weapons=LBD, victims=1, minors=True,
        injuries="hématome de la cuisse droite (impact de LBD)", itt=7,
        fr="Pendant la démolition de la zone sud, un adolescent afghan de 16 ans a été atteint à "
        "la cuisse par un tir de LBD alors qu'il s'éloignait. Un agent l'a poussé au sol quand il "
        "a tenté de se relever.",
        en="During the demolition of the southern zone, a 16-year-old Afghan boy was hit in the "
        "thigh by a rubber bullet (LBD) as he was walking away. An officer pushed him to the "
        "ground when he tried to get up.",
        victim_ids="P-019", status="confirmed", conf="restricted", by="CV",
    ),
    incident(
        "GS-2016-0011", "2016-03-07", "11:00", "gs_basroch", "other",
        "national_police; municipal_police", "other; obstruction_of_aid",
        minors=None,
        fr="La veille du transfert vers le camp de la Linière, les points d'eau du campement ont "
        "été fermés sur ordre et des bénévoles ont été empêchés d'apporter des jerricanes. Les "
        "résidents sont restés une journée sans eau potable.",
        en="The day before the move to La Linière camp, the camp's water points were shut off on "
        "orders and volunteers were prevented from bringing in water cans. Residents went a "
        "whole day without drinking water.",
        witness_ids="P-039", status="possible", conf="public", by="JP",
    ),
    incident(
        "DK-2016-0003", "2016-03-15", "15:00", "dk_commissariat", "other",
        "national_police", "complaint_refused",
        victims=1,
        fr="Un homme s'est présenté au commissariat pour porter plainte pour les violences "
        "subies dans le bois en novembre 2015. Après deux heures d'attente, l'agent lui a indiqué "
        "qu'aucun interprète n'était disponible et qu'il devait revenir « plus tard ».",
        en="A man went to the police station to file a complaint about the violence he suffered "
        "in the woods in November 2015. After a two-hour wait, the officer told him that no "
        "interpreter was available and that he should come back “later”.",
        victim_ids="P-028", status="probable", conf="restricted", by="JP",
    ),
    incident(
        "COQ-2016-0006", "2016-03-28", "10:00", "coq_cra", "detention_centre",
        "paf", "detention; insults_racism; denial_of_care",
        victims=1,
        fr="Retenu au centre de rétention, un jeune Éthiopien rapporte des insultes racistes "
        "répétées de la part d'un agent. Il souffrait d'une infection cutanée et n'a vu un "
        "médecin qu'au sixième jour.",
        en="Held at the detention centre, a young Ethiopian man reports repeated racist insults "
        "by an officer. He had a skin infection and saw a doctor only on the sixth day.",
        victim_ids="P-031", status="possible", conf="confidential", by="SL",
    ),
    incident(
        "LP-2016-0002", "2016-04-09", "02:50", "lp_lorry", "crossing_lorry",
        "gendarmerie; private_security", "physical_violence; dog",
        weapons="chien", victims=1, injuries="morsure à la main gauche", itt=3,
        fr="Un homme surpris près d'un camion sur l'aire a été maîtrisé par un agent de sécurité "
        "dont le chien l'a mordu à la main. Les gendarmes arrivés ensuite l'ont frappé à la "
        "nuque avant de le relâcher.",
        en="A man found near a lorry in the lorry park was caught by a security guard whose dog "
        "bit his hand. Gendarmes who arrived afterwards hit him on the back of the neck before "
        "letting him go.",
        victim_ids="P-018", status="probable", conf="restricted", by="HR",
    ),
    incident(
        "DK-2016-0008", "2016-04-20", "06:10", "dk_port", "crossing_port",
        "paf; customs", "search; humiliation; belongings_seized",
        victims=3, belongings="phone:3; documents:1",
        fr="Trois hommes découverts dans une remorque ont été fouillés à nu sur le quai, à la vue "
        "des chauffeurs. Leurs trois téléphones et un document d'identité afghan ont été "
        "conservés sans procès-verbal.",
        en="Three men found in a trailer were strip-searched on the quay in view of lorry "
        "drivers. Their three phones and an Afghan identity document were kept without any "
        "written record.",
        victim_ids="P-018", status="possible", conf="confidential", by="HR",
    ),
    incident(
        "GS-2016-0014", "2016-04-28", "23:00", "gs_puythouck", "patrol",
        "crs", "tear_gas; threats",
        weapons=GAS, victims=6,
        fr="Un groupe qui s'était installé dans le bois après la fermeture du Basroch a été "
        "délogé de nuit par des CRS. Du gaz lacrymogène a été pulvérisé à l'intérieur de deux "
        "tentes occupées.",
        en="A group that had settled in the woods after the Basroch camp closed was driven out "
        "at night by CRS officers. Tear gas was sprayed inside two occupied tents.",
        status="unverified", conf="restricted", by="MD",
    ),
    incident(
        "CAL-2016-0033", "2016-05-03", "17:20", "cal_station", "identity_check",
        "paf", "identity_check; arrest",
        officers=2, rio="1987354; 2210468", rio_visible="yes", victims=1,
        fr="Un homme a été contrôlé puis interpellé à la gare par deux agents de la PAF dont les "
        "numéros RIO étaient visibles. Il a été relâché le soir même ; il conteste les motifs du "
        "contrôle, qu'il estime fondé sur son apparence.",
        en="A man was checked and then arrested at the station by two border police officers "
        "whose RIO numbers were visible. He was released the same evening; he disputes the "
        "grounds for the check, which he believes was based on his appearance.",
        victim_ids="P-007", status="unverified", conf="restricted", by="SL",
    ),
    incident(
        "CAL-2016-0038", "2016-05-17", "18:45", "cal_jules_ferry", "food_distribution",
        "crs", "tear_gas; physical_violence",
        weapons=f"{GAS}; matraque", victims=10, minors=True,
        fr="Une bousculade dans la file d'attente du repas a été suivie d'une intervention de "
        "CRS, qui ont pulvérisé du gaz lacrymogène et frappé plusieurs personnes à coups de "
        "matraque, dont au moins un mineur. La distribution a été suspendue.",
        en="A scuffle in the queue for the evening meal was followed by a CRS intervention: "
        "officers sprayed tear gas and struck several people with batons, at least one of them a "
        "minor. The distribution was suspended.",
        witness_ids="P-040", status="confirmed", conf="public", by="HR",
    ),
    incident(
        "CAL-2016-0046", "2016-06-02", "01:15", "cal_rocade", "crossing_lorry",
        "crs", "lbd_grenade; physical_violence",
        weapons=LBD, victims=1, injuries="fracture de l'avant-bras gauche", itt=12,
        fr="Sur la rocade, un Érythréen de 35 ans a été touché à l'avant-bras par un tir de LBD à "
        "courte distance alors qu'il redescendait d'un camion. Il a été frappé à terre puis "
        "laissé sur place ; une fracture a été constatée à l'hôpital.",
        en="On the ring road, a 35-year-old Eritrean man was hit on the forearm by a rubber "
        "bullet (LBD) fired at short range as he was climbing down from a lorry. He was beaten on "
        "the ground and left there; a fracture was found at hospital.",
        victim_ids="P-007", status="confirmed", conf="restricted", by="HR",
    ),
    incident(
        "GS-2016-0019", "2016-06-12", "10:30", "gs_liniere", "identity_check",
        "crs", "identity_check; search; belongings_seized",
        minors=None, belongings="food_water:12; other",
        fr="À l'entrée du camp de la Linière, des CRS ont contrôlé les résidents et confisqué "
        "des packs d'eau et des bouteilles de gaz de camping, au motif que ces objets étaient "
        "interdits dans le camp.",
        en="At the entrance to La Linière camp, CRS officers checked residents and seized packs "
        "of water and camping-gas bottles, saying these items were banned in the camp.",
        status="possible", conf="public", by="JP",
    ),
    incident(
        "CAL-2016-0052", "2016-06-21", "22:10", "cal_jungle", "crowd_control",
        "crs", "tear_gas; lbd_grenade",
        weapons=f"{GRENADE}; {LBD}", victims=20, minors=None,
        en="During a fight between groups on the main path of the camp, CRS officers fired tear "
        "gas grenades into the area of small shops and restaurants, where people who were not "
        "involved were eating. Several rubber bullets were fired.",
        status="probable", conf="public", by="TB",
    ),
    incident(
        "CAL-2016-0055", "2016-06-01", None, "cal_jungle_road", "patrol",
        "crs; national_police", "belongings_seized",
        precision="month", minors=None, belongings="phone; shoes",
        fr="En juin, plusieurs résidents ont signalé que des agents postés à l'entrée du "
        "campement confisquaient téléphones et chaussures lors des contrôles du soir. Le nombre "
        "d'objets n'a pas été établi.",
        status="unverified", conf="restricted", by="SL", lag=33,
    ),
    incident(
        "MAR-2016-0004", "2016-07-04", "00:40", "mar_lorry", "crossing_lorry",
        "crs", "physical_violence; tear_gas; threats",
        weapons=GAS, victims=1, minors=True, injuries="contusions aux jambes",
        fr="Un adolescent érythréen de 16 ans, découvert sous un camion, a été tiré par les "
        "jambes puis aspergé de gaz lacrymogène au visage. Un agent l'a menacé de « le renvoyer "
        "en Italie » s'il revenait.",
        en="A 16-year-old Eritrean boy found under a lorry was pulled out by the legs and "
        "sprayed in the face with tear gas. An officer threatened to “send him back to Italy” if "
        "he came back.",
        victim_ids="P-005", status="probable", conf="restricted", by="HR",
    ),
    incident(
        "CAL-2016-0059", "2016-07-11", "16:30", "cal_beach", "patrol",
        "municipal_police", "insults_racism; humiliation",
        victims=4,
        fr="Quatre hommes qui se baignaient ont été interpellés par des policiers municipaux, qui "
        "les ont fait sortir de l'eau sous les moqueries de passants. Les agents ont tenu des "
        "propos racistes et les ont photographiés.",
        status="unverified", conf="public", by="CV",
    ),
    incident(
        "SAN-2016-0003", "2016-07-22", "01:00", "san_tunnel", "crossing_tunnel",
        "mobile_gendarmerie", "dog; physical_violence; arrest",
        units="escadron de gendarmerie mobile", weapons="chien", victims=1,
        injuries="morsure au mollet",
        fr="Sur le chemin longeant le site du tunnel, un homme a été poursuivi par des gendarmes "
        "mobiles accompagnés d'un chien, qui l'a mordu au mollet. Il a été interpellé puis "
        "relâché au petit matin.",
        en="On the path along the tunnel site, a man was chased by mobile gendarmes with a dog, "
        "which bit his calf. He was arrested and released at dawn.",
        victim_ids="P-023", status="probable", conf="restricted", by="TB",
    ),
    incident(
        "CAL-2016-0064", "2016-08-01", "20:00", "cal_jungle_road", "patrol",
        "national_police", "intimidation_of_observers; belongings_seized",
        officers=3, rio="1764032", rio_visible="yes", minors=None, belongings="phone:1",
        fr="Deux bénévoles qui filmaient un contrôle ont été encerclés par trois policiers. L'un "
        "d'eux, dont le RIO était visible, a saisi le téléphone d'une bénévole et effacé des "
        "vidéos avant de le lui rendre.",
        en="Two volunteers filming a check were surrounded by three police officers. One of "
        "them, whose RIO number was visible, took a volunteer's phone and deleted videos before "
        "giving it back.",
        witness_ids="P-037; P-040", status="confirmed", conf="public", by="SL",
    ),
    incident(
        "COQ-2016-0011", "2016-08-09", "03:00", "coq_fence", "crossing_tunnel",
        "paf; private_security", "physical_violence",
        precision="approximate", victims=1, injuries="douleurs aux côtes",
        fr="Vers 3 h, un homme arrêté près des clôtures a reçu des coups de pied dans les côtes "
        "de la part d'agents de sécurité avant d'être remis à la PAF.",
        en="At about 3 a.m., a man stopped near the fences was kicked in the ribs by security "
        "guards before being handed over to the border police.",
        victim_ids="P-023", status="probable", conf="restricted", by="TB",
    ),
    incident(
        "CAL-2016-0071", "2016-08-16", "04:30", "cal_jungle", "patrol",
        "crs", "tear_gas; sleep_deprivation",
        weapons=GRENADE, victims=5, minors=True,
        fr="Des grenades lacrymogènes sont tombées sur l'abri où dormaient cinq mineurs afghans, "
        "dont un garçon de 15 ans. Ils ont passé le reste de la nuit dehors.",
        en="Tear gas grenades landed on the shelter where five Afghan minors, one of them a "
        "15-year-old boy, were sleeping. They spent the rest of the night outside.",
        victim_ids="P-016", status="probable", conf="restricted", by="HR",
    ),
    incident(
        "GS-2016-0024", "2016-08-26", "19:15", "gs_street", "identity_check",
        "national_police", "identity_check; insults_racism",
        victims=1, minors=True,
        fr="Une Syrienne accompagnée de ses deux enfants a été contrôlée devant le centre "
        "commercial. Les agents ont fait des remarques sur son voile et sur sa présence « dans un "
        "lieu pour Français ».",
        en="A Syrian woman with her two children was checked in front of the shopping centre. "
        "The officers made remarks about her headscarf and about her being “in a place for "
        "French people”.",
        victim_ids="P-034", status="possible", conf="confidential", by="JP",
    ),
    incident(
        "DK-2016-0012", "2016-09-05", "21:00", "dk_parking", "patrol",
        "municipal_police; private_security", "threats; physical_violence",
        victims=2,
        fr="Sur le parking d'un supermarché, deux hommes qui rechargeaient leur téléphone ont été "
        "chassés par des vigiles puis par des policiers municipaux. L'un d'eux a été poussé "
        "contre un véhicule et menacé avec une bombe lacrymogène.",
        en="In a supermarket car park, two men charging their phones were chased away by "
        "security guards and then by municipal police officers. One of them was shoved against a "
        "vehicle and threatened with a can of pepper spray.",
        victim_ids="P-028", status="probable", conf="restricted", by="MD",
    ),
    incident(
        "CAL-2016-0077", "2016-09-13", "05:00", "cal_port_controls", "crossing_port",
        "customs; paf", "search; belongings_seized; pushback",
        victims=1, belongings="phone:1; documents:1",
        fr="Découvert dans un camion aux contrôles du port, un homme a été fouillé par des "
        "douaniers puis remis à la PAF, qui l'a reconduit hors du port. Son téléphone et une "
        "copie de sa demande d'asile italienne ne lui ont pas été rendus.",
        en="Found in a lorry at the port controls, a man was searched by customs officers and "
        "handed over to the border police, who drove him out of the port. His phone and a copy "
        "of his Italian asylum claim were not returned.",
        victim_ids="P-007", status="possible", conf="confidential", by="SL",
    ),
    incident(
        "GS-2016-0029", "2016-09-18", "14:00", "gs_liniere", "other",
        "private_security", "physical_violence; threats",
        victims=1,
        fr="À l'intérieur du camp de la Linière, un agent de sécurité privée a frappé un résident "
        "lors d'une dispute à l'entrée d'un abri et l'a menacé d'exclusion du camp. Les faits "
        "n'ont pas pu être recoupés.",
        en="Inside La Linière camp, a private security guard hit a resident during an argument "
        "at the entrance to a shelter and threatened to have him excluded from the camp. The "
        "events could not be cross-checked.",
        victim_ids="P-024", status="unverified", conf="confidential", by="MD",
    ),
    incident(
        "CAL-2016-0083", "2016-09-28", "23:40", "cal_rocade", "crossing_lorry",
        "crs", "lbd_grenade",
        weapons=LBD, rio_visible="no", victims=1, minors=True,
        injuries="plaie de l'arcade sourcilière gauche, suturée", itt=15,
        fr="Un adolescent érythréen de 16 ans a été touché au visage par un tir de LBD alors "
        "qu'il courait le long de la rocade. Des bénévoles l'ont conduit aux urgences ; la plaie "
        "a nécessité des points de suture.",
        en="A 16-year-old Eritrean boy was hit in the face by a rubber bullet (LBD) while running "
        "along the ring road. Volunteers drove him to the emergency department; the wound needed "
        "stitches.",
        victim_ids="P-005", status="confirmed", conf="restricted", by="HR",
    ),
    incident(
        "LP-2016-0006", "2016-10-04", "09:00", "lp_camp", "eviction",
        "gendarmerie", "eviction; belongings_destroyed",
        victims=30, belongings="tent:8; sleeping_bag:10; blanket",
        fr="Le campement a de nouveau été évacué par des gendarmes. Huit tentes et une dizaine "
        "de sacs de couchage ont été jetés dans une benne ; les couvertures ont été emportées "
        "sans être comptées.",
        en="The camp was evicted again by gendarmes. Eight tents and about ten sleeping bags were "
        "thrown into a skip; blankets were taken away without being counted.",
        status="probable", conf="public", by="MD",
    ),
    incident(
        "CAL-2016-0091", "2016-10-24", "08:00", "cal_jungle", "eviction",
        "national_police; crs; mobile_gendarmerie", "eviction; identity_check",
        units="CRS; escadrons de gendarmerie mobile; police nationale", minors=True,
        fr="Premier jour du démantèlement du campement. Les résidents ont été orientés vers des "
        "bus à destination de centres d'accueil ; les observateurs ont relevé des contrôles "
        "d'identité systématiques et l'absence d'information claire pour les mineurs isolés.",
        en="First day of the dismantling of the camp. Residents were directed to buses bound for "
        "reception centres; observers noted systematic identity checks and the lack of clear "
        "information for unaccompanied minors.",
        witness_ids="P-035; P-039", status="possible", conf="public", by="CV",
    ),
    incident(
        "CAL-2016-0096", "2016-10-26", "17:00", "cal_jungle_south", "eviction",
        "crs", "tear_gas; arrest",
        weapons=GRENADE, victims=3, minors=True,
        fr="Alors que des abris brûlaient, des CRS ont tiré des grenades lacrymogènes vers un "
        "groupe de jeunes qui refusaient de quitter la zone. Trois d'entre eux, dont un garçon "
        "de 15 ans, ont été interpellés.",
        en="As shelters were burning, CRS officers fired tear gas grenades at a group of young "
        "people who refused to leave the area. Three of them, including a 15-year-old boy, were "
        "arrested.",
        victim_ids="P-016", status="probable", conf="restricted", by="HR",
    ),
    incident(
        "CAL-2016-0099", "2016-10-27", "21:00", "cal_jungle", "other",
        "national_police", "other",
        victims=40, minors=True,
        fr="Après la fermeture de l'enregistrement, une quarantaine de mineurs isolés n'ont pas "
        "été admis dans le centre d'accueil provisoire et ont passé la nuit dehors, devant le "
        "cordon de police. Un garçon afghan de 16 ans faisait partie du groupe.",
        en="After registration closed, about forty unaccompanied minors were not admitted to the "
        "temporary reception centre and spent the night outside, in front of the police cordon. "
        "A 16-year-old Afghan boy was among them.",
        victim_ids="P-019", witness_ids="P-037", status="probable", conf="confidential",
        by="SL",
    ),
    incident(
        "CAL-2016-0101", "2016-10-31", "11:00", "cal_station", "patrol",
        "paf", "identity_check; arrest; detention",
        victims=4,
        fr="Quatre hommes revenus à Calais après le démantèlement ont été contrôlés à la gare, "
        "interpellés et conduits au centre de rétention de Coquelles.",
        en="Four men who had come back to Calais after the dismantling were checked at the "
        "station, arrested and taken to the Coquelles detention centre.",
        status="unverified", conf="restricted", by="SL",
    ),
]
# fmt: on

# --------------------------------------------------------------------------------------------
# Proceedings.
# --------------------------------------------------------------------------------------------

BOULOGNE = "Procureur de la République de Boulogne-sur-Mer"
CGLPL = "Contrôleur général des lieux de privation de liberté"
DDD = "Défenseur des droits"

# fmt: off
PROCEEDING_ROWS: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("PR-001", "CAL-2014-0058", "police_complaint", "2014-09-18", "Commissariat de Calais",
     "PV 2014/003871", "dismissed",
     "Avis de classement sans suite du 17/03/2015 : infraction insuffisamment caractérisée."),
    ("PR-002", "CAL-2014-0058", "prosecutor_complaint", "2015-04-10", BOULOGNE,
     "Parquet de Boulogne-sur-Mer 15/104562", "no_response", ""),
    ("PR-003", "COQ-2014-0009", "police_complaint", "2014-11-24", "Commissariat de Calais",
     "PV 2014/004519", "prosecution",
     "Agent de sécurité cité à comparaître devant le tribunal correctionnel (avis du "
     "02/06/2015)."),
    ("PR-004", "COQ-2014-0009", "court_action", "2015-09-15",
     "Tribunal correctionnel de Boulogne-sur-Mer", "Parquet de Boulogne-sur-Mer 14/128834",
     "conviction",
     "Jugement du 15/09/2015 : l'agent de sécurité est condamné à une peine d'emprisonnement "
     "avec sursis."),
    ("PR-005", "CAL-2015-0003", "ddd_referral", "2015-02-20", DDD, "DDD 15-003318", "other",
     "Accusé de réception du 05/03/2015 ; réclamation jointe à l'instruction en cours sur "
     "Calais."),
    ("PR-006", "CAL-2015-0011", "igpn_report", "2015-02-10", "IGPN",
     "Signalement IGPN 2015/00287", "no_response", ""),
    ("PR-007", "MAR-2015-0002", "police_complaint", "2015-02-23",
     "Gendarmerie nationale, brigade territoriale", "PV 2015/000318", "pending", ""),
    ("PR-008", "MAR-2015-0002", "iggn_report", "2015-03-02", "IGGN", "IGGN 2015-0412",
     "investigation_opened", "Enquête administrative ouverte (courrier du 14/04/2015)."),
    ("PR-009", "CAL-2015-0042", "police_complaint", "2015-07-01", "Commissariat de Calais",
     "PV 2015/004512", "dismissed",
     "Avis de classement sans suite du 04/02/2016 : auteur non identifié."),
    ("PR-010", "CAL-2015-0042", "ddd_referral", "2015-07-15", DDD, "DDD 15-012604", "pending",
     "Accusé de réception du 28/07/2015."),
    ("PR-011", "COQ-2015-0014", "iggn_report", "2015-08-06", "IGGN", "IGGN 2015-1187",
     "no_response", ""),
    ("PR-012", "COQ-2015-0014", "prosecutor_complaint", "2015-08-20", BOULOGNE,
     "Parquet de Boulogne-sur-Mer 15/123456", "investigation_opened",
     "Enquête préliminaire confiée à la gendarmerie (avis du 12/10/2015)."),
    ("PR-013", "COQ-2015-0019", "cglpl_referral", "2015-08-20", CGLPL, "CGLPL 2015/0871",
     "other", "Réponse du 30/10/2015 : situation examinée lors de la prochaine visite du centre."),
    ("PR-014", "COQ-2015-0027", "cglpl_referral", "2015-10-28", CGLPL, "CGLPL 2015/1034",
     "no_response", ""),
    ("PR-015", "CAL-2015-0079", "igpn_report", "2015-11-02", "IGPN",
     "Signalement IGPN 2015/01966", "pending", ""),
    ("PR-016", "GS-2015-0008", "court_action", "2015-11-10", "Tribunal administratif de Lille",
     "TA Lille n° 1509876", "other",
     "Ordonnance du 16/11/2015 : non-lieu à statuer, l'apport de matériel ayant été autorisé."),
    ("PR-017", "CAL-2016-0021", "ddd_referral", "2016-03-15", DDD, "DDD 16-004512",
     "investigation_opened", "Instruction ouverte (courrier du 02/05/2016)."),
    ("PR-018", "CAL-2016-0024", "police_complaint", "2016-03-07", "Commissariat de Calais",
     "PV 2016/001874", "pending", ""),
    ("PR-019", "CAL-2016-0024", "civil_party_complaint", "2016-11-14",
     "Doyen des juges d'instruction, tribunal de grande instance de Boulogne-sur-Mer",
     "Instruction n° 16/00087", "pending", "Ordonnance de consignation attendue."),
    ("PR-020", "DK-2016-0003", "prosecutor_complaint", "2016-03-21",
     "Procureur de la République de Dunkerque", "Parquet de Dunkerque 16/032117", "dismissed",
     "Classement sans suite du 30/09/2016 : absence d'infraction."),
    ("PR-021", "CAL-2016-0046", "police_complaint", "2016-06-06", "Commissariat de Calais",
     "PV 2016/003920", "investigation_opened",
     "Enquête confiée à l'IGPN (courrier du parquet du 15/07/2016)."),
    ("PR-022", "CAL-2016-0064", "igpn_report", "2016-08-03", "IGPN",
     "Signalement IGPN 2016/01342", "other", "Audition de la bénévole par un enquêteur le "
     "12/09/2016."),
    ("PR-023", "CAL-2016-0083", "prosecutor_complaint", "2016-10-05", BOULOGNE,
     "Parquet de Boulogne-sur-Mer 16/118203", "pending", ""),
    ("PR-024", "GS-2016-0007", "other", "2016-02-05", "Préfet du Nord",
     "Courrier du 05/02/2016", "no_response", ""),
    ("PR-025", "SAN-2016-0003", "iggn_report", "2016-07-28", "IGGN", "IGGN 2016-0963",
     "dismissed", "Réponse du 04/11/2016 : usage du chien jugé conforme."),
    ("PR-026", "CAL-2014-0079", "ddd_referral", "2015-01-12", DDD, "DDD 15-000871", "pending",
     ""),
]
# fmt: on


def build_proceedings() -> list[Record]:
    return [
        {
            "id": pid,
            "incident_id": incident_id,
            "type": kind,
            "date": _date(date),
            "authority": authority,
            "reference": reference,
            "status": status,
            "response": response or None,
        }
        for pid, incident_id, kind, date, authority, reference, status, response in (
            PROCEEDING_ROWS
        )
    ]


# --------------------------------------------------------------------------------------------
# Exhibit files: tiny, hand-built, byte-for-byte reproducible.
# --------------------------------------------------------------------------------------------


def _stored_zlib(data: bytes) -> bytes:
    """A zlib stream of stored (uncompressed) blocks: identical bytes with any zlib build."""
    out = bytearray(b"\x78\x01")
    chunks = [data[i : i + 65535] for i in range(0, len(data), 65535)] or [b""]
    for index, chunk in enumerate(chunks):
        final = 1 if index == len(chunks) - 1 else 0
        out += bytes([final]) + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk
    out += struct.pack(">I", zlib.adler32(data))
    return bytes(out)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_png(label: str, width: int = 12, height: int = 8) -> bytes:
    """A small RGB picture whose colours and stripes are derived from ``label``."""
    seed = hashlib.sha256(label.encode()).digest()
    ground = seed[0:3]
    stripe = bytes(255 - b for b in seed[3:6])
    period = 2 + seed[6] % 4
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter type: none
        for x in range(width):
            row += stripe if (x + y) % period == 0 else ground
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    comment = f"Comment\x00Fictional sample exhibit {label} (dossier sample data)".encode()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"tEXt", comment)
        + _png_chunk(b"IDAT", _stored_zlib(b"".join(rows)))
        + _png_chunk(b"IEND", b"")
    )


def make_wav(label: str, samples: int = 320) -> bytes:
    """A 40 ms, 8 kHz, 8-bit mono square wave whose pitch is derived from ``label``."""
    seed = hashlib.sha256(label.encode()).digest()
    half_period = 4 + seed[0] % 12
    data = bytes(160 if (i // half_period) % 2 else 96 for i in range(samples))
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 8000, 1, 8)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _fr_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _text_file(lines: Iterable[str]) -> bytes:
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


FICTION_NOTE = "Document fictif créé pour les données d'exemple de dossier — sample data only."


class Exhibit:
    """One evidence row plus how to build its file (if any)."""

    def __init__(
        self,
        exhibit_id: str,
        incident_ids: str,
        kind: str,
        fr: str | None,
        en: str | None,
        *,
        file: str | None = None,
        url: str | None = None,
        sha: str = "given",  # given | blank (file present, tool computes it) | page (URL only)
        at: str,
        by: str,
        conf: str,
        custody: str | None = None,
        person: str | None = None,
        reference: str | None = None,
        body: str | None = None,
        by_telephone: bool = False,
    ) -> None:
        self.id = exhibit_id
        self.incident_ids = _split(incident_ids)
        self.kind = kind
        self.fr = fr
        self.en = en
        self.file = file
        self.url = url
        self.sha = sha
        self.at = dt.datetime.fromisoformat(at)
        self.by = by
        self.conf = conf
        self.custody = custody
        self.person = person
        self.reference = reference
        self.body = body
        # A testimony taken by telephone is read back and approved orally: nobody signs it.
        self.by_telephone = by_telephone


# fmt: off
EXHIBITS: list[Exhibit] = [
    Exhibit("E-001", "CAL-2015-0042", "photo",
            "Tente lacérée au couteau, côté rocade.",
            "Tent slashed with a knife, on the ring-road side.",
            file="photos/cal-2015-0042-tent.png", at="2015-06-28 09:10", by="HR", conf="public"),
    Exhibit("E-002", "CAL-2015-0042", "photo",
            "Abri vidé après le passage des agents (sacs de couchage emportés).",
            "Shelter emptied after the officers left (sleeping bags taken away).",
            file="photos/cal-2015-0042-shelter.png", sha="blank", at="2015-06-28 09:14",
            by="HR", conf="public"),
    Exhibit("E-003", "CAL-2015-0042", "written_testimony",
            "Témoignage écrit d'Abel N., traduit du tigrigna.",
            "Written testimony of Abel N., translated from Tigrinya.",
            file="testimonies/cal-2015-0042-abel-n.txt", at="2015-06-30 16:00", by="CV",
            conf="restricted", person="P-001"),
    Exhibit("E-004", "CAL-2015-0042", "medical_certificate",
            "Certificat médical initial, ITT de 4 jours.",
            "Initial medical certificate, 4 days of ITT.",
            file="medical/cal-2015-0042-certificate.txt", at="2015-06-29 11:30", by="CV",
            conf="confidential", person="P-001"),
    Exhibit("E-005", "CAL-2014-0023", "photo",
            "Tentes et bâches chargées dans un camion de nettoyage.",
            "Tents and tarpaulins loaded into a cleaning lorry.",
            file="photos/cal-2014-0023-lorry.png", at="2014-07-02 08:05", by="MD",
            conf="public"),
    Exhibit("E-006", "CAL-2014-0023", "video",
            "Vidéo publiée en ligne montrant l'usage de gaz lors de l'évacuation.",
            "Video posted online showing the use of gas during the eviction.",
            url="https://video.example.org/watch/obs-20140702-evacuation", sha="page",
            at="2014-07-03 10:20", by="MD", conf="public",
            custody="Vidéo téléchargée le 03/07/2014 ; empreinte SHA-256 du fichier téléchargé ; "
            "copie conservée hors ligne sur le disque chiffré."),
    Exhibit("E-007", "CAL-2014-0058", "written_testimony",
            "Témoignage écrit d'Ibrahim S. (rédigé en anglais, traduction française jointe).",
            "Written testimony of Ibrahim S. (written in English, French translation "
            "attached).",
            file="testimonies/cal-2014-0058-ibrahim-s.txt", at="2014-09-16 15:00", by="HR",
            conf="restricted", person="P-010"),
    Exhibit("E-008", "CAL-2014-0058", "medical_certificate",
            "Certificat médical : morsures et contusions, ITT de 5 jours.",
            "Medical certificate: bites and bruises, 5 days of ITT.",
            file="medical/cal-2014-0058-certificate.txt", at="2014-09-15 10:00", by="HR",
            conf="confidential", person="P-010"),
    Exhibit("E-009", "CAL-2014-0058", "complaint_receipt",
            "Récépissé de dépôt de plainte, PV 2014/003871.",
            "Receipt for the police complaint, PV 2014/003871.",
            file="documents/cal-2014-0058-receipt.txt", at="2014-09-18 17:00", by="JP",
            conf="restricted", person="P-010", reference="PV 2014/003871"),
    Exhibit("E-010", "CAL-2015-0003", "photo",
            "File d'attente dispersée, nuage de gaz visible.",
            "Queue dispersed, cloud of gas visible.",
            file="photos/cal-2015-0003-queue.png", at="2015-01-15 18:25", by="SL",
            conf="public"),
    Exhibit("E-011", "CAL-2015-0003", "audio",
            "Extrait sonore : ordres de dispersion et toux.",
            "Sound clip: dispersal orders and coughing.",
            file="audio/cal-2015-0003-distribution.wav", at="2015-01-15 18:24", by="SL",
            conf="restricted"),
    Exhibit("E-012", "MAR-2015-0002", "medical_certificate",
            "Certificat médical, ITT de 3 jours.",
            "Medical certificate, 3 days of ITT.",
            file="medical/mar-2015-0002-certificate.txt", at="2015-02-20 09:30", by="HR",
            conf="confidential", person="P-021"),
    Exhibit("E-013", "MAR-2015-0002", "written_testimony",
            "Témoignage écrit de Reza M., traduit du persan.",
            "Written testimony of Reza M., translated from Persian.",
            file="testimonies/mar-2015-0002-reza-m.txt", sha="blank", at="2015-02-21 14:00",
            by="HR", conf="restricted", person="P-021"),
    Exhibit("E-014", "CAL-2015-0033", "photo",
            "Engin de nettoyage détruisant les abris.",
            "Cleaning machine destroying the shelters.",
            file="photos/cal-2015-0033-machine.png", at="2015-04-02 08:40", by="MD",
            conf="public"),
    Exhibit("E-015", "CAL-2015-0033", "web_capture",
            "Article de presse en ligne sur l'évacuation (capture de la page).",
            "Online news article on the eviction (page capture).",
            url="https://news.example.com/calais/2015/04/02/evacuation-des-campements",
            sha="page", at="2015-04-02 19:00", by="JP", conf="public"),
    Exhibit("E-016", "COQ-2015-0014", "photo",
            "Image extraite de la vidéo filmée depuis le chemin par un bénévole (vidéo "
            "conservée hors ligne).",
            "Still from the video filmed from the path by a volunteer (video kept offline).",
            file="photos/coq-2015-0014-fence-still.png", at="2015-07-29 00:05", by="TB",
            conf="restricted",
            custody="Carte mémoire remise par TB le 29/07/2015 ; vidéo originale conservée hors "
            "ligne, empreinte vérifiée à chaque transfert ; image extraite d'une copie de "
            "travail."),
    Exhibit("E-017", "COQ-2015-0014", "medical_certificate",
            "Certificat médical : plaie du cuir chevelu suturée, ITT de 10 jours.",
            "Medical certificate: stitched scalp wound, 10 days of ITT.",
            file="medical/coq-2015-0014-certificate.txt", at="2015-07-29 14:00", by="TB",
            conf="confidential", person="P-029"),
    Exhibit("E-018", "COQ-2015-0014", "written_testimony",
            "Attestation de témoin de Tom B. (en anglais, traduction française jointe).",
            "Witness statement by Tom B. (in English, French translation attached).",
            file="testimonies/coq-2015-0014-tom-b.txt", at="2015-07-30 11:00", by="TB",
            conf="restricted", person="P-038"),
    Exhibit("E-019", "CAL-2015-0051", "audio",
            "Enregistrement de l'échange avec l'agent.",
            "Recording of the exchange with the officer.",
            file="audio/cal-2015-0051-exchange.wav", sha="blank", at="2015-08-09 15:25",
            by="SL", conf="restricted"),
    Exhibit("E-020", "CAL-2015-0058", "web_capture",
            "Capture d'écran d'une publication relatant l'interdiction de la distribution.",
            "Screenshot of a post reporting the ban on the distribution.",
            file="web/cal-2015-0058-post.png",
            url="https://social.example.net/posts/20150822-distribution",
            at="2015-08-22 20:00", by="JP", conf="public"),
    Exhibit("E-021", "COQ-2015-0019", "official_document",
            "Notification de placement en rétention (copie anonymisée).",
            "Notice of placement in detention (anonymised copy).",
            file="documents/coq-2015-0019-notification.txt", at="2015-08-10 10:00", by="SL",
            conf="confidential",
            body="NOTIFICATION D'UNE DÉCISION DE PLACEMENT EN RÉTENTION ADMINISTRATIVE\n"
            "(copie anonymisée — nom, date de naissance et numéros masqués)\n\n"
            "Lieu de rétention : centre de rétention administrative de Coquelles\n"
            "Date de notification : 03/08/2015\n"
            "Droits notifiés : assistance d'un interprète, d'un conseil et d'un médecin."),
    Exhibit("E-022", "CAL-2015-0066", "photo",
            "Projectiles de LBD ramassés dans le campement.",
            "Rubber bullets (LBD) picked up in the camp.",
            file="photos/cal-2015-0066-projectiles.png", at="2015-09-22 09:00", by="HR",
            conf="public"),
    Exhibit("E-023", "CAL-2015-0071", "written_testimony",
            "Témoignage écrit de Rebin S. (en anglais, traduction française jointe).",
            "Written testimony of Rebin S. (in English, French translation attached).",
            file="testimonies/cal-2015-0071-rebin-s.txt", at="2015-10-09 16:00", by="SL",
            conf="restricted", person="P-025"),
    Exhibit("E-024", "COQ-2015-0027", "medical_certificate",
            "Certificat médical : lésion du poignet, ITT de 2 jours.",
            "Medical certificate: wrist injury, 2 days of ITT.",
            file="medical/coq-2015-0027-certificate.txt", at="2015-10-16 10:00", by="SL",
            conf="confidential", person="P-017"),
    Exhibit("E-025", "CAL-2015-0079", "photo",
            "Culots de grenades lacrymogènes à l'entrée du campement.",
            "Tear gas grenade casings at the camp entrance.",
            file="photos/cal-2015-0079-grenades.png", at="2015-10-29 19:40", by="HR",
            conf="public"),
    Exhibit("E-026", "CAL-2015-0079", "medical_certificate",
            "Certificat médical du mineur, ITT de 4 jours.",
            "Medical certificate of the minor, 4 days of ITT.",
            file="medical/cal-2015-0079-certificate.txt", at="2015-10-30 15:00", by="HR",
            conf="confidential", person="P-012"),
    Exhibit("E-027", "CAL-2015-0066; CAL-2015-0079", "video",
            "Montage vidéo publié en ligne le 02/11/2015, couvrant deux interventions dans le "
            "campement.",
            "Video compilation posted online on November 2, 2015, covering two police operations "
            "in the camp.",
            url="https://video.example.org/watch/lande-automne-2015", sha="page",
            at="2015-11-03 12:00", by="HR", conf="public",
            custody="Vidéo téléchargée le 03/11/2015 ; empreinte SHA-256 du fichier téléchargé ; "
            "copie conservée hors ligne."),
    Exhibit("E-028", "GS-2015-0008", "photo",
            "Tentes confisquées chargées dans un véhicule de police.",
            "Confiscated tents loaded into a police vehicle.",
            file="photos/gs-2015-0008-tents.png", sha="blank", at="2015-11-04 10:30", by="JP",
            conf="public"),
    Exhibit("E-029", "GS-2015-0008", "official_document",
            "Ordonnance du juge des référés (copie).",
            "Order of the urgent-applications judge (copy).",
            file="documents/gs-2015-0008-ordonnance.txt", at="2015-11-17 09:00", by="JP",
            conf="public",
            body="TRIBUNAL ADMINISTRATIF DE LILLE — ORDONNANCE DE RÉFÉRÉ (copie fictive)\n"
            "N° 1509876 — audience du 16/11/2015\n\n"
            "Le juge des référés constate que l'apport de tentes et de bâches dans le campement "
            "a été autorisé depuis l'introduction de la requête et dit n'y avoir lieu à statuer."),
    Exhibit("E-030", "COQ-2014-0009", "complaint_receipt",
            "Récépissé de dépôt de plainte, PV 2014/004519.",
            "Receipt for the police complaint, PV 2014/004519.",
            file="documents/coq-2014-0009-receipt.txt", at="2014-11-24 16:00", by="HR",
            conf="restricted", person="P-024", reference="PV 2014/004519"),
    Exhibit("E-031", "COQ-2014-0009", "medical_certificate",
            "Certificat médical : morsures, ITT de 8 jours.",
            "Medical certificate: bites, 8 days of ITT.",
            file="medical/coq-2014-0009-certificate.txt", at="2014-11-21 12:00", by="HR",
            conf="confidential", person="P-024"),
    Exhibit("E-032", "CAL-2015-0042", "official_document",
            "Avis de classement sans suite de la plainte PV 2015/004512.",
            "Notice that the complaint PV 2015/004512 was dismissed.",
            file="documents/cal-2015-0042-dismissal.txt", at="2016-02-10 10:00", by="CV",
            conf="restricted",
            body="AVIS DE CLASSEMENT SANS SUITE (copie fictive)\n"
            "Procédure : PV 2015/004512\n"
            "Date de la décision : 04/02/2016\n"
            "Motif : auteur non identifié.\n"
            "Le plaignant peut se constituer partie civile devant le doyen des juges "
            "d'instruction."),
    Exhibit("E-033", "CAL-2015-0042", "complaint_receipt",
            "Récépissé de dépôt de plainte, PV 2015/004512.",
            "Receipt for the police complaint, PV 2015/004512.",
            file="documents/cal-2015-0042-receipt.txt", at="2015-07-01 17:30", by="CV",
            conf="restricted", person="P-001", reference="PV 2015/004512"),
    Exhibit("E-034", "LP-2015-0003", "other",
            "Inventaire des biens détruits établi par les bénévoles.",
            "Inventory of destroyed belongings drawn up by volunteers.",
            file="documents/lp-2015-0003-inventory.txt", at="2015-12-19 14:00", by="MD",
            conf="public",
            custody="Inventaire établi sur place par MD ; version papier signée conservée au "
            "local.",
            body="INVENTAIRE DES BIENS DÉTRUITS — campement près du canal, 19/12/2015\n\n"
            "tentes : 20\ncouvertures : 25\nréserves de nourriture (cartons) : 10\n\n"
            "Relevé fait par deux bénévoles entre 11 h et 13 h."),
    Exhibit("E-035", "LP-2015-0003", "photo",
            "Restes de tentes brûlées.",
            "Remains of burnt tents.",
            file="photos/lp-2015-0003-burnt.png", at="2015-12-19 11:00", by="MD",
            conf="public"),
    Exhibit("E-036", "CAL-2016-0004", "web_capture",
            "Article en ligne sur le dégagement de la bande de cent mètres (capture).",
            "Online article on the clearing of the 100-metre strip (capture).",
            url="https://news.example.com/calais/2016/01/18/bande-des-cent-metres", sha="page",
            at="2016-01-18 20:00", by="MD", conf="public"),
    Exhibit("E-037", "GS-2016-0007", "photo",
            "Marmite renversée et file d'attente dispersée.",
            "Cooking pot knocked over and queue dispersed.",
            file="photos/gs-2016-0007-pot.png", sha="blank", at="2016-02-02 12:45", by="MD",
            conf="public"),
    Exhibit("E-038", "GS-2016-0007", "written_testimony",
            "Attestation de témoin de Martin D.",
            "Witness statement by Martin D.",
            file="testimonies/gs-2016-0007-martin-d.txt", at="2016-02-03 10:00", by="MD",
            conf="restricted", person="P-036"),
    Exhibit("E-039", "CAL-2016-0021", "photo",
            "Démolition des abris de la zone sud.",
            "Demolition of the shelters in the southern zone.",
            file="photos/cal-2016-0021-demolition.png", at="2016-03-01 10:30", by="CV",
            conf="public"),
    Exhibit("E-040", "CAL-2016-0021", "video",
            "Vidéo publiée en ligne de l'évacuation de la zone sud.",
            "Video posted online of the eviction of the southern zone.",
            url="https://video.example.org/watch/zone-sud-20160301", sha="page",
            at="2016-03-01 22:00", by="SL", conf="public",
            custody="Vidéo téléchargée le 01/03/2016 ; empreinte SHA-256 du fichier téléchargé ; "
            "copie conservée hors ligne."),
    Exhibit("E-041", "CAL-2016-0021", "written_testimony",
            "Témoignage de Meron D., traduit de l'amharique (entretien collectif).",
            "Testimony of Meron D., translated from Amharic (group interview).",
            file="testimonies/cal-2016-0021-meron-d.txt", at="2016-03-04 15:00", by="CV",
            conf="restricted", person="P-030"),
    Exhibit("E-042", "CAL-2016-0024", "medical_certificate",
            "Certificat médical du mineur, ITT de 7 jours.",
            "Medical certificate of the minor, 7 days of ITT.",
            file="medical/cal-2016-0024-certificate.txt", at="2016-03-04 11:00", by="CV",
            conf="confidential", person="P-019"),
    Exhibit("E-043", "CAL-2016-0024", "complaint_receipt",
            "Récépissé de dépôt de plainte, PV 2016/001874.",
            "Receipt for the police complaint, PV 2016/001874.",
            file="documents/cal-2016-0024-receipt.txt", at="2016-03-07 18:00", by="CV",
            conf="restricted", person="P-019", reference="PV 2016/001874"),
    Exhibit("E-044", "CAL-2016-0024", "photo",
            "Hématome à la cuisse (photo prise avec l'accord de son représentant légal, visage "
            "non visible).",
            "Bruise on the thigh (photo taken with the agreement of his legal representative, "
            "face not visible).",
            file="photos/cal-2016-0024-injury.png", sha="blank", at="2016-03-04 11:30",
            by="CV", conf="confidential"),
    Exhibit("E-045", "DK-2016-0003", "audio",
            "Témoignage oral de Hawre M. en kurde, avec traduction.",
            "Oral testimony of Hawre M. in Kurdish, with translation.",
            file="audio/dk-2016-0003-testimony.wav", at="2016-03-18 14:00", by="JP",
            conf="restricted"),
    Exhibit("E-046", "CAL-2016-0046", "medical_certificate",
            "Certificat médical : fracture de l'avant-bras, ITT de 12 jours.",
            "Medical certificate: broken forearm, 12 days of ITT.",
            file="medical/cal-2016-0046-certificate.txt", at="2016-06-03 09:00", by="HR",
            conf="confidential", person="P-007"),
    Exhibit("E-047", "CAL-2016-0046", "complaint_receipt",
            "Récépissé de dépôt de plainte, PV 2016/003920.",
            "Receipt for the police complaint, PV 2016/003920.",
            file="documents/cal-2016-0046-receipt.txt", at="2016-06-06 17:00", by="HR",
            conf="restricted", person="P-007", reference="PV 2016/003920"),
    Exhibit("E-048", "CAL-2016-0064", "photo",
            "Agent photographié pendant la saisie du téléphone, RIO lisible.",
            "Officer photographed while taking the phone, RIO number readable.",
            file="photos/cal-2016-0064-officer.png", at="2016-08-01 20:05", by="SL",
            conf="restricted"),
    Exhibit("E-049", "CAL-2016-0083", "medical_certificate",
            "Certificat médical du mineur, ITT de 15 jours.",
            "Medical certificate of the minor, 15 days of ITT.",
            file="medical/cal-2016-0083-certificate.txt", at="2016-09-29 08:30", by="HR",
            conf="confidential", person="P-005"),
    Exhibit("E-050", "CAL-2016-0083", "photo",
            "Projectile de LBD retrouvé sur le bas-côté.",
            "Rubber bullet (LBD) found on the roadside.",
            file="photos/cal-2016-0083-projectile.png", sha="blank", at="2016-09-29 10:00",
            by="HR", conf="public"),
    Exhibit("E-051", "CAL-2016-0091", "web_capture",
            "Article en ligne sur le premier jour du démantèlement (capture).",
            "Online article on the first day of the dismantling (capture).",
            url="https://news.example.com/calais/2016/10/24/demantelement-premier-jour",
            sha="page", at="2016-10-24 21:00", by="CV", conf="public"),
    Exhibit("E-052", "CAL-2016-0099", "other",
            "Liste anonymisée des mineurs restés dehors, établie par les bénévoles.",
            None,
            file="documents/cal-2016-0099-list.txt", at="2016-10-28 07:00", by="SL",
            conf="confidential",
            custody="Liste établie sur place par SL ; les noms ont été remplacés par des numéros "
            "avant numérisation.",
            body="LISTE DES MINEURS RESTÉS DEHORS — nuit du 27 au 28/10/2016 (anonymisée)\n\n"
            "mineurs comptés : 40\nnationalités déclarées : afghane, érythréenne, soudanaise, "
            "éthiopienne\nâge le plus jeune déclaré : 13 ans"),
    Exhibit("E-053", "SAN-2016-0003", "written_testimony",
            "Témoignage d'Arash T., recueilli par téléphone en anglais (traduction française "
            "jointe).",
            "Testimony of Arash T., taken by telephone in English (French translation "
            "attached).",
            file="testimonies/san-2016-0003-arash-t.txt", at="2016-08-12 18:00", by="TB",
            conf="restricted", person="P-023", by_telephone=True,
            custody="Témoignage recueilli par téléphone par TB le 12/08/2016, transcrit, relu "
            "au témoin et approuvé par lui oralement ; transcription conservée sous clé."),
]
# fmt: on

CUSTODY_BY_KIND = {
    "photo": "Photo prise par {by} ; original copié le {day} sur le support chiffré de "
    "l'association, empreinte vérifiée ; travail sur copie.",
    "audio": "Enregistrement réalisé par {by} avec l'accord des personnes ; fichier original "
    "copié le {day} sans modification.",
    "medical_certificate": "Copie numérisée le {day} par {by} ; l'original a été rendu à la "
    "personne ; empreinte calculée à la numérisation.",
    "written_testimony": "Témoignage recueilli par {by}, relu et signé sous pseudonyme ; "
    "original papier conservé sous clé ; numérisé le {day}.",
    "complaint_receipt": "Copie du récépissé remise par le plaignant ; numérisée le {day} "
    "par {by}.",
    "official_document": "Copie anonymisée numérisée le {day} par {by} ; original conservé par "
    "l'intéressé.",
    "web_capture": "Page capturée le {day} par {by} (archive WARC et capture d'écran) ; "
    "empreinte consignée dans le registre ; capture conservée hors ligne.",
    "video": "Vidéo copiée le {day} par {by} ; empreinte consignée dans le registre.",
    "other": "Document établi par {by} le {day}.",
}


def _person_line(person: Record | None) -> str:
    if person is None:
        return "Personne : non nommée"
    return f"Personne : {person['pseudonym']} (pseudonyme ; identité dans l'annexe confidentielle)"


def exhibit_bytes(
    exhibit: Exhibit, incidents: dict[str, Record], persons: dict[str, Record]
) -> bytes | None:
    """The file of an exhibit, or None when the exhibit is only a URL."""
    if exhibit.file is None:
        return None
    if exhibit.file.endswith(".png"):
        return make_png(f"{exhibit.id} {exhibit.file}")
    if exhibit.file.endswith(".wav"):
        return make_wav(f"{exhibit.id} {exhibit.file}")
    first = incidents[exhibit.incident_ids[0]]
    person = persons.get(exhibit.person or "")
    heading = f"Pièce {exhibit.id} — incident(s) {', '.join(exhibit.incident_ids)}"
    lines: list[str]
    if exhibit.kind == "medical_certificate":
        lines = [
            "CERTIFICAT MÉDICAL INITIAL",
            FICTION_NOTE,
            "",
            heading,
            f"Examen du : {_fr_date(exhibit.at.date())}",
            _person_line(person).replace("Personne", "Patient"),
            f"Constatations : {first['injuries']}",
            f"Incapacité totale de travail (ITT) : {first['itt_days']} jours, sous réserve de "
            "complications.",
            "Certificat établi à la demande de l'intéressé et remis en main propre.",
            "Médecin : médecin fictif, consultation de médecine générale.",
        ]
    elif exhibit.kind == "written_testimony":
        assert person is not None, exhibit.id
        english = person["interview_language"] == "English" or "English" in (exhibit.en or "")
        volunteer = "observer" in person["roles"] or person["nationality"] in {"French", "British"}
        title = "ATTESTATION DE TÉMOIN" if volunteer else "TÉMOIGNAGE ÉCRIT"
        account = first["summary_en"] if english else first["summary_fr"]
        lines = [
            title,
            FICTION_NOTE,
            f"Recueilli par : {FILER}",
            "",
            heading,
            f"Date des faits : {_fr_date(first['date'])}, {first['commune']}",
            _person_line(person).replace("Personne", "Témoin"),
            f"Recueilli le : {_fr_date(exhibit.at.date())}",
            "",
            "Account (summary):" if english else "Récit (résumé) :",
            account or "",
            "",
        ]
        if exhibit.by_telephone:
            lines += [
                "Transcription relue au témoin par téléphone et approuvée par lui oralement "
                f"le {_fr_date(exhibit.at.date())} (pseudonyme : {person['pseudonym']}).",
            ]
        else:
            lines += [
                "I certify that this account is true."
                if english
                else "Je certifie que ce récit est conforme à ce que j'ai vécu ou vu.",
                f"Signé sous pseudonyme : {person['pseudonym']}",
            ]
        if english:
            # The Défenseur des droits reads French: an exhibit in English comes with the
            # association's translation.
            assert first["summary_fr"], f"{exhibit.id}: no French account to translate with"
            lines += ["", f"Traduction française ({FILER}) :", first["summary_fr"]]
    elif exhibit.kind == "complaint_receipt":
        lines = [
            "RÉCÉPISSÉ DE DÉPÔT DE PLAINTE",
            FICTION_NOTE,
            "",
            heading,
            f"Procès-verbal : {exhibit.reference}",
            f"Date du dépôt : {_fr_date(exhibit.at.date())}",
            _person_line(person).replace("Personne", "Plaignant"),
            f"Faits déclarés : violences commises le {_fr_date(first['date'])} à "
            f"{first['commune']}.",
        ]
    else:
        lines = [FICTION_NOTE, "", heading, "", exhibit.body or ""]
    return _text_file(lines)


def captured_page_sha(url: str) -> str:
    """The fingerprint of the (imaginary) captured copy kept offline."""
    page = f"<!doctype html><title>captured copy</title><p>{url}</p>\n".encode()
    return hashlib.sha256(page).hexdigest()


def build_evidence(
    incidents: dict[str, Record], persons: dict[str, Record]
) -> tuple[list[Record], dict[str, bytes]]:
    records: list[Record] = []
    files: dict[str, bytes] = {}
    for exhibit in EXHIBITS:
        content = exhibit_bytes(exhibit, incidents, persons)
        if content is not None:
            assert exhibit.file is not None
            files[exhibit.file] = content
        if exhibit.sha == "given":
            assert content is not None, exhibit.id
            sha: str | None = hashlib.sha256(content).hexdigest()
        elif exhibit.sha == "page":
            assert content is None and exhibit.url, exhibit.id
            sha = captured_page_sha(exhibit.url)
        else:
            assert exhibit.sha == "blank" and content is not None, exhibit.id
            sha = None
        custody = exhibit.custody or CUSTODY_BY_KIND[exhibit.kind].format(
            by=exhibit.by, day=_fr_date(exhibit.at.date())
        )
        records.append(
            {
                "id": exhibit.id,
                "incident_ids": list(exhibit.incident_ids),
                "kind": exhibit.kind,
                "description_fr": exhibit.fr,
                "description_en": exhibit.en,
                "file": exhibit.file,
                "url": exhibit.url,
                "sha256": sha,
                "captured_at": exhibit.at,
                "captured_by": exhibit.by,
                "custody_notes": custody,
                "confidentiality": exhibit.conf,
            }
        )
    return records, files


def nationalities_in_french(persons: list[Record]) -> list[Record]:
    """The persons with their nationality as a French group's workbook writes it: the
    vocabulary's French adjective, agreeing with the person (« soudanais », « érythréenne »,
    « kurde irakienne »). Every nationality of the sample must be in the vocabulary
    (dossier/schema/nationalities.py); the English edition prints « Sudanese »."""
    written = []
    for person in persons:
        typed = person["nationality"]
        if typed:
            found = read_nationality(typed).nationality
            if found is None:
                raise ValueError(f"{person['id']}: nationality {typed!r} is not in the vocabulary")
            typed = found.adjective("fr", feminine=person["gender"] == "woman")
        written.append({**person, "nationality": typed})
    return written


# The units and weapons of the sample in English: the columns units_en and weapons_en, so the
# English edition prints them translated. Places, injuries and replies are left in French only:
# the English edition prints them marked « (untranslated) », as a real log would often have it.
UNITS_EN = {
    "BAC": "BAC (anti-crime squad)",
    "CRS": "CRS (riot police)",
    "PAF": "PAF (border police)",
    "PAF de Coquelles": "Coquelles border police (PAF)",
    "agents de sécurité du terminal": "terminal security guards",
    "agents de sûreté portuaire": "port security officers",
    "brigade de gendarmerie": "gendarmerie brigade",
    "commissariat de Calais": "Calais police station",
    "escadron de gendarmerie mobile": "mobile gendarmerie squadron",
    "escadrons de gendarmerie mobile": "mobile gendarmerie squadrons",
    "police nationale": "national police",
}
WEAPONS_EN = {
    "LBD 40": "LBD 40 (rubber-bullet launcher)",
    "chien": "dog",
    "couteau": "knife",
    "gaz lacrymogène (aérosol)": "tear gas (spray)",
    "grenade de désencerclement": "sting-ball grenade",
    "grenade lacrymogène": "tear-gas grenade",
    "matraque": "baton",
    "matraque télescopique": "telescopic baton",
}

AUTHORITIES_EN = {
    "Commissariat de Calais": "Calais police station",
    "Contrôleur général des lieux de privation de liberté": "General Inspector of places of "
    "deprivation of liberty (CGLPL)",
    "Doyen des juges d'instruction, tribunal de grande instance de Boulogne-sur-Mer": "Senior "
    "investigating judge, Boulogne-sur-Mer court of first instance",
    "Défenseur des droits": "Défenseur des droits (Defender of Rights)",
    "Gendarmerie nationale, brigade territoriale": "National gendarmerie, local brigade",
    "IGGN": "IGGN (gendarmerie inspectorate)",
    "IGPN": "IGPN (police inspectorate)",
    "Procureur de la République de Boulogne-sur-Mer": "Boulogne-sur-Mer public prosecutor",
    "Procureur de la République de Dunkerque": "Dunkirk public prosecutor",
    "Préfet du Nord": "Prefect of the Nord department",
    "Tribunal administratif de Lille": "Lille administrative court",
    "Tribunal correctionnel de Boulogne-sur-Mer": "Boulogne-sur-Mer criminal court",
}


def with_translation_columns(records: list[Record], sheet: SheetSpec) -> list[Record]:
    """The records with the sheet's per-language columns (``place_fr``, ``units_en``…): blank,
    except ``units_en``, ``weapons_en`` and ``authority_en``, translated from the tables above."""
    added = [column for column in sheet.fields if column.key not in records[0]]
    translated = []
    for record in records:
        record = {**record, **{column.key: [] if column.multi else None for column in added}}
        if "units_en" in record:
            record["units_en"] = [UNITS_EN[unit] for unit in record["units"]]
            record["weapons_en"] = [WEAPONS_EN[weapon] for weapon in record["weapons"]]
        if "authority_en" in record and record["authority"]:
            record["authority_en"] = AUTHORITIES_EN[record["authority"]]
        translated.append(record)
    return translated


# The accounts the log first recorded in English only, in French: the Défenseur des droits reads
# French, and the French editions hold no English (the English edition still shows accounts
# recorded in French only, marked untranslated).
ACCOUNTS_IN_FRENCH = {
    "CAL-2014-0072": "Trois policiers en civil ont interpellé un homme assis sur un banc du parc. "
    "Il dit avoir été jeté à terre et frappé dans le dos à coups de matraque télescopique alors "
    "qu'il n'opposait aucune résistance. Il est ressorti du commissariat deux heures plus tard, "
    "sans poursuites.",
    "CAL-2015-0058": "Des policiers municipaux ont déclaré aux bénévoles qui servaient le déjeuner "
    "au centre-ville que la distribution était interdite et que leur véhicule serait mis en "
    "fourrière. Les bénévoles se sont éloignés ; environ quatre-vingts personnes n'ont pas eu de "
    "repas ce jour-là.",
    "DK-2016-0001": "Trois hommes cachés près d'un quai de chargement ont été découverts par des "
    "agents de sécurité privée accompagnés d'un chien, et retenus jusqu'à l'arrivée des douaniers. "
    "Le chien, sans muselière, a été maintenu à quelques centimètres de leur visage pendant la "
    "fouille.",
    "CAL-2016-0052": "Lors d'une bagarre entre groupes sur le chemin principal du campement, des "
    "CRS ont tiré des grenades lacrymogènes vers le quartier des petits commerces et des "
    "restaurants, où des personnes étrangères à la bagarre prenaient leur repas. Plusieurs balles "
    "en caoutchouc ont été tirées.",
}


def accounts_in_french(incidents: list[Record]) -> list[Record]:
    """The incidents with a French account each (ACCOUNTS_IN_FRENCH for those the log recorded
    in English only)."""
    done = []
    for incident in incidents:
        if not incident["summary_fr"]:
            incident = {**incident, "summary_fr": ACCOUNTS_IN_FRENCH[incident["id"]]}
        done.append(incident)
    return done


#: Fictional people who agreed that their identity reach the Défenseur des droits (the
#: identity annex, issue 21): a few of those who consented under art. 8, not all of them.
IDENTITY_CONSENT_LIMIT = 4


def add_exhibits_columns(persons: list[Record], evidence: list[Record]) -> None:
    """The columns of the exhibits bundle and the identity annex (issue 21): who agreed to be
    identified to the DDD; the document's own date of certificates and receipts (the day
    they were collected, in this fictional data)."""
    agreed = 0
    for person in persons:
        consents = bool(person["legal_name"]) and person["art8_status"] == "consented"
        person["identity_consent"] = consents and agreed < IDENTITY_CONSENT_LIMIT
        agreed += bool(person["identity_consent"])
    for exhibit in evidence:
        dated = exhibit["kind"] in ("medical_certificate", "complaint_receipt")
        exhibit["document_date"] = exhibit["captured_at"].date() if dated else None
        # A sample is a first dossier: no pièce number recorded yet, no video with real frames.
        exhibit["piece_number"] = None
        exhibit["timecodes"] = []


class Dataset:
    """The four sheets as canonical records (codes, dates, lists) and the exhibit files."""

    def __init__(self) -> None:
        self.persons = build_persons()
        self.incidents = sorted(
            copy.deepcopy(INCIDENT_ROWS), key=lambda row: (row["date"], row["time"] or dt.time())
        )
        by_id = {row["id"]: row for row in self.incidents}
        persons_by_id = {row["id"]: row for row in self.persons}
        self.evidence, self.files = build_evidence(by_id, persons_by_id)
        for exhibit in self.evidence:
            for incident_id in exhibit["incident_ids"]:
                by_id[incident_id]["evidence_ids"].append(exhibit["id"])
        self.proceedings = build_proceedings()
        # Testimony and letters (tools/sample_testimony.py), fictional like everything here.
        self.interviews = build_interviews(self.incidents, persons_by_id)
        self.quotes = build_quotes(self.incidents, self.interviews, persons_by_id)
        self.correspondence = build_correspondence(self.incidents)
        clear_person_interview_columns(self.persons)
        add_exhibits_columns(self.persons, self.evidence)
        add_legal_columns(self)
        add_act_forces(self)
        add_official_documents_dates(self)
        # After the exhibits, whose files were written from the English spellings.
        self.persons = nationalities_in_french(self.persons)
        self.incidents = accounts_in_french(with_translation_columns(self.incidents, INCIDENTS))
        self.proceedings = with_translation_columns(self.proceedings, PROCEEDINGS)
        self.evidence = with_translation_columns(self.evidence, EVIDENCE)

    def sheets(self) -> list[tuple[SheetSpec, list[Record]]]:
        return [
            (INCIDENTS, self.incidents),
            (PERSONS, self.persons),
            (EVIDENCE, self.evidence),
            (PROCEEDINGS, self.proceedings),
            (INTERVIEWS, self.interviews),
            (QUOTES, self.quotes),
            (CORRESPONDENCE, self.correspondence),
        ]


# --------------------------------------------------------------------------------------------
# The columns a complaint needs for its legal statements (issue 19), kept apart from the rows
# above: how the association knows each incident, the editor's ECHR art. 3 mark, an earlier
# referral's reference, each exhibit's own date; and proceedings statuses art. 23 and art. 33
# of loi organique n° 2011-333 turn on. As fictional as the rest.
# --------------------------------------------------------------------------------------------

# Incidents the (fictional) editor marks for ECHR art. 3: severe, documented violence.
ECHR_ART3_MARKED = frozenset({"COQ-2015-0014", "CAL-2015-0042"})
# An earlier referral recorded on the incident itself (also in the proceedings sheet).
DDD_REFERENCES = {"CAL-2016-0021": "DDD 16-004512"}
# Proceedings whose status (and response) say which judicial step is under way or decided.
LEGAL_STATUSES: dict[str, tuple[str, str | None, str | None]] = {
    # id: (status, new date or None, new response or None)
    # A flagrance enquiry lasts eight days, renewable once (CPP art. 53): one opened on the
    # complaint of 23/02/2015 would not still be under way at the signature; a preliminary one may.
    "PR-007": (
        "preliminary_enquiry",
        None,
        "Enquête préliminaire ouverte sur la plainte (avis du 16/03/2015).",
    ),
    "PR-012": ("preliminary_enquiry", None, None),
    "PR-016": ("court_decision", None, None),
    # A minor does not file a civil-party complaint alone: their legal representative does.
    "PR-019": (
        "judicial_investigation",
        "2016-06-14",
        "Plainte déposée au nom du mineur par son représentant légal ; information judiciaire "
        "ouverte (avis du 05/09/2016).",
    ),
}
# Deprivations of liberty by regime (the former act "detention" merged them); one incident
# keeps the former code, to show the warning a DDD build gives for it. A man led out of the
# port and released there was not pushed back across a border: "removed_from_area".
ACT_CHANGES: dict[str, dict[str, tuple[str, ...]]] = {
    "CAL-2014-0079": {"detention": ("police_custody",)},
    "COQ-2015-0027": {"detention": ("police_custody",)},
    "COQ-2015-0019": {"detention": ("administrative_detention",)},
    "COQ-2016-0006": {"detention": ("administrative_detention",)},
    "DK-2015-0005": {"detention": ("residence_check",)},
    "CAL-2014-0072": {"arrest": ("arrest", "identity_verification")},
    "CAL-2015-0071": {"pushback": ("removed_from_area",)},
    "CAL-2016-0077": {"pushback": ("removed_from_area",)},
}
# Codes no row of the sample uses, and why: a pushback across a border is not among its
# (fictional) facts; a flagrance enquiry lasts at most sixteen days (CPP art. 53), and no
# proceeding of the sample is that recent at the signature (15/11/2016).
NOT_IN_SAMPLE = frozenset({"pushback", "flagrante_enquiry"})
# Kinds of exhibit made on the day of the facts (their document date is the incident's).
_MADE_ON_THE_DAY = frozenset({"photo", "video", "audio"})


def add_legal_columns(data: Dataset) -> None:
    """Fill the legal columns of the sample, deterministically from what the rows say."""
    persons = {row["id"]: row for row in data.persons}
    incidents = {row["id"]: row for row in data.incidents}
    for row in data.incidents:
        seen_by_member = any("observer" in persons[pid]["roles"] for pid in row["witness_ids"])
        # A minor cannot validly give a mandate: only an adult victim's consent makes one (a
        # minor's account comes through a member who witnessed, or as a report).
        mandate = any(
            persons[pid]["art8_status"] == "consented" and persons[pid]["minor"] is False
            for pid in row["victim_ids"]
        )
        if seen_by_member:
            row["knowledge"] = "witnessed"
        elif mandate:
            row["knowledge"] = "victim_mandate"
        else:
            row["knowledge"] = "report_own_initiative"
        row["echr_art3"] = True if row["id"] in ECHR_ART3_MARKED else None
        row["ddd_reference"] = DDD_REFERENCES.get(row["id"])
        changes = ACT_CHANGES.get(row["id"], {})
        row["acts"] = [new for code in row["acts"] for new in changes.get(code, (code,))]
    for row in data.evidence:
        first = incidents[row["incident_ids"][0]]["date"] if row["incident_ids"] else None
        if row["kind"] in _MADE_ON_THE_DAY and first is not None:
            row["document_date"] = first
        else:
            row["document_date"] = row["captured_at"].date()
    for row in data.proceedings:
        if row["id"] in LEGAL_STATUSES:
            status, date, response = LEGAL_STATUSES[row["id"]]
            row["status"] = status
            if date is not None:
                row["date"] = _date(date)
            if response is not None:
                row["response"] = response


# --------------------------------------------------------------------------------------------
# Which force did which act (issue 19, column "done by"), read from each account: only in
# incidents where several forces acted. Some mixed incidents keep acts no account attributes,
# so that the complaint shows its caveat ("applies only if the act was done by…").
# --------------------------------------------------------------------------------------------

ACT_FORCES: dict[str, tuple[tuple[str, str], ...]] = {
    # A guard set the dog on him; border police officers struck and arrested him.
    "CAL-2014-0058": (("dog", "private_security"), ("physical_violence", "paf"), ("arrest", "paf")),
    # Guards with a dog caught him; who struck him, and who arrested him, the account leaves open.
    "COQ-2014-0009": (("dog", "private_security"),),
    "DK-2016-0001": (("dog", "private_security"), ("search", "customs")),
    "CAL-2016-0021": (("tear_gas", "crs"), ("lbd_grenade", "crs")),
    "LP-2016-0002": (("dog", "private_security"), ("physical_violence", "gendarmerie")),
    "COQ-2016-0011": (("physical_violence", "private_security"),),
}


def add_act_forces(data: Dataset) -> None:
    """Pair acts with the forces the accounts say did them (codes; the reader takes labels too)."""
    for row in data.incidents:
        pairs = ACT_FORCES.get(row["id"], ())
        for act, force in pairs:
            _require(act in row["acts"], f"{row['id']}: {act} is not among its acts")
            _require(force in row["forces"], f"{row['id']}: {force} is not among its forces")
        row["done_by"] = [f"{act}: {force}" for act, force in pairs]


# --------------------------------------------------------------------------------------------
# Official documents dated by their own date (issue 19, a lawyer's reading of the bordereau): a
# notice collected days after it was issued is dated as issued, as its text says; a compilation
# is dated as published.
# --------------------------------------------------------------------------------------------

OFFICIAL_DOCUMENT_DATES: dict[str, dt.date] = {
    "E-021": dt.date(2015, 8, 3),  # "Date de notification : 03/08/2015"
    "E-032": dt.date(2016, 2, 4),  # "Date de la décision : 04/02/2016"
    "E-029": dt.date(2015, 11, 16),  # the ordonnance of the hearing of 16/11/2015
    # A video compilation covering two operations (the later one on 29/10/2015) is dated as
    # published (its description says when), not by the first operation it shows.
    "E-027": dt.date(2015, 11, 2),
}


def add_official_documents_dates(data: Dataset) -> None:
    """Give the official documents whose text states their date that date, not the collection's."""
    for row in data.evidence:
        if row["id"] in OFFICIAL_DOCUMENT_DATES:
            row["document_date"] = OFFICIAL_DOCUMENT_DATES[row["id"]]


# --------------------------------------------------------------------------------------------
# Self-checks: the data must be consistent and cover every vocabulary the incidents sheet uses.
# --------------------------------------------------------------------------------------------


class DataError(AssertionError):
    pass


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise DataError(message)


def check_dataset(data: Dataset) -> list[str]:
    """Raise DataError on any inconsistency; return a coverage report, one line per check."""
    report: list[str] = []
    first_day, last_day = dt.date(2014, 6, 1), dt.date(2016, 10, 31)
    ids: dict[str, set[str]] = {}
    for spec, rows in data.sheets():
        seen = [row["id"] for row in rows]
        _require(len(seen) == len(set(seen)), f"duplicate id in {spec.key}")
        ids[spec.key] = set(seen)
        for row in rows:
            _require(set(row) == {f.key for f in spec.fields}, f"{row['id']}: wrong keys")
            for field in spec.fields:
                value = row[field.key]
                if field.required:
                    _require(value not in (None, "", []), f"{row['id']}: {field.key} missing")
                if field.vocabulary is None or value in (None, [], {}):
                    continue
                codes = list(value) if isinstance(value, list | dict) else [value]
                for code in codes:
                    _require(code in field.vocabulary.by_code, f"{row['id']}: bad code {code}")
                if isinstance(value, dict):
                    _require(all(v is None or v >= 0 for v in value.values()), row["id"])
            for field in spec.fields:
                day = row[field.key]
                if field.kind in (Kind.DATE, Kind.DATETIME) and day is not None:
                    day = day.date() if isinstance(day, dt.datetime) else day
                    _require(day <= LATEST_DATE, f"{row['id']}: {field.key} too late")
    persons = {row["id"]: row for row in data.persons}
    incidents = {row["id"]: row for row in data.incidents}
    _require(len(data.incidents) >= 64, "fewer than 64 incidents")
    victim_dates: dict[str, list[dt.date]] = {}
    for row in data.incidents:
        iid = row["id"]
        _require(first_day <= row["date"] <= last_day, f"{iid}: date out of range")
        _require(str(row["date"].year) in iid, f"{iid}: year does not match the id")
        _require(bool(row["summary_fr"] or row["summary_en"]), f"{iid}: no summary")
        _require(all(len(r) == 7 and r.isdigit() for r in row["rio"]), f"{iid}: bad RIO")
        _require(not row["rio"] or row["rio_visible"] == "yes", f"{iid}: RIO but not visible")
        _require(row["itt_days"] is None or row["medical_certificate"] is True, f"{iid}: ITT")
        _require(row["recorded_on"] >= row["date"], f"{iid}: recorded before it happened")
        if row["date_precision"] in {"month", "year"}:
            _require(row["time"] is None, f"{iid}: a time on a month or year date")
        elif row["date_precision"] == "exact":
            _require(row["time"] is not None, f"{iid}: exact date without a time")
        for pid in row["victim_ids"]:
            _require(pid in persons, f"{iid}: unknown victim {pid}")
            _require("victim" in persons[pid]["roles"], f"{iid}: {pid} is not a victim")
            victim_dates.setdefault(pid, []).append(row["date"])
            if persons[pid]["minor"]:
                _require(row["minors_involved"] is True, f"{iid}: minor victim not flagged")
        for pid in row["witness_ids"]:
            _require(pid in persons, f"{iid}: unknown witness {pid}")
            roles = set(persons[pid]["roles"])
            _require(bool(roles & {"witness", "observer"}), f"{iid}: {pid} is not a witness")
        if row["victims_count"] is not None:
            _require(row["victims_count"] >= len(row["victim_ids"]), f"{iid}: victims count")
        for eid in row["evidence_ids"]:
            _require(eid in ids["evidence"], f"{iid}: unknown exhibit {eid}")
    for row in data.evidence:
        for iid in row["incident_ids"]:
            _require(iid in incidents, f"{row['id']}: unknown incident {iid}")
            _require(row["captured_at"].date() >= incidents[iid]["date"], f"{row['id']}: early")
        _require(bool(row["file"] or row["url"]), f"{row['id']}: no file and no URL")
        _require(row["captured_at"].date() <= LATEST_DATE, f"{row['id']}: late")
    for row in data.proceedings:
        _require(row["incident_id"] in incidents, f"{row['id']}: unknown incident")
        _require(row["date"] >= incidents[row["incident_id"]]["date"], f"{row['id']}: early")
    for pid, person in persons.items():
        expected_minor = None if person["age"] is None else person["age"] < 18
        _require(person["minor"] == expected_minor, f"{pid}: minor vs age")
        if person["interview_date"] and pid in victim_dates:
            _require(person["interview_date"] >= max(victim_dates[pid]), f"{pid}: interview")
    referenced = {p for row in data.incidents for p in row["victim_ids"] + row["witness_ids"]}
    _require(referenced == set(persons), f"persons never referenced: {set(persons) - referenced}")
    legal = [p["legal_name"] for p in data.persons if p["legal_name"]]
    _require(len(legal) == len(set(legal)), "legal names are not unique")
    for pid, person in persons.items():
        close = pseudonym_weakness(person["pseudonym"], person["legal_name"]) or (
            pseudonym_closeness(person["pseudonym"], person["legal_name"])
        )
        _require(close is None, f"{pid}: pseudonym close to the legal name ({close})")
    _require(all(len(name) >= 10 for name in legal), "a legal name is shorter than 10 characters")
    contacts = [c for p in data.persons if p["contact"] for c in _split(p["contact"])]
    _require(len(contacts) == len(set(contacts)), "contacts are not unique")
    _require(
        all(c.startswith("+33 6 00 00 ") or c.endswith("@example.org") for c in contacts),
        "a contact is outside the fictional ranges",
    )
    refused = [p for p in data.persons if p["art8_status"] == "refused" and "victim" in p["roles"]]
    _require(len(refused) >= 2, "fewer than two victims who refused")

    def coverage(label: str, vocabulary: vocab.Vocabulary, used: Iterable[str]) -> None:
        used_set = set(used)
        missing = [
            code for code in vocabulary.codes if code not in used_set and code not in NOT_IN_SAMPLE
        ]
        _require(not missing, f"{label}: codes never used: {missing}")
        unused = sorted(set(vocabulary.codes) & NOT_IN_SAMPLE - used_set)
        note = f" but {', '.join(unused)} (see NOT_IN_SAMPLE)" if unused else ""
        report.append(f"{label}: all {len(vocabulary.codes) - len(unused)} codes used{note}")

    for field in INCIDENTS.fields:
        if field.vocabulary is None:
            continue
        values = [row[field.key] for row in data.incidents]
        flat = [
            code
            for value in values
            if value is not None
            for code in (value if isinstance(value, list | dict) else [value])
        ]
        coverage(f"incidents.{field.key} ({field.vocabulary.name})", field.vocabulary, flat)
    coverage("persons.art8_status", vocab.ART8_STATUS, [p["art8_status"] for p in data.persons])
    coverage(
        "persons.publication_consent",
        vocab.PUBLICATION_CONSENT,
        [p["publication_consent"] for p in data.persons],
    )
    # Interviews are recorded in the interviews sheet (tools/sample_testimony.py).
    coverage("interviews.mode", vocab.INTERVIEW_MODE, [i["mode"] for i in data.interviews])
    coverage("persons.roles", vocab.ROLE, [r for p in data.persons for r in p["roles"]])
    coverage("evidence.kind", vocab.EVIDENCE_KIND, [e["kind"] for e in data.evidence])
    coverage(
        "evidence.confidentiality",
        vocab.CONFIDENTIALITY,
        [e["confidentiality"] for e in data.evidence],
    )
    coverage("proceedings.type", vocab.PROCEEDING_TYPE, [p["type"] for p in data.proceedings])
    coverage("proceedings.status", vocab.PROCEEDING_STATUS, [p["status"] for p in data.proceedings])
    fr_only = sum(1 for r in data.incidents if r["summary_fr"] and not r["summary_en"])
    en_only = sum(1 for r in data.incidents if r["summary_en"] and not r["summary_fr"])
    report.append(
        f"summaries: {len(data.incidents) - fr_only - en_only} FR+EN, {fr_only} FR only, "
        f"{en_only} EN only"
    )
    report.append(f"victims with art. 8 'refused': {', '.join(p['id'] for p in refused)}")
    blank = sum(1 for e in data.evidence if e["file"] and not e["sha256"])
    url_only = sum(1 for e in data.evidence if e["url"] and not e["file"])
    report.append(f"evidence: {blank} files with blank SHA-256, {url_only} URL-only rows")
    return report


# --------------------------------------------------------------------------------------------
# Rendering a canonical value as an XLSX cell (English workbook) or a CSV string (French).
# --------------------------------------------------------------------------------------------

XLSX_FORMATS = {Kind.DATE: "yyyy-mm-dd", Kind.TIME: "hh:mm", Kind.DATETIME: "yyyy-mm-dd hh:mm"}
LIST_KINDS = {Kind.ID_LIST, Kind.TEXT_LIST, Kind.RIO_LIST}


def _term(vocabulary: vocab.Vocabulary, code: str, style: str) -> str:
    term = vocabulary.by_code[code]
    text = {"code": term.code, "en": term.en, "fr": term.fr}[style]
    if vocabulary.lookup(text) is not term:
        raise DataError(f"{vocabulary.name}: {text!r} does not read back as {code}")
    if ";" in text or ":" in text:
        raise DataError(f"{vocabulary.name}: {text!r} holds a separator")
    return text


def _counts(vocabulary: vocab.Vocabulary, counts: dict[str, int | None], styles: list[str]) -> str:
    parts = []
    for index, (code, count) in enumerate(counts.items()):
        label = _term(vocabulary, code, styles[index % len(styles)])
        parts.append(label if count is None else f"{label}:{count}")
    return "; ".join(parts)


def xlsx_cell(field: Field, value: Any, row: int, column: int) -> Any:
    """An English-workbook cell: real dates and numbers, English labels with a few codes."""
    if value is None or value == [] or value == {}:
        return None
    kind = field.kind
    if kind in LIST_KINDS:
        return "; ".join(value)
    if kind == Kind.BOOL:
        return "yes" if value else "no"
    if kind == Kind.TERM:
        assert field.vocabulary is not None
        style = "code" if (row + column) % 7 == 0 else "en"
        return _term(field.vocabulary, value, style)
    if kind == Kind.TERM_LIST:
        assert field.vocabulary is not None
        return "; ".join(
            _term(field.vocabulary, code, "code" if (row + column + i) % 7 == 0 else "en")
            for i, code in enumerate(value)
        )
    if kind == Kind.COUNTS:
        assert field.vocabulary is not None
        # Counts mix English labels, French labels and codes, as a real log does.
        styles = [("en", "fr", "code")[(row + i) % 3] for i in range(3)]
        return _counts(field.vocabulary, value, styles)
    return value  # str, int, float, date, time, datetime


def _csv_time(value: dt.time, row: int) -> str:
    return f"{value.hour}h{value.minute:02d}" if row % 2 else f"{value.hour:02d}:{value.minute:02d}"


def csv_cell(field: Field, value: Any, row: int) -> str:
    """A French CSV cell: dd/mm/yyyy dates, 14h30 or 14:30 times, French labels."""
    if value is None or value == [] or value == {}:
        return ""
    kind = field.kind
    if kind in LIST_KINDS:
        return "; ".join(value)
    if kind == Kind.BOOL:
        return "oui" if value else "non"
    if kind == Kind.TERM:
        assert field.vocabulary is not None
        return _term(field.vocabulary, value, "fr")
    if kind == Kind.TERM_LIST:
        assert field.vocabulary is not None
        return "; ".join(_term(field.vocabulary, code, "fr") for code in value)
    if kind == Kind.COUNTS:
        assert field.vocabulary is not None
        return _counts(field.vocabulary, value, ["fr"])
    if kind == Kind.DATE:
        return _fr_date(value)
    if kind == Kind.TIME:
        return _csv_time(value, row)
    if kind == Kind.DATETIME:
        return f"{_fr_date(value.date())} {value.hour:02d}:{value.minute:02d}"
    if kind in (Kind.LATITUDE, Kind.LONGITUDE):
        return repr(float(value))
    return str(value)


def xlsx_rows(spec: SheetSpec, records: list[Record]) -> list[list[Any]]:
    return [
        [xlsx_cell(field, record[field.key], r, c) for c, field in enumerate(spec.fields)]
        for r, record in enumerate(records)
    ]


def csv_text(spec: SheetSpec, records: list[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([field.fr for field in spec.fields])
    for r, record in enumerate(records):
        writer.writerow([csv_cell(field, record[field.key], r) for field in spec.fields])
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Writing files reproducibly.
# --------------------------------------------------------------------------------------------


class Tab:
    def __init__(
        self,
        name: str,
        headers: list[str],
        rows: list[list[Any]],
        kinds: list[Kind | None],
        hidden: bool = False,
    ) -> None:
        self.name = name
        self.headers = headers
        self.rows = rows
        self.kinds = kinds
        self.hidden = hidden


def xlsx_bytes(tabs: list[Tab]) -> bytes:
    """An XLSX workbook whose bytes depend only on ``tabs``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.xml.functions import tostring

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for tab in tabs:
        sheet = book.create_sheet(tab.name)
        sheet.append(tab.headers)
        for cell in sheet[1]:
            cell.font = bold
        for row in tab.rows:
            sheet.append(row)
        for index, kind in enumerate(tab.kinds, start=1):
            letter = column_letter(index - 1)
            if kind in XLSX_FORMATS:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    if isinstance(cell.value, dt.date | dt.time):
                        cell.number_format = XLSX_FORMATS[kind]
            width = max(
                [len(str(tab.headers[index - 1]))]
                + [
                    min(len(str(row[index - 1])), 40)
                    for row in tab.rows
                    if row[index - 1] is not None
                ]
            )
            sheet.column_dimensions[letter].width = max(8, min(width + 2, 42))
        if not tab.hidden:
            sheet.freeze_panes = "A2"
        else:
            sheet.sheet_state = "hidden"
    book.properties.creator = "tools/make_sample_data.py (dossier sample data)"
    book.properties.title = "Sample incident log — fictional data"
    book.properties.created = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps "modified" with the clock while saving: write core.xml again.
    book.properties.modified = FIXED_TIMESTAMP
    core = tostring(book.properties.to_tree())
    return _reproducible_zip(buffer.getvalue(), {"docProps/core.xml": core})


def _reproducible_zip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """Rewrite a zip with fixed entry dates and attributes, stored (no zlib dependence)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_STORED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def _kinds(spec: SheetSpec) -> list[Kind | None]:
    return [field.kind for field in spec.fields]


NOTES_TEXT = (
    "Feuille de travail interne (masquée) — ignorée par dossier. "
    "Internal working notes (hidden sheet): the loader must ignore this sheet."
)


def workbook_tabs(data: Dataset) -> list[Tab]:
    tabs = [
        Tab(spec.en, [field.en for field in spec.fields], xlsx_rows(spec, rows), _kinds(spec))
        for spec, rows in data.sheets()
    ]
    tabs.append(Tab("notes", [NOTES_TEXT], [], [None], hidden=True))
    return tabs


def write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def write_evidence(folder: Path, files: dict[str, bytes]) -> None:
    for relative, content in sorted(files.items()):
        write_bytes(folder / relative, content)


# --------------------------------------------------------------------------------------------
# The deliberately broken copy: a small, otherwise valid workbook with one known mistake per
# listed cell, so the validator's report can be checked line by line against EXPECTED.md.
# --------------------------------------------------------------------------------------------

BROKEN_INCIDENTS = [
    "CAL-2014-0023",
    "CAL-2014-0058",
    "CAL-2015-0003",
    "CAL-2015-0042",
    "CAL-2015-0049",
    "COQ-2015-0014",
    "CAL-2015-0079",
    "GS-2015-0008",
    "CAL-2016-0021",
    "GS-2016-0007",
    "CAL-2016-0024",
    "CAL-2016-0046",
]
BROKEN_PERSONS = ["P-001", "P-004", "P-010", "P-012", "P-019", "P-029", "P-035", "P-040"]
BROKEN_EVIDENCE = ["E-001", "E-003", "E-004", "E-017", "E-025", "E-042"]
BROKEN_PROCEEDINGS = ["PR-009", "PR-012", "PR-018", "PR-021"]
# This incident's row is pasted at the bottom with the id of the row above it (copy-paste slip).
BROKEN_DUPLICATE_OF = "CAL-2016-0038"
EXTRA_HEADER = "Commentaire interne"
EXTRA_NOTES = {"CAL-2014-0058": "relancer HR pour le certificat", "GS-2015-0008": "photo à joindre"}


class Mistake:
    def __init__(
        self,
        sheet: str,
        record_id: str,
        field: str,
        change: Callable[[Any], Any],
        problem: str,
        code: str,
        severity: str = "error",
    ) -> None:
        self.sheet = sheet
        self.record_id = record_id
        self.field = field
        self.change = change
        self.problem = problem
        self.code = code
        self.severity = severity
        self.row = 0
        self.column = ""
        self.header = ""
        self.value: Any = None


def _append(item: str) -> Callable[[Any], str]:
    return lambda cell: f"{cell}; {item}" if cell else item


def _replace_first_count(label: str, count: str) -> Callable[[Any], str]:
    def change(cell: Any) -> str:
        parts = _split(str(cell))
        parts[0] = f"{label}:{count}"
        return "; ".join(parts)

    return change


def _constant(value: Any) -> Callable[[Any], Any]:
    return lambda _cell: value


def broken_mistakes(wrong_sha: str) -> list[Mistake]:
    return [
        Mistake(
            "incidents",
            "CAL-2014-0023",
            "forces",
            _append("police montée"),
            "unknown force “police montée” (no such term; several police forces could be "
            "meant: the candidates are listed, none singled out)",
            "unknown_term_candidates",
        ),
        Mistake(
            "incidents",
            "CAL-2014-0058",
            "itt_days",
            _constant("dix"),
            "ITT days written in words: not a whole number",
            "invalid_int",
        ),
        Mistake(
            "incidents",
            "CAL-2015-0003",
            "acts",
            lambda cell: (
                str(cell)
                .replace(_term(vocab.ACT, "tear_gas", "en"), "gazage")
                .replace(_term(vocab.ACT, "tear_gas", "code"), "gazage")
            ),
            "misspelt act “gazage”: should suggest “tear gas or pepper spray” (tear_gas)",
            "unknown_term_suggest",
        ),
        Mistake(
            "incidents",
            "CAL-2015-0042",
            "victim_ids",
            _append("P-999"),
            "victim P-999 does not exist in the persons sheet",
            "unknown_reference",
        ),
        Mistake(
            "incidents",
            "CAL-2015-0049",
            "date",
            _constant("31/02/2015"),
            "impossible date 31 February 2015 (typed as text)",
            "invalid_date",
        ),
        Mistake(
            "incidents",
            "COQ-2015-0014",
            "evidence_ids",
            _append("E-999"),
            "exhibit E-999 does not exist in the evidence sheet",
            "unknown_reference",
        ),
        Mistake(
            "incidents",
            "CAL-2015-0079",
            "rio",
            _constant("123456"),
            "RIO number with 6 digits (a RIO has exactly 7)",
            "invalid_rio",
        ),
        Mistake(
            "incidents",
            "GS-2015-0008",
            "latitude",
            _constant(95.3),
            "latitude out of range (must be between -90 and 90)",
            "invalid_coordinate",
        ),
        Mistake(
            "incidents",
            "CAL-2016-0021",
            "belongings",
            _replace_first_count("tente", "beaucoup"),
            "count “tente:beaucoup” is not a number",
            "invalid_count",
        ),
        Mistake(
            "incidents",
            "GS-2016-0007",
            "date",
            _constant(None),
            "required date is empty",
            "required_value",
        ),
        Mistake(
            "incidents",
            "CAL-2016-0024",
            "date",
            _constant(dt.date(2031, 5, 1)),
            "date in the future (2031-05-01, a real date cell)",
            "future_date",
            "warning",
        ),
        Mistake(
            "incidents",
            BROKEN_DUPLICATE_OF,
            "id",
            _constant(BROKEN_INCIDENTS[-1]),
            f"duplicate incident id {BROKEN_INCIDENTS[-1]} (first used on an earlier row)",
            "duplicate_id",
        ),
        Mistake(
            "evidence",
            "E-004",
            "sha256",
            _constant(wrong_sha),
            "SHA-256 does not match the file medical/cal-2015-0042-certificate.txt",
            "sha256_mismatch",
        ),
        Mistake(
            "evidence",
            "E-025",
            "file",
            _constant("../../etc/passwd"),
            "file path leaves the evidence folder",
            "evidence_path_escapes",
        ),
        Mistake(
            "proceedings",
            "PR-021",
            "incident_id",
            _constant("CAL-2016-0460"),
            "proceeding points at an incident that does not exist",
            "unknown_reference",
        ),
    ]


def build_broken(data: Dataset, out: Path) -> list[Mistake]:
    """Write broken/incidents.xlsx and broken/evidence/; return the mistakes with positions."""
    keep_persons, keep_evidence = set(BROKEN_PERSONS), set(BROKEN_EVIDENCE)
    incidents_by_id = {row["id"]: row for row in data.incidents}
    incidents = []
    for incident_id in [*BROKEN_INCIDENTS, BROKEN_DUPLICATE_OF]:
        record = copy.deepcopy(incidents_by_id[incident_id])
        record["victim_ids"] = [p for p in record["victim_ids"] if p in keep_persons]
        record["witness_ids"] = [p for p in record["witness_ids"] if p in keep_persons]
        record["evidence_ids"] = [e for e in record["evidence_ids"] if e in keep_evidence]
        incidents.append(record)
    persons = [copy.deepcopy(p) for p in data.persons if p["id"] in keep_persons]
    evidence = []
    for exhibit in data.evidence:
        if exhibit["id"] in keep_evidence:
            record = copy.deepcopy(exhibit)
            record["incident_ids"] = [i for i in record["incident_ids"] if i in BROKEN_INCIDENTS]
            evidence.append(record)
    proceedings = [copy.deepcopy(p) for p in data.proceedings if p["id"] in BROKEN_PROCEEDINGS]
    sheets = [
        (INCIDENTS, incidents),
        (PERSONS, persons),
        (EVIDENCE, evidence),
        (PROCEEDINGS, proceedings),
    ]
    # The CAL-2015-0079 row gets a RIO below: say it was visible, so only the RIO is wrong.
    incidents[BROKEN_INCIDENTS.index("CAL-2015-0079")]["rio_visible"] = "yes"

    certificate = data.files["medical/cal-2015-0042-certificate.txt"]
    wrong_sha = hashlib.sha256(certificate + b"(earlier scan)\n").hexdigest()
    mistakes = broken_mistakes(wrong_sha)
    grids = {spec.key: xlsx_rows(spec, rows) for spec, rows in sheets}
    for mistake in mistakes:
        spec = next(s for s, _ in sheets if s.key == mistake.sheet)
        rows = next(r for s, r in sheets if s.key == mistake.sheet)
        if mistake.code == "duplicate_id":
            index = len(rows) - 1  # the pasted row at the bottom
        else:
            index = next(i for i, r in enumerate(rows) if r["id"] == mistake.record_id)
        column = [f.key for f in spec.fields].index(mistake.field)
        grid_row = grids[spec.key][index]
        grid_row[column] = mistake.change(grid_row[column])
        mistake.row, mistake.column = index + 2, column_letter(column)
        mistake.header, mistake.value = spec.fields[column].en, grid_row[column]

    tabs = []
    for spec, rows in sheets:
        headers = [field.en for field in spec.fields]
        kinds = _kinds(spec)
        grid = grids[spec.key]
        if spec.key == "incidents":
            headers.append(EXTRA_HEADER)
            kinds.append(None)
            for record, row in zip(rows, grid, strict=True):
                row.append(EXTRA_NOTES.get(record["id"]))
            extra = Mistake(
                "incidents",
                "",
                "",
                _constant(None),
                "unknown extra column holding notes (a warning here; a build stops on it "
                "unless the mapping file says to ignore it)",
                "unknown_column_data",
                "warning",
            )
            extra.row, extra.column = 1, column_letter(len(headers) - 1)
            extra.header, extra.value = EXTRA_HEADER, EXTRA_HEADER
            mistakes.append(extra)
        tabs.append(Tab(spec.en, headers, grid, kinds))
    tabs.append(Tab("notes", [NOTES_TEXT], [], [None], hidden=True))
    write_bytes(out / "incidents.xlsx", xlsx_bytes(tabs))
    for exhibit in evidence:
        if exhibit["id"] != "E-025" and exhibit["file"]:
            write_bytes(out / "evidence" / exhibit["file"], data.files[exhibit["file"]])
    order = {"incidents": 0, "persons": 1, "evidence": 2, "proceedings": 3}
    mistakes.sort(key=lambda m: (order[m.sheet], m.row, m.column))
    return mistakes


def _shown(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, dt.date):
        return f"{value.isoformat()} (date cell)"
    return str(value)


def expected_markdown(mistakes: list[Mistake]) -> str:
    lines = [
        "# Expected validation problems in `broken/incidents.xlsx`",
        "",
        "Generated by `tools/make_sample_data.py`; do not edit by hand.",
        "",
        "This workbook is a small copy of the sample data (12 incidents plus one pasted row, "
        "8 persons, 6 exhibits, 4 proceedings) with one deliberate mistake per line below. "
        "Everything else in it is valid, so a validator should report these problems and no "
        "others. Rows are numbered as the spreadsheet shows them (the header is row 1); "
        "headers are the English ones. The evidence folder is `broken/evidence/`. "
        "The hidden sheet `notes` must be ignored silently.",
        "",
        "The *code* column gives the message key in `dossier/messages.py` that fits the "
        "mistake best.",
        "",
        "| # | sheet | row | column | header | value | what is wrong | code | severity |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for number, m in enumerate(mistakes, start=1):
        value = _shown(m.value).replace("|", "\\|")
        lines.append(
            f"| {number} | {m.sheet} | {m.row} | {m.column} | {m.header} | `{value}` | "
            f"{m.problem} | `{m.code}` | {m.severity} |"
        )
    lines += [
        "",
        f"{sum(m.severity == 'error' for m in mistakes)} errors, "
        f"{sum(m.severity == 'warning' for m in mistakes)} warnings.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# README.
# --------------------------------------------------------------------------------------------


def readme_markdown(data: Dataset) -> str:
    n_inc, n_per = len(data.incidents), len(data.persons)
    n_evi, n_pro = len(data.evidence), len(data.proceedings)
    return f"""# Sample data — fictional

**Everything in this folder is invented for testing and demonstration.** Every person,
pseudonym, legal name, phone number, e-mail address, RIO number, reference number, exhibit and
incident here was made up; any resemblance to real people, officers or events is coincidental.
The places are real towns of the Calais coast (Calais, Coquelles, Sangatte, Marck,
Grande-Synthe, Dunkerque, Loon-Plage) and the period is 2014-06 to 2016-10, so that the
dossiers look realistic. The filing association,
"{FILER}", does not exist.
Legal names are made of invented syllables, phone numbers sit in the unassigned
`+33 6 00 00 xx xx` range, e-mail addresses and URLs use the reserved `example.org` /
`example.com` / `example.net` domains.

Generated by `tools/make_sample_data.py`. Do not edit these files by hand: change the script
and regenerate with

    python tools/make_sample_data.py

The script is deterministic (no randomness, no clock): running it twice gives byte-identical
files. It also checks that the data is consistent, that the incidents cover every code of every
vocabulary they use, and that the XLSX and CSV versions read back to the same facts.

## Files

* `incidents.xlsx` — the incident workbook with English headers: sheets `incidents`
  ({n_inc} rows), `persons` ({n_per}), `evidence` ({n_evi}), `proceedings` ({n_pro}). Dates,
  times and numbers are real cells; lists use `; `; counts use `label:count` and mix codes,
  English and French labels (`tente:3; sac de couchage:2`). A hidden sheet `notes` holds one
  line of text and must be ignored by the loader.
* `csv/` — the same facts as four CSV files (`incidents.csv`, `persons.csv`, `evidence.csv`,
  `proceedings.csv`) with French headers, `;` as delimiter, UTF-8 with BOM, dates as
  `dd/mm/yyyy`, times as `14h30` or `14:30`, date-times as `dd/mm/yyyy HH:MM`, French labels,
  `oui`/`non`.
* `evidence/` — the exhibit files referenced by the `file` column (tiny PNG pictures, WAV
  clips and text files standing in for photos, recordings, testimonies, medical certificates,
  receipts and documents). A few exhibits are URL-only (videos and web pages captured and kept
  offline, with the SHA-256 of the captured copy); a few have a file but an empty SHA-256, for
  the tool to compute.
  The workbook finds this folder next to it. For the CSV folder, point the evidence-folder
  option at `sample_data/evidence` (the default would be `csv/evidence`).
* Other files here (such as `dossier.toml`, the settings of the fictional association) are
  maintained by hand; the script does not touch them.
* `broken/` — a deliberately broken copy (`broken/incidents.xlsx` and `broken/evidence/`) for
  testing the validator; `broken/EXPECTED.md` lists every mistake with its sheet, row, column,
  header and value.

Persons include minors (15-17 years old), victims who refused (art. 8), who could not be
reached or identified, and pseudonyms and legal names written in Latin, Arabic, Persian and
Ethiopic scripts, so that filtering and fonts get exercised.

The sheets `interviews` ({len(data.interviews)} rows), `quotes` ({len(data.quotes)}) and
`correspondence` ({len(data.correspondence)}) come from `tools/sample_testimony.py`: fictional
interviews held a few days after each incident, words written for this sample and said by
nobody, and typical letters to a prefecture and a prosecutor. The persons sheet's own interview
columns are left blank: the interviews sheet holds them.
"""


# --------------------------------------------------------------------------------------------
# Read everything back and compare with the canonical records.
# --------------------------------------------------------------------------------------------


def _parse(field: Field, value: Any) -> Any:
    kind = field.kind
    if value is None or (isinstance(value, str) and not value.strip()):
        if kind in LIST_KINDS or kind == Kind.TERM_LIST:
            return []
        return {} if kind == Kind.COUNTS else None
    if kind in LIST_KINDS:
        return _split(str(value))
    if kind == Kind.TERM:
        assert field.vocabulary is not None
        term = field.vocabulary.lookup(str(value))
        return term.code if term else f"?{value}"
    if kind == Kind.TERM_LIST:
        assert field.vocabulary is not None
        return [getattr(field.vocabulary.lookup(v), "code", f"?{v}") for v in _split(str(value))]
    if kind == Kind.COUNTS:
        assert field.vocabulary is not None
        counts: dict[str, int | None] = {}
        for item in _split(str(value)):
            label, _, count = item.partition(":")
            term = field.vocabulary.lookup(label)
            counts[term.code if term else f"?{label}"] = int(count) if count else None
        return counts
    if kind == Kind.BOOL:
        term = vocab.YES_NO_UNKNOWN.lookup(str(value))
        return None if term is None else term.code == "yes"
    if kind == Kind.DATE:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    if kind == Kind.TIME:
        if isinstance(value, dt.time):
            return value
        hours, _, minutes = value.replace("h", ":").partition(":")
        return dt.time(int(hours), int(minutes))
    if kind == Kind.DATETIME:
        if isinstance(value, dt.datetime):
            return value
        return dt.datetime.strptime(value, "%d/%m/%Y %H:%M")
    if kind == Kind.INT:
        return int(value)
    if kind in (Kind.LATITUDE, Kind.LONGITUDE):
        return float(value)
    return str(value)


def _compare(
    spec: SheetSpec, header: list[Any], rows: list[list[Any]], expected: list[Record], where: str
) -> None:
    index = spec.header_index()
    fields = [index[fold_key(str(h))] for h in header]
    _require([f.key for f in fields] == [f.key for f in spec.fields], f"{where}: headers")
    _require(len(rows) == len(expected), f"{where}: {len(rows)} rows, {len(expected)} expected")
    for row, record in zip(rows, expected, strict=True):
        for field, value in zip(fields, row, strict=False):
            got = _parse(field, value)
            want = record[field.key]
            if want == [] or want == {}:
                want = [] if field.kind != Kind.COUNTS else {}
            _require(got == want, f"{where} {record['id']}.{field.key}: {got!r} != {want!r}")


def verify(data: Dataset, out: Path, mistakes: list[Mistake]) -> list[str]:
    import python_calamine

    notes: list[str] = []
    book = python_calamine.CalamineWorkbook.from_path(str(out / "incidents.xlsx"))
    meta = {m.name: str(m.visible).rsplit(".", 1)[-1].lower() for m in book.sheets_metadata}
    _require(
        meta
        == {
            "incidents": "visible",
            "persons": "visible",
            "evidence": "visible",
            "proceedings": "visible",
            "interviews": "visible",
            "quotes": "visible",
            "correspondence": "visible",
            "notes": "hidden",
        },
        f"sheets: {meta}",
    )
    for spec, records in data.sheets():
        grid = book.get_sheet_by_name(spec.en).to_python(skip_empty_area=False)
        width = len(spec.fields)
        rows = [[None if v == "" else v for v in (r + [None] * width)[:width]] for r in grid[1:]]
        _compare(spec, grid[0], rows, records, f"xlsx/{spec.en}")
    notes.append(
        "incidents.xlsx: read back with python_calamine, identical facts; sheet 'notes' is hidden"
    )

    for spec, records in data.sheets():
        raw = (out / "csv" / f"{spec.key}.csv").read_bytes()
        _require(raw.startswith(b"\xef\xbb\xbf"), f"{spec.key}.csv: no BOM")
        table = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))
        _require(all(len(r) == len(spec.fields) for r in table), f"{spec.key}.csv: ragged")
        _require(table[0] == [f.fr for f in spec.fields], f"{spec.key}.csv: headers")
        _compare(spec, table[0], table[1:], records, f"csv/{spec.key}")
    notes.append("csv/*.csv: parsed with csv (delimiter ';'), identical facts to the XLSX")

    for record in data.evidence:
        if record["file"]:
            content = (out / "evidence" / record["file"]).read_bytes()
            if record["sha256"]:
                _require(hashlib.sha256(content).hexdigest() == record["sha256"], record["id"])
    notes.append("evidence/: every file exists; every given SHA-256 matches")

    broken = python_calamine.CalamineWorkbook.from_path(str(out / "broken" / "incidents.xlsx"))
    for m in mistakes:
        grid = broken.get_sheet_by_name(m.sheet).to_python(skip_empty_area=False)
        cell = grid[m.row - 1][[column_letter(i) for i in range(len(grid[0]))].index(m.column)]
        got = None if cell == "" else cell
        _require(got == m.value, f"broken {m.sheet}!{m.column}{m.row}: {got!r} != {m.value!r}")
    notes.append(f"broken/incidents.xlsx: the {len(mistakes)} listed cells hold the listed values")

    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    _require(total < 2_000_000, f"sample_data is {total} bytes")
    notes.append(f"sample_data total size: {total} bytes")
    return notes


# --------------------------------------------------------------------------------------------
# Main.
# --------------------------------------------------------------------------------------------

GENERATED = ("incidents.xlsx", "README.md", "csv", "evidence", "broken")


def generate(data: Dataset, out: Path) -> list[Mistake]:
    out.mkdir(parents=True, exist_ok=True)
    for name in GENERATED:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    write_bytes(out / "incidents.xlsx", xlsx_bytes(workbook_tabs(data)))
    for spec, rows in data.sheets():
        text = csv_text(spec, rows)
        write_bytes(out / "csv" / f"{spec.key}.csv", ("\ufeff" + text).encode("utf-8"))
    write_evidence(out / "evidence", data.files)
    mistakes = build_broken(data, out / "broken")
    write_bytes(out / "broken" / "EXPECTED.md", expected_markdown(mistakes).encode("utf-8"))
    write_bytes(out / "README.md", readme_markdown(data).encode("utf-8"))
    return mistakes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "sample_data", help="folder to write (sample_data/)"
    )
    args = parser.parse_args(argv)
    data = Dataset()
    coverage = check_dataset(data)
    mistakes = generate(data, args.out)
    notes = verify(data, args.out, mistakes)
    print(
        f"Wrote {args.out}: {len(data.incidents)} incidents, {len(data.persons)} persons, "
        f"{len(data.evidence)} exhibits ({len(data.files)} files), "
        f"{len(data.proceedings)} proceedings; broken copy with {len(mistakes)} mistakes."
    )
    for line in coverage + notes:
        print(f"  ok  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
