"""The confidential identity annex: pseudonym → legal name for those who agreed, encrypted.

Only for the Défenseur des droits, only for people whose ``identity_consent`` is yes (art. 8
consent is about the referral, not about the name reaching the DDD). The annex is made in
memory and encrypted (AES-256) before anything is written: no unencrypted copy ever touches
the disk, the cache, the HTML outputs or the logs.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf

from dossier.errors import DossierError
from dossier.exhibits.pieces import PAGE_CSS
from dossier.i18n.catalog import N_
from dossier.i18n.messages import message
from dossier.input.config import Config
from dossier.render.pdf import render_pdf
from dossier.schema.records import Incident, Person

#: The shortest passphrase accepted: the annex may travel by e-mail, where it is exposed to
#: offline guessing for as long as anyone keeps the message.
MIN_PASSPHRASE = 12
#: The annex's columns.
ANNEX_COLUMNS = (
    N_("annex.column_pseudonym"),
    N_("annex.column_legal_name"),
    N_("annex.column_contact"),
    N_("annex.column_incidents"),
)


class AnnexError(DossierError):
    """The identity annex cannot be made as asked (audience, passphrase)."""


def annex_name(lang: str) -> str:
    """``identites-fr.pdf``."""
    return f"identites-{lang}.pdf"


@dataclass(frozen=True)
class AnnexEntry:
    pseudonym: str
    legal_name: str
    incident_ids: list[str]


def annex_entries(persons: Sequence[Person], incidents: Sequence[Incident]) -> list[AnnexEntry]:
    """Those who agreed to be identified to the DDD, with the incidents they are part of.

    A person who objected under art. 8 is left out even if the consent column says yes: they
    do not appear in the dossier, so the annex has nothing to identify.
    """
    cited: dict[str, list[str]] = {}
    for incident in sorted(incidents, key=lambda item: (item.date, item.id)):
        for person_id in dict.fromkeys([*incident.victim_ids, *incident.witness_ids]):
            cited.setdefault(person_id, []).append(incident.id)
    return [
        AnnexEntry(person.pseudonym, person.legal_name or "", cited.get(person.id, []))
        for person in sorted(persons, key=lambda item: item.pseudonym)
        if person.may_be_named_to_ddd
    ]


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect the names it locks."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise AnnexError("annex.passphrase_short", minimum=MIN_PASSPHRASE)


def identity_annex(
    entries: Sequence[AnnexEntry],
    config: Config,
    reference: str,
    lang: str,
    passphrase: str,
    source_date_epoch: int | None = None,
) -> bytes:
    """The annex, typeset and encrypted with AES-256 (the passphrase opens it)."""
    check_passphrase(passphrase)

    def say(key: str, **params: object) -> str:
        return html.escape(message(key, lang, **params))

    organisation = config.organisation
    contact = ", ".join(part for part in (organisation.email, organisation.phone) if part)
    header = "".join(f"<th>{say(key)}</th>" for key in ANNEX_COLUMNS)
    through = say(N_("annex.contact_through"), organisation=organisation.name, contact=contact)
    rows = "".join(
        "<tr>"
        f"<td>{html.escape(entry.pseudonym)}</td><td>{html.escape(entry.legal_name)}</td>"
        f"<td>{through}</td><td>{html.escape(', '.join(entry.incident_ids) or '—')}</td>"
        "</tr>"
        for entry in entries
    )
    if not entries:
        nobody = say(N_("annex.nobody"))
        rows = f'<tr><td colspan="4">{nobody}</td></tr>'
    title = say(N_("annex.title"))
    warning = say(N_("annex.warning"))
    # Every page says what the document is, so a page printed or forwarded alone says it too.
    mark = message("annex.page_mark", lang).replace("\\", "").replace('"', "")
    style = PAGE_CSS + (
        "table { width: 100%; border-collapse: collapse; font-size: 9pt; }"
        "th, td { border-bottom: 0.5pt solid #999; padding: 3pt; text-align: left; }"
        f'@page {{ @top-center {{ content: "{mark}"; font-weight: bold; font-size: 9pt; }} }}'
    )
    document = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{style}</style></head><body>"
        f"<h1>{title}</h1><p>{html.escape(reference)}</p><p>{warning}</p>"
        f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
        "</body></html>"
    )
    plain = render_pdf(
        document,
        asset_dirs=(),
        lang=lang,
        title=message("annex.title", lang),
        author=organisation.name,
        subject=reference,
        tagged=False,
        source_date_epoch=source_date_epoch,
    ).data
    encrypted = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        # R=6 is AES-256 (PDF 2.0 / ISO 32000-2); the same passphrase as user and owner
        # password, so nobody opens it without, and whoever opens it has every right. AES
        # needs random salts: the annex is the one output that differs between two builds.
        pdf.save(
            encrypted,
            encryption=pikepdf.Encryption(user=passphrase, owner=passphrase, R=6, aes=True),
        )
    return encrypted.getvalue()
