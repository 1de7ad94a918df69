"""The gettext message catalogs: one ``.po`` file per language, read and compiled on first use.

The catalogs live in ``dossier/i18n/locale/<lang>/LC_MESSAGES/dossier.po`` and are managed with
Babel (``pybabel extract`` / ``update`` / ``compile``, see docs/translating.md). Their msgids
are message keys (``verify.no_manifest``), so French and English are both translations of the
key and each catalog must be complete. A catalog is compiled in memory the way
``pybabel compile`` does (fuzzy entries left out) and read with :mod:`gettext`; no ``.mo``
file is shipped or needed.
"""

from __future__ import annotations

import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "N_",
    "CatalogMissing",
    "MessageMissing",
    "N_plural",
    "catalog_path",
    "plural_template",
    "template",
]

DOMAIN = "dossier"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The catalog of every language other than French.
FALLBACK = "en"


class CatalogMissing(RuntimeError):
    """The installed package lacks a message catalog: a broken installation."""


class MessageMissing(KeyError):
    """A catalog has no text for a key: a key nobody translated (the catalog tests catch it)."""


def N_(key: str) -> str:
    """Mark ``key`` as a message key where it is written, so that ``pybabel extract`` finds it
    (a key chosen at run time is declared this way next to its neighbours)."""
    return key


def N_plural(key: str, plural_key: str) -> tuple[str, str]:
    """Mark the two keys of a plural message chosen at run time (see :func:`N_`): extraction
    must see both to give the catalogs a plural entry."""
    return key, plural_key


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class _Compiled:
    """A language's compiled catalog, and the keys it has a text for."""

    translations: gettext.GNUTranslations
    keys: frozenset[str]


@functools.cache
def _compiled(lang: str) -> _Compiled:
    # Babel's catalog tools take a few hundredths of a second to import: only a run that tells a
    # message pays for them.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = catalog_path(lang)
    # gettext and Babel both fall back to an empty catalog when a file is missing (every
    # message would then print as its key): refuse instead.
    if not path.is_file():
        raise CatalogMissing(f"the {lang!r} message catalog is missing: {path}")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    # A key may be its own English text ("column"): what is translated is known from the
    # catalog, not from gettext's answer. Fuzzy entries are left out, as write_mo leaves them.
    keys = frozenset(
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id and message.string and not message.fuzzy
    )
    return _Compiled(gettext.GNUTranslations(compiled), keys)


def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``lang`` ("fr" or "en")."""
    return _compiled(lang).translations


def _catalog_language(lang: str) -> str:
    return lang if lang == "fr" else FALLBACK


def template(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (English for a language dossier does not speak)."""
    compiled = _compiled(_catalog_language(lang))
    if key not in compiled.keys:
        raise MessageMissing(f"no message {key!r} in the {_catalog_language(lang)!r} catalog")
    return compiled.translations.gettext(key)


def plural_template(key: str, plural_key: str, count: int, lang: str) -> str:
    """The form of ``key`` that ``count`` takes in ``lang`` (French has three: one, many and
    other; English two)."""
    compiled = _compiled(_catalog_language(lang))
    if key not in compiled.keys:
        raise MessageMissing(f"no message {key!r} in the {_catalog_language(lang)!r} catalog")
    return compiled.translations.ngettext(key, plural_key, count)
