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


# What the people heard about the public incidents said, written for each incident: a report
# quotes these cases, and a reader must not meet the same words twice, from two people or about
# two incidents. (person id, French, English, own level or None for the incident's level.)
_INCIDENT_QUOTES: dict[str, list[tuple[str, str, str, str | None]]] = {
    "CAL-2014-0017": [
        (
            "P-008",
            "Ils ont dit cinq minutes. Mon récépissé et ma couverture étaient à l'intérieur ; je "
            "les ai vus partir dans la benne.",
            "They said five minutes. My residence paper and my blanket were inside; I watched "
            "them go into the skip.",
            None,
        ),
        (
            "P-035",
            "À sept heures, le squat était vide. Des hommes fouillaient la benne pour retrouver "
            "leurs papiers pendant que les agents les contrôlaient un par un.",
            "By seven o'clock the squat was empty. Men were searching the skip for their papers "
            "while officers checked them one by one.",
            None,
        ),
    ],
    "CAL-2014-0023": [
        (
            "P-036",
            "Un homme a demandé le temps de plier sa tente. Un agent lui a pulvérisé du gaz au "
            "visage, et la tente est partie dans le camion avec le reste.",
            "A man asked for time to fold his tent. An officer sprayed gas in his face, and the "
            "tent went into the lorry with the rest.",
            None,
        ),
        (
            "P-039",
            "Nous avons compté les sacs de couchage dans le camion : une quarantaine. Aucun n'a "
            "été rendu.",
            "We counted the sleeping bags in the lorry: about forty. Not one was given back.",
            None,
        ),
    ],
    "CAL-2014-0066": [
        (
            "P-015",
            "Ils nous ont fait enlever nos chaussures et notre pantalon devant la gare. Les "
            "passants nous regardaient.",
            "They made us take off our shoes and trousers in front of the station. People "
            "walking past were looking at us.",
            None,
        ),
        (
            "P-020",
            "J'ai demandé qu'on me rende mon téléphone. L'agent a dit que c'était une preuve et "
            "l'a mis dans sa poche.",
            "I asked for my phone back. The officer said it was evidence and put it in his pocket.",
            "restricted",
        ),
    ],
    "CAL-2015-0003": [
        (
            "P-035",
            "Le gaz est arrivé alors que les gens tenaient leur assiette. Nous avons arrêté de "
            "servir pendant une demi-heure et rincé les yeux des enfants avec nos bouteilles "
            "d'eau.",
            "The gas came while people were holding their plates. We stopped serving for half an "
            "hour and rinsed the children's eyes with our water bottles.",
            None,
        ),
        (
            "P-037",
            "J'ai cherché un numéro sur leurs uniformes pour le noter. Aucun n'en portait.",
            "I looked for a number on their uniforms to write it down. None of them wore one.",
            None,
        ),
    ],
    "CAL-2015-0033": [
        (
            "P-003",
            "Ils ont coupé la tente au couteau et jeté les couvertures dans la benne. Quand j'ai "
            "voulu prendre mon sac, un agent a dit qu'il allait m'arrêter.",
            "They cut the tent with a knife and threw the blankets into the skip. When I tried "
            "to take my bag, an officer said he would arrest me.",
            None,
        ),
        (
            "P-006",
            "Nous avions fait à manger pour la semaine. L'engin a emporté la nourriture avec la "
            "tente.",
            "We had cooked for the week. The machine took the food away with the tent.",
            None,
        ),
    ],
    "CAL-2015-0049": [
        (
            "P-003",
            "Depuis la route, j'ai vu deux hommes tomber sur le talus. Les agents ont continué à "
            "les frapper à coups de matraque alors qu'ils étaient à terre.",
            "From the road I saw two men fall on the embankment. The officers kept hitting them "
            "with their batons after they were down.",
            None,
        ),
    ],
    "CAL-2015-0051": [
        (
            "P-037",
            "Il m'a pris le bras et m'a dit que si je continuais à filmer, je passerais la nuit "
            "au poste. Aux deux hommes qu'il contrôlait, il a dit de retourner d'où ils venaient.",
            "He took my arm and said that if I kept filming I would spend the night at the "
            "station. He told the two men he was checking to go back where they came from.",
            None,
        ),
    ],
    "CAL-2015-0058": [
        (
            "P-039",
            "Ils nous ont dit que la camionnette serait mise en fourrière si nous servions une "
            "seule assiette. Quatre-vingts personnes environ sont reparties sans manger.",
            "They told us the van would be impounded if we served a single plate. About eighty "
            "people went back without eating.",
            None,
        ),
    ],
    "CAL-2015-0079": [
        (
            "P-012",
            "Je revenais de la distribution avec mon sac. Un policier m'a frappé à la poitrine "
            "avec sa matraque, je n'arrivais plus à respirer.",
            "I was coming back from the food distribution with my bag. A policeman hit me on the "
            "chest with his baton; I could not breathe.",
            None,
        ),
        (
            "P-040",
            "Le garçon se tenait la poitrine et toussait à cause du gaz. Il m'a dit qu'il avait "
            "dix-sept ans.",
            "The boy was holding his chest and coughing from the gas. He told me he was seventeen.",
            None,
        ),
    ],
    "GS-2015-0008": [
        (
            "P-039",
            "L'agent nous a lu une consigne interdisant les matériaux de construction. Les tentes "
            "étaient pour des familles qui dormaient dans la boue ; elles sont parties dans un "
            "fourgon de police.",
            "The officer read us an instruction banning building material. The tents were for "
            "families sleeping in the mud; they went into a police van.",
            None,
        ),
    ],
    "CAL-2016-0004": [
        (
            "P-036",
            "Les gens avaient été prévenus la veille au soir. Le matin, les engins sont passés sur "
            "les abris avec tout ce qu'ils contenaient.",
            "People had been told the evening before. In the morning the machines went over the "
            "shelters with everything still inside.",
            None,
        ),
    ],
    "GS-2016-0007": [
        (
            "P-036",
            "Ils ont renversé la marmite et la soupe a coulé dans la boue. Des femmes avec des "
            "enfants étaient encore dans la file quand le gaz est arrivé.",
            "They knocked the pot over and the soup ran into the mud. Women with children were "
            "still in the queue when the gas came.",
            None,
        ),
        (
            "P-038",
            "J'ai vu un agent repousser un homme dans la boue à deux mains, puis l'asperger de "
            "gaz.",
            "I saw an officer push a man back into the mud with both hands, then spray him.",
            None,
        ),
    ],
    "CAL-2016-0021": [
        (
            "P-002",
            "Mes papiers de demande d'asile étaient dans l'abri. Quand je suis revenue, il n'y "
            "avait plus qu'un trou dans le sol.",
            "My asylum papers were in the shelter. When I came back there was only a hole in the "
            "ground.",
            None,
        ),
        (
            "P-030",
            "Nous étions avec les autres, nous ne lancions rien. Les balles en caoutchouc sont "
            "arrivées quand même.",
            "We were standing with the others, we were not throwing anything. The rubber bullets "
            "came anyway.",
            None,
        ),
        (
            "P-035",
            "Les bulldozers travaillaient à dix mètres de gens qui sortaient encore leurs "
            "affaires.",
            "The bulldozers were working ten metres from people who were still taking their "
            "things out.",
            "restricted",
        ),
    ],
    "GS-2016-0011": [
        (
            "P-039",
            "Nous avions deux cents litres d'eau dans la camionnette. Les agents n'ont pas laissé "
            "passer un seul bidon.",
            "We had two hundred litres of water in the van. The officers would not let a single "
            "can through.",
            None,
        ),
    ],
    "CAL-2016-0038": [
        (
            "P-040",
            "L'une des personnes frappées était un garçon d'une quinzaine d'années. Il attendait "
            "dans la file avec son assiette.",
            "One of the people struck was a boy of about fifteen. He was waiting in the queue "
            "with his plate.",
            None,
        ),
    ],
    "CAL-2016-0064": [
        (
            "P-037",
            "Il m'a pris le téléphone des mains, a parcouru les vidéos et les a effacées une par "
            "une avant de me le rendre.",
            "He took the phone out of my hands, went through the videos and deleted them one by "
            "one before giving it back.",
            None,
        ),
        (
            "P-040",
            "Ils se sont mis à trois autour de nous pour que nous ne puissions plus filmer le "
            "contrôle.",
            "The three of them stood around us so that we could not film the check any more.",
            None,
        ),
    ],
    "CAL-2016-0091": [
        (
            "P-035",
            "Des garçons nous demandaient dans quelle file se mettre. Personne, du côté des "
            "autorités, ne savait leur répondre.",
            "Boys asked us which queue they should stand in. Nobody from the authorities could "
            "tell them.",
            None,
        ),
        (
            "P-039",
            "Chaque personne qui montait dans un bus était contrôlée, une par une.",
            "Everyone getting on a bus was checked, one by one.",
            "restricted",
        ),
    ],
}


def build_quotes(
    incidents: list[Record], interviews: list[Record], persons: dict[str, Record]
) -> list[Record]:
    """The quotes of each incident with an interview. The public incidents (those the public
    report tells) have their own words (``_INCIDENT_QUOTES``); for the others, up to two quotes
    from the first interviewee, about the incident's first act in chapter order and an act of
    another chapter, said as a victim only by a victim of that incident and never in words
    already used. A quote's level follows its incident's, but for a few quotes given for
    partners only (a public incident whose quote is restricted)."""
    by_id = {incident["id"]: incident for incident in incidents}
    quotes: list[Record] = []
    seen: set[str] = set()
    said: set[str] = set()
    used: dict[str, int] = {}

    def add(interview: Record, person_id: str, fr: str, en: str, level: str) -> None:
        said.add(en)
        language = interview["language"]
        quotes.append(
            {
                "id": f"Q-{len(quotes) + 1:03d}",
                "interview_id": interview["id"],
                "person_id": person_id,
                "incident_id": interview["incident_ids"][0],
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

    for interview in interviews:
        incident = by_id[interview["incident_ids"][0]]
        if incident["id"] in _INCIDENT_QUOTES:
            for person_id, fr, en, own_level in _INCIDENT_QUOTES[incident["id"]]:
                if person_id in interview["person_ids"]:
                    add(interview, person_id, fr, en, own_level or incident["confidentiality"])
            continue
        if incident["id"] in seen:
            continue
        seen.add(incident["id"])
        speaker = persons[interview["person_ids"][0]]
        observer = "observer" in speaker["roles"] and "victim" not in speaker["roles"]
        if not observer and speaker["id"] not in incident["victim_ids"]:
            continue  # the bank's words are a victim's: a witness does not say them
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
            if en in said:
                continue
            add(interview, speaker["id"], fr, en, incident["confidentiality"])
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
    # The prefect of the Nord answers for Grande-Synthe, not for Calais (Pas-de-Calais); a
    # letter is about incidents that happened before it was sent.
    aid = [
        i["id"]
        for i in public
        if "obstruction_of_aid" in i["acts"]
        and i["commune"] == "Grande-Synthe"
        and i["date"] < dt.date(2016, 3, 21)
    ]
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
                "sender": "Observatoire citoyen du littoral",
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
        "Entraves aux distributions et à l'accès des bénévoles à Grande-Synthe",
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
