"""The HTML stage: escaping, sandbox, strict templates, editor overrides, table of contents."""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import SandboxedEnvironment
from test_assemble import (
    make_config,
    make_dataset,
    make_evidence,
    make_incident,
    make_person,
)

from dossier.assemble.assembler import assemble
from dossier.assemble.models import Audience, DossierView
from dossier.build.pipeline import render_dossier_html
from dossier.render.html import (
    TemplateProblem,
    _HeadingCollector,
    collect_headings,
    fill_toc,
    render_template,
)
from dossier.render.markup import markup_problems
from dossier.render.sandbox import GuardedSandbox
from dossier.schema.records import Proceeding

INJECTIONS = [
    "<script>alert(1)</script>",
    "</style><h1>owned</h1>",
    "{{ 7*7 }}",
    '{% include "x" %}',
    '<img src="file:///etc/passwd">',
]


class Tags(HTMLParser):
    """Start tags and their attributes, in document order."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def full_view(lang: str = "fr", audience: Audience = Audience.ddd, **changes: Any) -> DossierView:
    dataset = make_dataset(
        [
            make_incident(
                "CAL-1",
                time=dt.time(22, 15),
                victim_ids=["P-01"],
                witness_ids=["P-02"],
                evidence_ids=["E-1"],
                rio_visible="no",
                medical_certificate=True,
                itt_days=2,
                belongings={"tent": 3},
                **changes,
            ),
            make_incident(
                "CAL-2",
                date=dt.date(2015, 7, 1),
                date_precision="month",
                acts=["identity_check"],
                summary_en=None,
                rio=["1234567"],
                confidentiality="restricted",
            ),
        ],
        persons=[
            make_person("P-01", pseudonym="Abel N.", age=24, nationality="Eritrean"),
            make_person("P-02", pseudonym="Clara M.", roles=["witness"]),
        ],
        evidence=[make_evidence("E-1", incident_ids=["CAL-1"], url="https://example.org/v")],
        proceedings=[
            Proceeding(
                id="PR-1",
                incident_id="CAL-1",
                type="police_complaint",
                date=dt.date(2015, 7, 2),
                reference="2015/00123",
                status="pending",
            )
        ],
    )
    return assemble(
        dataset, make_config(), audience=audience, lang=lang, signed_on=dt.date(2016, 11, 15)
    )


def editor_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "tpl" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "tpl"


# -- the built-in templates -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_in() -> dict[str, str]:
    return {lang: render_dossier_html(full_view(lang)) for lang in ("fr", "en")}


def test_both_languages_have_the_same_sections(built_in: dict[str, str]) -> None:
    ids = {
        lang: [attrs.get("id") for attrs in Tags(page).named("h1")]
        for lang, page in built_in.items()
    }
    assert (
        ids["fr"]
        == ids["en"]
        == [
            "cover",
            "sommaire",
            "auteur-saisine",
            "les-faits",
            "les-consequences",
            "demarches-engagees",
            "manquements",
            "caractere-repete",
            "nos-demandes",
            "bordereau-des-pieces",
            "chaine-de-conservation",
            # Signed in 2016: rules applied past their verified bound have their annex.
            "versions-des-textes",
        ]
    )
    for page in built_in.values():
        tags = Tags(page)
        assert [a.get("id") for a in tags.named("h2")] == [
            "qualite",
            "article-8",
            "incident-CAL-1",
            "incident-CAL-2",
            "dispositions-penales",
            "cadre",
        ]
        assert tags.tags[0][0] == "html"


def test_the_cover_comes_first_and_holds_the_running_title_and_marking(
    built_in: dict[str, str],
) -> None:
    for lang, marking in (("fr", "CONFIDENTIEL"), ("en", "CONFIDENTIAL")):
        body = built_in[lang].split("<body", 1)[1].split(">", 1)[1]
        # Nothing before the cover: a paragraph there would open a blank first page.
        assert body.lstrip().startswith('<section class="cover">')
        cover = body.split("</section>", 1)[0]
        assert '<p class="running-title">' in cover
        assert f'<p class="marking">{marking}</p>' in cover


def test_marking_follows_the_audience() -> None:
    for audience, fr, en in (
        (Audience.partners, "DIFFUSION RESTREINTE", "RESTRICTED"),
        (Audience.public, "DOCUMENT PUBLIC", "PUBLIC DOCUMENT"),
    ):
        assert f'<p class="marking">{fr}</p>' in render_dossier_html(full_view("fr", audience))
        assert f'<p class="marking">{en}</p>' in render_dossier_html(full_view("en", audience))


def test_facts_wording(built_in: dict[str, str]) -> None:
    fr = " ".join("".join(Tags(built_in["fr"]).text).replace("\u00a0", " ").split())
    # Nationalities in the edition's language; gender not given: « de nationalité … ».
    assert "Abel N. (24 ans, de nationalité érythréenne)" in fr
    assert "Clara M." in fr
    assert "RIO : non visible" not in fr  # dt and dd are separate; the dd holds the wording
    assert "non visible" in fr
    assert "1234567" in fr
    assert "30 juin 2015, vers 22 h 15" in fr
    assert "Juillet 2015 — Calais" in fr  # month precision: no invented day
    assert "01/07/2015" not in fr
    assert "07/2015" in fr
    assert "Récit disponible uniquement en anglais" not in fr
    assert "Pièce n° 1" in fr
    assert "Période" in fr and "De juin 2015 à juillet 2015" in fr
    en = " ".join("".join(Tags(built_in["en"]).text).replace("\u00a0", " ").split())
    assert "Account available in French only, reproduced untranslated." in en
    assert "not visible" in en
    assert "Exhibit no. 1" in en


def test_no_empty_or_zero_wording_in_an_empty_dossier() -> None:
    empty = assemble(
        make_dataset([make_incident("SECRET", confidentiality="confidential")]),
        make_config(),
        audience=Audience.public,
        lang="fr",
        signed_on=dt.date(2016, 11, 15),
    )
    page = render_dossier_html(empty)
    text = " ".join("".join(Tags(page).text).replace("\u00a0", " ").split())
    assert "aucun incident, aucune pièce" in text
    assert "0 personne" not in text
    assert "0 incident" not in text
    assert "Période" not in text
    assert "1 incident : niveau de confidentialité supérieur" in text
    tags = Tags(page)
    # No table or list left with a header and no rows: only the bordereau ("Aucune pièce"), and
    # the versions annex, since the letter cites the organic law on a signature date (2016)
    # past the bound its versions were confirmed to.
    assert len(tags.named("table")) == len(tags.named("tbody")) == 2
    assert "Annexe : versions des textes appliqués" in text
    assert tags.named("ul") == [{}]  # the left-out reasons


# -- escaping -------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", INJECTIONS)
def test_cell_text_is_escaped_never_markup_nor_template(payload: str) -> None:
    page = render_dossier_html(
        full_view(summary_fr=payload, place=payload, injuries=payload, units=[payload])
    )
    tags = Tags(page)
    assert tags.named("script") == []
    assert tags.named("img") == []
    assert tags.named("style") == []
    assert tags.named("h1")[0].get("id") == "cover"
    assert "owned" not in [a.get("id") for a in tags.named("h1")]
    text = "".join(tags.text)
    assert text.count(payload) >= 3  # place, account, injuries: shown as typed
    assert "49" not in text.replace(payload, "")


def test_escaped_forms_in_the_html() -> None:
    page = render_dossier_html(full_view(summary_fr=" | ".join(INJECTIONS)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/style&gt;" in page
    assert "{{ 7*7 }}" in page
    assert "{% include &#34;x&#34; %}" in page
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in page


# -- editor templates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ d.__class__.__init__.__globals__ }}",
        "{{ d.config.__class__.__subclasses__() }}",
        "{{ lipsum.__globals__ }}",
    ],
)
def test_sandbox_refuses_python_internals(tmp_path: Path, expression: str) -> None:
    templates = editor_dir(tmp_path, {"fr/ddd.html": f"<p>\n{expression}\n</p>\n"})
    with pytest.raises(TemplateProblem) as caught:
        render_dossier_html(full_view(), templates)
    assert caught.value.template is not None
    assert caught.value.template.endswith("ddd.html")
    assert caught.value.line == 2


def test_undefined_value_fails_naming_file_and_line(tmp_path: Path) -> None:
    templates = editor_dir(
        tmp_path,
        {
            "fr/ddd.html": '{% extends "default:ddd.html" %}\n{% block letter %}\n'
            "<p>{{ d.title }}</p>\n<p>{{ d.nope }}</p>\n{% endblock %}\n"
        },
    )
    with pytest.raises(TemplateProblem) as caught:
        render_dossier_html(full_view(), templates)
    problem = caught.value
    assert problem.template == str(templates / "fr" / "ddd.html")
    assert problem.line == 4
    assert "nope" in problem.reason
    assert str(problem).startswith(f"{templates / 'fr' / 'ddd.html'}, line 4: ")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    templates = editor_dir(tmp_path, {"en/ddd.html": "<p>fine</p>\n<p>{% if %}</p>\n"})
    with pytest.raises(TemplateProblem) as caught:
        render_dossier_html(full_view("en"), templates)
    assert caught.value.template == str(templates / "en" / "ddd.html")
    assert caught.value.line == 2


def test_a_filter_misused_in_a_template_names_file_and_line(tmp_path: Path) -> None:
    templates = editor_dir(
        tmp_path,
        {"fr/ddd.html": '<p>\n{{ 2 | counted(one="pièce", other="pièces") }}\n</p>\n'},
    )
    with pytest.raises(TemplateProblem) as caught:
        render_dossier_html(full_view(), templates)
    assert caught.value.line == 2
    assert "many" in caught.value.reason


def test_any_error_in_an_expression_is_a_template_problem(tmp_path: Path) -> None:
    templates = editor_dir(tmp_path, {"fr/ddd.html": "<p>\n\n{{ 1 // 0 }}\n</p>\n"})
    with pytest.raises(TemplateProblem) as caught:
        render_dossier_html(full_view(), templates)
    assert caught.value.line == 3
    assert "ZeroDivisionError" in caught.value.reason


def test_editor_template_for_the_language_beats_the_built_in(tmp_path: Path) -> None:
    templates = editor_dir(
        tmp_path,
        {
            "fr/ddd.html": "<p>ÉDITEUR FR {{ d.reference }}</p>",
            "ddd.html": "<p>EDITOR ANY LANGUAGE {{ d.lang }}</p>",
        },
    )
    assert render_dossier_html(full_view("fr"), templates) == "<p>ÉDITEUR FR OBS-DDD-1</p>"
    assert render_dossier_html(full_view("en"), templates) == "<p>EDITOR ANY LANGUAGE en</p>"
    assert "ÉDITEUR" not in render_dossier_html(full_view("fr"))


def test_override_extends_the_built_in_and_replaces_one_block(tmp_path: Path) -> None:
    templates = editor_dir(
        tmp_path,
        {
            "fr/ddd.html": '{% extends "default:ddd.html" %}\n'
            "{% block requests %}<section>"
            '<h1 id="nos-demandes">Nos demandes, revues par l\'avocate</h1>'
            "<p>Une seule demande.</p></section>{% endblock %}\n"
        },
    )
    page = render_dossier_html(full_view("fr"), templates)
    assert "Une seule demande." in page
    assert "d'entendre les agents et responsables" not in page
    assert "Bordereau des pièces" in page  # the rest of the built-in template is still there
    toc = page.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#nos-demandes">Nos demandes, revues par l&#x27;avocate</a>' in toc


def test_editor_base_template_is_used_by_the_built_in_layout(tmp_path: Path) -> None:
    templates = editor_dir(
        tmp_path,
        {"base.html": "<html><body>MY BASE {% block body %}{% endblock %}</body></html>"},
    )
    page = render_dossier_html(full_view("fr"), templates)
    assert page.startswith("<html><body>MY BASE ")
    assert "Bordereau des pièces" in page


def test_override_of_one_wording_block_in_one_language_can_call_the_shared_macros(
    tmp_path: Path,
) -> None:
    templates = editor_dir(
        tmp_path,
        {
            "fr/ddd.html": '{% extends "default:fr/ddd.html" %}\n'
            "{% block facts_intro %}<p>Notre exposé.</p>{% endblock %}\n"
            "{% block requests %}{% call(part) in_pages(d.incidents, 1) %}"
            "<p>PARTIE {{ exhibit_refs(part[0].exhibits) }}</p>{% endcall %}{% endblock %}\n"
        },
    )
    french = render_dossier_html(full_view("fr"), templates)
    assert '<h1 id="les-faits">Les faits</h1>\n<p>Notre exposé.</p><div class="page-break">' in (
        french
    )
    assert "présentés par ordre chronologique" not in french
    assert french.count("<p>PARTIE ") == 2  # one part per incident, a page break between
    assert '<p>PARTIE <a class="exhibit-ref" href="#exhibit-1">Pièce n°&#160;1</a></p>' in french
    # The structure is shared, the words are not: the English dossier is the built-in one.
    assert render_dossier_html(full_view("en"), templates) == render_dossier_html(full_view("en"))


def test_editor_layout_skeleton_serves_both_languages(tmp_path: Path) -> None:
    templates = editor_dir(
        tmp_path,
        {
            "ddd_base.html": '{% extends "default:ddd_base.html" %}\n'
            '{% block contents %}<section class="contents"><p>SOMMAIRE À PART</p></section>'
            "{% endblock %}\n"
        },
    )
    for lang, facts in (("fr", "Les faits"), ("en", "The facts")):
        page = render_dossier_html(full_view(lang), templates)
        assert "SOMMAIRE À PART" in page and f'<h1 id="les-faits">{facts}</h1>' in page
        assert '<nav class="toc">' not in page


# -- table of contents ----------------------------------------------------------------------------


def test_toc_links_to_every_heading_with_an_id(built_in: dict[str, str]) -> None:
    for page in built_in.values():
        toc = page.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
        links = re.findall(r'<a href="#([^"]+)">', toc)
        expected = [
            attrs["id"]
            for tag, attrs in Tags(page).tags
            if tag in ("h1", "h2") and attrs.get("id") and attrs.get("data-toc") != "no"
        ]
        assert links == expected
        assert "cover" not in links and "sommaire" not in links
        assert len(links) == 16  # the versions annex included (signed in 2016)


def test_fill_toc_nests_levels_and_skips_footnotes() -> None:
    document = (
        '<nav class="toc"></nav>'
        '<h1 id="a">A &amp; co<span class="footnote">note</span></h1>'
        '<h2 id="a1">A.1</h2><h3 id="a1x">deep</h3><h2 id="a2">A.2</h2>'
        '<h1 id="b" data-toc="no">hidden</h1><h1>no id</h1><h1 id="c">C</h1>'
    )
    filled = fill_toc(document)
    toc = filled.split("</nav>", 1)[0]
    assert toc == (
        '<nav class="toc"><ol><li class="toc-1"><a href="#a">A &amp; co</a>'
        '<ol><li class="toc-2"><a href="#a1">A.1</a></li>'
        '<li class="toc-2"><a href="#a2">A.2</a></li></ol></li>'
        '<li class="toc-1"><a href="#c">C</a></li></ol>'
    )
    assert [h.anchor for h in collect_headings(document)] == ["a", "a1", "a1x", "a2", "c"]
    assert fill_toc("<p>no placeholder</p>") == "<p>no placeholder</p>"


# -- one pass over a rendered page: the markup check and the contents' headings ------------------

#: Pages that tokenize in every way the two readers care about: headings with footnotes,
#: entities and markup inside; refused elements (the check stops looking at them early);
#: raw text (style, script) that holds what looks like tags; comments, upper-case tags,
#: self-closing tags, unclosed elements and text after the last tag.
ODD_PAGES = [
    '<nav class="toc"></nav><H1 ID="a">A &amp; B&nbsp;C<span class="footnote">n <span>x</span>'
    '</span> end</h1><h2 id="b" data-toc="no">no</h2><h3 id="c">deep</h3>',
    '<style>h1 { content: "<h1 id=x>" } @import url(https://x.test/a.css);</style>'
    '<h1 id="s">after style</h1><script><h2 id="in-script">no</h2></script><h2 id="t">T',
    '<!-- <h1 id="comment">no</h1> --><img src="https://x.test/p.png"/><h1 id="i">'
    '<img src="data:image/png;base64,AAAA"/>image &#x41;</h1><iframe src="x"></iframe>'
    '<h2 id="late">late <em>emphasis</em></h2> trailing text',
    '<h1 id="u"><a href="#u" onclick="x()">unclosed <b>bold',
]


class _Events(HTMLParser):
    """Every start tag, end tag and text a parser hands its handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", (tag, list(attrs))))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data))


def test_the_markup_check_hands_a_second_reader_what_its_own_parse_gives(
    built_in: dict[str, str],
) -> None:
    for page in [*built_in.values(), *ODD_PAGES]:
        alone = _Events()
        alone.feed(page)
        alone.close()
        beside = _Events()
        assert markup_problems(page, beside) == markup_problems(page)
        assert beside.events == alone.events
        collector = _HeadingCollector()
        markup_problems(page, collector)
        assert collector.headings == collect_headings(page)
    assert [h.anchor for h in collect_headings(ODD_PAGES[0])] == ["a", "c"]
    assert [problem.message.key for problem in markup_problems(ODD_PAGES[2])] == [
        "markup.url_out",
        "markup.element_refused",
    ]


def test_the_contents_gathered_in_the_markup_pass_are_those_of_their_own_pass() -> None:
    for lang in ("fr", "en"):
        view = full_view(lang)
        checked = render_template(f"{view.layout}.html", {"d": view}, lang=lang)
        unchecked = render_template(
            f"{view.layout}.html", {"d": view}, lang=lang, check_markup=False
        )
        assert checked == unchecked
        assert '<nav class="toc"><ol><li class="toc-1"><a href="#' in checked


# -- the sandbox's attribute rule, decided once per type and name -----------------------------


class _Claims:
    """An object that answers ``__class__`` with what it is told (as a mock does)."""

    def __init__(self, claimed: type) -> None:
        self._claimed = claimed

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return self._claimed

    name = "plain"


def _generator() -> Iterator[int]:
    yield 1


def test_the_sandbox_decides_each_attribute_as_jinja_does() -> None:
    guarded = GuardedSandbox()
    jinja = SandboxedEnvironment()
    generator = _generator()
    frame = sys._getframe()
    objects: list[object] = [
        "text",
        str,
        type,
        len,
        _generator,
        "x".upper,
        generator,
        frame,
        frame.f_code,
        {"a": 1},
        full_view(),
        _Claims(types.CodeType),
        _Claims(object),
        _Claims(types.CodeType),
    ]
    names = ["upper", "mro", "name", "_private", "__class__", "__globals__", "gi_frame"]
    names += ["gi_code", "f_globals", "co_code", "items", "incidents", "__code__"]
    for _round in range(2):  # the second round is answered from what the first decided
        for obj in objects:
            for name in names:
                assert guarded.is_safe_attribute(obj, name, None) == jinja.is_safe_attribute(
                    obj, name, None
                ), (obj, name)
    # What the two claiming objects say differs, and each is believed, as Jinja believes it.
    assert not guarded.is_safe_attribute(_Claims(types.CodeType), "name", None)
    assert guarded.is_safe_attribute(_Claims(object), "name", None)
