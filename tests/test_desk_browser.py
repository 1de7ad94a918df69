"""The desk end to end in a real headless Chromium: a volunteer's journey from a workbook to
downloaded dossiers that `dossier verify` accepts, with a screenshot of each step.

Screenshots go to the folder named by DOSSIER_TEST_ARTIFACTS (default: the test's tmp folder),
one subfolder per journey, numbered in the order of the steps.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exhibits_keys import PASSPHRASE as KEY_PASSPHRASE
from exhibits_keys import make_test_keys
from helpers import run_cli
from onboarding_exports import ENGLISH_HEADER_CHOICES, organisation_config, write_english_xlsx
from test_desk import _faulty_sample as faulty_sample
from test_desk import _set_summary_fr
from test_preview import BROWSER_FLAGS, CHROMEDRIVER, CHROMIUM

from dossier.desk.server import DeskServer

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_data"

pytestmark = pytest.mark.slow


@pytest.fixture
def browser() -> Iterator[Any]:
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(
            "the desk's browser test needs headless Chromium and its driver: "
            "apt-get install chromium chromium-driver (scripts/setup.sh)"
        )
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="dossier-desk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*BROWSER_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def desk_server() -> Iterator[Callable[[Path], DeskServer]]:
    started: list[DeskServer] = []

    def start(folder: Path) -> DeskServer:
        server = DeskServer(folder, port=0, lang="fr")
        server.start_in_thread()
        deadline = time.monotonic() + 10
        while not server.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.server.started
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class Journey:
    """The browser on the desk, and the screenshots of each step."""

    def __init__(self, driver: Any, shots: Path) -> None:
        self.driver = driver
        self.shots = shots
        self.count = 0
        shots.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str) -> None:
        self.count += 1
        self.driver.save_screenshot(str(self.shots / f"{self.count:02d}-{name}.png"))

    def text(self) -> str:
        return str(self.driver.find_element("tag name", "body").text)

    def wait_text(self, wanted: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        seen = ""
        while time.monotonic() < deadline:
            try:
                seen = self.text()
            except Exception:  # the page is being replaced
                seen = ""
            if wanted in seen:
                return seen
            time.sleep(0.2)
        raise AssertionError(f"{wanted!r} never appeared; the page says:\n{seen}")

    def click(self, css: str) -> None:
        element = self.driver.find_element("css selector", css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def select(self, label_text: str, value: str) -> None:
        from selenium.webdriver.support.select import Select

        element = self.driver.find_element("css selector", f'select[data-text="{label_text}"]')
        Select(element).select_by_value(value)


def artifacts(tmp_path: Path, journey: str) -> Path:
    root = os.environ.get("DOSSIER_TEST_ARTIFACTS")
    return (Path(root) if root else tmp_path / "screenshots") / journey


def download_all(journey: Journey, folder: Path) -> list[str]:
    """Click every download link; wait for the files to be whole in ``folder``."""
    folder.mkdir()
    journey.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )
    links = journey.driver.find_elements("css selector", "#outputs a[download]")
    names = [link.text for link in links]
    for link in links:
        link.click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        present = {path.name for path in folder.iterdir()}
        if set(names) <= present and not any(n.endswith(".crdownload") for n in present):
            break
        time.sleep(0.2)
    return names


def test_a_volunteer_builds_and_downloads_the_sample(
    tmp_path: Path, browser: Any, desk_server: Callable[[Path], DeskServer]
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(SAMPLE / "dossier.toml", folder / "dossier.toml")
    shutil.copytree(SAMPLE / "evidence", folder / "evidence")
    upload = tmp_path / "upload" / "incidents.xlsx"
    upload.parent.mkdir()
    shutil.copy(SAMPLE / "incidents.xlsx", upload)
    server = desk_server(folder)
    journey = Journey(browser, artifacts(tmp_path, "sample"))

    # 1. The address the command printed, token and all: the token leaves the address.
    browser.get(server.url)
    journey.wait_text("Déposer un classeur")
    assert "token" not in browser.current_url
    journey.shot("home")

    # The association's details, as dossier.toml holds them (the sample's are filled in).
    journey.click("#config-link")
    page = journey.wait_text("Coordonnées de l'association (dossier.toml)")
    assert "exemple du modèle" not in page
    journey.shot("config")
    browser.get(server.url.split("?")[0])
    journey.wait_text("Déposer un classeur")

    # 2. The workbook dropped: its report, all accepted.
    browser.find_element("id", "workbook-file").send_keys(str(upload))
    journey.click("#upload-button")
    page = journey.wait_text("Données valides")
    assert "incidents : lignes lues 70 = acceptées 70 + rejetées 0" in page.replace("\u202f", " ")
    assert (folder / "incidents.xlsx").read_bytes() == upload.read_bytes()
    journey.shot("report")

    # 3. PDF and DOCX, in French; without the exhibits bundle, which the form offers ticked as
    # `dossier build` makes it by default (it is tested without a browser: it takes a while).
    journey.click('input[name="format"][value="docx"]')
    journey.click("#bundle")
    journey.shot("build-options")
    journey.click("#build-button")
    journey.wait_text("Production : incidents.xlsx")
    journey.shot("progress")
    page = journey.wait_text("Fichiers produits", timeout=90)
    journey.shot("outputs")

    # 4. Downloaded, then verified as the command line verifies an output folder.
    downloads = tmp_path / "downloads"
    names = download_all(journey, downloads)
    assert set(names) == {"ddd-fr.pdf", "ddd-fr.docx", "manifest.json"}
    for name in names:
        assert (downloads / name).read_bytes() == (folder / "out" / name).read_bytes()
    verified = run_cli(["verify", str(downloads), "--lang", "en"])
    assert verified.exit_code == 0, verified.output
    assert "ddd-fr.pdf" in verified.output


# What the volunteer answers for each header of the group's own workbook the desk asks about.
GROUP_HEADERS = ENGLISH_HEADER_CHOICES
# Three wordings the volunteer resolves by hand (the first two have no safe proposal).
GROUP_WORDINGS = {
    "crossing attempt": "crossing_lorry",
    "not public": "restricted",
    "riot police": "crs",
}


def test_a_group_in_its_own_wording_resolves_it_in_the_page(
    tmp_path: Path, browser: Any, desk_server: Callable[[Path], DeskServer]
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    organisation_config(folder / "dossier.toml")
    upload = write_english_xlsx(tmp_path / "log.xlsx")
    server = desk_server(folder)
    journey = Journey(browser, artifacts(tmp_path, "group"))
    browser.get(server.url)
    journey.wait_text("Déposer un classeur")

    # 1. Dropped: every row rejected, the unknown columns asked about.
    browser.find_element("id", "workbook-file").send_keys(str(upload))
    journey.click("#upload-button")
    page = journey.wait_text("Données invalides")
    assert "Incidents : lignes lues 24 = acceptées 0 + rejetées 24" in page.replace("\u202f", " ")
    journey.shot("report")
    for header, target in GROUP_HEADERS.items():
        journey.select(header, target)
    journey.shot("columns-chosen")
    journey.click("#save-choices")

    # 2. The columns named, their wordings asked about: three resolved by hand.
    journey.wait_text("Formulations")
    for wording, code in GROUP_WORDINGS.items():
        journey.select(wording, code)
    journey.shot("wordings-chosen")
    journey.click("#save-choices")
    page = journey.wait_text("Données valides")
    journey.shot("valid")
    mapping = (folder / "log.mapping.toml").read_text(encoding="utf-8")
    assert '"crossing attempt" = "crossing_lorry"' in mapping
    assert '"Volunteer notes" = "ignore"' in mapping
    checked = run_cli(
        ["validate", str(folder / "log.xlsx"), "--mapping", str(folder / "log.mapping.toml")]
    )
    assert checked.exit_code == 0, checked.output

    # 3. Built, downloaded, verified.
    journey.click('input[name="format"][value="docx"]')
    journey.click("#bundle")
    journey.click("#build-button")
    journey.wait_text("Fichiers produits", timeout=90)
    journey.shot("outputs")
    downloads = tmp_path / "downloads"
    names = download_all(journey, downloads)
    assert set(names) == {"ddd-fr.pdf", "ddd-fr.docx", "manifest.json"}
    verified = run_cli(["verify", str(downloads), "--lang", "en"])
    assert verified.exit_code == 0, verified.output


ANNEX_PASSPHRASE = "fictional annex passphrase 4417"


def test_a_volunteer_follows_a_problem_to_its_row_then_signs_and_compares(
    tmp_path: Path, browser: Any, desk_server: Callable[[Path], DeskServer]
) -> None:
    folder = faulty_sample(tmp_path / "folder")
    _root, p12 = make_test_keys(tmp_path)
    shutil.copy(p12, folder / "association.p12")
    server = desk_server(folder)
    opened: list[Path] = []
    server.desk.open_folder = opened.append  # no file manager opened on the test machine
    journey = Journey(browser, artifacts(tmp_path, "row-sign-compare"))
    browser.get(server.url)
    journey.wait_text("Déposer un classeur")
    journey.click('a[href="/workbook/incidents.xlsx"]')
    journey.wait_text("Données invalides")

    # 1. A problem's row: the faulty cell highlighted with what was expected, names masked.
    journey.click('a.row-link[href*="sheet=persons"][href*="row=2"]')
    page = journey.wait_text("Ligne 2 — persons")
    assert "<b>vingt</b>" in page and "attendu : un nombre entier positif ou nul" in page
    assert "Temarezgi" not in page and "masqué : nom légal ou contact" in page
    assert browser.current_url.endswith("#cell-D")
    journey.shot("row")
    journey.click("#reveal-link")
    assert "Temarezgi Obalkonet" in journey.wait_text("Les masquer")

    # The volunteer corrects the spreadsheet; the desk checks it again.
    shutil.copy(SAMPLE / "incidents.xlsx", folder / "incidents.xlsx")
    browser.get(server.url.split("?")[0] + "workbook/incidents.xlsx")
    journey.wait_text("Données valides")

    # 2. The annex's passphrase and the certificate's password typed in the page.
    journey.click('input[name="format"][value="html"]')
    journey.click('input[name="format"][value="pdf"]')  # HTML only: quicker to build
    journey.click("#bundle")
    browser.find_element("id", "annex-passphrase").send_keys(ANNEX_PASSPHRASE)
    from selenium.webdriver.support.select import Select

    Select(browser.find_element("id", "sign-key")).select_by_value("association.p12")
    browser.find_element("id", "sign-passphrase").send_keys(KEY_PASSPHRASE)
    journey.shot("annex-and-signature")
    journey.click("#build-button")
    page = journey.wait_text("Fichiers produits", timeout=120)
    assert "identites-fr.pdf" in page and "ddd-fr.html" in page
    assert "Comparer avec la production précédente" not in page
    journey.shot("outputs-signed")
    journey.click("#open-folder")
    journey.wait_text("Fichiers produits")
    assert opened == [folder / "out"]
    # Back to the form: the passphrases are not there any more.
    browser.back()
    browser.back()
    journey.wait_text("Produire le dossier")
    for field in ("annex-passphrase", "sign-passphrase"):
        assert browser.find_element("id", field).get_attribute("value") == ""

    # 3. Built again after a change: the comparison with the previous build.
    _set_summary_fr(folder, "Récit réécrit pour la comparaison (données fictives).")
    browser.get(server.url.split("?")[0] + "workbook/incidents.xlsx")
    journey.wait_text("Données valides")
    journey.click('input[name="format"][value="html"]')
    journey.click('input[name="format"][value="pdf"]')
    journey.click("#bundle")
    journey.click("#build-button")
    journey.wait_text("Comparer avec la production précédente", timeout=120)
    journey.click("#compare-link")
    page = journey.wait_text("réécrit")
    journey.shot("compare")
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert ANNEX_PASSPHRASE.encode() not in data and KEY_PASSPHRASE.encode() not in data
