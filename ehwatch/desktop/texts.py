"""Texts of start at login."""

TEXTS = {
    "autostart.enabled": {
        "en": "ehwatch will now start at every login ({where}).",
        "fr": "ehwatch démarrera désormais à chaque ouverture de session ({where}).",
        "nl": "ehwatch start voortaan bij elke aanmelding ({where}).",
        "de": "ehwatch startet nun bei jeder Anmeldung ({where}).",
    },
    "autostart.disabled": {
        "en": "ehwatch will no longer start at login ({where} removed).",
        "fr": "ehwatch ne démarrera plus à l'ouverture de session ({where} supprimé).",
        "nl": "ehwatch start niet meer bij het aanmelden ({where} verwijderd).",
        "de": "ehwatch startet nicht mehr bei der Anmeldung ({where} entfernt).",
    },
    "autostart.was_off": {
        "en": "ehwatch was not set to start at login; nothing to do.",
        "fr": "ehwatch n'était pas configuré pour démarrer à l'ouverture de session\u00a0; rien à faire.",
        "nl": "ehwatch was niet ingesteld om bij het aanmelden te starten; niets te doen.",
        "de": "ehwatch war nicht für den Start bei der Anmeldung eingerichtet; nichts zu tun.",
    },
    "autostart.status_on": {
        "en": "ehwatch starts at login ({where}) with: {command}",
        "fr": "ehwatch démarre à l'ouverture de session ({where}) avec\u00a0: {command}",
        "nl": "ehwatch start bij het aanmelden ({where}) met: {command}",
        "de": "ehwatch startet bei der Anmeldung ({where}) mit: {command}",
    },
    "autostart.status_off": {
        "en": "ehwatch does not start at login. To change that: ehwatch autostart enable",
        "fr": "ehwatch ne démarre pas à l'ouverture de session. Pour changer cela\u00a0: ehwatch autostart enable",
        "nl": "ehwatch start niet bij het aanmelden. Om dat te veranderen: ehwatch autostart enable",
        "de": "ehwatch startet nicht bei der Anmeldung. Um das zu ändern: ehwatch autostart enable",
    },
    "autostart.failed": {
        "en": "Start at login could not be changed ({where}: {detail}). Check that your user folder is writable.",
        "fr": "Le démarrage à l'ouverture de session n'a pas pu être modifié ({where}\u00a0: {detail}). Vérifiez que "
              "votre dossier personnel est accessible en écriture.",
        "nl": "Starten bij het aanmelden kon niet gewijzigd worden ({where}: {detail}). Controleer of uw "
              "gebruikersmap schrijfbaar is.",
        "de": "Der Start bei der Anmeldung konnte nicht geändert werden ({where}: {detail}). Prüfen Sie, ob Ihr Benutzerordner beschreibbar ist.",
    },
    # --- the ehwatch command in ~/.local/bin ---------------------------------------------------------
    "launcher.not_ours": {
        "en": "{path} already exists and was not written by ehwatch: it is left as it is. Remove or rename it, then try again.",
        "fr": "{path} existe déjà et n'a pas été écrit par ehwatch\u00a0: il est laissé tel quel. Supprimez-le ou renommez-le, puis réessayez.",
        "nl": "{path} bestaat al en werd niet door ehwatch geschreven: het blijft zoals het is. Verwijder of hernoem het en probeer opnieuw.",
        "de": "{path} existiert bereits und wurde nicht von ehwatch geschrieben: es bleibt unverändert. Entfernen oder benennen Sie es um und versuchen Sie es erneut.",
    },
    "launcher.failed": {
        "en": "The ehwatch command could not be written ({path}: {detail}).",
        "fr": "La commande ehwatch n'a pas pu être écrite ({path}\u00a0: {detail}).",
        "nl": "De opdracht ehwatch kon niet geschreven worden ({path}: {detail}).",
        "de": "Der Befehl ehwatch konnte nicht geschrieben werden ({path}: {detail}).",
    },
    "launcher.installed": {
        "en": "The ehwatch command is installed: {path} (it starts {python}).",
        "fr": "La commande ehwatch est installée\u00a0: {path} (elle lance {python}).",
        "nl": "De opdracht ehwatch is geïnstalleerd: {path} (ze start {python}).",
        "de": "Der Befehl ehwatch ist installiert: {path} (er startet {python}).",
    },
    "launcher.not_on_path": {
        "en": "{folder} is not on your PATH yet: open a new terminal (Debian and Ubuntu add it at login), or add this line to ~/.profile: export PATH=\"$HOME/.local/bin:$PATH\"",
        "fr": "{folder} n'est pas encore dans votre PATH\u00a0: ouvrez un nouveau terminal (Debian et Ubuntu l'ajoutent à l'ouverture de session), ou ajoutez cette ligne à ~/.profile\u00a0: export PATH=\"$HOME/.local/bin:$PATH\"",
        "nl": "{folder} staat nog niet in uw PATH: open een nieuwe terminal (Debian en Ubuntu voegen het toe bij het aanmelden), of voeg deze regel toe aan ~/.profile: export PATH=\"$HOME/.local/bin:$PATH\"",
        "de": "{folder} ist noch nicht in Ihrem PATH: öffnen Sie ein neues Terminal (Debian und Ubuntu fügen es bei der Anmeldung hinzu) oder fügen Sie diese Zeile zu ~/.profile hinzu: export PATH=\"$HOME/.local/bin:$PATH\"",
    },
}
