#!/usr/bin/env bash
# Bring the message catalogs in step with the code (docs/translating.md): extract the keys the
# code uses, add the new ones to dossier/i18n/locale/{fr,en}/LC_MESSAGES/dossier.po (empty,
# to be translated), drop the ones no code uses any more, then compile both catalogs to check
# them and say how much of each is translated.
set -euo pipefail
cd "$(dirname "$0")/.."

PYBABEL=${PYBABEL:-.venv/bin/pybabel}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Keys are msgids: no fuzzy matching (a similar key is another message, not a translation).
"$PYBABEL" --quiet extract --mapping-file=babel.cfg --add-location=file --sort-output \
  --project=dossier --copyright-holder="the dossier contributors" --msgid-bugs-address="" \
  --output-file="$work/dossier.pot" .
"$PYBABEL" update --input-file="$work/dossier.pot" --output-dir=dossier/i18n/locale \
  --domain=dossier --no-fuzzy-matching --ignore-obsolete
for lang in fr en; do
  "$PYBABEL" compile --statistics --locale="$lang" --domain=dossier \
    --input-file="dossier/i18n/locale/$lang/LC_MESSAGES/dossier.po" --output-file="$work/$lang.mo"
done
