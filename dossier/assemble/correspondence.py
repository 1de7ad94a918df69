"""The letters the group sent to the authorities and their replies, as the NGO report cites them.

A letter is listed in the correspondence annex when its own confidentiality level lets the
audience read it; its texts go through the same name scrubber as the accounts; the cases it is
about cite it by number, and it links back only to the cases this edition tells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from dossier.assemble.models import ExhibitView, IncidentView, LetterView
from dossier.schema.records import Letter
from dossier.validate.rows import Dataset

__all__ = ["letter_views"]


def _in_language(fr: str | None, en: str | None, lang: str) -> tuple[str | None, bool]:
    wanted, other = (fr, en) if lang == "fr" else (en, fr)
    if wanted:
        return wanted, False
    return (other, True) if other else (None, False)


def letter_views(
    dataset: Dataset,
    shown: dict[str, IncidentView],
    exhibits: Iterable[ExhibitView],
    visible_levels: Iterable[str],
    scrub: Callable[[str | None], str | None],
    lang: str,
) -> list[LetterView]:
    """The letters this edition may print, numbered in date order."""
    visible = set(visible_levels)
    numbered = {exhibit.id: exhibit for exhibit in exhibits}
    letters: list[Letter] = sorted(
        (item for item in dataset.correspondence if item.confidentiality in visible),
        key=lambda item: (item.date or dt.date.min, item.id),
    )
    views = []
    for number, letter in enumerate(letters, 1):
        summary, summary_untranslated = _in_language(letter.summary_fr, letter.summary_en, lang)
        reply, reply_untranslated = _in_language(letter.reply_fr, letter.reply_en, lang)
        views.append(
            LetterView(
                number=number,
                anchor=f"letter-{number}",
                id=letter.id,
                date=letter.date,
                sender=scrub(letter.sender) or "",
                recipient=scrub(letter.recipient) or "",
                subject=scrub(letter.subject) or "",
                summary=scrub(summary),
                summary_untranslated=summary_untranslated,
                reply_date=letter.reply_date,
                reply=scrub(reply),
                reply_untranslated=reply_untranslated,
                incidents=[shown[iid] for iid in letter.incident_ids if iid in shown],
                exhibits=[numbered[eid] for eid in letter.evidence_ids if eid in numbered],
            )
        )
    return views
