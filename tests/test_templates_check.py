"""`dossier templates check` and the DOCX output of `dossier build`, as an editor meets them."""

from __future__ import annotations

import dataclasses
import inspect
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import run_cli
from test_build import EPOCH, SECRETS, write_dataset

from dossier.commands.templates_check import check_plural_forms, check_templates, check_vocabularies
from dossier.commands.worst_case import worst_case_config, worst_case_dataset
from dossier.schema import vocab


def write_override(folder: Path, lang: str, body: str) -> Path:
    (folder / lang).mkdir(parents=True, exist_ok=True)
    path = folder / lang / "ddd.html"
    path.write_text(body, encoding="utf-8")
    return path


def test_builtin_templates_pass_the_check() -> None:
    result = run_cli(["templates", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Templates OK."


def test_an_override_of_one_block_is_clean(tmp_path: Path) -> None:
    for lang in ("fr", "en"):
        write_override(
            tmp_path,
            lang,
            '{% extends "default:ddd.html" %}\n{% block requests %}\n<section>\n'
            "<p>{{ d.reference }}</p>\n</section>\n{% endblock %}\n",
        )
    assert check_templates(tmp_path, worst_case_dataset(), worst_case_config()) == []


def test_each_kind_of_mistake_is_reported_with_file_and_line(tmp_path: Path) -> None:
    french = write_override(
        tmp_path,
        "fr",
        '{% extends "default:ddd.html" %}\n{% block requests %}\n<section>\n'
        "<marquee>x</marquee>\n{{ d.nope }}\n</section>\n{% endblock %}\n"
        "{% block extra %}{% endblock %}\n",
    )
    result = run_cli(["templates", "check", tmp_path])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert f"{french}:4: <marquee>: element is not in the dossier HTML subset" in lines[0]
    assert "en/ddd.html: block 'extra' exists in fr/ddd.html but not here" in result.output
    assert f"{french}:5: " in result.output and "has no attribute 'nope'" in result.output
    assert lines[-1] == "3 problems found."


def test_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write_override(tmp_path, "en", "{% extends 'default:ddd.html' %}\n{% block cover %}\n")
    result = run_cli(["templates", "check", tmp_path])
    assert result.exit_code == 1, result.output
    assert f"{path}:2" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_build_writes_a_docx_that_holds_the_dossier_and_no_identity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "out"
    result = run_cli(["build", data, "--format", "docx", "--lang", "fr", "--out", out])
    assert result.exit_code == 0, result.output
    path = out / "ddd-fr.docx"
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert "Les faits" in headings and "Bordereau des pièces" in headings
    with zipfile.ZipFile(path) as archive:
        xml = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    for secret in SECRETS:
        assert secret not in xml
    first = path.read_bytes()
    again = run_cli(["build", data, "--format", "docx", "--lang", "fr", "--out", out])
    assert again.exit_code == 0, again.output
    assert path.read_bytes() == first


def test_a_reference_docx_without_the_styles_is_refused(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    bare = tmp_path / "bare.docx"
    document = docx.Document()
    document.save(str(bare))
    result = run_cli(
        ["build", data, "--format", "docx", "--reference-docx", bare, "--out", tmp_path / "out"]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "Fingerprint" in result.output
    assert not (tmp_path / "out").exists()


# -- one broken fixture per kind of mistake (tests/fixtures/broken_templates/) -------------------

BROKEN = Path(__file__).parent / "fixtures" / "broken_templates"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("syntax_error", ["en/ddd.html:6: Encountered unknown tag 'endblock'"]),
        (
            "undefined_variable",
            ["fr/ddd.html:5: 'dossier.input.config.Organisation object' has no attribute 'nom'"],
        ),
        (
            "outside_subset",
            ["fr/ddd.html:5: <font>: element is not in the dossier HTML subset"],
        ),
        (
            "block_in_one_language",
            [
                "en/ddd.html: block 'urgent' exists in fr/ddd.html but not here (defined at "
                f"{BROKEN / 'block_in_one_language' / 'fr' / 'ddd.html'}:5)"
            ],
        ),
        (
            "plural_forms",
            [
                "fr/ddd.html:2: plural forms 'victime' lack many (French needs many, one, other; "
                "given: one, other), used on line 6",
                "fr/ddd.html:8: plural(): plural forms missing: many",
            ],
        ),
        (
            "plural_forms_shared",
            ["base.html:11: counted(): plural forms missing: many (every language needs"],
        ),
        (
            "label_missing",
            [
                "fr/ddd.html:4: label 'section.urgent' is missing in French (add it to "
                f"{BROKEN / 'label_missing' / 'labels' / 'fr.toml'})"
            ],
        ),
        (
            "label_one_language",
            [
                "labels/fr.toml:3: label 'section.urgent' has no English text (add it to "
                f"{BROKEN / 'label_one_language' / 'labels' / 'en.toml'})"
            ],
        ),
        (
            "label_catalog_malformed",
            [
                "labels/en.toml:3: label catalog is not valid TOML: a text in quotes is not "
                "closed on its line"
            ],
        ),
        (
            "label_not_text",
            [
                "labels/fr.toml:2: label 'section.facts' is empty",
                "labels/fr.toml:5: label 'field.date' must be text in quotes, not int",
            ],
        ),
    ],
)
def test_each_broken_fixture_is_reported_once_with_file_and_line(
    kind: str, expected: list[str]
) -> None:
    folder = BROKEN / kind
    result = run_cli(["templates", "check", folder])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    found = "1 problem found." if len(expected) == 1 else f"{len(expected)} problems found."
    assert lines[-1] == found, result.output
    for line, fragment in zip(lines, expected, strict=False):
        assert fragment in line, result.output
    if kind not in ("block_in_one_language",):
        assert lines[0].startswith(str(folder)), result.output
    assert "Traceback" not in result.output


def test_a_plural_branch_the_data_never_reaches_is_still_checked(tmp_path: Path) -> None:
    # `d.report` is None in the DDD complaint: the render never runs this line.
    path = write_override(
        tmp_path,
        "fr",
        '{% extends "default:ddd.html" %}\n{% block requests %}\n<section>\n'
        '{% if d.report %}{{ 2 | counted(**{"one": "a", "other": "b"}) }}{% endif %}\n'
        "</section>\n{% endblock %}\n",
    )
    issues = check_templates(tmp_path, worst_case_dataset(), worst_case_config())
    assert [str(issue) for issue in issues] == [
        f"{path}:4: plural forms lack many (French needs many, one, other; given: one, other), "
        "used on line 4"
    ]


def test_english_templates_need_only_one_and_other(tmp_path: Path) -> None:
    write_override(
        tmp_path,
        "en",
        '{% extends "default:ddd.html" %}\n{% set w = {"one": "item", "other": "items"} %}\n'
        "{% block requests %}\n<section>\n<p>{{ d.figures.exhibits | counted(**w) }}</p>\n"
        "</section>\n{% endblock %}\n",
    )
    assert check_plural_forms(tmp_path) == []


def test_the_builtin_templates_and_vocabularies_pass_the_new_checks() -> None:
    from dossier.render.html import builtin_templates_dir

    assert check_plural_forms(builtin_templates_dir()) == []
    assert check_vocabularies() == []


def test_a_vocabulary_label_missing_in_a_language_is_reported_at_its_line() -> None:
    source = Path(inspect.getsourcefile(vocab) or "")
    terms = tuple(
        dataclasses.replace(term, en="") if term.code == "tear_gas" else term
        for term in vocab.ACT.terms
    )
    broken = dataclasses.replace(vocab.ACT, terms=terms)
    twins = dataclasses.replace(
        vocab.GENDER,
        fr_title="",
        terms=(*vocab.GENDER.terms, vocab.Term("twin", vocab.GENDER.terms[0].fr, "twin")),
    )
    issues = [str(issue) for issue in check_vocabularies([broken, twins])]
    first_gender = vocab.GENDER.terms[0]
    where, message = issues[0].split(": ", 1)
    assert message == "vocabulary 'act': term 'tear_gas' has no English label"
    file, line = where.rsplit(":", 1)
    assert file == str(source)
    # The line of the term in vocab.py: `_t(` with the code on it or on the next line.
    text = source.read_text(encoding="utf-8").splitlines()[int(line) - 1 : int(line) + 1]
    assert '"tear_gas"' in " ".join(text)
    assert issues[1].endswith("vocabulary 'gender' has no French title")
    assert issues[2].endswith(
        f"vocabulary 'gender': terms '{first_gender.code}' and 'twin' have the same French "
        f"label {first_gender.fr!r}"
    )
    assert len(issues) == 3
    # The command reports them like template mistakes.
    result = check_templates(
        None, worst_case_dataset(), worst_case_config(), layouts=(), vocabularies=[broken]
    )
    assert [str(issue) for issue in result] == issues[:1]


def test_a_link_out_of_the_template_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.html"
    outside.write_text('<marquee>{% set w = {"one": "a", "other": "b"} %}</marquee>', "utf-8")
    editor = tmp_path / "editor"
    (editor / "fr").mkdir(parents=True)
    (editor / "fr" / "notes.html").symlink_to(outside)
    issues = check_templates(editor, worst_case_dataset(), worst_case_config(), layouts=())
    # Named as a link (a pack holds none), never read: no problem of the file it leads to.
    assert [(issue.file, "symbolic link" in issue.message) for issue in issues] == [
        (str(editor / "fr" / "notes.html"), True)
    ]
    assert check_plural_forms(editor) == []
