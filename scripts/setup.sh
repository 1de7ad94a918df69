#!/usr/bin/env bash
# Install everything dossier needs on a fresh Debian machine: system packages (fonts, poppler,
# the HarfBuzz subsetter that keeps PDFs reproducible) and a virtual environment in .venv.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  # WeasyPrint's layout engine
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig
  # fonts covering the scripts the data holds: Latin, Arabic, Persian, Ethiopic
  fonts-dejavu-core fonts-noto-core fonts-noto-extra fonts-sil-abyssinica
  # pdftotext, pdffonts, pdftoppm: tests read the PDFs back
  poppler-utils
  # headless LibreOffice: tests open the DOCX the way a partner NGO would
  libreoffice-writer-nogui libreoffice-calc-nogui
  # LibreOffice's hyphenation patterns: the DOCX asks for automatic hyphenation, as the PDF has
  hyphen-fr hyphen-en-us hyphen-en-gb
  # headless Chromium and its driver (Debian's own: no browser download): the end-to-end tests
  # of the preview server and of the desk (Selenium drives it)
  chromium chromium-driver
  # ffmpeg and ffprobe: stills and durations of the videos in the exhibits bundle
  ffmpeg
)

missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "warning: not a Debian system; install these yourself: ${missing[*]}" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[dev]"
echo "Set up: .venv is ready ($(.venv/bin/dossier --version))."
