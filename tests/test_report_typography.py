"""The NGO report's own words carry typographic apostrophes, as the data does (issue 19)."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from helpers import TODAY, flat

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, Layout
from dossier.build.pipeline import render_dossier_html
from dossier.input.config import load_config
from dossier.validate.rows import load_and_validate

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def _visible_text(page: str) -> str:
    """What a reader sees of the report's HTML: no tags, no style or script, entities decoded."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("audience", list(Audience))
def test_the_report_prints_no_straight_apostrophe(lang: str, audience: Audience) -> None:
    dataset, report = load_and_validate(SAMPLE / "incidents.xlsx", today=TODAY)
    assert report.ok, flat(report)
    view = assemble(
        dataset,
        load_config(SAMPLE / "dossier.toml"),
        layout=Layout.report,
        audience=audience,
        lang=lang,
        signed_on=dt.date(2016, 11, 15),
    )
    text = _visible_text(render_dossier_html(view))
    # The template's own words ("l’objet de l’entretien", "the partners’ edition") and the
    # legal standards from the table, as well as the data.
    assert "\u2019" in text
    assert "'" not in text, re.findall(r".{30}'.{30}", text)[:5]
