"""Typography of the data's text: French or English rules, never inside ids, URLs or codes.

Templates are typeset by their authors; the text a workbook gives (accounts, places, injuries,
replies…) is typed as it comes, with straight apostrophes and ordinary spaces where French wants
no-break ones. :func:`typeset` puts that right for the edition's language:

* French: a narrow no-break space (U+202F) before « ; ! ? » and inside guillemets, a no-break
  space (U+00A0) before « : », between a number and its unit (« 2 h », « 3 km », « 22 h 30 »)
  and after « vers », « à », « environ »… before a number, so « vers 2 h » never breaks;
  typographic apostrophes (« l’homme »).
* English: curly quotes and apostrophes (“ ” ‘ ’), a no-break space between a number and its unit.

What must stay as typed is left alone: web addresses, e-mail addresses, SHA-256 fingerprints and
other long hexadecimal strings, ids (« CAL-2015-0042 », « P-001 »), code-like tokens (paths,
``a_b``, ``x=y``, text in backquotes), a value holding markup or template syntax (printed exactly
as typed, as the security tests require) and runs of text in other scripts (an Arabic or Tigrinya
quotation keeps its own punctuation). The functions are idempotent: typesetting typeset text
changes nothing, so text from templates or catalogs that is already right stays right.

:class:`ForeignText` is text printed in a language other than the edition's (an account recorded
only in English, in the French edition): it keeps its language, so its typography is its own
language's; :class:`UntranslatedText`'s HTML form also carries ``lang`` and the « (non traduit) »
note.
"""

from __future__ import annotations

import functools
import html
import re

NBSP = "\u00a0"
NNBSP = "\u202f"

# -- what is never touched --------------------------------------------------------------------

# Letters of scripts other than Latin (Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana,
# N'Ko, the Indic scripts, Thai, Georgian, Ethiopic, … CJK, Hangul, Arabic presentation forms).
_OTHER_SCRIPT = (
    "\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0700-\u08ff"
    "\u0900-\u0dff\u0e00-\u0fff\u1000-\u1dbf\u2c00-\u2dff\u3040-\u9fff\ua000-\ud7ff"
    "\ufb1d-\ufdff\ufe70-\ufeff"
)
# A Latin letter (ASCII, Latin-1 and Latin Extended), where a run of another script stops.
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_TRAILING_PUNCTUATION = ".,;:!?)\\]}»\"'’”"

_PROTECTED = re.compile(
    "|".join(
        (
            # Text already standing for a protected token (placeholders are private-use
            # characters, so data holding one keeps it as it is).
            r"[\ue000-\uf8ff]",
            # Web addresses, without the punctuation that ends the sentence around them.
            rf"(?:(?:https?|ftp|file|mailto|data):|www\.)[^\s<>]*?(?=[{_TRAILING_PUNCTUATION}]*(?:\s|$))",
            # E-mail addresses.
            r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
            # SHA-256 fingerprints and other long hexadecimal strings.
            r"\b[0-9a-fA-F]{16,}\b",
            # Code in backquotes.
            r"`[^`]*`",
            # Code-like tokens: paths, identifiers with underscores, assignments, markup.
            r"[^\s«»“”‘’]*[_=\\/{}<>|][^\s«»“”‘’]*",
            # Ids: letters and digits joined by hyphens or dots (CAL-2015-0042, P-001, v1.2).
            r"\b(?=[\w.-]*\d)(?=[\w.-]*[^\W\d_])\w+(?:[-.]\w+)+\b",
            # A run of another script, with the punctuation and spaces inside it.
            rf"[{_OTHER_SCRIPT}](?:[^{_LATIN}\n]*[{_OTHER_SCRIPT}])?(?:[ \t]*[.,;:!?)\]}}\"'’”])*",
        )
    )
)


def _protect(text: str) -> tuple[str, list[str]]:
    """The text with each protected token replaced by one private-use character, and the tokens."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group())
        return chr(0xE000 + len(kept) - 1)

    return _PROTECTED.sub(hold, text), kept


def _restore(text: str, kept: list[str]) -> str:
    if not kept:
        return text
    return re.sub(r"[\ue000-\uf8ff]", lambda match: kept[ord(match.group()) - 0xE000], text)


# -- French -----------------------------------------------------------------------------------

# Units and words of measure that stay on the line of their number. Lower-case words only: « 3 M »
# may be a name.
_FRENCH_UNITS = (
    # « °C » but not a bare « ° »: « 4° » is an ordinal (« article 112-2, 4° du code pénal »).
    "h|min|s|km|m|cm|mm|kg|g|l|ml|t|€|%|°C|ha|km/h|"
    "ans?|mois|jours?|heures?|minutes?|secondes?|semaines?|nuits?|euros?|"
    "mètres?|kilomètres?|kilos?|kilogrammes?|grammes?|litres?|personnes?|agents?|"
    "tentes?|fois|ITT"
)
_ENGLISH_UNITS = "h|min|s|km|m|cm|mm|kg|g|l|ml|t|%|°C|ha|km/h|am|pm|a\\.m\\.|p\\.m\\."
# Words after which a number must not start the next line (« vers 2 h », « n° 3 »).
_FRENCH_BEFORE_NUMBER = "vers|à|environ|dès|après|avant|n°|art\\.|p\\."

_SPACE = f"[ \t{NBSP}{NNBSP}]"
_FRENCH_RULES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    # Apostrophes: between letters, after a letter (« aujourd’hui », « l’homme »).
    (re.compile(r"'"), "’"),
    # Guillemets: a narrow no-break space inside, whatever spacing was typed.
    (re.compile(rf"«{_SPACE}*"), f"«{NNBSP}"),
    (re.compile(rf"{_SPACE}*»"), f"{NNBSP}»"),
    # ; ! ? after a word: a narrow no-break space before (one before « ?! »).
    (re.compile(rf"(?<=[^\s;!?«(\[]){_SPACE}*(?=[;!?])"), NNBSP),
    # : after a word (not between digits, as in « 22:30 »): a no-break space before.
    (re.compile(rf"(?<=[^\s:(\[\d]){_SPACE}*:(?!//)"), f"{NBSP}:"),
    (re.compile(rf"(?<=\d){_SPACE}+:(?!\d)"), f"{NBSP}:"),
    # « 22h30 », « 22 h 30 »: hours and minutes held together.
    (re.compile(rf"(?<=\d){_SPACE}*h{_SPACE}*(?=\d\d\b)"), f"{NBSP}h{NBSP}"),
    # A number and its unit (« 2 h », « 3km » → « 3 km »).
    (re.compile(rf"(?<=\d){_SPACE}*(?=(?:{_FRENCH_UNITS})(?![\w/]))"), NBSP),
    # « vers 2 h », « n° 3 »: the number stays with the word before it.
    (re.compile(rf"(?<!\w)(?:{_FRENCH_BEFORE_NUMBER}){_SPACE}+(?=\d)", re.I), None),
)


def _french(text: str) -> str:
    for pattern, replacement in _FRENCH_RULES:
        if replacement is None:
            text = pattern.sub(lambda match: match.group().rstrip(f" \t{NBSP}{NNBSP}") + NBSP, text)
        else:
            text = pattern.sub(replacement, text)
    return text


# -- English ----------------------------------------------------------------------------------

_ENGLISH_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Apostrophes and closing single quotes after a letter, a digit or a period (« officers' »).
    (re.compile(r"(?<=[\w.,!?])'"), "’"),
    # An opening single quote at the start or after a space or an opening bracket.
    (re.compile(r"(?:(?<=^)|(?<=[\s(\[{“]))'(?=\S)"), "‘"),
    (re.compile(r"'"), "’"),
    # Double quotes: opening at the start or after a space or an opening bracket, else closing.
    (re.compile(r"(?:(?<=^)|(?<=[\s(\[{‘]))\"(?=\S)"), "“"),
    (re.compile(r"\""), "”"),
    # A number and its unit (« 3 km », « 10 pm »).
    (re.compile(rf"(?<=\d){_SPACE}+(?=(?:{_ENGLISH_UNITS})(?![\w/]))"), NBSP),
)


def _english(text: str) -> str:
    for pattern, replacement in _ENGLISH_RULES:
        text = pattern.sub(replacement, text)
    return text


# Markup, template syntax and character entities: a value holding one is code, not prose.
_MARKUP = re.compile(r"<[A-Za-z!/?]|\{\{|\{%|&#?\w+;")

# What any rule may change: text without one of these is left as it is, at once.
_TRIGGERS = {"fr": re.compile(r"['«»;:!?\d]"), "en": re.compile(r"['\"\d]")}


def typeset(text: str, lang: str) -> str:
    """``text`` with the typography of ``lang`` ("fr" or "en"; any other leaves it as it is);
    ids, URLs, fingerprints, code and other scripts left as typed. Idempotent."""
    # Text of an unknown language (« und ») keeps its own typography, whatever it is; text that
    # holds markup, template syntax or character entities is code, printed exactly as typed.
    if not text or lang not in _TRIGGERS or not _TRIGGERS[lang].search(text):
        return text
    if _MARKUP.search(text):
        return text
    if len(text) <= _CACHED_LENGTH:
        return _typeset_short(str(text), lang)
    return _typeset(text, lang)


# Labels, units, places and dates come back on every incident: short texts are remembered.
_CACHED_LENGTH = 200


@functools.lru_cache(maxsize=8192)
def _typeset_short(text: str, lang: str) -> str:
    return _typeset(text, lang)


def _typeset(text: str, lang: str) -> str:
    held, kept = _protect(text)
    fixed = _french(held) if lang == "fr" else _english(held)
    return _restore(fixed, kept)


# -- text in the other language ---------------------------------------------------------------

#: The note printed after text left in the other language (the templates' ``text.untranslated``).
UNTRANSLATED_NOTE = {"fr": "(non traduit)", "en": "(untranslated)"}


class ForeignText(str):
    """Text in ``text_lang`` printed in an edition of another language, where the template itself
    says so (an account: « Récit disponible uniquement en anglais »). A string like any other
    (templates compare, join and test it as one); its HTML form is typeset in its own language."""

    __slots__ = ("edition_lang", "text_lang")
    text_lang: str
    edition_lang: str

    def __new__(cls, text: str, text_lang: str, edition_lang: str) -> ForeignText:
        made = super().__new__(cls, text)
        made.text_lang = text_lang
        made.edition_lang = edition_lang
        return made

    def __reduce__(self) -> tuple[type[ForeignText], tuple[str, str, str]]:
        return (type(self), (str(self), self.text_lang, self.edition_lang))

    def marked(self, note: str | None = None) -> str:
        """The HTML of the text, escaped, in its own language's typography."""
        return html.escape(typeset(str(self), self.text_lang), quote=False)

    def __html__(self) -> str:
        return self.marked()


class UntranslatedText(ForeignText):
    """Text left in the other language where the template does not say so (a place, an injury, a
    nationality nobody translated): its HTML form says its language and carries the edition's
    « (non traduit) » / "(untranslated)" note, as exhibit descriptions do."""

    __slots__ = ()

    def marked(self, note: str | None = None) -> str:
        """The text in its own language and typography, followed by ``note`` (the edition's
        « (non traduit) » by default)."""
        note = UNTRANSLATED_NOTE[self.edition_lang] if note is None else note
        return (
            f'<span lang="{self.text_lang}">{super().marked()}</span> '
            f'<span class="untranslated">{html.escape(note, quote=False)}</span>'
        )


class MixedText(str):
    """Text of the edition's language holding parts left as typed in another (« homme de 24 ans
    (Bidoon) »): each part keeps its own typography, and an untranslated part its note."""

    __slots__ = ("edition_lang", "parts")
    parts: tuple[tuple[str, str | None], ...]
    edition_lang: str

    def __new__(cls, parts: tuple[tuple[str, str | None], ...], edition_lang: str) -> MixedText:
        made = super().__new__(cls, "".join(text for text, _ in parts))
        made.parts = parts
        made.edition_lang = edition_lang
        return made

    def __reduce__(self) -> tuple[type[MixedText], tuple[tuple[tuple[str, str | None], ...], str]]:
        return (MixedText, (self.parts, self.edition_lang))

    def marked(self, note: str | None = None) -> str:
        """The HTML: the edition's parts typeset, the others marked as untranslated."""
        pieces = []
        for text, text_lang in self.parts:
            if text_lang is None:
                pieces.append(html.escape(typeset(text, self.edition_lang), quote=False))
            else:
                pieces.append(UntranslatedText(text, text_lang, self.edition_lang).marked(note))
        return "".join(pieces)

    def __html__(self) -> str:
        return self.marked()


#: The language of text nobody said the language of (BCP 47 « undetermined »).
UNDETERMINED = "und"


def in_language(
    texts: dict[str, str | None],
    lang: str,
    *,
    source_lang: str | None = None,
    noted_by_template: bool = False,
) -> str | None:
    """The text of ``lang`` among ``texts`` (language → text), else another one kept as
    :class:`UntranslatedText` (or :class:`ForeignText` when the template prints its own note),
    never dropped. ``source_lang`` orders the fallbacks: the language the workbook's untagged
    text is written in comes first."""
    wanted = texts.get(lang)
    if wanted:
        return wanted
    others = sorted(
        (code for code in texts if code != lang and texts[code]),
        key=lambda code: (code != source_lang, code),
    )
    if not others:
        return None
    other = others[0]
    kind = ForeignText if noted_by_template else UntranslatedText
    return kind(texts[other] or "", other, lang)


# -- right-to-left runs in left-to-right text --------------------------------------------------

# Letters of the scripts written from right to left: Hebrew, Arabic (Persian, Pashto, Kurdish
# Sorani, Urdu…), Syriac, Thaana, N'Ko, Samaritan, Mandaic, and their presentation forms.
_RIGHT_TO_LEFT = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A run of them, with what lies between two of their letters (spaces, digits, punctuation, an
# escaped entity, never a tag nor a Latin letter), and the full stop of an abbreviation typed
# right after its last letter (« عمر ح. »).
_RIGHT_TO_LEFT_RUN = re.compile(
    rf"[{_RIGHT_TO_LEFT}](?:[^<>\n{_LATIN}]*[{_RIGHT_TO_LEFT}])?(?:\.(?![\w]))?"
)
_RIGHT_TO_LEFT_LETTER = re.compile(f"[{_RIGHT_TO_LEFT}]")
# The body's tags, and the elements whose text is not shown as text (a <bdi> there would be
# printed as it is, or break the stylesheet).
_TAG = re.compile(r"(<[^>]*>)")
_RAW_TEXT = re.compile(r"<(style|script|title|textarea)\b", re.I)

#: The element around each right-to-left run of an HTML page (dossier.css and the Word writer
#: know it).
ISOLATE_OPEN = '<bdi dir="rtl">'
ISOLATE_CLOSE = "</bdi>"


def isolate_right_to_left(document: str) -> str:
    """``document`` (HTML) with each run of right-to-left text in the body's text isolated in
    ``<bdi dir="rtl">``: the punctuation inside and at the end of the run then takes the run's
    direction (the full stop of « عمر ح. » printed at its left, where an Arabic reader looks for
    it, not at its right where the French sentence would put it), and the text around it is
    ordered as if the run were one word. Attributes, the head and raw-text elements are left
    alone."""
    if not _RIGHT_TO_LEFT_LETTER.search(document):
        return document
    body = document.find("<body")
    start = 0 if body < 0 else body
    pieces = [document[:start]]
    raw_until: str | None = None
    for piece in _TAG.split(document[start:]):
        if piece.startswith("<"):
            if raw_until is not None:
                if piece.lower().startswith(raw_until):
                    raw_until = None
            elif raw := _RAW_TEXT.match(piece):
                raw_until = f"</{raw.group(1).lower()}"
            pieces.append(piece)
        elif raw_until is None and _RIGHT_TO_LEFT_LETTER.search(piece):
            pieces.append(
                _RIGHT_TO_LEFT_RUN.sub(
                    lambda run: f"{ISOLATE_OPEN}{run.group()}{ISOLATE_CLOSE}", piece
                )
            )
        else:
            pieces.append(piece)
    return "".join(pieces)
