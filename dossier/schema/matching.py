"""Matching what a volunteer typed to a vocabulary term: inflection, negation and suggestions.

Two different things happen here, and the difference matters:

* **inflection** (:func:`inflection_key`) is accepted silently: « confirmés », « anonymisée »,
  « aucune », "Contrôles d'identité" are the terms they inflect. Only agreement (gender,
  number), elision, hyphens, accents, case and little words (« de », "the") are ignored;
  negations are kept, so « pas d'opposition » never folds onto « opposition ».
* **suggestion** (:func:`suggest`) only proposes, and never across a negation: each word of a
  wording carries whether it is negated (« pas visible », "not identified", « injoignable »),
  and a word matches only a word of the same polarity. Where a wrong value changes who is shown
  or what is claimed (``SENSITIVE``), one suggestion is offered only when it is the only
  possible reading; otherwise the candidates are listed and the volunteer chooses.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Vocabularies where a wrong value changes who is shown or what is claimed: art. 8 status (a
# victim who refused is left out), confidentiality and publication consent (who may read or be
# named), violation status (what is claimed) and yes/no answers (RIO visible, minors involved).
SENSITIVE = frozenset(
    {"art8_status", "confidentiality", "publication_consent", "violation_status", "yes_no_unknown"}
)

# Words that negate what follows them (or, at the end, what precedes them: « visible : non »).
NEGATIONS = frozenset(
    {
        "pas",
        "non",
        "sans",
        "aucun",
        "ne",
        "n",
        "ni",
        "jamais",
        "nul",
        "not",
        "no",
        "none",
        "never",
        "without",
        "nor",
        "nothing",
    }
)
# Negative prefixes, recognised only on these stems (folded, inflection removed): "in" of
# « information » or « interpellation » negates nothing.
_PREFIXED_STEMS = frozenset(
    {
        "connu",
        "known",
        "joignable",
        "reachable",
        "identifie",
        "identified",
        "verifie",
        "verified",
        "confirme",
        "confirmed",
        "visible",
        "lisible",
        "readable",
        "public",
        "publie",
        "published",
        "anonymise",
        "anonymised",
        "anonymized",
        "binaire",
        "binary",
        "disponible",
        "available",
        "certain",
        "sure",
        "precise",
        "precis",
        "exact",
        "fonde",
        "founded",
    }
)
_NEGATIVE_PREFIXES = ("non", "un", "in", "im", "il")
# Little words that carry no meaning for matching, French and English (elided forms included).
STOPWORDS = frozenset(
    {
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "qu",
        "j",
        "s",
        "c",
        "m",
        "t",
        "y",
        "au",
        "aux",
        "a",
        "en",
        "et",
        "ou",
        "un",
        "une",
        "par",
        "pour",
        "sur",
        "dans",
        "avec",
        "je",
        "il",
        "elle",
        "est",
        "ete",
        "etait",
        "the",
        "of",
        "at",
        "on",
        "or",
        "and",
        "to",
        "an",
        "in",
        "by",
        "for",
        "is",
        "was",
        "been",
        "be",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
    }
)
_NEGATED = "!"  # marks a negated word in a key
_BARE_NEGATION = _NEGATED  # a wording that is only a negation (« non », "none")
_WORD = re.compile(r"[0-9a-z]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
# Feminine endings and their masculine (folded, after the plural is removed).
_FEMININE = (("ee", "e"), ("ive", "if"), ("elle", "el"), ("enne", "en"), ("euse", "eur"))
_MUTE_E_AFTER = ("ne", "te", "de", "se")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.replace("œ", "oe").replace("æ", "ae").replace("n't", " not")


def base_form(word: str) -> str:
    """A folded word without its plural and feminine agreement: « confirmees » → "confirme"."""
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    for feminine, masculine in _FEMININE:
        if word.endswith(feminine) and len(word) > len(feminine) + 2:
            word = word[: -len(feminine)] + masculine
            break
    if len(word) > 4 and word.endswith(_MUTE_E_AFTER):
        return word[:-1]  # « aucune », « restreinte », « tente »
    return word


def words(text: str) -> list[str]:
    """The folded words of a wording, in order, each in its base form, little words dropped."""
    # Negations keep their spelling (« sans » is no plural); « aucune » is « aucun ».
    return [
        word if word in NEGATIONS else base_form(word)
        for word in _WORD.findall(_fold(text).replace("-", " "))
        if word not in STOPWORDS or word in NEGATIONS
    ]


def marked_words(text: str) -> tuple[str, ...]:
    """The content words of a wording, each marked ``!`` when a negation applies to it.

    « informée, pas d'opposition » → ("informe", "!opposition"); « injoignable » →
    ("!joignable",); a wording that is only a negation (« non », "none") → ("!",).
    """
    marked: list[str] = []
    pending = False
    seen_negation = False
    for word in words(text):
        if word in NEGATIONS:
            pending = seen_negation = True
            continue
        prefixed = _negative_prefix_stem(word)
        if prefixed is not None:
            marked.append(_NEGATED + prefixed)
            pending = False
            continue
        marked.append(_NEGATED + word if pending else word)
        pending = False
    if pending and marked and not marked[-1].startswith(_NEGATED):
        marked[-1] = _NEGATED + marked[-1]  # « visible : non », « opposition aucune »
    elif seen_negation and not marked:
        marked.append(_BARE_NEGATION)
    return tuple(marked)


def _negative_prefix_stem(word: str) -> str | None:
    """The stem a negative prefix applies to (« injoignable » → "joignable"), misspelt or not."""
    for prefix in _NEGATIVE_PREFIXES:
        stem = word[len(prefix) :]
        if not word.startswith(prefix) or len(stem) < 5:
            continue
        if stem in _PREFIXED_STEMS:
            return stem
        near = difflib.get_close_matches(stem, _PREFIXED_STEMS, n=1, cutoff=0.85)
        if near:
            return near[0]  # "unreacheable"
    return None


def is_negated(text: str) -> bool:
    """Whether a negation applies to any word of ``text``."""
    return any(word.startswith(_NEGATED) for word in marked_words(text))


def inflection_key(text: str) -> str:
    """The key under which inflected spellings of one wording meet (negations kept)."""
    return " ".join(words(text))


def _words_match(typed: str, known: str) -> bool:
    """Two marked words name the same thing: same polarity, and same stem or a near spelling."""
    if typed == known:
        return True
    if (typed[0] == _NEGATED) != (known[0] == _NEGATED):
        return False
    typed, known = typed.lstrip(_NEGATED), known.lstrip(_NEGATED)
    if not typed or not known:
        return False
    shorter = min(len(typed), len(known))
    if shorter >= 3 and (typed.startswith(known) or known.startswith(typed)):
        return True  # « lacrymo » for « lacrymogène », « phys. » for « physiques »
    return shorter >= 4 and difflib.SequenceMatcher(None, typed, known).ratio() >= 0.8


def _stems_cross(typed: str, known: str) -> bool:
    """The same word with the opposite polarity: « pas confirmé » against « confirmée »."""
    if (typed[0] == _NEGATED) == (known[0] == _NEGATED):
        return False
    stripped_typed, stripped_known = typed.lstrip(_NEGATED), known.lstrip(_NEGATED)
    if not stripped_typed or not stripped_known:
        return False
    return _words_match(stripped_typed, stripped_known)


@dataclass(frozen=True)
class Suggestion:
    """What a wording may have meant: one ``code`` when safe, else ``candidates`` to choose from.

    Both are empty when nothing is close. ``crossed`` holds the codes left out because they
    say the opposite of the wording (« confirmed » for « pas confirmé »).
    """

    code: str | None = None
    candidates: tuple[str, ...] = ()
    crossed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spelling:
    code: str
    marked: tuple[str, ...]
    negated: bool
    joined: str


def spellings_of(terms: Iterable[tuple[str, Sequence[str]]]) -> tuple[Spelling, ...]:
    """The analysed spellings of a vocabulary, from (code, spellings) pairs."""
    analysed = []
    for code, texts in terms:
        for text in texts:
            marked = marked_words(text)
            if marked:
                negated = any(word.startswith(_NEGATED) for word in marked)
                analysed.append(Spelling(code, marked, negated, "".join(marked)))
    return tuple(analysed)


def _score(typed: tuple[str, ...], joined: str, spelling: Spelling) -> tuple[float, float]:
    """(score, coverage): how close a spelling is, and the share of typed words it holds."""
    matched_typed = sum(any(_words_match(t, k) for k in spelling.marked) for t in typed)
    if not matched_typed:
        whole = difflib.SequenceMatcher(None, joined, spelling.joined).ratio()
        return (whole if whole >= 0.75 else 0.0), 0.0
    matched_known = sum(any(_words_match(t, k) for t in typed) for k in spelling.marked)
    coverage = matched_typed / len(typed)
    words_score = (coverage + matched_known / len(spelling.marked)) / 2
    whole = difflib.SequenceMatcher(None, joined, spelling.joined).ratio()
    return max(words_score, whole), coverage


def suggest(
    text: str, spellings: Sequence[Spelling], codes: Sequence[str], sensitive: bool
) -> Suggestion:
    """What ``text`` (not a known spelling) may have meant among a vocabulary's ``spellings``."""
    typed = marked_words(text)
    if not typed or (len("".join(typed).lstrip(_NEGATED)) < 2 and typed != (_BARE_NEGATION,)):
        return Suggestion()
    negated = any(word.startswith(_NEGATED) for word in typed)
    joined = "".join(typed)
    best: dict[str, tuple[float, float]] = {}
    crossing: set[str] = set()
    for spelling in spellings:
        if any(_stems_cross(t, k) for t in typed for k in spelling.marked):
            crossing.add(spelling.code)
        if spelling.negated != negated:
            continue  # never across a negation
        score = _score(typed, joined, spelling)
        if score > best.get(spelling.code, (0.0, 0.0)):
            best[spelling.code] = score
    # A term one of whose spellings reads the typed word the other way round is out, unless
    # another of its spellings reads it the same way.
    crossed = tuple(
        code for code in codes if code in crossing and best.get(code, (0.0, 0.0))[1] == 0
    )
    ranked = sorted(
        ((score, code) for code, score in best.items() if code not in crossed and score[0] > 0),
        key=lambda item: (-item[0][0], -item[0][1], codes.index(item[1])),
    )
    if ranked:
        (top, coverage), code = ranked[0]
        runner_up = ranked[1][0][0] if len(ranked) > 1 else 0.0
        if sensitive:
            safe = top >= 0.75 and coverage == 1.0 and runner_up < 0.5
        else:
            # A clear winner, or the only term that shares a word (« affaires détruites »).
            safe = (top >= 0.75 and top - runner_up >= 0.1) or (top >= 0.5 and not runner_up)
        if safe:
            return Suggestion(code, (), crossed)
        close = tuple(c for (s, _cov), c in ranked if s >= max(0.4, top - 0.25))
        if len(close) > 1 or sensitive or crossed:
            return Suggestion(None, close, crossed)
        return Suggestion()
    bare = [s.code for s in spellings if s.marked == (_BARE_NEGATION,)]
    if negated and not crossed and len(set(bare)) == 1:
        return Suggestion(bare[0], (), crossed)  # « pas visible » → « non »
    if crossed and sensitive:
        # A term was left out as the opposite of the wording and the choice matters: the
        # volunteer chooses among what is left (« pas confirmé »: probable, possible…).
        return Suggestion(None, tuple(c for c in codes if c not in crossed), crossed)
    return Suggestion(None, (), crossed)


def close_codes(text: str, spellings: Sequence[Spelling], limit: int = 3) -> list[str]:
    """The codes whose spellings share a word with ``text`` (or nearly read as it), best first.

    For headers: « Affaires détruites » → the belongings column; never across a negation.
    """
    # A number alone says nothing of what a column holds: « note 3 » is not « ECHR art. 3 ».
    typed = tuple(word for word in marked_words(text) if any(char.isalpha() for char in word))
    if not typed:
        return []
    negated = any(word.startswith(_NEGATED) for word in typed)
    joined = "".join(typed)
    best: dict[str, float] = {}
    for spelling in spellings:
        if spelling.negated != negated:
            continue
        score, _coverage = _score(typed, joined, spelling)
        if score >= 0.4 and score > best.get(spelling.code, 0.0):
            best[spelling.code] = score
    ranked = sorted(best.items(), key=lambda item: -item[1])
    return [code for code, _score_value in ranked[:limit]]
