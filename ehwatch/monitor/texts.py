"""Texts of the keystore inventory: errors, statuses, what to do, folder problems, the status table."""

TEXTS = {
    # ---- errors of the codec
    "monitor.wrong_password": {
        "en": "This password does not open the keystore. Check it (it may have been changed in the eHealth "
              "Certificate Manager) and try again.",
        "fr": "Ce mot de passe n'ouvre pas le keystore. Vérifiez-le (il a peut-être été changé dans le "
              "Certificate Manager eHealth) et réessayez.",
        "nl": "Dit wachtwoord opent de keystore niet. Controleer het (het werd misschien gewijzigd in de eHealth "
              "Certificate Manager) en probeer opnieuw.",
    },
    "monitor.not_a_keystore": {
        "en": "This file is not a readable eHealth keystore (PKCS#12): it is damaged, incomplete or of another kind. "
              "Restore it from a backup.",
        "fr": "Ce fichier n'est pas un keystore eHealth lisible (PKCS#12) : il est endommagé, incomplet ou d'un autre "
              "type. Restaurez-le depuis une sauvegarde.",
        "nl": "Dit bestand is geen leesbare eHealth-keystore (PKCS#12): het is beschadigd, onvolledig of van een ander "
              "type. Zet het terug vanuit een back-up.",
    },
    "monitor.too_costly": {
        "en": "This keystore asks for {work} rounds of password hashing, more than any real keystore (ehwatch "
              "allows {limit} per file). It was not opened; restore it from a backup.",
        "fr": "Ce keystore exige {work} tours de hachage du mot de passe, plus qu'aucun keystore réel (ehwatch en "
              "admet {limit} par fichier). Il n'a pas été ouvert ; restaurez-le depuis une sauvegarde.",
        "nl": "Deze keystore vraagt {work} hashrondes voor het wachtwoord, meer dan eender welke echte keystore "
              "(ehwatch laat er {limit} per bestand toe). Hij werd niet geopend; zet hem terug vanuit een back-up.",
    },
    "monitor.password_not_ascii": {
        "en": "Choose a keystore password made of unaccented letters, digits and ordinary symbols only: "
              "the eHealth Java tools cannot open a keystore whose password has accents or special letters.",
        "fr": "Choisissez un mot de passe de keystore fait uniquement de lettres sans accents, de chiffres et de "
              "symboles courants : les outils Java d'eHealth ne peuvent pas ouvrir un keystore dont le mot de "
              "passe contient des accents ou des lettres spéciales.",
        "nl": "Kies een keystorewachtwoord met enkel letters zonder accenten, cijfers en gewone tekens: de "
              "Java-tools van eHealth kunnen geen keystore openen waarvan het wachtwoord accenten of speciale "
              "letters bevat.",
    },
    # ---- statuses (short words for the table)
    "monitor.status.valid": {"en": "valid", "fr": "valide", "nl": "geldig"},
    "monitor.status.expiring": {"en": "expiring soon", "fr": "expire bientôt", "nl": "verloopt binnenkort"},
    "monitor.status.expired": {"en": "expired", "fr": "expiré", "nl": "verlopen"},
    "monitor.status.pending": {"en": "request pending", "fr": "demande en cours", "nl": "aanvraag lopend"},
    "monitor.status.superseded": {"en": "replaced", "fr": "remplacé", "nl": "vervangen"},
    "monitor.status.revoked": {"en": "revoked", "fr": "révoqué", "nl": "ingetrokken"},
    "monitor.status.locked": {"en": "password needed", "fr": "mot de passe requis", "nl": "wachtwoord nodig"},
    "monitor.status.wrong-password": {"en": "wrong password", "fr": "mot de passe erroné",
                                      "nl": "verkeerd wachtwoord"},
    "monitor.status.unreadable": {"en": "unreadable", "fr": "illisible", "nl": "onleesbaar"},
    # ---- what to do, per status
    "monitor.todo.valid": {"en": "Nothing to do.", "fr": "Rien à faire.", "nl": "Niets te doen."},
    "monitor.todo.expiring": {
        "en": "Renew the certificate now (renewal is possible up to the last day).",
        "fr": "Renouvelez le certificat maintenant (c'est possible jusqu'au dernier jour).",
        "nl": "Vernieuw het certificaat nu (dat kan tot de laatste dag).",
    },
    # ---- what to do, while a renewal of the keystore is under way (issue 13: instead of "renew now")
    "monitor.renewal.waiting_request": {
        "en": "Renewal under way — waiting for eHealth (request {request}).",
        "fr": "Renouvellement en cours — en attente d'eHealth (demande {request}).",
        "nl": "Vernieuwing bezig — wacht op eHealth (aanvraag {request}).",
        "de": "Erneuerung läuft — wartet auf eHealth (Antrag {request}).",
    },
    "monitor.renewal.waiting": {
        "en": "Renewal under way — waiting for eHealth.",
        "fr": "Renouvellement en cours — en attente d'eHealth.",
        "nl": "Vernieuwing bezig — wacht op eHealth.",
        "de": "Erneuerung läuft — wartet auf eHealth.",
    },
    "monitor.renewal.completing": {
        "en": "Renewal under way — {step}.",
        "fr": "Renouvellement en cours — {step}.",
        "nl": "Vernieuwing bezig — {step}.",
        "de": "Erneuerung läuft — {step}.",
    },
    "monitor.renewal.stopped": {
        "en": "Renewal stopped ({state}): see ehwatch renewals.",
        "fr": "Renouvellement interrompu ({state})\u00a0: voyez ehwatch renewals.",
        "nl": "Vernieuwing onderbroken ({state}): zie ehwatch renewals.",
        "de": "Erneuerung unterbrochen ({state}): siehe ehwatch renewals.",
    },
    "monitor.renewal.use_this_file": {
        "en": "New keystore: use it in your medical software, then confirm with ehwatch renewals --acknowledge.",
        "fr": "Nouveau keystore\u00a0: utilisez-le dans votre logiciel médical, puis confirmez avec "
              "ehwatch renewals --acknowledge.",
        "nl": "Nieuwe keystore: gebruik hem in uw medische software en bevestig daarna met "
              "ehwatch renewals --acknowledge.",
        "de": "Neuer Keystore: Verwenden Sie ihn in Ihrer Praxissoftware und bestätigen Sie dann mit "
              "ehwatch renewals --acknowledge.",
    },
    "monitor.todo.expired": {
        "en": "An expired certificate cannot be renewed: request a new one with your eID.",
        "fr": "Un certificat expiré ne peut pas être renouvelé : demandez-en un nouveau avec votre eID.",
        "nl": "Een verlopen certificaat kan niet vernieuwd worden: vraag een nieuw aan met uw eID.",
    },
    "monitor.todo.pending": {
        "en": "Wait for the e-mail from eHealth, then complete the request.",
        "fr": "Attendez le courriel d'eHealth, puis complétez la demande.",
        "nl": "Wacht op de e-mail van eHealth en vervolledig dan de aanvraag.",
    },
    "monitor.todo.superseded": {
        "en": "Nothing: a newer keystore replaces it. You may archive this file.",
        "fr": "Rien : un keystore plus récent le remplace. Vous pouvez archiver ce fichier.",
        "nl": "Niets: een nieuwere keystore vervangt hem. U mag dit bestand archiveren.",
    },
    "monitor.todo.revoked": {
        "en": "Revoked: this certificate no longer works. Request a new one (ehwatch request) and archive this file.",
        "fr": "Révoqué : ce certificat ne fonctionne plus. Demandez-en un nouveau (ehwatch request) et archivez ce "
              "fichier.",
        "nl": "Ingetrokken: dit certificaat werkt niet meer. Vraag een nieuw aan (ehwatch request) en archiveer dit "
              "bestand.",
    },
    "monitor.todo.locked": {
        "en": "Give its password once: ehwatch password set \"{path}\"",
        "fr": "Donnez son mot de passe une fois : ehwatch password set \"{path}\"",
        "nl": "Geef eenmaal het wachtwoord: ehwatch password set \"{path}\"",
    },
    "monitor.todo.wrong-password": {
        "en": "The stored password no longer opens it: ehwatch password set \"{path}\"",
        "fr": "Le mot de passe enregistré ne l'ouvre plus : ehwatch password set \"{path}\"",
        "nl": "Het bewaarde wachtwoord opent hem niet meer: ehwatch password set \"{path}\"",
    },
    "monitor.todo.unreadable": {
        "en": "Restore this file from a backup, or remove it if it is not a keystore.",
        "fr": "Restaurez ce fichier depuis une sauvegarde, ou retirez-le si ce n'est pas un keystore.",
        "nl": "Zet dit bestand terug vanuit een back-up, of verwijder het als het geen keystore is.",
    },
    # ---- problems of one keystore (the "problem" sentence of --json)
    "monitor.problem.empty": {
        "en": "The file is empty (0 bytes): the keystore was not saved completely.",
        "fr": "Le fichier est vide (0 octet) : le keystore n'a pas été enregistré complètement.",
        "nl": "Het bestand is leeg (0 bytes): de keystore werd niet volledig opgeslagen.",
    },
    "monitor.problem.not_pkcs12": {
        "en": "The file is damaged, truncated or not a PKCS#12 keystore.",
        "fr": "Le fichier est endommagé, tronqué, ou n'est pas un keystore PKCS#12.",
        "nl": "Het bestand is beschadigd, afgekapt of geen PKCS#12-keystore.",
    },
    "monitor.problem.too_big": {
        "en": "The file is {size} bytes, far too big for a keystore (at most {limit}); ehwatch did not read it.",
        "fr": "Le fichier fait {size} octets, bien trop pour un keystore (au plus {limit}) ; ehwatch ne l'a pas lu.",
        "nl": "Het bestand is {size} bytes, veel te groot voor een keystore (hoogstens {limit}); ehwatch las het niet.",
    },
    "monitor.problem.not_a_file": {
        "en": "This is not an ordinary file (a pipe, a socket or a device named like a keystore); ehwatch did not "
              "open it.",
        "fr": "Ce n'est pas un fichier ordinaire (un tube, une socket ou un périphérique nommé comme un keystore) ; "
              "ehwatch ne l'a pas ouvert.",
        "nl": "Dit is geen gewoon bestand (een pipe, een socket of een apparaat met de naam van een keystore); "
              "ehwatch opende het niet.",
    },
    "monitor.problem.timeout": {
        "en": "Reading the file took more than {seconds} seconds (a network folder that does not answer?); "
              "ehwatch went on without it and will try again at the next check.",
        "fr": "La lecture du fichier a pris plus de {seconds} secondes (un dossier réseau qui ne répond pas ?) ; "
              "ehwatch a continué sans lui et réessaiera à la prochaine vérification.",
        "nl": "Het lezen van het bestand duurde langer dan {seconds} seconden (een netwerkmap die niet antwoordt?); "
              "ehwatch ging verder zonder en probeert opnieuw bij de volgende controle.",
    },
    "monitor.problem.too_costly": {
        "en": "This keystore asks for {work} rounds of password hashing, more than any real keystore "
              "(ehwatch allows {limit} per file); ehwatch did not open it.",
        "fr": "Ce keystore exige {work} tours de hachage du mot de passe, plus qu'aucun keystore réel "
              "(ehwatch en admet {limit} par fichier) ; ehwatch ne l'a pas ouvert.",
        "nl": "Deze keystore vraagt {work} hashrondes voor het wachtwoord, meer dan eender welke echte keystore "
              "(ehwatch laat er {limit} per bestand toe); ehwatch opende hem niet.",
    },
    "monitor.problem.not_yet_valid": {
        "en": "The certificate is not valid yet (it starts on {start}): check the computer's clock, or the file.",
        "fr": "Le certificat n'est pas encore valable (il commence le {start}) : vérifiez l'horloge de "
              "l'ordinateur, ou le fichier.",
        "nl": "Het certificaat is nog niet geldig (het begint op {start}): controleer de klok van de computer, "
              "of het bestand.",
    },
    "monitor.problem.key_mismatch": {
        "en": "The certificate in this keystore does not belong to its private key: the file cannot be used "
              "with eHealth. Restore it from a backup.",
        "fr": "Le certificat de ce keystore ne correspond pas à sa clé privée : le fichier est inutilisable avec "
              "eHealth. Restaurez-le depuis une sauvegarde.",
        "nl": "Het certificaat in deze keystore hoort niet bij de private sleutel: het bestand is onbruikbaar "
              "bij eHealth. Zet het terug vanuit een back-up.",
    },
    "monitor.problem.untrusted_chain": {
        "en": "The certificate is not signed by a certification authority the keystore holds: ehwatch does not "
              "take it for an eHealth certificate.",
        "fr": "Le certificat n'est pas signé par une autorité de certification présente dans le keystore : "
              "ehwatch ne le tient pas pour un certificat eHealth.",
        "nl": "Het certificaat is niet ondertekend door een certificeringsautoriteit uit de keystore: ehwatch "
              "beschouwt het niet als een eHealth-certificaat.",
    },
    "monitor.problem.cannot_open": {
        "en": "The file cannot be opened ({detail}). Check its permissions.",
        "fr": "Le fichier ne peut pas être ouvert ({detail}). Vérifiez ses droits d'accès.",
        "nl": "Het bestand kan niet geopend worden ({detail}). Controleer de toegangsrechten.",
    },
    "monitor.problem.no_password": {
        "en": "No password is stored for this keystore; the expiry is estimated from the file name.",
        "fr": "Aucun mot de passe n'est enregistré pour ce keystore ; l'expiration est estimée d'après le nom du fichier.",
        "nl": "Er is geen wachtwoord bewaard voor deze keystore; de vervaldatum is geschat op basis van de bestandsnaam.",
    },
    "monitor.problem.no_password_known": {
        "en": "No password is stored for this keystore; the dates shown are its certificate's, read when ehwatch "
              "last opened it.",
        "fr": "Aucun mot de passe n'est enregistré pour ce keystore\u00a0; les dates affichées sont celles de son "
              "certificat, lues quand ehwatch l'a ouvert la dernière fois.",
        "nl": "Er is geen wachtwoord bewaard voor deze keystore; de getoonde data zijn die van zijn certificaat, "
              "gelezen toen ehwatch hem de laatste keer opende.",
        "de": "Für diesen Keystore ist kein Passwort gespeichert; die angezeigten Daten sind die seines Zertifikats, "
              "gelesen, als ehwatch ihn zuletzt geöffnet hat.",
    },
    "monitor.problem.no_password_no_date": {
        "en": "No password is stored for this keystore, and its name holds no date: the expiry is unknown.",
        "fr": "Aucun mot de passe n'est enregistré pour ce keystore et son nom ne contient pas de date : "
              "l'expiration est inconnue.",
        "nl": "Er is geen wachtwoord bewaard voor deze keystore en de naam bevat geen datum: de vervaldatum is onbekend.",
    },
    "monitor.problem.keyring": {
        "en": "The password safe could not be read ({detail}); the expiry is estimated from the file name.",
        "fr": "Le coffre à mots de passe n'a pas pu être lu ({detail}) ; l'expiration est estimée d'après le nom "
              "du fichier.",
        "nl": "De wachtwoordkluis kon niet gelezen worden ({detail}); de vervaldatum is geschat op basis van de "
              "bestandsnaam.",
    },
    "monitor.problem.wrong_password": {
        "en": "The stored password no longer opens this keystore (was it changed in the Certificate Manager?).",
        "fr": "Le mot de passe enregistré n'ouvre plus ce keystore (a-t-il été changé dans le Certificate Manager ?).",
        "nl": "Het bewaarde wachtwoord opent deze keystore niet meer (werd het gewijzigd in de Certificate Manager?).",
    },
    "monitor.problem.no_authentication": {
        "en": "The keystore holds no 'authentication' certificate.",
        "fr": "Le keystore ne contient pas de certificat « authentication ».",
        "nl": "De keystore bevat geen certificaat 'authentication'.",
    },
    "monitor.problem.pending": {
        "en": "A certificate request is waiting for eHealth (the keystore still holds a placeholder).",
        "fr": "Une demande de certificat attend eHealth (le keystore contient encore un certificat provisoire).",
        "nl": "Een certificaataanvraag wacht op eHealth (de keystore bevat nog een voorlopig certificaat).",
    },
    "monitor.problem.revoked": {
        "en": "eHealth revoked this certificate and its ETK at your request.",
        "fr": "eHealth a révoqué ce certificat et son ETK à votre demande.",
        "nl": "eHealth heeft dit certificaat en zijn ETK op uw vraag ingetrokken.",
    },
    "monitor.problem.superseded_by": {
        "en": "Replaced by {newer}, valid until {until}.",
        "fr": "Remplacé par {newer}, valable jusqu'au {until}.",
        "nl": "Vervangen door {newer}, geldig tot {until}.",
    },
    # ---- problems of a folder or of an entry that is not a keystore
    "monitor.folder.missing": {
        "en": "The keystore folder {path} does not exist. Check the setting keystore_dirs or the --keystore-dir option.",
        "fr": "Le dossier de keystores {path} n'existe pas. Vérifiez le réglage keystore_dirs ou l'option --keystore-dir.",
        "nl": "De keystoremap {path} bestaat niet. Controleer de instelling keystore_dirs of de optie --keystore-dir.",
    },
    "monitor.folder.not_a_folder": {
        "en": "{path} is a file, not a folder. Give the folder that holds the keystores.",
        "fr": "{path} est un fichier, pas un dossier. Indiquez le dossier qui contient les keystores.",
        "nl": "{path} is een bestand, geen map. Geef de map die de keystores bevat.",
    },
    "monitor.folder.unreadable": {
        "en": "The keystore folder {path} cannot be read ({detail}). Check its permissions.",
        "fr": "Le dossier de keystores {path} ne peut pas être lu ({detail}). Vérifiez ses droits d'accès.",
        "nl": "De keystoremap {path} kan niet gelezen worden ({detail}). Controleer de toegangsrechten.",
    },
    "monitor.folder.directory_named_keystore": {
        "en": "{path} is a folder named like a keystore; ehwatch skipped it.",
        "fr": "{path} est un dossier nommé comme un keystore ; ehwatch l'a ignoré.",
        "nl": "{path} is een map met de naam van een keystore; ehwatch sloeg ze over.",
    },
    "monitor.folder.vanished": {
        "en": "{path} disappeared while it was being checked (moved or deleted); it will be checked next time.",
        "fr": "{path} a disparu pendant la vérification (déplacé ou supprimé) ; il sera vérifié la prochaine fois.",
        "nl": "{path} verdween tijdens de controle (verplaatst of verwijderd); het wordt de volgende keer gecontroleerd.",
    },
    "monitor.folder.bad_name": {
        "en": "The file {path} has a name that is not valid text (UTF-8); ehwatch skipped it. Rename it.",
        "fr": "Le fichier {path} a un nom qui n'est pas du texte valide (UTF-8) ; ehwatch l'a ignoré. Renommez-le.",
        "nl": "Het bestand {path} heeft een naam die geen geldige tekst (UTF-8) is; ehwatch sloeg het over. "
              "Hernoem het.",
    },
    # ---- the status table
    "monitor.table.holder": {"en": "Holder", "fr": "Titulaire", "nl": "Houder"},
    "monitor.table.identifier": {"en": "Identifier", "fr": "Identifiant", "nl": "Identificatie"},
    "monitor.table.environment": {"en": "Environment", "fr": "Environnement", "nl": "Omgeving"},
    "monitor.table.expiry": {"en": "Expires", "fr": "Expire le", "nl": "Verloopt op"},
    "monitor.table.days_left": {"en": "Days left", "fr": "Jours restants", "nl": "Dagen over"},
    "monitor.table.status": {"en": "State", "fr": "État", "nl": "Toestand"},
    "monitor.table.todo": {"en": "What to do", "fr": "Que faire", "nl": "Wat te doen"},
    "monitor.table.estimated": {"en": "{date} (estimate)", "fr": "{date} (estimation)", "nl": "{date} (schatting)"},
    "monitor.env.production": {"en": "production", "fr": "production", "nl": "productie"},
    "monitor.env.acceptance": {"en": "acceptance (test)", "fr": "acceptation (test)", "nl": "acceptatie (test)"},
    "monitor.table.none": {
        "en": "No keystore found in: {dirs}",
        "fr": "Aucun keystore trouvé dans : {dirs}",
        "nl": "Geen keystore gevonden in: {dirs}",
    },
    "monitor.table.file": {"en": "File: {path}", "fr": "Fichier : {path}", "nl": "Bestand: {path}"},
    # ---- ehwatch password
    "monitor.password.prompt": {
        "en": "Password of {name}: ",
        "fr": "Mot de passe de {name} : ",
        "nl": "Wachtwoord van {name}: ",
    },
    "monitor.password.stored": {
        "en": "The password opens {name}; it is now stored in the system's password safe.",
        "fr": "Le mot de passe ouvre {name} ; il est maintenant enregistré dans le coffre à mots de passe du système.",
        "nl": "Het wachtwoord opent {name}; het is nu bewaard in de wachtwoordkluis van het systeem.",
    },
    "monitor.password.rejected": {
        "en": "This password does not open {name}; nothing was stored. Check it and try again.",
        "fr": "Ce mot de passe n'ouvre pas {name} ; rien n'a été enregistré. Vérifiez-le et réessayez.",
        "nl": "Dit wachtwoord opent {name} niet; er werd niets bewaard. Controleer het en probeer opnieuw.",
    },
    "monitor.password.empty": {
        "en": "No password was given; nothing was stored.",
        "fr": "Aucun mot de passe n'a été donné ; rien n'a été enregistré.",
        "nl": "Er werd geen wachtwoord gegeven; er werd niets bewaard.",
    },
    "monitor.password.no_file": {
        "en": "The keystore {path} does not exist. Give the path of a .p12 file.",
        "fr": "Le keystore {path} n'existe pas. Indiquez le chemin d'un fichier .p12.",
        "nl": "De keystore {path} bestaat niet. Geef het pad van een .p12-bestand.",
    },
    "monitor.password.forgotten": {
        "en": "The password of {name} was removed from the password safe.",
        "fr": "Le mot de passe de {name} a été retiré du coffre à mots de passe.",
        "nl": "Het wachtwoord van {name} werd uit de wachtwoordkluis verwijderd.",
    },
    "monitor.password.none_stored": {
        "en": "No password was stored for {name}; nothing to remove.",
        "fr": "Aucun mot de passe n'était enregistré pour {name} ; rien à retirer.",
        "nl": "Er was geen wachtwoord bewaard voor {name}; niets te verwijderen.",
    },
}
