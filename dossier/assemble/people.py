"""People as a dossier names them: a description by age, sex and nationality, never a legal name."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from babel import Locale

from dossier.i18n import l10n
from dossier.i18n.typography import UNDETERMINED, MixedText, UntranslatedText
from dossier.schema.header_keys import fold_key
from dossier.schema.names import NameFinder, NameMatch, names_and_parts
from dossier.schema.nationalities import nationality_label, read_nationality
from dossier.schema.records import Person

# ------------------------------------------------------------------ people, as reports name them

# Nouns for a person, by kind: English, French, and whether the French noun is feminine.
_NOUNS = {
    "man": ("man", "homme", False),
    "woman": ("woman", "femme", True),
    "boy": ("boy", "garçon", False),
    "girl": ("girl", "fille", True),
    "child": ("child", "enfant", False),
    "person": ("person", "personne", True),
}


def _is_minor(person: Person) -> bool:
    return bool(person.minor) or (person.age is not None and person.age < 18)


def _kind_of(person: Person) -> str:
    minor = _is_minor(person)
    if person.gender == "man":
        return "boy" if minor else "man"
    if person.gender == "woman":
        return "girl" if minor else "woman"
    return "child" if minor else "person"


def _english_article(age: int) -> str:
    # "an 8-year-old", "an 11-year-old", "an 18-year-old": the sound decides, not the letter.
    spoken = str(age)
    return "an" if spoken.startswith("8") or age in (11, 18) else "a"


def describe_person(person: Person, lang: str) -> str:
    """How an NGO edition names someone who refused publication: « un garçon de 16 ans ».

    Age and gender only: nationality and place would narrow down who it is.
    """
    english, french, feminine = _NOUNS[_kind_of(person)]
    age = person.age
    if lang == "fr":
        article = "une" if feminine else "un"
        return f"{article} {french}" + (f" de {age}{l10n.NBSP}ans" if age is not None else "")
    if age is None:
        return f"a {english}"
    return f"{_english_article(age)} {age}-year-old {english}"


def person_about(person: Person, lang: str) -> str:
    """Who a named person is, after their pseudonym: « 24-year-old Eritrean man » /
    « Érythréen de 24 ans » (empty when nothing is known).

    The nationality comes from the vocabulary (dossier/schema/nationalities.py), in the
    edition's language and, in French, agreeing with the person; one the vocabulary does not
    know is kept as typed and marked untranslated (the text is then a :class:`MixedText`).
    """
    kind = _kind_of(person)
    english, french, feminine = _NOUNS[kind]
    raw = " ".join((person.nationality or "").split())
    known = read_nationality(raw).nationality if raw else None
    unknown = raw if raw and known is None else ""
    age = person.age
    if not raw and age is None and person.gender is None:
        return ""
    if lang == "en":
        parts = [f"{age}-year-old"] if age is not None else []
        if known is not None:
            parts.append(known.en)
        parts.append(english)
        return _with_untranslated(" ".join(parts), unknown, lang)
    years = f" de {age}{l10n.NBSP}ans" if age is not None else ""
    if known is None:
        return _with_untranslated(f"{french}{years}", unknown, lang)
    adjective = known.adjective("fr", feminine=feminine)
    if kind in ("man", "woman"):
        # French names an adult by the nationality itself: « Érythréen de 24 ans ».
        return f"{adjective[:1].upper()}{adjective[1:]}{years}"
    return f"{french} {adjective}{years}"


def _with_untranslated(text: str, unknown: str, lang: str) -> str:
    """``text``, followed by a nationality nobody translated, in brackets and marked as such."""
    if not unknown:
        return text
    return MixedText(((f"{text} (", None), (unknown, UNDETERMINED), (")", None)), lang)


def person_nationality(person: Person, lang: str) -> str | None:
    """The person's nationality as a dossier in ``lang`` prints it: the vocabulary's label
    agreeing with the person's gender, or the text as typed, marked untranslated."""
    raw = " ".join((person.nationality or "").split())
    if not raw:
        return None
    label = nationality_label(raw, lang, person.gender)
    return label if label is not None else UntranslatedText(raw, UNDETERMINED, lang)


# Spellings Babel does not know that interview logs use.
_LANGUAGE_ALIASES = {"farsi": "fa", "sorani": "ckb", "kurmanji": "kmr", "tigrigna": "ti"}


@functools.cache
def _language_codes() -> dict[str, str]:
    """Folded English and French language names (Babel's CLDR data) → language code."""
    codes = dict(_LANGUAGE_ALIASES)
    for lang in ("en", "fr"):
        for code, name in Locale.parse(l10n.LOCALES[lang]).languages.items():
            codes.setdefault(fold_key(name), code)
    return codes


def language_name(name: str, lang: str) -> str:
    """An interview language typed in English or French (« Tigrinya », « arabe »), named in the
    dossier's language; a name nobody knows is kept as typed."""
    name = name.strip()
    code = _language_codes().get(fold_key(name))
    if code is None:
        return name
    return str(Locale.parse(l10n.LOCALES[lang]).languages.get(code, name))


def _keep(text: str | None) -> str | None:
    return text


#: How free text names someone who objected under art. 8: nothing about them, not even a
#: description, may reach a dossier.
NEUTRAL_DESIGNATION = {"fr": "une personne", "en": "a person"}


def _name_scrubber(
    described: list[Person],
    lang: str,
    *,
    unnamed: Iterable[Person] = (),
    named: Iterable[str] = (),
) -> Callable[[str | None], str | None]:
    """Replace, in free text, the pseudonyms of people who may not be named.

    ``described`` are replaced by a description ("a 24-year-old Eritrean man"), ``unnamed``
    (art. 8 objections) by a neutral "a person". A pseudonym is found whatever its case,
    accents and spacing, and so is each distinctive part of it ("Abel" of "Abel N.") that no
    pseudonym in ``named`` (people who may be named) shares.
    """
    replacements: dict[str, str] = {}
    for person in unnamed:
        replacements.setdefault(person.pseudonym.strip(), NEUTRAL_DESIGNATION[lang])
    for person in described:
        replacements.setdefault(person.pseudonym.strip(), describe_person(person, lang))
    replacements = {name: text for name, text in replacements.items() if len(name) >= 2}
    finder = NameFinder(names_and_parts(replacements, keep=named))
    if not finder:
        return _keep

    def replace(match: NameMatch[str], text: str) -> str:
        before = text[: match.start].rstrip()
        value = match.value
        if not before or before[-1] in '.!?:«“"':
            value = value[:1].upper() + value[1:]
        # "… saw Abel N." : the pseudonym's full stop also ended the sentence; keep one.
        after = text[match.end :].lstrip()
        if text[match.start : match.end].endswith(".") and (not after or after[0].isupper()):
            value += "."
        return value

    def scrub(text: str | None) -> str | None:
        return None if text is None else finder.replace(text, replace)

    return scrub
