"""Testimony in the NGO report: the interviews each incident's footnote cites, and the quotes.

An incident's footnote cites the interviews *about that incident* (an interview is cited for
the incidents its row names, never for another one of the same person). A quote is printed only
when this edition may show its incident, its own confidentiality level lets the audience read
it, and its speaker did not object under art. 8; a speaker who refused publication is described,
never named, and the text goes through the same name scrubber as the accounts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from dossier.assemble.models import IncidentView, InterviewCitation, PersonView, QuoteView
from dossier.schema.records import Interview, Person, Quote
from dossier.validate.interviews import interviews_from_persons, quote_incident, quote_speaker
from dossier.validate.rows import Dataset

__all__ = [
    "Testimony",
    "all_interviews",
    "choose_featured",
    "quote_words",
    "speaks_of",
    "with_article",
]


def all_interviews(dataset: Dataset) -> list[Interview]:
    """The dataset's interviews, and one per person whose own interview columns hold one and who
    is in none of them: validation adds those already, a dataset made in Python may not."""
    interviewed = {pid for interview in dataset.interviews for pid in interview.person_ids}
    made = interviews_from_persons(dataset.persons, dataset.incidents, interviewed)
    return [*dataset.interviews, *(legacy.interview for legacy in made)]


def with_article(about: str, lang: str) -> str:
    """« 24-year-old Eritrean man » → "a 24-year-old Eritrean man" (French needs none)."""
    if lang == "fr" or not about:
        return about
    first = about.split("-", 1)[0]
    if first.isdigit():
        spoken_vowel = first.startswith("8") or first in ("11", "18")
    else:
        spoken_vowel = about[:1].lower() in "aeiou"
    return ("an " if spoken_vowel else "a ") + about


def _citation_key(interview: Interview) -> tuple[object, ...]:
    # People heard together in a group are one source: one citation, all their names.
    if interview.mode == "group":
        return ("group", interview.date, interview.place)
    return ("one", interview.id)


class Testimony:
    """The interviews and quotes an edition may cite, found by incident."""

    def __init__(
        self,
        dataset: Dataset,
        shown: dict[str, IncidentView],
        person_view: Callable[[Person], PersonView],
        refused: set[str],
        visible_levels: Iterable[str],
        scrub: Callable[[str | None], str | None],
        lang: str,
    ) -> None:
        self.lang = lang
        self.persons = dataset.persons_by_id()
        self.refused = refused
        self.person_view = person_view
        self.views: dict[str, PersonView] = {}
        interviews = all_interviews(dataset)
        self.interviews = {item.id: item for item in interviews}
        self.by_incident: dict[str, list[Interview]] = {}
        for interview in interviews:
            for incident_id in interview.incident_ids:
                if incident_id in shown:
                    self.by_incident.setdefault(incident_id, []).append(interview)
        visible = set(visible_levels)
        self.quotes_by_incident: dict[str, list[QuoteView]] = {}
        for quote in dataset.quotes:
            made = self._quote_view(quote, shown, visible, scrub)
            if made is not None:
                self.quotes_by_incident.setdefault(made.incident.id, []).append(made)

    def person(self, person_id: str) -> PersonView | None:
        """The person as this edition shows them; None for someone who objected (art. 8)."""
        if person_id in self.refused or person_id not in self.persons:
            return None
        if person_id not in self.views:
            self.views[person_id] = self.person_view(self.persons[person_id])
        return self.views[person_id]

    def citations(self, incident_id: str) -> list[InterviewCitation]:
        """The interviews about this incident, in date order; a group interview cited once."""
        found: dict[tuple[object, ...], InterviewCitation] = {}
        for interview in self.by_incident.get(incident_id, []):
            citation = self._citation(interview)
            if citation is None:
                continue
            key = _citation_key(interview)
            if key in found:
                earlier = found[key]
                names = [
                    *earlier.persons,
                    *(n for n in citation.persons if n not in earlier.persons),
                ]
                found[key] = InterviewCitation(
                    earlier.mode, names, earlier.place, earlier.date, earlier.id, [incident_id]
                )
            else:
                found[key] = citation
        return sorted(found.values(), key=lambda c: (c.date or dt.date.max, c.id))

    def quotes(self, incident_id: str) -> list[QuoteView]:
        return self.quotes_by_incident.get(incident_id, [])

    def _citation(self, interview: Interview) -> InterviewCitation | None:
        people = [view for view in map(self.person, interview.person_ids) if view is not None]
        if not people:
            return None
        return InterviewCitation(
            mode=interview.mode,
            persons=[view.designation for view in people],
            place=interview.place,
            date=interview.date,
            id=interview.id,
            incident_ids=list(interview.incident_ids),
        )

    def _about(self, person_id: str, speaker: PersonView) -> str:
        """Who the speaker is, after their name in running text: "a 24-year-old Eritrean man";
        a volunteer observer is said as such; a bare "man" says nothing and is left out."""
        person = self.persons[person_id]
        if not speaker.named:
            return ""
        if "observer" in person.roles and "victim" not in person.roles:
            if self.lang == "en":
                return "a volunteer observer"
            return "observatrice bénévole" if person.gender == "woman" else "observateur bénévole"
        if person.age is None and not person.nationality:
            return ""
        return with_article(speaker.about, self.lang)

    def _quote_view(
        self,
        quote: Quote,
        shown: dict[str, IncidentView],
        visible: set[str],
        scrub: Callable[[str | None], str | None],
    ) -> QuoteView | None:
        interview = self.interviews.get(quote.interview_id)
        if interview is None or quote.confidentiality not in visible:
            return None
        incident_id = quote_incident(quote, interview)
        speaker_id = quote_speaker(quote, interview)
        if incident_id not in shown or speaker_id is None:
            return None
        speaker = self.person(speaker_id)
        citation = self._citation(interview)
        if speaker is None or citation is None:
            return None
        translated = quote.text_fr if self.lang == "fr" else quote.text_en
        text = scrub(translated or quote.original) or ""
        return QuoteView(
            id=quote.id,
            text=text.strip(),
            untranslated=not translated,
            original_language=quote.original_language,
            speaker=speaker,
            incident=shown[incident_id],
            citation=InterviewCitation(
                citation.mode,
                # The footnote of a quote names who said it, even in a group interview.
                [speaker.designation],
                citation.place,
                citation.date,
                citation.id,
                citation.incident_ids,
            ),
            featured=quote.featured,
            about=self._about(speaker_id, speaker),
        )


#: Words (their start) that show a quote speaks of a chapter's subject, by chapter and language.
#: A chapter's text tells its cases through what people said *about that*: a quote of a blow in
#: the chapter on tear gas reads as misplaced, even when its incident belongs there too.
CHAPTER_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "tear_gas": {
        "en": ("gas", "spray", "sting", "cough", "eyes"),
        "fr": ("gaz", "lacrymo", "piqu", "touss", "yeux", "asperg", "pulvéris"),
    },
    "physical_violence": {
        "en": ("hit", "beat", "baton", "kick", "struck", "punch", "bullet", "shot", "dog", "blow"),
        "fr": ("frapp", "matraque", "coup", "balle", "tir", "chien", "battu", "choc"),
    },
    "degrading_treatment": {
        "en": ("insult", "laugh", "threat", "worse", "arrest me", "barefoot", "take off", "naked"),
        "fr": ("insult", "riai", "menac", "pire", "arrêter", "pieds nus", "enlever", "nu"),
    },
    "belongings": {
        "en": ("tent", "blanket", "sleeping bag", "phone", "papers", "belonging", "skip", "bag"),
        "fr": ("tente", "couverture", "sac", "téléphone", "papiers", "affaires", "benne"),
    },
    "evictions": {
        "en": ("evict", "minutes", "machine", "bulldozer", "shelter", "leave", "squat"),
        "fr": ("expuls", "minutes", "engin", "machine", "bulldozer", "abri", "partir", "squat"),
    },
    "checks_arrests": {
        "en": ("check", "papers", "arrest", "station", "search"),
        "fr": ("contrôl", "papiers", "interpell", "poste", "fouill"),
    },
    "care_complaints": {
        "en": ("doctor", "hospital", "complaint", "care", "pain"),
        "fr": ("médecin", "hôpital", "plainte", "soin", "douleur"),
    },
    "children": {
        "en": ("child", "boy", "girl", "minor", "fifteen", "sixteen", "seventeen"),
        "fr": ("enfant", "garçon", "fille", "mineur", "quinze", "seize", "dix-sept"),
    },
    "aid_observers": {
        "en": ("distribution", "meal", "serv", "plate", "water", "van", "film", "volunteer"),
        "fr": ("distribution", "repas", "servi", "assiette", "eau", "camionnette", "film"),
    },
    "rio": {
        "en": ("number", "uniform", "badge"),
        "fr": ("numéro", "uniforme", "matricule"),
    },
}


def speaks_of(text: str, chapter: str, lang: str) -> bool:
    """Whether a quote's words name the subject of a chapter (CHAPTER_WORDS)."""
    words = CHAPTER_WORDS.get(chapter, {}).get(lang, ())
    folded = text.casefold()
    return any(re.search(r"\b" + re.escape(word), folded) for word in words)


def choose_featured(
    candidates: list[QuoteView],
    told_here: set[str],
    already: set[str],
    per_chapter: int,
    prefer: Callable[[QuoteView], bool] = lambda quote: False,
    said: Iterable[str] = (),
    about: Callable[[QuoteView], bool] = lambda quote: True,
) -> list[QuoteView]:
    """The quotes a chapter's text tells its cases through.

    Quotes the editor marked ``featured`` come first, all of them; without any, the report
    picks up to ``per_chapter`` quotes left blank, one per incident, preferring the quotes
    ``prefer`` says (children's own words in the chapter on children), then those that speak of
    the chapter's subject (``about``), then the cases this chapter tells over those told
    earlier, then what victims said over what witnesses saw, in date order. A quote is featured
    in one chapter only (``already``), and one marked "no" never is. The report chooses no two
    quotes of the same words (``said``, the texts already featured): words given by two people,
    or for two incidents, read as copied, not heard.
    """
    fresh = [q for q in candidates if q.id not in already and q.featured is not False]
    chosen = [q for q in fresh if q.featured]
    if chosen:
        return chosen
    ordered = sorted(
        (q for q in fresh if q.featured is None),
        key=lambda q: (
            not prefer(q),
            not about(q),
            q.incident.id not in told_here,
            not _said_by_a_victim(q),
            q.incident.date,
            q.incident.id,
            q.id,
        ),
    )
    picked: list[QuoteView] = []
    incidents: set[str] = set()
    words = set(said)
    for quote in ordered:
        if len(picked) >= per_chapter:
            break
        if quote.incident.id in incidents or quote_words(quote.text) in words:
            continue
        incidents.add(quote.incident.id)
        words.add(quote_words(quote.text))
        picked.append(quote)
    return sorted(picked, key=lambda q: (q.incident.date, q.incident.id, q.id))


def _said_by_a_victim(quote: QuoteView) -> bool:
    return any(person.id == quote.speaker.id for person in quote.incident.victims)


def quote_words(text: str) -> str:
    """A quote's words, for comparing: case, punctuation and spacing aside."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())
