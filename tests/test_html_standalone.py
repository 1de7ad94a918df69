"""``--format html`` writes one self-contained page: a reader who opens the file alone (sent by
e-mail, on a USB stick) sees it styled, and it still holds nothing a PDF could not."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from helpers import REPO

from dossier.build.pipeline import build_dossiers
from dossier.render.standalone import standalone_html

SAMPLE = REPO / "sample_data" / "incidents.xlsx"


def _references(html: str) -> list[str]:
    """Every src/href value of the markup and every url() of its stylesheets (comments out)."""

    styles = " ".join(re.findall(r"<style\b[^>]*>(.*?)</style>", html, flags=re.DOTALL))
    styles = re.sub(r"/\*.*?\*/", "", styles, flags=re.DOTALL)
    markup = re.sub(r"<style\b.*?</style>", "", html, flags=re.DOTALL)
    attributes = re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", markup)
    return attributes + re.findall(r"""url\(\s*["']?([^"')]*)""", styles)


@pytest.fixture(scope="module")
def built_html(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("html")
    result = build_dossiers(
        SAMPLE, out=folder, layouts=["ddd", "report"], langs=["en"], formats=["html"]
    )
    return [output.path for output in result.outputs]


def test_the_html_carries_its_stylesheet_and_images(built_html: list[Path]) -> None:
    stylesheet = (REPO / "templates" / "assets" / "dossier.css").read_text(encoding="utf-8")
    for path in built_html:
        html = path.read_text(encoding="utf-8")
        # The stylesheet's own comments quote a <link>: look at the markup outside <style>.
        markup = re.sub(r"<style\b.*?</style>", "", html, flags=re.DOTALL)
        assert not re.search(r"<link\b[^>]*stylesheet", markup), path.name
        assert "<style>" in html
        # The stylesheet's comments (which quote markup, "<nav class=\"toc\">") are left out:
        # whoever searches the page meets only the document's own elements.
        styles = " ".join(re.findall(r"<style\b[^>]*>(.*?)</style>", html, flags=re.DOTALL))
        assert "/*" not in styles and "<nav" not in styles
        # A rule of the built-in stylesheet, whole, inside the page.
        assert "text-align: justify;" in stylesheet and "text-align: justify;" in html
        # Nothing points to a file beside the page: only data: URIs and in-page anchors.
        outside = [
            ref
            for ref in _references(html)
            if ref and not ref.startswith(("data:", "#", "https:", "mailto:"))
        ]
        assert outside == [], (path.name, outside[:5])
    report = next(path for path in built_html if path.name.startswith("report"))
    assert report.read_text(encoding="utf-8").count('src="data:image/png;base64,') >= 1


def test_the_html_is_the_same_bytes_every_time(built_html: list[Path], tmp_path: Path) -> None:
    again = build_dossiers(
        SAMPLE, out=tmp_path, layouts=["ddd", "report"], langs=["en"], formats=["html"]
    )
    for first, second in zip(built_html, (output.path for output in again.outputs), strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_an_editors_stylesheet_and_its_images_are_inlined(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "img").mkdir(parents=True)
    logo = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    (assets / "img" / "logo.png").write_bytes(logo)
    (assets / "dossier.css").write_text(
        "h1 { background: url('img/logo.png') no-repeat; } /* </style> in a comment */",
        encoding="utf-8",
    )
    html = (
        '<html><head><link rel="stylesheet" href="dossier.css" media="all"></head>'
        '<body><h1>T</h1><img src="img/logo.png" alt="logo"></body></html>'
    )
    page = standalone_html(html, [assets])
    encoded = base64.b64encode(logo).decode()
    assert page.refused == []
    assert '<style media="all">' in page.html
    assert f'url("data:image/png;base64,{encoded}")' in page.html
    assert f'src="data:image/png;base64,{encoded}"' in page.html
    # The stylesheet's own "</style>" cannot close the element early.
    assert page.html.count("</style>") == 1


@pytest.mark.parametrize(
    "reference",
    ["../outside.css", "file:///etc/passwd", "http://127.0.0.1:9/x.css", "missing.css"],
)
def test_a_reference_the_pdf_would_refuse_is_not_read(reference: str, tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "outside.css").write_text("body { color: red; } /* SECRET */", encoding="utf-8")
    html = f'<html><head><link rel="stylesheet" href="{reference}"></head><body></body></html>'
    page = standalone_html(html, [assets])
    assert "SECRET" not in page.html
    assert len(page.refused) == 1
    # Left as written, so the build reports it as it reports a URL the PDF refused.
    assert reference in page.html
