"""Every message the validator and loader print, in French and English, in one place."""

from __future__ import annotations

import errno
import locale
import os
from collections.abc import Sequence
from typing import Any, Self

LANGUAGES = ("fr", "en")


def q(text: object, lang: str = "fr") -> str:
    """Quote a value: « » with narrow no-break spaces in French, curly quotes in English."""
    return f"«\u202f{text}\u202f»" if lang == "fr" else f"“{text}”"


MESSAGES: dict[str, dict[str, str]] = {
    # -- loading: the whole input is unusable -------------------------------------------------
    "input_missing": {
        "fr": "{file} : fichier ou dossier introuvable.",
        "en": "{file}: no such file or folder.",
    },
    "unsupported_type": {
        "fr": "{file} : type de fichier {suffix} non pris en charge ; attendu : .xlsx, .ods, .csv "
        "ou un dossier de fichiers CSV.",
        "en": "{file}: unsupported file type {suffix}; expected .xlsx, .ods, .csv or a folder of "
        "CSV files.",
    },
    "no_incidents": {
        "fr": "{file} : aucune feuille « incidents » trouvée (feuille ou fichier incidents.csv).",
        "en": "{file}: no “incidents” sheet found (a sheet, or a file named incidents.csv).",
    },
    "duplicate_sheet": {
        "fr": "{file} : deux feuilles pour « {sheet} » ({other} et {file}) ; gardez-en une.",
        "en": "{file}: two sheets for “{sheet}” ({other} and {file}); keep only one.",
    },
    "empty_file": {
        "fr": "{file} : le fichier est vide.",
        "en": "{file}: the file is empty.",
    },
    "binary_file": {
        "fr": "{file} : ce n'est pas un fichier texte CSV (contenu binaire).",
        "en": "{file}: this is not a CSV text file (binary content).",
    },
    "bad_encoding": {
        "fr": "{file} : encodage illisible ({reason}) ; enregistrez-le en UTF-8.",
        "en": "{file}: unreadable encoding ({reason}); save it as UTF-8.",
    },
    "bad_csv": {
        "fr": "{file} : CSV mal formé ({reason}).",
        "en": "{file}: malformed CSV ({reason}).",
    },
    "unreadable": {
        "fr": "{file} : lecture impossible ({reason}).",
        "en": "{file}: cannot be read ({reason}).",
    },
    "corrupt_workbook": {
        "fr": "{file} : classeur illisible ou endommagé ({reason}).",
        "en": "{file}: unreadable or damaged workbook ({reason}).",
    },
    # -- loading: limits against hostile files (dossier/limits.py) ----------
    "workbook_too_large": {
        "fr": "{file} : le classeur occuperait {size} Mio une fois décompressé (limite : {limit} "
        "Mio) ; il est refusé par sécurité (bombe de décompression possible). Scindez-le.",
        "en": "{file}: the workbook would take {size} MiB once decompressed (limit: {limit} MiB); "
        "refused for safety (possible decompression bomb). Split it.",
    },
    "workbook_ratio": {
        "fr": "{file} : la partie {part} est comprimée {ratio} fois (au plus {limit} fois pour un "
        "classeur) ; elle est refusée par sécurité (bombe de décompression possible).",
        "en": "{file}: part {part} is compressed {ratio} times (a workbook: at most {limit} "
        "times); refused for safety (possible decompression bomb).",
    },
    "workbook_xml_declaration": {
        "fr": "{file} : la partie {part} contient une déclaration XML DOCTYPE ou ENTITY, "
        "qu'aucun tableur n'écrit ; elle est refusée par sécurité.",
        "en": "{file}: part {part} holds an XML DOCTYPE or ENTITY declaration, which no "
        "spreadsheet program writes; refused for safety.",
    },
    "workbook_too_many_cells": {
        "fr": "{file} : une feuille a une cellule remplie jusqu'en {cell} ; lue comme une grille, "
        "elle compterait {cells} cellules (limite : {limit}). Videz ce qui est loin sous le "
        "tableau ou à sa droite, puis réenregistrez.",
        "en": "{file}: a sheet has a filled cell as far as {cell}; read as a grid it would hold "
        "{cells} cells (limit: {limit}). Clear what lies far below or right of the table, then "
        "save again.",
    },
    "workbook_text_too_large": {
        "fr": "{file} : les cellules contiendraient {size} Mio de texte une fois les textes "
        "partagés ou répétés recopiés (limite : {limit} Mio) ; le classeur est refusé par "
        "sécurité.",
        "en": "{file}: the cells would hold {size} MiB of text once shared or repeated text is "
        "copied into each (limit: {limit} MiB); refused for safety.",
    },
    "csv_line_too_long": {
        "fr": "{file}, ligne {line} : plus de {limit} caractères sur une ligne ; est-ce bien un "
        "fichier CSV ?",
        "en": "{file}, line {line}: more than {limit} characters on one line; is this really a "
        "CSV file?",
    },
    "csv_too_wide": {
        "fr": "{file}, ligne {row} : {count} cellules, plus que les {limit} colonnes d'une "
        "feuille.",
        "en": "{file}, row {row}: {count} cells, more than the {limit} columns of a sheet.",
    },
    "mapping_unreadable": {
        "fr": "{file} : fichier de correspondance illisible ({reason}).",
        "en": "{file}: cannot read the mapping file ({reason}).",
    },
    "mapping_invalid": {
        "fr": "{file} : fichier de correspondance TOML invalide ({reason}).",
        "en": "{file}: invalid TOML mapping file ({reason}).",
    },
    "mapping_unknown_sheet": {
        "fr": "{file} : feuille « {sheet} » inconnue ; attendu : incidents, persons, evidence, "
        "proceedings.",
        "en": "{file}: unknown sheet “{sheet}”; expected incidents, persons, evidence, "
        "proceedings.",
    },
    "mapping_unknown_field": {
        "fr": "{file} : [{sheet}] « {header} » = « {target} » : champ inconnu ; attendu l'un de : "
        "{expected}.",
        "en": "{file}: [{sheet}] “{header}” = “{target}”: unknown field; expected one of: "
        "{expected}.",
    },
    # -- sheets and columns ----------------------------------------------------------------------
    "unknown_sheet": {
        "fr": "feuille « {sheet} » ignorée : elle ne correspond à aucune feuille attendue.",
        "en": "sheet “{sheet}” ignored: it matches none of the expected sheets.",
    },
    "empty_sheet": {
        "fr": "feuille vide, ignorée.",
        "en": "the sheet is empty; ignored.",
    },
    "unknown_column": {
        "fr": "colonne inconnue, ignorée ; renommez-la ou décrivez-la avec --mapping.",
        "en": "unknown column, ignored; rename it or describe it with --mapping.",
    },
    "duplicate_column": {
        "fr": "colonne en double pour « {field} » (déjà en {other}) ; seule la première est lue.",
        "en": "second column for “{field}” (already in {other}); only the first is read.",
    },
    "missing_column": {
        "fr": "colonne obligatoire « {field} » absente : les {count} lignes de la feuille sont "
        "rejetées.",
        "en": "required column “{field}” is missing: all {count} rows of the sheet are rejected.",
    },
    # -- cells -----------------------------------------------------------------------------------
    "required_value": {
        "fr": "valeur obligatoire manquante.",
        "en": "required value is missing.",
    },
    "invalid_date": {
        "fr": "date invalide ; attendu : une date réelle au format AAAA-MM-JJ ou JJ/MM/AAAA.",
        "en": "invalid date; expected a real calendar date as YYYY-MM-DD or DD/MM/YYYY.",
    },
    "future_date": {
        "fr": "date dans le futur ; vérifiez l'année.",
        "en": "date is in the future; check the year.",
    },
    "invalid_time": {
        "fr": "heure invalide ; attendu : HH:MM ou 14h30.",
        "en": "invalid time; expected HH:MM or 14h30.",
    },
    "invalid_datetime": {
        "fr": "date et heure invalides ; attendu : AAAA-MM-JJ HH:MM ou JJ/MM/AAAA HH:MM.",
        "en": "invalid date and time; expected YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM.",
    },
    "invalid_int": {
        "fr": "attendu : un nombre entier positif ou nul.",
        "en": "expected a whole number, zero or more.",
    },
    "invalid_coordinate": {
        "fr": "attendu : un nombre entre {low} et {high} (degrés décimaux).",
        "en": "expected a number between {low} and {high} (decimal degrees).",
    },
    "invalid_bool": {
        "fr": "attendu : oui ou non.",
        "en": "expected yes or no.",
    },
    "unknown_term_suggest": {
        "fr": "{value} : vouliez-vous dire {suggestion} ? ({vocabulary})",
        "en": "{value}: did you mean {suggestion}? ({vocabulary})",
    },
    "unknown_term": {
        "fr": "{value} : valeur inconnue pour « {vocabulary} » ; valeurs acceptées : {accepted}.",
        "en": "{value}: unknown value for “{vocabulary}”; accepted values: {accepted}.",
    },
    "invalid_count": {
        "fr": "{value} : attendu libellé:nombre, par exemple « tente:3 ; sac de couchage:2 ».",
        "en": "{value}: expected label:count, for example “tent:3; sleeping bag:2”.",
    },
    "invalid_rio": {
        "fr": "{value} : un numéro RIO compte exactement 7 chiffres.",
        "en": "{value}: a RIO number has exactly 7 digits.",
    },
    "invalid_sha256": {
        "fr": "attendu : une empreinte SHA-256 de 64 caractères hexadécimaux.",
        "en": "expected a SHA-256 fingerprint of 64 hexadecimal characters.",
    },
    "invalid_url": {
        "fr": "attendu : une adresse web commençant par http:// ou https://.",
        "en": "expected a web address starting with http:// or https://.",
    },
    "invalid_text": {
        "fr": "le texte contient des caractères de contrôle ; retirez-les.",
        "en": "the text holds control characters; remove them.",
    },
    "text_too_long": {
        "fr": "texte de {length} caractères ; une cellule en contient au plus {limit}.",
        "en": "text of {length} characters; a cell holds at most {limit}.",
    },
    "bidi_control": {
        "fr": "{count} caractère(s) invisible(s) de contrôle du sens d'écriture (U+202A–U+202E, "
        "U+2066–U+2069) retiré(s) : ils pourraient inverser le texte autour de cette valeur.",
        "en": "{count} invisible writing-direction control character(s) (U+202A–U+202E, "
        "U+2066–U+2069) removed: they could reverse the text around this value.",
    },
    "mixed_encoding": {
        "fr": "ligne lue en partie en Windows-1252 (le reste du fichier est en UTF-8) : "
        "vérifiez ses lettres accentuées.",
        "en": "row read partly as Windows-1252 (the rest of the file is UTF-8): check its "
        "accented letters.",
    },
    "invalid_id": {
        "fr": "identifiant invalide : lettres, chiffres, « - », « _ », « . » ou « / » "
        "uniquement, sans espace.",
        "en": "invalid id: letters, digits, “-”, “_”, “.” or “/” only, no spaces.",
    },
    "default_confidentiality": {
        "fr": "confidentialité vide : traitée comme « confidentiel » (réservé au Défenseur des "
        "droits).",
        "en": "confidentiality is blank: treated as “confidential” (Défenseur des droits only).",
    },
    "missing_summary": {
        "fr": "ni résumé en français ni résumé en anglais : il en faut au moins un.",
        "en": "neither a French nor an English summary: at least one is needed.",
    },
    "minor_age_mismatch": {
        "fr": "âge {age} mais « mineur » vaut {minor} ; vérifiez l'un des deux.",
        "en": "age {age} but “minor” says {minor}; check one of them.",
    },
    "duplicate_id": {
        "fr": "identifiant {value} déjà utilisé à la ligne {other_row}.",
        "en": "id {value} already used on row {other_row}.",
    },
    "unknown_reference": {
        "fr": "{value} : aucun identifiant de ce nom dans la feuille « {target} ».",
        "en": "{value}: no such id in the “{target}” sheet.",
    },
    "evidence_path_escapes": {
        "fr": "{value} : ce chemin sort du dossier des pièces ({folder}) ; il est refusé.",
        "en": "{value}: this path leaves the evidence folder ({folder}); it is refused.",
    },
    "evidence_file_missing": {
        "fr": "{value} : fichier introuvable dans le dossier des pièces ({folder}).",
        "en": "{value}: file not found in the evidence folder ({folder}).",
    },
    "evidence_unreadable": {
        "fr": "{value} : lecture impossible ({reason}).",
        "en": "{value}: cannot be read ({reason}).",
    },
    "sha256_mismatch": {
        "fr": "l'empreinte ne correspond pas au fichier {file} (empreinte calculée : {actual}).",
        "en": "fingerprint does not match the file {file} (computed fingerprint: {actual}).",
    },
    "invalid_range": {
        "fr": "attendu : un nombre entier entre 0 et {high}.",
        "en": "expected a whole number from 0 to {high}.",
    },
    "evidence_without_source": {
        "fr": "ni fichier ni adresse web : la pièce ne peut pas être vérifiée.",
        "en": "neither a file nor a web address: the exhibit cannot be verified.",
    },
    # -- completeness (dossier/completeness.py) ----------
    "completeness_no_force": {
        "fr": "aucune force de l'ordre indiquée : renseignez la colonne « forces de l'ordre » "
        "(« non identifiées » si on ne sait pas lesquelles).",
        "en": "no security force given: fill in the “forces” column (“unidentified” if it is "
        "not known which).",
    },
    "completeness_injuries_without_certificate": {
        "fr": "blessures décrites sans certificat médical : indiquez s'il en existe un (colonne "
        "« certificat médical ») et joignez-le comme pièce de nature « certificat médical ».",
        "en": "injuries described but no medical certificate: say whether there is one "
        "(“medical certificate” column) and add it as an exhibit of kind “medical "
        "certificate”.",
    },
    "completeness_certificate_without_itt": {
        "fr": "certificat médical sans ITT : reportez le nombre de jours d'ITT fixé par le "
        "certificat (colonne « jours d'ITT » ; 0 s'il n'en fixe pas).",
        "en": "medical certificate without ITT: enter the days of ITT the certificate sets "
        "(“ITT days” column; 0 if it sets none).",
    },
    "completeness_victim_without_art8": {
        "fr": "victime sans statut article 8 : indiquez si elle a consenti, a été informée sans "
        "s'opposer, est injoignable, non identifiée ou a refusé (colonne « statut article 8 »).",
        "en": "victim with no article 8 status: say whether they consented, were informed and "
        "did not object, are unreachable, not identified, or refused (“article 8 status” "
        "column).",
    },
    "completeness_no_proceedings": {
        "fr": "aucune démarche enregistrée pour cet incident : ajoutez dans la feuille des "
        "procédures chaque plainte, signalement ou saisine déjà faits (type, date, référence, "
        "état).",
        "en": "no proceedings recorded for this incident: add to the proceedings sheet each "
        "complaint, report or referral already made (type, date, reference, status).",
    },
    "completeness_rio_missing": {
        "fr": "ni numéro RIO ni mention « non visible » : relevez les RIO (colonne « numéros "
        "RIO ») ou indiquez « non » dans la colonne « RIO visible ».",
        "en": "neither a RIO number nor “not visible”: note the RIO numbers (“RIO numbers” "
        "column) or enter “no” in the “RIO visible” column.",
    },
    "completeness_limitation_near": {
        "fr": "prescription des délits, à titre indicatif : elle serait acquise le {deadline}, "
        "dans moins de {months} mois — {years} ans à compter des faits (art. 8 du code de "
        "procédure pénale : 6 ans depuis la loi n°\u00a02017-242 du 27 février 2017 pour les "
        "faits non prescrits au 1er mars 2017, 3 ans auparavant), sans compter les actes "
        "interruptifs. Notez dans la feuille des procédures toute plainte ou tout acte "
        "d'enquête déjà intervenu.",
        "en": "limitation period for délits, as an indication only: it would end on "
        "{deadline}, less than {months} months from now — {years} years from the facts "
        "(art. 8 of the code of criminal procedure: 6 years since law no. 2017-242 of "
        "27 February 2017 for facts not yet time-barred on 1 March 2017, 3 years before), not "
        "counting interrupting acts. Record in the proceedings sheet any complaint or "
        "investigation step already taken.",
    },
    "completeness_limitation_past": {
        "fr": "prescription des délits, à titre indicatif : elle serait acquise depuis le "
        "{deadline} — {years} ans à compter des faits (art. 8 du code de procédure pénale : "
        "6 ans depuis la loi n°\u00a02017-242 du 27 février 2017 pour les faits non prescrits "
        "au 1er mars 2017, 3 ans auparavant), sans compter les actes interruptifs. Notez dans "
        "la feuille des procédures toute plainte ou tout acte d'enquête qui l'aurait "
        "interrompue.",
        "en": "limitation period for délits, as an indication only: it would have ended on "
        "{deadline} — {years} years from the facts (art. 8 of the code of criminal procedure: "
        "6 years since law no. 2017-242 of 27 February 2017 for facts not yet time-barred on "
        "1 March 2017, 3 years before), not counting interrupting acts. Record in the "
        "proceedings sheet any complaint or investigation step that may have interrupted it.",
    },
    "completeness_exhibit_not_cited": {
        "fr": "pièce citée par aucun incident : ajoutez son identifiant dans la colonne "
        "« pièces » de l'incident concerné, ou cet incident dans la colonne « incidents ».",
        "en": "exhibit cited by no incident: add its id to the “evidence ids” column of its "
        "incident, or that incident to the “incident ids” column.",
    },
    "completeness_testimony_without_date": {
        "fr": "témoignage sans date d'entretien : indiquez la date (colonne « date de "
        "l'entretien ») pour pouvoir citer le témoignage.",
        "en": "testimony without an interview date: enter the date (“interview date” column) "
        "so the testimony can be cited.",
    },
    # -- kobo (dossier/kobo.py) ----------
    "kobo_not_approved": {
        "fr": "soumission marquée « non approuvée » dans KoboToolbox ({value}) : laissée de "
        "côté, avec ses {children} ligne(s) de groupes répétés.",
        "en": "submission marked “not approved” in KoboToolbox ({value}): left out, with its "
        "{children} repeat-group row(s).",
    },
    "kobo_orphan_row": {
        "fr": "ligne de groupe répété sans soumission parente ({value}) : elle n'est rattachée "
        "à aucun incident.",
        "en": "repeat-group row with no parent submission ({value}): it is linked to no incident.",
    },
    "kobo_media_not_found": {
        "fr": "{value} : fichier introuvable dans le dossier des pièces ({folder}) ; la pièce "
        "n'a que son adresse web, s'il y en a une.",
        "en": "{value}: file not found in the evidence folder ({folder}); the exhibit only has "
        "its web address, if any.",
    },
    "kobo_media_ambiguous": {
        "fr": "{value} : plusieurs fichiers de ce nom dans le dossier des pièces ({folder}) ; "
        "aucun n'est retenu.",
        "en": "{value}: several files with this name in the evidence folder ({folder}); none "
        "is used.",
    },
    # -- template (dossier/spreadsheet_template.py) ----------
    "template_example_row": {
        "fr": "ligne d'exemple du modèle ({value}) : ignorée ; supprimez-la.",
        "en": "example row from the template ({value}): ignored; delete it.",
    },
}

# Labels of the terminal report and JSON keys' human names.
LABELS: dict[str, dict[str, str]] = {
    "severity": {"fr": "gravité", "en": "severity"},
    "error": {"fr": "erreur", "en": "error"},
    "warning": {"fr": "avertissement", "en": "warning"},
    "file": {"fr": "fichier", "en": "file"},
    "sheet": {"fr": "feuille", "en": "sheet"},
    "row": {"fr": "ligne", "en": "row"},
    "column": {"fr": "colonne", "en": "column"},
    "value": {"fr": "valeur", "en": "value"},
    "problem": {"fr": "problème", "en": "problem"},
    "title": {"fr": "Rapport de validation", "en": "Validation report"},
    "reconcile": {
        "fr": "{sheet} : lignes lues {read} = acceptées {accepted} + rejetées {rejected}",
        "en": "{sheet}: rows read {read} = accepted {accepted} + rejected {rejected}",
    },
    "summary_ok": {
        "fr": "Données valides (erreurs : {errors} ; avertissements : {warnings}).",
        "en": "Data is valid (errors: {errors}; warnings: {warnings}).",
    },
    "summary_bad": {
        "fr": "Données invalides (erreurs : {errors} ; avertissements : {warnings}).",
        "en": "Data is invalid (errors: {errors}; warnings: {warnings}).",
    },
    # The progress display's step names (dossier/progress.py): a step's first word, or all of it.
    "progress_validate": {"fr": "validation", "en": "validate"},
    "progress_open": {"fr": "ouverture", "en": "open"},
    "progress_read": {"fr": "lecture", "en": "read"},
    "progress_check": {"fr": "vérification", "en": "check"},
    "progress_hash_evidence": {"fr": "empreintes des pièces", "en": "hash evidence"},
    "progress_render": {"fr": "rendu", "en": "render"},
    "progress_outputs": {"fr": "documents", "en": "outputs"},
    "progress_typeset": {"fr": "composition", "en": "typeset"},
    "progress_write": {"fr": "écriture", "en": "write"},
    "progress_built": {"fr": "terminé", "en": "built"},
    "progress_cached": {"fr": "en cache", "en": "cached"},
    "progress_total": {"fr": "total", "en": "total"},
    "progress_unit_rows": {"fr": "lignes", "en": "rows"},
    "progress_unit_files": {"fr": "fichiers", "en": "files"},
    "progress_unit_bytes": {"fr": "octets", "en": "bytes"},
}


# What the build, the renderers, the config and the commands say when they stop (DossierError).
TEXTS: dict[str, dict[str, str]] = {
    "problems": {"fr": "{problems}", "en": "{problems}"},
    # -- choices -------------------------------------------------------------------------------
    "choices.unknown_layout": {
        "fr": "type de dossier {value} inconnu (attendu : {allowed})",
        "en": "unknown layout {value} (expected {allowed})",
    },
    "choices.unknown_language": {
        "fr": "langue {value} inconnue (attendu : {allowed})",
        "en": "unknown language {value} (expected {allowed})",
    },
    "choices.unknown_format": {
        "fr": "format {value} inconnu (attendu : {allowed})",
        "en": "unknown format {value} (expected {allowed})",
    },
    "choices.unknown_audience": {
        "fr": "lectorat {value} inconnu (attendu : {allowed})",
        "en": "unknown audience {value} (expected {allowed})",
    },
    "choices.unknown_pdf_variant": {
        "fr": "variante PDF {value} inconnue (attendu : {allowed})",
        "en": "unknown PDF variant {value} (expected {allowed})",
    },
    "choices.no_layout": {"fr": "aucun type de dossier choisi", "en": "no layout chosen"},
    "choices.no_language": {"fr": "aucune langue choisie", "en": "no language chosen"},
    "choices.no_format": {"fr": "aucun format choisi", "en": "no format chosen"},
    # -- build ---------------------------------------------------------------------------------
    "build.data_invalid": {
        "fr": "les données contiennent {errors} erreur(s) : rien n'est construit.",
        "en": "the data has {errors} error(s): nothing is built.",
    },
    "build.cannot_write": {
        "fr": "écriture impossible dans {folder} : {reason}",
        "en": "cannot write to {folder}: {reason}",
    },
    "build.unknown_format": {
        "fr": "format inconnu : {format}",
        "en": "unknown format: {format}",
    },
    "build.reference_not_found": {
        "fr": "{file} : document de référence introuvable",
        "en": "{file}: reference document not found",
    },
    "build.reference_unusable": {
        "fr": "{file} : document Word inutilisable ({reason})",
        "en": "{file}: not a usable Word document ({reason})",
    },
    "build.reference_lacks_styles": {
        "fr": "{file} : il manque {count} style(s) Word dont le rédacteur DOCX a besoin : "
        "{styles}. Partez du templates/reference.docx fourni et changez ses styles plutôt que "
        "d'en supprimer.",
        "en": "{file} lacks {count} Word style(s) the DOCX writer needs: {styles}. Start from "
        "the built-in templates/reference.docx and restyle it rather than removing styles.",
    },
    "build.the_reference_document": {
        "fr": "le document de référence",
        "en": "the reference document",
    },
    "build.jobs_at_least_one": {
        "fr": "il faut au moins 1 processus (--jobs), et non {jobs}",
        "en": "jobs must be at least 1, got {jobs}",
    },
    "build.render_cancelled": {
        "fr": "{output} : le rendu a été annulé",
        "en": "{output}: the render was cancelled",
    },
    "build.worker_died": {
        "fr": "{output} : le processus de rendu s'est arrêté ({reason}). Si la mémoire manque, "
        "essayez moins de processus (--jobs 1) ; si vous construisez depuis un script Python, "
        "appelez dossier sous `if __name__ == '__main__':`",
        "en": "{output}: the rendering process died ({reason}). If memory is short, try fewer "
        "jobs (--jobs 1); if you build from a Python script, call dossier under "
        "`if __name__ == '__main__':`",
    },
    "build.killed": {"fr": "tué", "en": "killed"},
    "build.renderer_failed": {"fr": "{output} : {reason}", "en": "{output}: {reason}"},
    "build.workbook_withheld": {
        "fr": "{output} : classeur source non joint : {reason}",
        "en": "{output}: source workbook not embedded: {reason}",
    },
    "build.withheld_identities": {
        "fr": "il contient des noms d'état civil ou des coordonnées",
        "en": "it holds legal names or contacts",
    },
    "build.withheld_objections": {
        "fr": "il contient des personnes qui se sont opposées à la saisine (art. 8)",
        "en": "it holds people who objected to the complaint (art. 8)",
    },
    "build.withheld_incidents": {
        "fr": "il contient des incidents écartés de cette édition",
        "en": "it holds incidents left out of this edition",
    },
    "build.withheld_exhibits": {
        "fr": "il contient des pièces écartées de cette édition",
        "en": "it holds exhibits left out of this edition",
    },
    "build.one_piece": {
        "fr": "{output} : composé d'un seul tenant ({reason})",
        "en": "{output}: typeset in one piece ({reason})",
    },
    # -- samples -------------------------------------------------------------------------------
    "samples.missing": {"fr": "absent : {name}", "en": "missing: {name}"},
    "samples.not_listed": {
        "fr": "absent de {manifest} : {name}",
        "en": "not in {manifest}: {name}",
    },
    "samples.fingerprint_differs": {
        "fr": "empreinte différente de celle de {manifest} : {name}",
        "en": "fingerprint differs from {manifest}: {name}",
    },
    "samples.manifest_unreadable": {
        "fr": "{manifest} : illisible ({reason})",
        "en": "{manifest}: unreadable ({reason})",
    },
    "samples.only_in": {"fr": "seulement dans {folder} : {name}", "en": "only in {folder}: {name}"},
    "samples.differs": {"fr": "diffère : {name}", "en": "differs: {name}"},
    # -- the DOCX writer's HTML subset ---------------------------------------------------------
    "html.not_in_subset": {
        "fr": "{element} : élément hors du sous-ensemble HTML des dossiers (voir "
        "docs/templates.md)",
        "en": "{element}: element is not in the dossier HTML subset (see docs/templates.md)",
    },
    "html.class_not_in_subset": {
        "fr": "{element} : classe {classes} hors du sous-ensemble HTML des dossiers (voir "
        "docs/templates.md)",
        "en": "{element}: class {classes} is not in the dossier HTML subset (see "
        "docs/templates.md)",
    },
    "html.at_line": {"fr": "ligne {line} : {problem}", "en": "line {line}: {problem}"},
    # -- config --------------------------------------------------------------------------------
    "config.invalid": {"fr": "{file} : {problems}", "en": "{file}: {problems}"},
    "config.file_heading": {"fr": "{file} :", "en": "{file}:"},
    "config.not_found": {
        "fr": "fichier introuvable (`dossier init {file}` en écrit un modèle)",
        "en": "file not found (`dossier init {file}` writes a starter one)",
    },
    "config.unreadable": {"fr": "lecture impossible ({reason})", "en": "cannot be read ({reason})"},
    "config.unknown_key": {"fr": "{key} : clé inconnue", "en": "{key}: unknown key"},
    "config.unknown_key_expected": {
        "fr": "{key} : clé inconnue (attendu l'une de : {known})",
        "en": "{key}: unknown key (expected one of: {known})",
    },
    "config.pattern": {"fr": "{key} : {hint}, et non {value}", "en": "{key}: {hint}, got {value}"},
    "config.hint_email": {
        "fr": "attendu : une adresse électronique comme contact@example.org",
        "en": "expected an e-mail address such as contact@example.org",
    },
    "config.hint_website": {
        "fr": "attendu : une adresse web commençant par https:// ou http://",
        "en": "expected a web address starting with https:// or http://",
    },
    "config.missing": {"fr": "{key} : absent (obligatoire)", "en": "{key}: missing (required)"},
    "config.other": {"fr": "{key} : {detail}", "en": "{key}: {detail}"},
    # -- templates and label catalogs ----------------------------------------------------------
    "template.at_line": {
        "fr": "{template}, ligne {line} : {reason}",
        "en": "{template}, line {line}: {reason}",
    },
    "template.at_file": {"fr": "{template} : {reason}", "en": "{template}: {reason}"},
    "template.not_found": {"fr": "modèle introuvable : {name}", "en": "template not found: {name}"},
    "template.number_too_large": {
        "fr": "{value} est trop grand pour un modèle (limite : {limit})",
        "en": "{value} is too large for a template (the limit is {limit})",
    },
    "template.value_too_large": {
        "fr": "une valeur de {count} éléments est trop grande pour être transmise",
        "en": "a value of {count} items is too large to pass on",
    },
    "template.repetition_too_long": {
        "fr": "répétition au-delà de {limit} éléments",
        "en": "repetition beyond {limit} items",
    },
    "template.power_too_large": {
        "fr": "une puissance au-delà de 4096 bits",
        "en": "a power beyond 4096 bits",
    },
    "template.output_too_long": {
        "fr": "sortie au-delà de {limit} caractères",
        "en": "output beyond {limit} characters",
    },
    "template.lipsum_too_long": {
        "fr": "lipsum est limité à 50 paragraphes de 500 mots",
        "en": "lipsum is limited to 50 paragraphs of 500 words",
    },
    "template.outside_folders": {
        "fr": "le modèle {name} mène hors des dossiers de modèles",
        "en": "template {name} leads outside the template folders",
    },
    "labels.missing_fr": {
        "fr": "libellé '{key}' absent en français (ajoutez-le à {catalog})",
        "en": "label '{key}' is missing in French (add it to {catalog})",
    },
    "labels.missing_en": {
        "fr": "libellé '{key}' absent en anglais (ajoutez-le à {catalog})",
        "en": "label '{key}' is missing in English (add it to {catalog})",
    },
    "labels.not_utf8": {
        "fr": "le catalogue de libellés n'est pas du texte UTF-8",
        "en": "label catalog is not UTF-8 text",
    },
    "labels.unreadable": {
        "fr": "lecture du catalogue de libellés impossible : {reason}",
        "en": "cannot read the label catalog: {reason}",
    },
    "labels.not_toml": {
        "fr": "catalogue de libellés en TOML invalide : {reason}",
        "en": "label catalog is not valid TOML: {reason}",
    },
    "labels.unclosed_quote": {
        "fr": "un texte entre guillemets n'est pas fermé sur sa ligne",
        "en": "a text in quotes is not closed on its line",
    },
    "labels.not_text": {
        "fr": "le libellé '{key}' doit être un texte entre guillemets, et non {kind}",
        "en": "label '{key}' must be text in quotes, not {kind}",
    },
    "labels.empty": {"fr": "le libellé '{key}' est vide", "en": "label '{key}' is empty"},
    "templates.too_deep": {
        "fr": "{name} : les {{% extends %}} s'enchaînent sur plus de {depth} niveaux",
        "en": "{name}: {{% extends %}} goes deeper than {depth} levels",
    },
    "templates.not_found": {
        "fr": "{name} : modèle introuvable",
        "en": "{name}: template not found",
    },
    "templates.syntax": {"fr": "{file}:{line} : {reason}", "en": "{file}:{line}: {reason}"},
    "templates.targets_exist": {
        "fr": "{paths} : déjà là ; rien n'a été écrit (--force pour écraser)",
        "en": "{paths}: already there; nothing written (--force to overwrite)",
    },
    "templates.target_exists": {"fr": "{path} existe déjà", "en": "{path} exists"},
    "templates.nothing_written": {
        "fr": "Rien n'a été écrit ; utilisez --force pour écraser.",
        "en": "Nothing written; use --force to overwrite.",
    },
    # -- the PDF renderer's URL fetcher --------------------------------------------------------
    "pdf.refused_url": {"fr": "{url} refusée : {reason}", "en": "refused {url}: {reason}"},
    "pdf.scheme_not_allowed": {
        "fr": "le schéma {scheme} n'est pas autorisé",
        "en": "scheme {scheme} is not allowed",
    },
    "pdf.malformed_data_uri": {
        "fr": "URI data: mal formée ({reason})",
        "en": "malformed data: URI ({reason})",
    },
    "pdf.asset_outside": {
        "fr": "{path} mène hors du dossier des ressources {folder}",
        "en": "{path} leads outside the asset directory {folder}",
    },
    "pdf.no_such_asset": {"fr": "aucune ressource nommée {path}", "en": "no asset named {path}"},
    "pdf.asset_host": {
        "fr": "une adresse de ressource n'a pas d'hôte",
        "en": "asset URLs have no host",
    },
    "pdf.unsafe_asset_path": {
        "fr": "chemin de ressource dangereux {path}",
        "en": "unsafe asset path {path}",
    },
    "pdf.bad_source_date_epoch": {
        "fr": "SOURCE_DATE_EPOCH doit être un nombre entier de secondes, et non {value}",
        "en": "SOURCE_DATE_EPOCH must be a whole number of seconds, got {value}",
    },
    # -- verify and diff -----------------------------------------------------------------------
    "verify.no_folder": {"fr": "{folder} : dossier introuvable", "en": "{folder}: no such folder"},
    "verify.no_manifest": {
        "fr": "{file} : pas de manifeste dans ce dossier",
        "en": "{file}: no manifest in this folder",
    },
    "verify.manifest_unreadable": {
        "fr": "{file} : manifeste illisible ({reason})",
        "en": "{file}: unreadable manifest ({reason})",
    },
    "verify.not_a_manifest": {
        "fr": "{file} : ce n'est pas le manifeste d'un dossier",
        "en": "{file}: not a dossier manifest",
    },
    "diff.no_such_path": {
        "fr": "{path} : fichier ou dossier introuvable",
        "en": "{path}: no such file or folder",
    },
    "diff.kinds_differ": {
        "fr": "{old}, {new} : comparez deux dossiers, deux PDF, deux DOCX ou deux fichiers HTML",
        "en": "{old}, {new}: compare two folders, two PDFs, two DOCX or two HTML files",
    },
    "diff.folder_and_file": {
        "fr": "{old}, {new} : il faut deux dossiers, ou deux fichiers",
        "en": "{old}, {new}: both must be folders, or both files",
    },
    "diff.not_a_document": {
        "fr": "{path} : ni PDF, ni DOCX, ni HTML",
        "en": "{path}: not a PDF, DOCX or HTML file",
    },
    "diff.tool_missing": {
        "fr": "{tool} introuvable : installez poppler-utils (bash scripts/setup.sh)",
        "en": "{tool} not found: install poppler-utils (bash scripts/setup.sh)",
    },
    "diff.tool_failed": {
        "fr": "{file} : échec de {tool} : {reason}",
        "en": "{file}: {tool} failed: {reason}",
    },
    "diff.no_page_count": {
        "fr": "{file} : pdfinfo ne donne pas le nombre de pages",
        "en": "{file}: pdfinfo found no page count",
    },
    "diff.pdftotext_unreadable": {
        "fr": "{file} : sortie de pdftotext illisible ({reason})",
        "en": "{file}: cannot read pdftotext's output ({reason})",
    },
    "diff.docx_unreadable": {
        "fr": "{file} : DOCX illisible ({reason})",
        "en": "{file}: cannot read the DOCX ({reason})",
    },
    "diff.cannot_write": {
        "fr": "{file} : écriture impossible ({reason})",
        "en": "{file}: cannot write ({reason})",
    },
    # -- the command line ----------------------------------------------------------------------
    "cli.quiet_and_verbose": {
        "fr": "--quiet et --verbose ne vont pas ensemble",
        "en": "--quiet and --verbose cannot be used together",
    },
    "cli.bad_choice": {
        "fr": "valeur invalide pour {option} : {value} (attendu : {allowed})",
        "en": "invalid value for {option}: {value} (expected {allowed})",
    },
    "cli.one_value": {
        "fr": "{option} : donnez une seule valeur, et non {value}",
        "en": "{option}: give one value, not {value}",
    },
    "cli.file_exists": {
        "fr": "{path} existe déjà ; utilisez --force pour l'écraser.",
        "en": "{path} exists; use --force to overwrite it.",
    },
    "cli.no_such_workbook": {
        "fr": "{file} : classeur introuvable (donnez --data)",
        "en": "{file}: no such workbook (give --data)",
    },
    "preview.template_error": {"fr": "Erreur dans un modèle", "en": "Template error"},
    "preview.data_error": {
        "fr": "Les données contiennent des erreurs",
        "en": "The data has errors",
    },
    "preview.load_error": {
        "fr": "Les données ne peuvent pas être lues",
        "en": "The data cannot be read",
    },
    "preview.config_error": {"fr": "Erreur dans la configuration", "en": "Configuration error"},
    "preview.unexpected_error": {"fr": "Erreur inattendue", "en": "Unexpected error"},
    "os.no_space": {"fr": "plus de place sur le périphérique", "en": "No space left on device"},
    "os.quota": {"fr": "quota disque dépassé", "en": "Disk quota exceeded"},
    "os.permission_denied": {"fr": "permission refusée", "en": "Permission denied"},
    "os.not_permitted": {"fr": "opération non permise", "en": "Operation not permitted"},
    "os.read_only": {"fr": "système de fichiers en lecture seule", "en": "Read-only file system"},
    "os.no_such_file": {
        "fr": "fichier ou dossier introuvable",
        "en": "No such file or directory",
    },
    "os.is_a_directory": {"fr": "c'est un dossier", "en": "Is a directory"},
    "os.not_a_directory": {"fr": "ce n'est pas un dossier", "en": "Not a directory"},
    "os.file_exists": {"fr": "le fichier existe déjà", "en": "File exists"},
    "os.address_in_use": {"fr": "adresse déjà utilisée", "en": "Address already in use"},
    "build.folder_busy": {
        "fr": "écriture impossible dans {folder} : une autre construction de dossier y écrit "
        "(attente : {seconds} s)",
        "en": "cannot write to {folder}: another dossier build is writing into it (waited "
        "{seconds} s)",
    },
    "cli.cannot_listen": {
        "fr": "impossible d'écouter sur 127.0.0.1:{port} : {reason}",
        "en": "cannot listen on 127.0.0.1:{port}: {reason}",
    },
}


def french_spacing(text: str) -> str:
    """Put the no-break spaces French typography wants before « ; : ? ! » and inside guillemets."""
    for plain, fixed in (
        (" :", "\u00a0:"),
        (" ;", "\u202f;"),
        (" ?", "\u202f?"),
        (" !", "\u202f!"),
        ("« ", "«\u202f"),
        (" »", "\u202f»"),
    ):
        text = text.replace(plain, fixed)
    return text


def message(key: str, lang: str, /, **params: object) -> str:
    """The message ``key`` in ``lang`` ("fr" or "en"), filled in with ``params``.

    A parameter that is itself a :class:`Message` is told in ``lang`` too; a list or tuple of
    them is told item by item, separated by semicolons.
    """
    templates = MESSAGES.get(key) or LABELS.get(key) or TEXTS[key]
    values = {name: _in_language(value, lang) for name, value in params.items()}
    if lang == "fr":
        # Spacing is fixed in the template only, so values are printed exactly as given.
        return french_spacing(templates["fr"]).format(**values)
    return templates["en"].format(**values)


def _in_language(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        separator = "\u202f; " if lang == "fr" else "; "
        return separator.join(str(_in_language(item, lang)) for item in value)
    return value


class Message(str):
    """A message key and its parameters, told in French or English when it is shown.

    As a ``str`` it is the English text (what logs, tracebacks and tests read); :meth:`text`
    tells it in the user's language. Lists of notes and problems hold these, so the edge (the
    command line, the preview page) prints each in the language asked for.
    """

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, /, **params: object) -> Self:
        self = super().__new__(cls, message(key, "en", **params))
        self.key = key
        self.params = params
        return self

    def text(self, lang: str) -> str:
        return message(self.key, lang, **self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        # Notes travel back from worker processes: rebuilt from the key, not the English text.
        return (_rebuild_message, (self.key, self.params))


def _rebuild_message(key: str, params: dict[str, object]) -> Message:
    return Message(key, **params)


# Why the system refused a file or network operation, for the failures users meet: the English
# words are the C library's own.
_OS_REASONS = {
    errno.ENOSPC: "os.no_space",
    errno.EDQUOT: "os.quota",
    errno.EACCES: "os.permission_denied",
    errno.EPERM: "os.not_permitted",
    errno.EROFS: "os.read_only",
    errno.ENOENT: "os.no_such_file",
    errno.EISDIR: "os.is_a_directory",
    errno.ENOTDIR: "os.not_a_directory",
    errno.EEXIST: "os.file_exists",
    errno.EADDRINUSE: "os.address_in_use",
}


def os_reason(error: OSError) -> str:
    """Why ``error`` happened, as a :class:`Message` when it is a common reason, else the
    system's own words."""
    key = _OS_REASONS.get(error.errno or 0)
    return Message(key) if key else (error.strerror or str(error))


def in_language(text: str, lang: str) -> str:
    """``text`` told in ``lang`` when it is a :class:`Message`, as it is otherwise."""
    return text.text(lang) if isinstance(text, Message) else text


def texts_in_language(texts: Sequence[str], lang: str) -> list[str]:
    return [in_language(text, lang) for text in texts]


def label(key: str, lang: str) -> str:
    return LABELS[key][lang if lang in LANGUAGES else "en"]


def default_language() -> str:
    """French when the user's locale is French, English otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return "fr" if current.lower().startswith("fr") else "en"
