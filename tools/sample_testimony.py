"""Fictional interviews, quotes and letters for the sample workbook (tools/make_sample_data.py).

Everything here is invented, like the rest of the sample: the words are typical of what people
in exile on the Channel coast report to solidarity groups, written for this sample, said by
nobody. Each interview is about the incidents of one person (or one group), held a few days
after the incident, so that no footnote cites an interview dated before its incident. The
letters are typical of what a group sends to a prefecture or a prosecutor, also invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

Record = dict[str, Any]

# What the quote is about: the incident's act that comes first in the report's chapter order
# (so that a case is quoted about what its chapter is about).
_ACT_ORDER = (
    "tear_gas",
    "physical_violence",
    "lbd_grenade",
    "insults_racism",
    "threats",
    "humiliation",
    "belongings_destroyed",
    "belongings_seized",
    "eviction",
    "identity_check",
    "obstruction_of_aid",
    "intimidation_of_observers",
)

# Second wordings, so that two cases of the same kind are not told in the same words.
_MORE_QUOTES: dict[str, tuple[str, str]] = {
    "tear_gas": (
        "Il était deux heures du matin. Ils ont éclairé les tentes avec des lampes, puis le gaz "
        "est arrivé.",
        "It was two in the morning. They shone torches on the tents, then the gas came.",
    ),
    "eviction": (
        "Nous avions dix minutes pour partir. Mes papiers sont restés dans la tente.",
        "We had ten minutes to leave. My papers stayed in the tent.",
    ),
    "obstruction_of_aid": (
        "Les gens attendaient dans la file depuis une heure. Ils sont repartis sans manger.",
        "People had been queueing for an hour. They left without eating.",
    ),
    "belongings_destroyed": (
        "Ils ont aspergé les sacs de couchage de gaz. Le soir, on ne pouvait plus dormir dedans.",
        "They sprayed gas on the sleeping bags. In the evening we could not sleep in them.",
    ),
}

# What volunteers who observed said: what they saw, not what was done to them.
_OBSERVER_SAW_AGAIN = {
    "gas": (
        "Quand nous sommes arrivés, l'air piquait encore les yeux. Les gens rinçaient le visage "
        "des enfants avec l'eau des bouteilles.",
        "When we arrived, the air still stung our eyes. People were rinsing the children's faces "
        "with bottled water.",
    ),
    "belongings": (
        "Les tentes étaient lacérées et les sacs de couchage trempés, empilés au bord du chemin.",
        "The tents were slashed and the sleeping bags soaked, piled up at the side of the path.",
    ),
}

_OBSERVER_SAW = {
    "gas": (
        "J'ai vu les agents pulvériser du gaz vers les tentes. Des enfants pleuraient, personne "
        "ne les a aidés.",
        "I saw the officers spray gas towards the tents. Children were crying, nobody helped them.",
    ),
    "violence": (
        "J'ai vu un agent frapper un homme qui était déjà à terre et ne résistait pas.",
        "I saw an officer hit a man who was already on the ground and not resisting.",
    ),
    "belongings": (
        "Nous sommes arrivés après l'opération : il ne restait rien, les affaires étaient déjà "
        "dans le camion.",
        "We arrived after the operation: nothing was left, the belongings were already in the "
        "lorry.",
    ),
    "kept_away": (
        "On nous a interdit d'approcher à moins de cent mètres, sans nous donner de raison.",
        "We were told not to come within a hundred metres, without any reason given.",
    ),
}


def _observer_saw(act: str, turn: int) -> tuple[str, str]:
    """What a volunteer observer saw of an act (they speak as witnesses, not as victims); every
    other time, in other words."""
    seen = _OBSERVER_SAW_AGAIN if turn % 2 else _OBSERVER_SAW
    if act == "tear_gas":
        return seen.get("gas", _OBSERVER_SAW["gas"])
    if _chapter(act) in ("violence", "degrading"):
        return _OBSERVER_SAW["violence"]
    if _chapter(act) in ("belongings", "eviction"):
        return seen.get("belongings", _OBSERVER_SAW["belongings"])
    return _OBSERVER_SAW["kept_away"]


_QUOTES: dict[str, tuple[str, str]] = {
    "tear_gas": (
        "Ils ont ouvert la tente et ont gazé à l'intérieur. On ne voyait plus rien, on "
        "toussait, personne ne nous a dit pourquoi.",
        "They opened the tent and sprayed gas inside. We could not see anything, we were "
        "coughing, nobody told us why.",
    ),
    "physical_violence": (
        "Un policier m'a frappé aux jambes avec sa matraque alors que j'étais déjà par terre.",
        "A policeman hit my legs with his baton when I was already on the ground.",
    ),
    "lbd_grenade": (
        "J'ai entendu le tir et j'ai senti le choc dans le dos. Je courais pour partir.",
        "I heard the shot and felt the blow in my back. I was running to get away.",
    ),
    "insults_racism": (
        "Ils riaient et nous insultaient, ils disaient de rentrer dans notre pays.",
        "They were laughing and insulting us, telling us to go back to our country.",
    ),
    "threats": (
        "Il m'a dit que si on revenait au même endroit, ce serait pire la prochaine fois.",
        "He told me that if we came back to the same place, it would be worse next time.",
    ),
    "humiliation": (
        "Ils nous ont fait enlever nos chaussures et attendre pieds nus devant tout le monde.",
        "They made us take off our shoes and wait barefoot in front of everyone.",
    ),
    "belongings_destroyed": (
        "Ils ont coupé la tente avec un couteau et jeté les couvertures dans la benne.",
        "They cut the tent with a knife and threw the blankets into the skip.",
    ),
    "belongings_seized": (
        "Ils ont pris mon téléphone et ne me l'ont jamais rendu. Tous mes contacts étaient dedans.",
        "They took my phone and never gave it back. All my contacts were in it.",
    ),
    "eviction": (
        "Ils nous ont donné quelques minutes. Après, les machines sont venues et tout est parti.",
        "They gave us a few minutes. Then the machines came and everything was gone.",
    ),
    "identity_check": (
        "C'était le troisième contrôle de la journée, toujours les mêmes agents.",
        "It was the third check that day, always the same officers.",
    ),
    "obstruction_of_aid": (
        "Nous étions en train de servir le repas quand ils ont demandé à tout le monde de partir.",
        "We were serving the meal when they ordered everyone to leave.",
    ),
    "intimidation_of_observers": (
        "Quand j'ai sorti mon téléphone pour filmer, un agent s'est placé devant moi et m'a "
        "demandé mes papiers.",
        "When I took out my phone to film, an officer stood in front of me and asked for my "
        "papers.",
    ),
}

# Observers and volunteers of the (fictional) association: interviewed in French, no
# interpreter.
_VOLUNTEER_LANGUAGE = "French"


def _language(person: Record) -> str:
    return person["interview_language"] or _VOLUNTEER_LANGUAGE


def build_interviews(incidents: list[Record], persons: dict[str, Record]) -> list[Record]:
    """One interview per person about each incident of theirs, a few days after it; the people
    a person's columns say were heard in a group are heard together."""
    interviews: list[Record] = []
    for incident in incidents:
        people = [
            persons[pid]
            for pid in dict.fromkeys([*incident["victim_ids"], *incident["witness_ids"]])
            if pid in persons and persons[pid]["art8_status"] != "refused"
        ]
        if not people:
            continue
        # Held two to six days after the incident, never before it.
        day = incident["date"] + dt.timedelta(days=2 + len(interviews) % 5)
        group = [p for p in people if p["interview_mode"] == "group"]
        sessions = [[p] for p in people if p not in group] + ([group] if group else [])
        for heard in sessions:
            first = heard[0]
            mode = "group" if len(heard) > 1 else (first["interview_mode"] or "individual")
            if mode == "group" and len(heard) == 1:
                mode = "individual"
            interviews.append(
                {
                    "id": f"INT-{len(interviews) + 1:03d}",
                    "person_ids": [p["id"] for p in heard],
                    "incident_ids": [incident["id"]],
                    "date": day,
                    "place": first["interview_place"] or incident["commune"],
                    "mode": mode,
                    "language": _language(first),
                    "interpreter": bool(first["interpreter"]),
                }
            )
    return interviews


def build_quotes(
    incidents: list[Record], interviews: list[Record], persons: dict[str, Record]
) -> list[Record]:
    """Up to two quotes per incident with an interview, from its first interviewee: about the
    incident's first act in chapter order, and about an act of another chapter if it has one.
    A quote's level follows its incident's, with a few exceptions that show a quote's own
    level (a public incident whose quote is restricted)."""
    by_id = {incident["id"]: incident for incident in incidents}
    quotes: list[Record] = []
    seen: set[str] = set()
    used: dict[str, int] = {}
    for interview in interviews:
        incident = by_id[interview["incident_ids"][0]]
        if incident["id"] in seen:
            continue
        seen.add(incident["id"])
        speaker = persons[interview["person_ids"][0]]
        observer = "observer" in speaker["roles"] and "victim" not in speaker["roles"]
        acts = [code for code in _ACT_ORDER if code in incident["acts"]]
        # One act per chapter: belongings destroyed and seized are one chapter, and so on.
        chosen = acts[:1] + [a for a in acts[1:] if _chapter(a) != _chapter(acts[0])][:1]
        for act in chosen:
            if observer:
                turn = used.get("observer " + act, 0)
                used["observer " + act] = turn + 1
                fr, en = _observer_saw(act, turn)
            else:
                turn = used.get(act, 0)
                used[act] = turn + 1
                fr, en = _MORE_QUOTES[act] if turn % 2 and act in _MORE_QUOTES else _QUOTES[act]
            language = interview["language"]
            number = len(quotes) + 1
            level = incident["confidentiality"]
            # Every seventh quote of a public incident was given for partners only.
            if level == "public" and number % 7 == 0:
                level = "restricted"
            quotes.append(
                {
                    "id": f"Q-{number:03d}",
                    "interview_id": interview["id"],
                    "person_id": interview["person_ids"][0],
                    "incident_id": incident["id"],
                    # The words as noted: in French or English as said; through an interpreter,
                    # the interpreter's English.
                    "original": fr if language == "French" else en,
                    "original_language": language
                    if language in ("French", "English")
                    else f"English (interpreted from {language})",
                    "text_fr": fr,
                    "text_en": en,
                    "featured": None,
                    "confidentiality": level,
                }
            )
    return quotes


def _chapter(act: str) -> str:
    """The report chapter an act is told in (dossier.assemble.ngo_report.CATEGORIES)."""
    groups = {
        "physical_violence": "violence",
        "lbd_grenade": "violence",
        "insults_racism": "degrading",
        "threats": "degrading",
        "humiliation": "degrading",
        "belongings_destroyed": "belongings",
        "belongings_seized": "belongings",
        "identity_check": "checks",
        "obstruction_of_aid": "aid",
        "intimidation_of_observers": "aid",
    }
    return groups.get(act, act)


def build_correspondence(incidents: list[Record]) -> list[Record]:
    """Letters to the authorities about public incidents, and the replies received."""
    public = [i for i in incidents if i["confidentiality"] == "public"]
    evictions = [i["id"] for i in public if "eviction" in i["acts"]][:3]
    violence = [i["id"] for i in public if "lbd_grenade" in i["acts"]][:2]
    aid = [i["id"] for i in public if "obstruction_of_aid" in i["acts"]][:2]
    letters: list[Record] = []

    def add(
        day: dt.date,
        recipient: str,
        subject: str,
        fr: str,
        en: str,
        about: list[str],
        reply: tuple[dt.date, str, str] | None = None,
    ) -> None:
        letters.append(
            {
                "id": f"L-{len(letters) + 1:03d}",
                "date": day,
                "sender": "Observatoire citoyen du littoral (fictional)",
                "recipient": recipient,
                "subject": subject,
                "summary_fr": fr,
                "summary_en": en,
                "incident_ids": about,
                "reply_date": reply[0] if reply else None,
                "reply_fr": reply[1] if reply else None,
                "reply_en": reply[2] if reply else None,
                "evidence_ids": [],
                "confidentiality": "public",
            }
        )

    add(
        dt.date(2015, 4, 20),
        "Préfet du Pas-de-Calais",
        "Destructions de biens lors des expulsions à Calais",
        "Signale les destructions de tentes et de couvertures lors des expulsions et demande "
        "que les occupants soient prévenus et puissent emporter leurs affaires.",
        "Reports the destruction of tents and blankets during evictions and asks that "
        "occupants be warned and allowed to take their belongings.",
        evictions,
        (
            dt.date(2015, 6, 2),
            "La préfecture répond que les opérations se déroulent dans le respect du droit.",
            "The prefecture replies that the operations are carried out lawfully.",
        ),
    )
    add(
        dt.date(2015, 11, 9),
        "Procureur de la République près le tribunal de grande instance de Boulogne-sur-Mer",
        "Tirs de LBD et de grenades à Calais",
        "Transmet les témoignages recueillis sur des tirs de LBD et de grenades et demande "
        "l'ouverture d'une enquête.",
        "Forwards the testimony gathered on rubber-bullet and grenade fire and asks for an "
        "investigation to be opened.",
        violence,
    )
    add(
        dt.date(2016, 3, 21),
        "Préfet du Nord",
        "Entraves aux distributions de repas",
        "Demande que les distributions de repas et l'accès des bénévoles aux campements ne "
        "soient plus empêchés.",
        "Asks that meal distributions and volunteers' access to the camps no longer be prevented.",
        aid,
        (
            dt.date(2016, 5, 3),
            "La préfecture indique que les distributions sont autorisées aux lieux prévus.",
            "The prefecture says that distributions are allowed at the designated places.",
        ),
    )
    return [letter for letter in letters if letter["incident_ids"]]


def clear_person_interview_columns(persons: list[Record]) -> None:
    """The sample records its interviews in the interviews sheet: the persons sheet's own
    interview columns (the older way, still read) are left blank."""
    for person in persons:
        for key in (
            "interview_date",
            "interview_place",
            "interview_mode",
            "interview_language",
            "interpreter",
        ):
            person[key] = None
