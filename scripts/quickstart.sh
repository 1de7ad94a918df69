#!/usr/bin/env bash
# Set everything up, then run dossier's main job on the bundled (fictional) sample data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dossier validate sample_data/incidents.xlsx
