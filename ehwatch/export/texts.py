"""Texts of export/: the calendar's events and alarms, and what goes wrong writing metrics or calendars."""

TEXTS = {
    "export.calendar.name": {
        "en": "eHealth certificates",
        "fr": "Certificats eHealth",
        "nl": "eHealth-certificaten",
    },
    "export.calendar.summary": {
        "en": "eHealth certificate of {holder} expires",
        "fr": "Expiration du certificat eHealth de {holder}",
        "nl": "eHealth-certificaat van {holder} vervalt",
    },
    "export.calendar.description": {
        "en": "The eHealth certificate {identifier} expires on {date} at {time}.\nKeystore: {file}\n"
              "Renew it before then: ehwatch (tray icon, Renew) or `ehwatch renew`.",
        "fr": "Le certificat eHealth {identifier} expire le {date} à {time}.\nKeystore : {file}\n"
              "Renouvelez-le avant : ehwatch (icône, Renouveler) ou `ehwatch renew`.",
        "nl": "Het eHealth-certificaat {identifier} vervalt op {date} om {time}.\nKeystore: {file}\n"
              "Vernieuw het vóór die datum: ehwatch (pictogram, Vernieuwen) of `ehwatch renew`.",
    },
    "export.calendar.alarm": {
        "en": "The eHealth certificate of {holder} expires in {days} day(s): renew it with ehwatch.",
        "fr": "Le certificat eHealth de {holder} expire dans {days} jour(s) : renouvelez-le avec ehwatch.",
        "nl": "Het eHealth-certificaat van {holder} vervalt over {days} dag(en): vernieuw het met ehwatch.",
    },
    "export.calendar.alarm_today": {
        "en": "The eHealth certificate of {holder} expires today.",
        "fr": "Le certificat eHealth de {holder} expire aujourd'hui.",
        "nl": "Het eHealth-certificaat van {holder} vervalt vandaag.",
    },
    "export.calendar.written": {
        "en": "Calendar written: {file} ({count} expiry date(s)).",
        "fr": "Calendrier écrit : {file} ({count} date(s) d'expiration).",
        "nl": "Kalender geschreven: {file} ({count} vervaldatum/-data).",
    },
    "export.output_is_keystore": {
        "en": "{file} looks like a keystore: ehwatch never writes over a keystore. Choose a .ics file.",
        "fr": "{file} ressemble à un keystore : ehwatch n'écrit jamais par-dessus un keystore. Choisissez un fichier .ics.",
        "nl": "{file} lijkt op een keystore: ehwatch schrijft nooit over een keystore. Kies een .ics-bestand.",
    },
    "export.output_not_calendar": {
        "en": "{file} already exists and is not a calendar file: ehwatch only replaces calendar files. "
              "Choose another name or remove it first.",
        "fr": "{file} existe déjà et n'est pas un fichier de calendrier : ehwatch ne remplace que des "
              "fichiers de calendrier. Choisissez un autre nom ou supprimez-le d'abord.",
        "nl": "{file} bestaat al en is geen kalenderbestand: ehwatch vervangt alleen kalenderbestanden. "
              "Kies een andere naam of verwijder het eerst.",
    },
    "export.folder_missing": {
        "en": "The folder {folder} does not exist: create it (or correct [{section}] in the configuration).",
        "fr": "Le dossier {folder} n'existe pas : créez-le (ou corrigez [{section}] dans la configuration).",
        "nl": "De map {folder} bestaat niet: maak ze aan (of verbeter [{section}] in de configuratie).",
    },
    "export.write_failed": {
        "en": "ehwatch cannot write {file}: {detail}.",
        "fr": "ehwatch ne peut pas écrire {file} : {detail}.",
        "nl": "ehwatch kan {file} niet schrijven: {detail}.",
    },
    "export.listen_failed": {
        "en": "The metrics cannot be served at {address}: {detail}. Choose another port in [metrics] listen.",
        "fr": "Les métriques ne peuvent pas être servies sur {address} : {detail}. Choisissez un autre port "
              "dans [metrics] listen.",
        "nl": "De metrieken kunnen niet aangeboden worden op {address}: {detail}. Kies een andere poort in "
              "[metrics] listen.",
    },
}
