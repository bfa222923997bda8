"""Texts of the core: configuration, keyring, state store, generic CLI messages."""

TEXTS = {
    "config.error": {
        "en": "The configuration file {file} cannot be used (line {line}, key {setting}): {problem}.",
        "fr": "Le fichier de configuration {file} est inutilisable (ligne {line}, clé {setting}) : {problem}.",
        "nl": "Het configuratiebestand {file} is onbruikbaar (regel {line}, sleutel {setting}): {problem}.",
    },
    "config.problem.unknown_key": {
        "en": "this key is unknown (check its spelling)",
        "fr": "cette clé est inconnue (vérifiez l'orthographe)",
        "nl": "deze sleutel is onbekend (controleer de spelling)",
    },
    "config.problem.syntax": {
        "en": "this is not valid TOML ({detail})",
        "fr": "ce n'est pas du TOML valide ({detail})",
        "nl": "dit is geen geldige TOML ({detail})",
    },
    "config.problem.unreadable": {
        "en": "the file cannot be read ({detail})",
        "fr": "le fichier ne peut pas être lu ({detail})",
        "nl": "het bestand kan niet gelezen worden ({detail})",
    },
    "config.problem.not_utf8": {
        "en": "the file is not UTF-8 text",
        "fr": "le fichier n'est pas du texte UTF-8",
        "nl": "het bestand is geen UTF-8-tekst",
    },
    "config.problem.bool": {
        "en": "expected true or false",
        "fr": "valeur attendue : true ou false",
        "nl": "verwachte waarde: true of false",
    },
    "config.problem.int": {
        "en": "expected a whole number",
        "fr": "un nombre entier est attendu",
        "nl": "een geheel getal wordt verwacht",
    },
    "config.problem.min": {
        "en": "must be at least {limit}",
        "fr": "doit valoir au moins {limit}",
        "nl": "moet minstens {limit} zijn",
    },
    "config.problem.max": {
        "en": "must be at most {limit}",
        "fr": "doit valoir au plus {limit}",
        "nl": "mag hoogstens {limit} zijn",
    },
    "config.problem.str": {
        "en": "expected text in quotes",
        "fr": "un texte entre guillemets est attendu",
        "nl": "tekst tussen aanhalingstekens wordt verwacht",
    },
    "config.problem.choices": {
        "en": "must be one of {choices}",
        "fr": "doit être l'une des valeurs {choices}",
        "nl": "moet een van {choices} zijn",
    },
    "config.problem.list": {
        "en": "expected a list, e.g. [\"…\"]",
        "fr": "une liste est attendue, par ex. [\"…\"]",
        "nl": "een lijst wordt verwacht, bv. [\"…\"]",
    },
    "config.problem.list_int": {
        "en": "expected a list of whole numbers",
        "fr": "une liste de nombres entiers est attendue",
        "nl": "een lijst van gehele getallen wordt verwacht",
    },
    "config.problem.list_str": {
        "en": "expected a list of texts in quotes",
        "fr": "une liste de textes entre guillemets est attendue",
        "nl": "een lijst van teksten tussen aanhalingstekens wordt verwacht",
    },
    "config.problem.table": {
        "en": "expected a [{name}] section",
        "fr": "une section [{name}] est attendue",
        "nl": "een sectie [{name}] wordt verwacht",
    },
    "config.path.none": {
        "en": "(no file yet: ehwatch uses its defaults)",
        "fr": "(pas encore de fichier : ehwatch utilise ses valeurs par défaut)",
        "nl": "(nog geen bestand: ehwatch gebruikt zijn standaardwaarden)",
    },
    "keyring.unavailable": {
        "en": "No password safe (keyring) is available on this computer, so ehwatch cannot store the password. "
              "On Linux, install and unlock GNOME Keyring or KWallet, then try again.",
        "fr": "Aucun coffre à mots de passe (trousseau) n'est disponible sur cet ordinateur : ehwatch ne peut pas "
              "enregistrer le mot de passe. Sous Linux, installez et déverrouillez GNOME Keyring ou KWallet, puis réessayez.",
        "nl": "Er is geen wachtwoordkluis (sleutelhanger) beschikbaar op deze computer, dus ehwatch kan het wachtwoord "
              "niet bewaren. Installeer en ontgrendel onder Linux GNOME Keyring of KWallet en probeer opnieuw.",
    },
    "keyring.failed": {
        "en": "The password safe (keyring) refused the operation: {detail}. Unlock it and try again.",
        "fr": "Le coffre à mots de passe (trousseau) a refusé l'opération : {detail}. Déverrouillez-le et réessayez.",
        "nl": "De wachtwoordkluis (sleutelhanger) weigerde de bewerking: {detail}. Ontgrendel ze en probeer opnieuw.",
    },
    "store.unavailable": {
        "en": "ehwatch cannot open its state file {file} ({detail}). Check that the folder is writable.",
        "fr": "ehwatch ne peut pas ouvrir son fichier d'état {file} ({detail}). Vérifiez que le dossier est accessible en écriture.",
        "nl": "ehwatch kan zijn statusbestand {file} niet openen ({detail}). Controleer of de map schrijfbaar is.",
    },
    "cli.interrupted": {
        "en": "Stopped at your request; nothing was changed.",
        "fr": "Arrêté à votre demande ; rien n'a été modifié.",
        "nl": "Gestopt op uw verzoek; er werd niets gewijzigd.",
    },
    "cli.unexpected": {
        "en": "Something unexpected went wrong ({detail}). Nothing was changed. Details are in the log file {log}.",
        "fr": "Un problème inattendu est survenu ({detail}). Rien n'a été modifié. Les détails sont dans le journal {log}.",
        "nl": "Er ging onverwacht iets mis ({detail}). Er werd niets gewijzigd. Details staan in het logbestand {log}.",
    },
}
