"""The parts of the NGO report beyond its findings: key recommendations, acknowledgments, the
letters to the authorities, and the map of incidents by commune (its points never finer than
the audience's rounding, its withheld communes never named)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import TODAY
from test_build import incident_row
from test_report_layout import CONFIG
from test_report_testimony import PERSONS, text_of, view_of, write_data

from dossier.assemble.models import Audience
from dossier.validate.rows import load_and_validate

LETTER_HEADERS = [
    "id",
    "date",
    "from",
    "to",
    "subject",
    "summary in French",
    "summary in English",
    "incident ids",
    "reply date",
    "reply in French",
    "reply in English",
    "exhibits",
    "confidentiality",
]


def letter(ident: str, date: str, to: str, incidents: str, level: str = "public", **cells: str):  # type: ignore[no-untyped-def]
    row = dict.fromkeys(LETTER_HEADERS, "")
    row.update(
        {
            "id": ident,
            "date": date,
            "from": "Observatoire",
            "to": to,
            "subject": f"Objet {ident}",
            "summary in French": f"Résumé {ident}.",
            "summary in English": f"Summary {ident}.",
            "incident ids": incidents,
            "confidentiality": level,
        }
    )
    row.update({key.replace("_", " "): value for key, value in cells.items()})
    return row


def place(ident: str, commune: str, latitude: str, longitude: str, level: str = "public"):  # type: ignore[no-untyped-def]
    return incident_row(
        id=ident,
        date="2016-01-01",
        commune=commune,
        latitude=latitude,
        longitude=longitude,
        forces="CRS",
        acts="tear gas",
        summary_in_English="Gas.",
        confidentiality=level,
    )


def test_key_recommendations_lead_and_the_full_ones_close(tmp_path: Path) -> None:
    folder = write_data(tmp_path)
    (folder / "dossier.toml").write_text(
        CONFIG.replace(
            'month = "2016-11"\n',
            'month = "2016-11"\n'
            'key_recommendations = [{ fr = "Cesser les gazages.", en = "Stop the gassing." }]\n'
            'acknowledgments = { fr = "Merci aux bénévoles.", en = "Thanks to the volunteers." }\n',
        ),
        encoding="utf-8",
    )
    en = text_of(view_of(folder, "en"))
    assert en.index("Key recommendations Stop the gassing.") < en.index("Methodology This report")
    assert (
        en.index("The authorities' response")
        < en.rindex("Recommendations")
        < en.rindex("Acknowledgments Thanks to the volunteers.")
        < en.rindex("Annex I")
    )
    fr = text_of(view_of(folder, "fr"))
    assert "Principales recommandations Cesser les gazages." in fr
    assert "Remerciements Merci aux bénévoles." in fr


def test_without_key_recommendations_the_first_to_each_addressee_leads(tmp_path: Path) -> None:
    view = view_of(write_data(tmp_path), "en")
    assert view.report is not None
    firsts = [group.items[0] for group in view.report.recommendations]
    assert view.report.key_recommendations == firsts
    assert view.report.acknowledgments == []
    assert "Acknowledgments" not in text_of(view)


def test_letters_are_annexed_and_cited_by_their_cases(tmp_path: Path) -> None:
    letters = [
        letter(
            "L-1",
            "2015-07-10",
            "Préfet du Pas-de-Calais",
            "CAL-2015-0001",
            reply_date="2015-08-01",
            reply_in_English="Operations were lawful.",
        ),
        letter("L-2", "2016-08-20", "Procureur", "GS-2016-0001"),
        letter("L-3", "2016-09-01", "Ministre", "GS-2016-0001", "restricted"),
    ]
    folder = write_data(tmp_path, correspondence=letters)
    en = text_of(view_of(folder, "en"))
    assert "Letter 1, July 10, 2015: Préfet du Pas-de-Calais" in en
    assert "Reply August 1, 2015: Operations were lawful." in en
    assert "Reply no reply received" in en
    # The restricted letter is not in the public edition; the partners' edition has it.
    assert "Ministre" not in en
    assert "Letter 3, September 1, 2016: Ministre" in text_of(
        view_of(folder, "en", Audience.partners)
    )
    # Each case cites its letter by number, and the response chapter counts them.
    assert (
        "letter 1 (Préfet du Pas-de-Calais, July 10, 2015; answered August 1, 2015); see Annex V"
        in en
    )
    assert "letter 2 (Procureur, August 20, 2016; no reply); see Annex V" in en
    assert (
        "also wrote 2 letters to the authorities about the incidents of this report; 1 was "
        "answered (Annex V)." in en
    )
    fr = text_of(view_of(folder, "fr"))
    assert "Courrier 1, 10 juillet 2015 : Préfet du Pas-de-Calais" in fr
    assert (
        "a également adressé 2 courriers aux autorités au sujet des incidents de ce rapport ; 1 a "
        "reçu une réponse (annexe V)." in fr
    )


def map_points(svg_uri: str) -> list[tuple[float, float]]:
    import base64

    svg = base64.b64decode(svg_uri.split(",", 1)[1]).decode()
    return [
        (float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    ]


def test_the_map_never_places_a_point_finer_than_the_audience_rounding(tmp_path: Path) -> None:
    incidents = [
        place("I-1", "Calais", "50.951345", "1.858712"),
        place("I-2", "Calais", "50.962222", "1.861111", "restricted"),
        # A hamlet only a withheld incident holds: never named, never drawn, for the public.
        place("I-3", "Zwyxville", "50.9", "2.1", "confidential"),
        place("I-4", "Grande-Synthe", "", ""),
    ]
    folder = write_data(tmp_path, incidents=incidents, persons=PERSONS, interviews=[], quotes=[])
    public = view_of(folder, "en")
    assert public.report is not None and public.report.map is not None
    drawn = public.report.map
    assert drawn.points == [("Calais", 2)]
    assert drawn.not_drawn == 2 and drawn.decimals == 2
    assert "Zwyxville" not in drawn.svg and "Zwyxville" not in drawn.alt
    # Calais sits at the average of the two incidents' coordinates rounded to 2 decimals
    # (50.95, 1.86 and 50.96, 1.86), itself rounded to 2 decimals.
    (point,) = map_points(drawn.uri)
    average = str(round((50.95 + 50.96) / 2, 2))
    same = view_of(
        write_data(
            tmp_path / "rounded",
            incidents=[place("I-1", "Calais", average, "1.86")],
            persons=PERSONS,
            interviews=[],
            quotes=[],
        ),
        "en",
    )
    assert same.report is not None and same.report.map is not None
    # Drawn over the same frame, the exact coordinates and the rounded ones give the same point.
    assert map_points(same.report.map.uri) == [point]
    assert drawn.alt == (
        "Map of the Channel coast, incidents recorded by commune. Calais: 2. 2 incident(s) not on "
        "the map (other places, or no coordinates)."
    )
    text = text_of(public)
    assert "Map 1. Incidents recorded by commune." in text
    assert "rounded to about one kilometre" in text
    assert "2 incidents in other places or without coordinates are not on it." in text
    # The Défenseur des droits' edition may name the hamlet: its own records are shown.
    ddd = view_of(folder, "en", Audience.ddd)
    assert ddd.report is not None and ddd.report.map is not None
    assert ("Zwyxville", 1) in ddd.report.map.points and ddd.report.map.decimals == 6


def test_a_letter_dated_before_its_incident_is_an_error(tmp_path: Path) -> None:
    letters = [
        letter("L-1", "2015-07-10", "Préfet", "CAL-2015-0001"),
        letter("L-2", "2016-07-20", "Procureur", "CAL-2015-0001; GS-2016-0001"),
    ]
    dataset, report = load_and_validate(write_data(tmp_path, correspondence=letters), today=TODAY)
    errors = [p for p in report.problems if p.code == "letter_before_incident"]
    assert [(p.sheet, p.row, p.column) for p in errors] == [("correspondence", 3, "B")]
    assert errors[0].message("en") == (
        "the letter is dated “2016-07-20”, before incident GS-2016-0001 (2016-08-01) that it is "
        "about: a letter cannot report an incident that had not happened yet. Correct the date, "
        "or remove that incident from the letter's incidents."
    )
    assert "avant l'incident GS-2016-0001" in errors[0].message("fr")
    assert [item.id for item in dataset.correspondence] == ["L-1"]
