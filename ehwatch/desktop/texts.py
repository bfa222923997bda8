"""Texts of start at login."""

TEXTS = {
    "autostart.enabled": {
        "en": "ehwatch will now start at every login ({where}).",
        "fr": "ehwatch démarrera désormais à chaque ouverture de session ({where}).",
        "nl": "ehwatch start voortaan bij elke aanmelding ({where}).",
    },
    "autostart.disabled": {
        "en": "ehwatch will no longer start at login ({where} removed).",
        "fr": "ehwatch ne démarrera plus à l'ouverture de session ({where} supprimé).",
        "nl": "ehwatch start niet meer bij het aanmelden ({where} verwijderd).",
    },
    "autostart.was_off": {
        "en": "ehwatch was not set to start at login; nothing to do.",
        "fr": "ehwatch n'était pas configuré pour démarrer à l'ouverture de session ; rien à faire.",
        "nl": "ehwatch was niet ingesteld om bij het aanmelden te starten; niets te doen.",
    },
    "autostart.status_on": {
        "en": "ehwatch starts at login ({where}) with: {command}",
        "fr": "ehwatch démarre à l'ouverture de session ({where}) avec : {command}",
        "nl": "ehwatch start bij het aanmelden ({where}) met: {command}",
    },
    "autostart.status_off": {
        "en": "ehwatch does not start at login. To change that: ehwatch autostart enable",
        "fr": "ehwatch ne démarre pas à l'ouverture de session. Pour changer cela : ehwatch autostart enable",
        "nl": "ehwatch start niet bij het aanmelden. Om dat te veranderen: ehwatch autostart enable",
    },
    "autostart.failed": {
        "en": "Start at login could not be changed ({where}: {detail}). Check that your user folder is writable.",
        "fr": "Le démarrage à l'ouverture de session n'a pas pu être modifié ({where} : {detail}). Vérifiez que "
              "votre dossier personnel est accessible en écriture.",
        "nl": "Starten bij het aanmelden kon niet gewijzigd worden ({where}: {detail}). Controleer of uw "
              "gebruikersmap schrijfbaar is.",
    },
}
