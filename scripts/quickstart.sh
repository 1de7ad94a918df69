#!/usr/bin/env bash
# Set everything up, then validate the bundled (fictional) sample data and build its dossiers into out/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dossier validate sample_data/incidents.xlsx
.venv/bin/dossier samples --out out
