"""Every message the validator and loader print, in French and English, in one place."""

from __future__ import annotations

import locale
import os

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
    "legal_name_in_text": {
        "fr": "ce texte contient le nom légal d'une personne de la feuille des personnes : un "
        "dossier l'imprimerait. Écrivez son pseudonyme à la place.",
        "en": "this text holds the legal name of someone in the persons sheet: a dossier would "
        "print it. Write their pseudonym instead.",
    },
    "contact_in_text": {
        "fr": "ce texte contient un numéro de téléphone ou une adresse électronique : un dossier "
        "l'imprimerait. Retirez-le (les contacts vont dans la colonne contact de la feuille des "
        "personnes, que les dossiers n'impriment pas).",
        "en": "this text holds a phone number or an e-mail address: a dossier would print it. "
        "Remove it (contacts go in the contact column of the persons sheet, which dossiers never "
        "print).",
    },
    "weak_pseudonym_shares_name": {
        "fr": "ce pseudonyme reprend le prénom ou le nom légal : une personne qui connaît "
        "l'intéressé·e le reconnaîtrait. Choisissez un pseudonyme sans lien avec son nom.",
        "en": "this pseudonym repeats the legal first name or surname: someone who knows the "
        "person would recognise them. Choose a pseudonym unrelated to their name.",
    },
    "weak_pseudonym_same_initials": {
        "fr": "ce pseudonyme a les mêmes initiales que le nom légal : une personne qui connaît "
        "l'intéressé·e le reconnaîtrait. Choisissez un pseudonyme sans lien avec son nom.",
        "en": "this pseudonym has the legal name's initials: someone who knows the person would "
        "recognise them. Choose a pseudonym unrelated to their name.",
    },
    "observer_identifiable": {
        "fr": "un·e observateur·rice décrit·e par son âge ou sa nationalité se reconnaît dans une "
        "petite communauté : préférez « un·e bénévole » (laissez l'âge et la nationalité vides).",
        "en": "an observer described by age or nationality is recognisable in a small community: "
        'prefer "a volunteer" (leave age and nationality blank).',
    },
    "evidence_folder_link": {
        "fr": "{value} : le dossier des pièces ({folder}) est un lien symbolique ; aucune pièce "
        "n'est lue à travers un lien. Indiquez le dossier réel avec --evidence.",
        "en": "{value}: the evidence folder ({folder}) is a symbolic link; no exhibit is read "
        "through a link. Give the real folder with --evidence.",
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


def message(key: str, lang: str, **params: object) -> str:
    """The message ``key`` in ``lang`` ("fr" or "en"), filled in with ``params``."""
    templates = MESSAGES.get(key) or LABELS[key]
    if lang == "fr":
        # Spacing is fixed in the template only, so values are printed exactly as given.
        return french_spacing(templates["fr"]).format(**params)
    return templates["en"].format(**params)


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
