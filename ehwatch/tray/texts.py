"""Texts of the tray: menu, tooltip, notifications, tray back-end fallbacks, dialogs."""

TEXTS = {
    # -- menu -------------------------------------------------------------------------------------
    "tray.menu.keystore": {
        "fr": "{holder} — {state}",
        "nl": "{holder} — {state}",
        "en": "{holder} — {state}",
    },
    "tray.menu.acceptance": {
        "fr": "{holder} (test)",
        "nl": "{holder} (test)",
        "en": "{holder} (test)",
    },
    "tray.menu.renew": {"fr": "Renouveler…", "nl": "Vernieuwen…", "en": "Renew…"},
    "tray.menu.open_folder": {"fr": "Ouvrir le dossier", "nl": "Map openen", "en": "Open the folder"},
    "tray.menu.set_password": {
        "fr": "Enregistrer le mot de passe…",
        "nl": "Wachtwoord opslaan…",
        "en": "Set the password…",
    },
    "tray.menu.snooze": {
        "fr": "Me le rappeler demain",
        "nl": "Herinner me morgen",
        "en": "Remind me tomorrow",
    },
    "tray.menu.mute": {
        "fr": "Ne plus me le rappeler",
        "nl": "Hier niet meer aan herinneren",
        "en": "Do not remind me about this one",
    },
    "tray.menu.no_keystore": {
        "fr": "Aucun certificat trouvé pour l'instant",
        "nl": "Nog geen certificaat gevonden",
        "en": "No certificate found yet",
    },
    "tray.menu.show_status": {"fr": "Afficher l'état", "nl": "Status tonen", "en": "Show the status"},
    "tray.menu.check_now": {"fr": "Vérifier maintenant", "nl": "Nu controleren", "en": "Check now"},
    "tray.menu.check_mail": {
        "fr": "Relever le courrier maintenant",
        "nl": "Nu de e-mail controleren",
        "en": "Check mail now",
    },
    "tray.menu.pause_day": {
        "fr": "Suspendre les notifications pour un jour",
        "nl": "Meldingen een dag pauzeren",
        "en": "Pause notifications for a day",
    },
    "tray.menu.paused_until": {
        "fr": "Notifications suspendues jusqu'à {time}",
        "nl": "Meldingen gepauzeerd tot {time}",
        "en": "Notifications paused until {time}",
    },
    "tray.menu.autostart": {
        "fr": "Démarrer à l'ouverture de session",
        "nl": "Starten bij aanmelden",
        "en": "Start at login",
    },
    "tray.menu.settings": {"fr": "Paramètres…", "nl": "Instellingen…", "en": "Settings…"},
    "tray.menu.open_manager": {
        "fr": "Ouvrir le Certificate Manager d'eHealth",
        "nl": "De eHealth Certificate Manager openen",
        "en": "Open the eHealth Certificate Manager",
    },
    "tray.menu.about": {"fr": "À propos d'ehwatch", "nl": "Over ehwatch", "en": "About ehwatch"},
    "tray.menu.quit": {"fr": "Quitter", "nl": "Afsluiten", "en": "Quit"},
    # -- one certificate in words -----------------------------------------------------------------
    "tray.state.expires_in.one": {
        "fr": "expire demain",
        "nl": "vervalt morgen",
        "en": "expires tomorrow",
    },
    "tray.state.expires_in.many": {
        "fr": "expire dans {days} jours",
        "nl": "vervalt over {days} dagen",
        "en": "expires in {days} days",
    },
    "tray.state.expires_today": {
        "fr": "expire aujourd'hui",
        "nl": "vervalt vandaag",
        "en": "expires today",
    },
    "tray.state.expired_today": {
        "fr": "expiré aujourd'hui",
        "nl": "vandaag vervallen",
        "en": "expired today",
    },
    "tray.state.expired_since.one": {
        "fr": "expiré depuis 1 jour",
        "nl": "sinds 1 dag vervallen",
        "en": "expired 1 day ago",
    },
    "tray.state.expired_since.many": {
        "fr": "expiré depuis {days} jours",
        "nl": "sinds {days} dagen vervallen",
        "en": "expired {days} days ago",
    },
    "tray.state.estimated": {
        "fr": "{state} (estimation : mot de passe inconnu)",
        "nl": "{state} (schatting: wachtwoord onbekend)",
        "en": "{state} (estimate: password unknown)",
    },
    "tray.state.pending": {
        "fr": "renouvellement en attente",
        "nl": "vernieuwing loopt",
        "en": "renewal waiting",
    },
    "tray.state.wrong_password": {
        "fr": "le mot de passe enregistré ne convient plus",
        "nl": "het opgeslagen wachtwoord klopt niet meer",
        "en": "the stored password no longer works",
    },
    "tray.state.unreadable": {
        "fr": "fichier illisible",
        "nl": "bestand onleesbaar",
        "en": "file cannot be read",
    },
    "tray.state.locked": {
        "fr": "mot de passe inconnu",
        "nl": "wachtwoord onbekend",
        "en": "password unknown",
    },
    "tray.state.unknown": {
        "fr": "date d'expiration inconnue",
        "nl": "vervaldatum onbekend",
        "en": "expiry date unknown",
    },
    # -- tooltip ----------------------------------------------------------------------------------
    "tray.tooltip.nearest": {
        "fr": "ehwatch — {holder} : {state}",
        "nl": "ehwatch — {holder}: {state}",
        "en": "ehwatch — {holder}: {state}",
    },
    "tray.tooltip.no_date": {
        "fr": "ehwatch — {count} certificat(s), date d'expiration inconnue",
        "nl": "ehwatch — {count} certifica(a)t(en), vervaldatum onbekend",
        "en": "ehwatch — {count} certificate(s), expiry date unknown",
    },
    "tray.tooltip.nothing": {
        "fr": "ehwatch — aucun certificat trouvé pour l'instant",
        "nl": "ehwatch — nog geen certificaat gevonden",
        "en": "ehwatch — no certificate found yet",
    },
    "tray.tooltip.paused": {
        "fr": "Notifications suspendues",
        "nl": "Meldingen gepauzeerd",
        "en": "Notifications paused",
    },
    # -- notifications ----------------------------------------------------------------------------
    "tray.notify.renew": {"fr": "Renouveler", "nl": "Vernieuwen", "en": "Renew"},
    "tray.notify.open": {"fr": "Ouvrir", "nl": "Openen", "en": "Open"},
    "tray.notify.open_folder": {"fr": "Ouvrir le dossier", "nl": "Map openen", "en": "Open the folder"},
    "tray.notify.failed": {
        "fr": "ehwatch n'a pas pu afficher une notification : aucun service de notification ne répond. "
              "Consultez l'icône d'ehwatch ou lancez « ehwatch status ».",
        "nl": "ehwatch kon geen melding tonen: geen meldingsdienst antwoordt. "
              "Kijk naar het ehwatch-pictogram of start 'ehwatch status'.",
        "en": "ehwatch could not show a notification: no notification service answers. "
              "Look at the ehwatch icon or run 'ehwatch status'.",
    },
    # -- tray back-end fallbacks (shown by the daemon) --------------------------------------------
    "tray.backend.no_display": {
        "fr": "Aucune session graphique n'a été trouvée : ehwatch fonctionne sans icône. "
              "Utilisez « ehwatch status » pour voir vos certificats.",
        "nl": "Er werd geen grafische sessie gevonden: ehwatch werkt zonder pictogram. "
              "Gebruik 'ehwatch status' om uw certificaten te zien.",
        "en": "No graphical session was found: ehwatch runs without an icon. "
              "Use 'ehwatch status' to see your certificates.",
    },
    "tray.backend.gtk_missing": {
        "fr": "GTK 3 (PyGObject) n'est pas disponible : ehwatch essaie une autre façon d'afficher son icône. "
              "Installez le paquet gir1.2-gtk-3.0 pour avoir le menu complet.",
        "nl": "GTK 3 (PyGObject) is niet beschikbaar: ehwatch probeert zijn pictogram op een andere manier te tonen. "
              "Installeer het pakket gir1.2-gtk-3.0 voor het volledige menu.",
        "en": "GTK 3 (PyGObject) is not available: ehwatch tries another way to show its icon. "
              "Install the gir1.2-gtk-3.0 package for the full menu.",
    },
    "tray.backend.appindicator_missing": {
        "fr": "Ni GTK 3 ni AppIndicator ne sont disponibles pour le menu de l'icône.",
        "nl": "GTK 3 noch AppIndicator zijn beschikbaar voor het menu van het pictogram.",
        "en": "Neither GTK 3 nor AppIndicator is available for the icon's menu.",
    },
    "tray.backend.xorg_no_menu": {
        "fr": "ehwatch affiche son icône sans menu (mode X11 de base) : les clics n'ont pas d'effet. "
              "Les notifications et « ehwatch status » fonctionnent normalement.",
        "nl": "ehwatch toont zijn pictogram zonder menu (eenvoudige X11-modus): klikken doet niets. "
              "Meldingen en 'ehwatch status' werken gewoon.",
        "en": "ehwatch shows its icon without a menu (basic X11 mode): clicks do nothing. "
              "Notifications and 'ehwatch status' work as usual.",
    },
    "tray.backend.none": {
        "fr": "Aucune façon d'afficher une icône n'a été trouvée : ehwatch fonctionne sans icône, comme avec --no-tray.",
        "nl": "Er werd geen manier gevonden om een pictogram te tonen: ehwatch werkt zonder pictogram, zoals met --no-tray.",
        "en": "No way to show an icon was found: ehwatch runs without one, as with --no-tray.",
    },
    "tray.backend.failed": {
        "fr": "L'icône d'ehwatch n'a pas pu démarrer ({detail}) : ehwatch continue sans icône.",
        "nl": "Het ehwatch-pictogram kon niet starten ({detail}): ehwatch werkt verder zonder pictogram.",
        "en": "The ehwatch icon could not start ({detail}): ehwatch carries on without it.",
    },
    # -- dialogs ----------------------------------------------------------------------------------
    "tray.dialog.unavailable": {
        "fr": "ehwatch n'a pas pu ouvrir sa fenêtre ({detail}). Utilisez la commande ehwatch dans un terminal, "
              "ou consultez le journal.",
        "nl": "ehwatch kon zijn venster niet openen ({detail}). Gebruik het commando ehwatch in een terminal, "
              "of bekijk het logbestand.",
        "en": "ehwatch could not open its window ({detail}). Use the ehwatch command in a terminal, "
              "or look at the log file.",
    },
    "tray.dialog.ok": {"fr": "OK", "nl": "OK", "en": "OK"},
    "tray.dialog.cancel": {"fr": "Annuler", "nl": "Annuleren", "en": "Cancel"},
    "tray.dialog.required": {
        "fr": "* champ obligatoire",
        "nl": "* verplicht veld",
        "en": "* required field",
    },
    "tray.dialog.password.title": {
        "fr": "Mot de passe du keystore",
        "nl": "Wachtwoord van de keystore",
        "en": "Keystore password",
    },
    "tray.dialog.password.intro": {
        "fr": "Introduisez le mot de passe du keystore {name}, celui choisi lors de sa création ou de son "
              "dernier changement. Il sera gardé dans le coffre à mots de passe de votre ordinateur.",
        "nl": "Geef het wachtwoord van de keystore {name}, het wachtwoord gekozen bij de aanmaak of de laatste "
              "wijziging. Het wordt bewaard in de wachtwoordkluis van uw computer.",
        "en": "Enter the password of the keystore {name}, the one chosen when it was created or last changed. "
              "It will be kept in your computer's password safe.",
    },
    "tray.dialog.password.label": {"fr": "Mot de passe :", "nl": "Wachtwoord:", "en": "Password:"},
    "tray.dialog.pin.title": {
        "fr": "Code PIN de la carte d'identité",
        "nl": "Pincode van de identiteitskaart",
        "en": "Identity card PIN",
    },
    "tray.dialog.pin.intro": {
        "fr": "Laissez la carte eID dans le lecteur et introduisez son code PIN pour signer la demande.",
        "nl": "Laat de eID-kaart in de lezer en geef de pincode om de aanvraag te ondertekenen.",
        "en": "Keep the eID card in the reader and enter its PIN to sign the request.",
    },
    "tray.dialog.pin.holder": {
        "fr": "Carte de {holder}",
        "nl": "Kaart van {holder}",
        "en": "Card of {holder}",
    },
    "tray.dialog.pin.tries": {
        "fr": "Attention : encore {tries} essai(s) avant que la carte ne soit bloquée.",
        "nl": "Let op: nog {tries} poging(en) voordat de kaart geblokkeerd wordt.",
        "en": "Careful: {tries} attempt(s) left before the card is blocked.",
    },
    "tray.dialog.pin.label": {"fr": "Code PIN :", "nl": "Pincode:", "en": "PIN:"},
    "tray.dialog.pin.invalid": {
        "fr": "Le code PIN compte de 4 à 12 chiffres.",
        "nl": "De pincode telt 4 tot 12 cijfers.",
        "en": "The PIN has 4 to 12 digits.",
    },
    "tray.dialog.contact.title": {
        "fr": "Données de contact pour le certificat",
        "nl": "Contactgegevens voor het certificaat",
        "en": "Contact details for the certificate",
    },
    "tray.dialog.contact.intro": {
        "fr": "eHealth demande au moins une adresse e-mail et un numéro de téléphone personnels. "
              "Vérifiez-les et corrigez-les au besoin : les courriels de production arriveront à cette adresse.",
        "nl": "eHealth vraagt minstens een persoonlijk e-mailadres en telefoonnummer. "
              "Controleer ze en pas ze zo nodig aan: de productiemails komen op dit adres toe.",
        "en": "eHealth requires at least a personal e-mail address and phone number. "
              "Check them and correct them if needed: the production mails will arrive at this address.",
    },
    "tray.dialog.contact.email": {
        "fr": "E-mail (personnel) *",
        "nl": "E-mail (persoonlijk) *",
        "en": "E-mail (personal) *",
    },
    "tray.dialog.contact.phone": {
        "fr": "Téléphone (personnel) *",
        "nl": "Telefoon (persoonlijk) *",
        "en": "Phone (personal) *",
    },
    "tray.dialog.contact.general_email": {
        "fr": "E-mail (général)",
        "nl": "E-mail (algemeen)",
        "en": "E-mail (general)",
    },
    "tray.dialog.contact.general_phone": {
        "fr": "Téléphone (général)",
        "nl": "Telefoon (algemeen)",
        "en": "Phone (general)",
    },
    "tray.dialog.contact.bad_email": {
        "fr": "Cette adresse e-mail n'est pas valable : {value}",
        "nl": "Dit e-mailadres is niet geldig: {value}",
        "en": "This e-mail address is not valid: {value}",
    },
    "tray.dialog.contact.bad_phone": {
        "fr": "Ce numéro de téléphone n'est pas valable : {value}",
        "nl": "Dit telefoonnummer is niet geldig: {value}",
        "en": "This phone number is not valid: {value}",
    },
    "tray.dialog.contact.missing": {
        "fr": "L'e-mail et le téléphone personnels sont obligatoires.",
        "nl": "Het persoonlijke e-mailadres en telefoonnummer zijn verplicht.",
        "en": "The personal e-mail and phone are required.",
    },
    "tray.dialog.newpw.title": {
        "fr": "Mot de passe du nouveau keystore",
        "nl": "Wachtwoord van de nieuwe keystore",
        "en": "Password of the new keystore",
    },
    "tray.dialog.newpw.intro": {
        "fr": "Choisissez un mot de passe pour protéger votre nouveau keystore : au moins 8 caractères, dont un "
              "chiffre ou un symbole. Choisissez-en un différent pour chaque certificat et ne le confiez à personne.",
        "nl": "Kies een wachtwoord om uw nieuwe keystore te beschermen: minstens 8 tekens, waaronder een cijfer "
              "of een symbool. Kies er een ander voor elk certificaat en geef het aan niemand.",
        "en": "Choose a password to protect your new keystore: at least 8 characters, including a digit or a "
              "symbol. Use a different one for each certificate and never share it.",
    },
    "tray.dialog.newpw.first": {
        "fr": "Mot de passe du keystore *",
        "nl": "Wachtwoord van de keystore *",
        "en": "Keystore password *",
    },
    "tray.dialog.newpw.second": {
        "fr": "Confirmez le mot de passe *",
        "nl": "Bevestig het wachtwoord *",
        "en": "Confirm the password *",
    },
    "tray.dialog.newpw.check.length": {
        "fr": "Au moins 8 caractères",
        "nl": "Minstens 8 tekens",
        "en": "At least 8 characters",
    },
    "tray.dialog.newpw.check.chars": {
        "fr": "Caractères acceptés (pas d'espace au début ni à la fin, pas de caractère de contrôle)",
        "nl": "Aanvaarde tekens (geen spatie aan het begin of einde, geen stuurteken)",
        "en": "Accepted characters (no space at the start or end, no control character)",
    },
    "tray.dialog.newpw.check.digit_or_symbol": {
        "fr": "Un chiffre ou un symbole",
        "nl": "Een cijfer of een symbool",
        "en": "A digit or a symbol",
    },
    "tray.dialog.newpw.check.match": {
        "fr": "Les deux saisies sont identiques",
        "nl": "Beide invoeren zijn gelijk",
        "en": "Both entries are the same",
    },
    "tray.dialog.conditions.intro": {
        "en": "Read eHealth's conditions. They are signed with your eID together with the request.",
        "fr": "Lisez les conditions d'eHealth. Elles sont signées avec votre eID en même temps que la demande.",
        "nl": "Lees de voorwaarden van eHealth. Ze worden samen met de aanvraag met uw eID ondertekend.",
    },
    "tray.dialog.conditions.accept": {"en": "I accept", "fr": "J'accepte", "nl": "Ik aanvaard"},
    "tray.menu.handover": {"en": "✓ New keystore for {holder}", "fr": "✓ Nouveau keystore pour {holder}",
                           "nl": "✓ Nieuwe keystore voor {holder}"},
    "tray.menu.handover_seen": {"en": "Done, my software uses it", "fr": "C'est fait, mon logiciel l'utilise",
                                "nl": "Gedaan, mijn software gebruikt hem"},
    "tray.menu.change_password": {"en": "Change the password…", "fr": "Changer le mot de passe…",
                                  "nl": "Wachtwoord wijzigen…"},
    # issue 12: the Certificate Manager's other screens
    "tray.menu.request_new": {"en": "Request a new certificate…", "fr": "Demander un nouveau certificat…",
                              "nl": "Nieuw certificaat aanvragen…"},
    "tray.menu.new_certificate": {"en": "New certificate…", "fr": "Nouveau certificat…", "nl": "Nieuw certificaat…"},
    "tray.menu.revoke": {"en": "Revoke this certificate…", "fr": "Révoquer ce certificat…",
                         "nl": "Dit certificaat intrekken…"},
    "tray.state.revoked": {"en": "revoked", "fr": "révoqué", "nl": "ingetrokken"},

    # -- notifications about certificates (reminders.py): whose certificate, and what to do next ----
    "tray.remind.threshold.title": {
        "en": ("eHealth certificate of {holder}: {days} day left", "eHealth certificate of {holder}: {days} days left"),
        "fr": ("Certificat eHealth de {holder}\u00a0: encore {days} jour",
               "Certificat eHealth de {holder}\u00a0: encore {days} jours"),
        "nl": ("eHealth-certificaat van {holder}: nog {days} dag", "eHealth-certificaat van {holder}: nog {days} dagen"),
        "de": ("eHealth-Zertifikat von {holder}: noch {days} Tag", "eHealth-Zertifikat von {holder}: noch {days} Tage"),
    },
    "tray.remind.today.title": {
        "en": "eHealth certificate of {holder} expires today",
        "fr": "Le certificat eHealth de {holder} expire aujourd'hui",
        "nl": "Het eHealth-certificaat van {holder} verloopt vandaag",
        "de": "Das eHealth-Zertifikat von {holder} läuft heute ab",
    },
    "tray.remind.threshold.body": {
        "en": "It expires on {date}. Renew it now so that your software keeps working: click Renew "
              "(eID card and reader needed).",
        "fr": "Il expire le {date}. Renouvelez-le maintenant pour que vos logiciels continuent de fonctionner\u00a0: "
              "cliquez sur Renouveler (carte eID et lecteur nécessaires).",
        "nl": "Het verloopt op {date}. Vernieuw het nu zodat uw software blijft werken: klik op Vernieuwen "
              "(eID-kaart en kaartlezer nodig).",
        "de": "Es läuft am {date} ab. Erneuern Sie es jetzt, damit Ihre Software weiter funktioniert: Klicken Sie auf "
              "Erneuern (eID-Karte und Kartenleser erforderlich).",
    },
    "tray.remind.threshold.body_last": {
        "en": "It expires on {date}. Renew it today: click Renew (eID card and reader needed). Once expired it can "
              "no longer be renewed, only requested anew.",
        "fr": "Il expire le {date}. Renouvelez-le aujourd'hui\u00a0: cliquez sur Renouveler (carte eID et lecteur "
              "nécessaires). Une fois expiré, il ne peut plus être renouvelé, seulement redemandé.",
        "nl": "Het verloopt op {date}. Vernieuw het vandaag: klik op Vernieuwen (eID-kaart en kaartlezer nodig). "
              "Eenmaal verlopen kan het niet meer vernieuwd worden, alleen opnieuw aangevraagd.",
        "de": "Es läuft am {date} ab. Erneuern Sie es heute: Klicken Sie auf Erneuern (eID-Karte und Kartenleser "
              "erforderlich). Nach dem Ablauf kann es nicht mehr erneuert, nur neu beantragt werden.",
    },
    "tray.remind.expired.title": {
        "en": "The eHealth certificate of {holder} has expired",
        "fr": "Le certificat eHealth de {holder} a expiré",
        "nl": "Het eHealth-certificaat van {holder} is verlopen",
        "de": "Das eHealth-Zertifikat von {holder} ist abgelaufen",
    },
    "tray.remind.expired.body": {
        "en": "It expired on {date} ({file}) and can no longer be renewed: request a new one with "
              "\"New certificate…\" in the ehwatch menu (eID card and reader needed).",
        "fr": "Il a expiré le {date} ({file}) et ne peut plus être renouvelé\u00a0: demandez-en un nouveau avec "
              "«\u00a0Nouveau certificat…\u00a0» dans le menu d'ehwatch (carte eID et lecteur nécessaires).",
        "nl": "Het is verlopen op {date} ({file}) en kan niet meer vernieuwd worden: vraag een nieuw aan met "
              "'Nieuw certificaat…' in het ehwatch-menu (eID-kaart en kaartlezer nodig).",
        "de": "Es ist am {date} abgelaufen ({file}) und kann nicht mehr erneuert werden: Beantragen Sie ein neues "
              "über „Neues Zertifikat…“ im ehwatch-Menü (eID-Karte und Kartenleser erforderlich).",
    },
    "tray.remind.failure.title_holder": {
        "en": "eHealth certificate of {holder}: ehwatch needs you",
        "fr": "Certificat eHealth de {holder}\u00a0: ehwatch a besoin de vous",
        "nl": "eHealth-certificaat van {holder}: ehwatch heeft u nodig",
        "de": "eHealth-Zertifikat von {holder}: ehwatch braucht Sie",
    },
    "tray.remind.failure.title": {
        "en": "ehwatch needs you",
        "fr": "ehwatch a besoin de vous",
        "nl": "ehwatch heeft u nodig",
        "de": "ehwatch braucht Sie",
    },
    "tray.remind.next.password": {
        "en": "Next: ehwatch menu › {holder} › Set the password…",
        "fr": "À faire\u00a0: menu d'ehwatch › {holder} › Enregistrer le mot de passe…",
        "nl": "Volgende stap: ehwatch-menu › {holder} › Wachtwoord opslaan…",
        "de": "Nächster Schritt: ehwatch-Menü › {holder} › Passwort speichern…",
    },
    "tray.remind.next.file": {
        "en": "Next: ehwatch menu › {holder} › Open the folder, then check the file.",
        "fr": "À faire\u00a0: menu d'ehwatch › {holder} › Ouvrir le dossier, puis vérifiez le fichier.",
        "nl": "Volgende stap: ehwatch-menu › {holder} › Map openen, en controleer dan het bestand.",
        "de": "Nächster Schritt: ehwatch-Menü › {holder} › Ordner öffnen, dann prüfen Sie die Datei.",
    },
    "tray.remind.next.renewal": {
        "en": "Next: click Open, or ehwatch menu › {holder}.",
        "fr": "À faire\u00a0: cliquez sur Ouvrir, ou menu d'ehwatch › {holder}.",
        "nl": "Volgende stap: klik op Openen, of ehwatch-menu › {holder}.",
        "de": "Nächster Schritt: Klicken Sie auf Öffnen, oder ehwatch-Menü › {holder}.",
    },
    "tray.remind.next.mail": {
        "en": "Next: ehwatch menu › Settings… › Mailbox.",
        "fr": "À faire\u00a0: menu d'ehwatch › Paramètres… › Boîte mail.",
        "nl": "Volgende stap: ehwatch-menu › Instellingen… › Mailbox.",
        "de": "Nächster Schritt: ehwatch-Menü › Einstellungen… › Postfach.",
    },
    "tray.remind.next.folders": {
        "en": "Next: ehwatch menu › Settings… › Keystore folders.",
        "fr": "À faire\u00a0: menu d'ehwatch › Paramètres… › Dossiers des keystores.",
        "nl": "Volgende stap: ehwatch-menu › Instellingen… › Keystoremappen.",
        "de": "Nächster Schritt: ehwatch-Menü › Einstellungen… › Keystore-Ordner.",
    },
    "tray.remind.next.open": {
        "en": "Next: click Open to see what to do.",
        "fr": "À faire\u00a0: cliquez sur Ouvrir pour voir ce qu'il faut faire.",
        "nl": "Volgende stap: klik op Openen om te zien wat u moet doen.",
        "de": "Nächster Schritt: Klicken Sie auf Öffnen, um zu sehen, was zu tun ist.",
    },
    "tray.remind.summary.title": {
        "en": ("ehwatch: {count} matter needs your attention", "ehwatch: {count} matters need your attention"),
        "fr": ("ehwatch\u00a0: {count} point demande votre attention",
               "ehwatch\u00a0: {count} points demandent votre attention"),
        "nl": ("ehwatch: {count} punt vraagt uw aandacht", "ehwatch: {count} punten vragen uw aandacht"),
        "de": ("ehwatch: {count} Punkt erfordert Ihre Aufmerksamkeit",
               "ehwatch: {count} Punkte erfordern Ihre Aufmerksamkeit"),
    },
    "tray.remind.summary.next": {
        "en": "Click Open to deal with each one.",
        "fr": "Cliquez sur Ouvrir pour les traiter un par un.",
        "nl": "Klik op Openen om ze een voor een af te handelen.",
        "de": "Klicken Sie auf Öffnen, um sie einzeln zu erledigen.",
    },
    "tray.remind.item.expiring": {
        "en": ("• {holder} — {days} day left: renew", "• {holder} — {days} days left: renew"),
        "fr": ("• {holder} — encore {days} jour\u00a0: à renouveler", "• {holder} — encore {days} jours\u00a0: à renouveler"),
        "nl": ("• {holder} — nog {days} dag: vernieuwen", "• {holder} — nog {days} dagen: vernieuwen"),
        "de": ("• {holder} — noch {days} Tag: erneuern", "• {holder} — noch {days} Tage: erneuern"),
    },
    "tray.remind.item.today": {
        "en": "• {holder} — expires today: renew",
        "fr": "• {holder} — expire aujourd'hui\u00a0: à renouveler",
        "nl": "• {holder} — verloopt vandaag: vernieuwen",
        "de": "• {holder} — läuft heute ab: erneuern",
    },
    "tray.remind.item.expired": {
        "en": "• {holder} — expired on {date}: request a new one",
        "fr": "• {holder} — expiré le {date}\u00a0: à redemander",
        "nl": "• {holder} — verlopen op {date}: opnieuw aanvragen",
        "de": "• {holder} — abgelaufen am {date}: neu beantragen",
    },
    "tray.remind.item.problem": {
        "en": "• {holder} — {problem}",
        "fr": "• {holder} — {problem}",
        "nl": "• {holder} — {problem}",
        "de": "• {holder} — {problem}",
    },
    "tray.remind.item.problem_general": {
        "en": "• {problem}",
        "fr": "• {problem}",
        "nl": "• {problem}",
        "de": "• {problem}",
    },
}
