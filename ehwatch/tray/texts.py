"""Texts of the tray: menu, tooltip, notifications, status window, settings, tray back-end fallbacks, dialogs."""

TEXTS = {
    "tray.menu.keystore": {
        "en": "{holder} — {state}",
        "fr": "{holder} — {state}",
        "nl": "{holder} — {state}",
        "de": "{holder} — {state}",
    },
    "tray.menu.acceptance": {
        "en": "{holder} (test)",
        "fr": "{holder} (test)",
        "nl": "{holder} (test)",
        "de": "{holder} (Test)",
    },
    "tray.menu.renew": {
        "en": "Renew…",
        "fr": "Renouveler…",
        "nl": "Vernieuwen…",
        "de": "Erneuern…",
    },
    "tray.menu.open_folder": {
        "en": "Open the folder",
        "fr": "Ouvrir le dossier",
        "nl": "Map openen",
        "de": "Ordner öffnen",
    },
    "tray.menu.set_password": {
        "en": "Set the password…",
        "fr": "Enregistrer le mot de passe…",
        "nl": "Wachtwoord opslaan…",
        "de": "Passwort speichern…",
    },
    "tray.menu.snooze": {
        "en": "Remind me tomorrow",
        "fr": "Me le rappeler demain",
        "nl": "Herinner mij morgen",
        "de": "Morgen erneut erinnern",
    },
    "tray.menu.mute": {
        "en": "Do not remind me about this one",
        "fr": "Ne plus me le rappeler",
        "nl": "Mij er niet meer aan herinneren",
        "de": "Nicht mehr daran erinnern",
    },
    "tray.menu.no_keystore": {
        "en": "No certificate found yet",
        "fr": "Aucun certificat trouvé pour l'instant",
        "nl": "Nog geen certificaat gevonden",
        "de": "Noch kein Zertifikat gefunden",
    },
    "tray.menu.show_status": {
        "en": "Show the status",
        "fr": "Afficher l'état",
        "nl": "Status tonen",
        "de": "Status anzeigen",
    },
    "tray.menu.check_now": {
        "en": "Check now",
        "fr": "Vérifier maintenant",
        "nl": "Nu controleren",
        "de": "Jetzt prüfen",
    },
    "tray.menu.check_mail": {
        "en": "Check mail now",
        "fr": "Relever le courrier maintenant",
        "nl": "Nu de e-mail controleren",
        "de": "Jetzt E-Mails abrufen",
    },
    "tray.menu.pause_day": {
        "en": "Pause notifications for a day",
        "fr": "Suspendre les notifications pour un jour",
        "nl": "Meldingen een dag pauzeren",
        "de": "Benachrichtigungen einen Tag pausieren",
    },
    "tray.menu.paused_until": {
        "en": "Notifications paused until {time}",
        "fr": "Notifications suspendues jusqu'à {time}",
        "nl": "Meldingen gepauzeerd tot {time}",
        "de": "Benachrichtigungen pausiert bis {time}",
    },
    "tray.menu.autostart": {
        "en": "Start at login",
        "fr": "Démarrer à l'ouverture de session",
        "nl": "Starten bij aanmelden",
        "de": "Bei der Anmeldung starten",
    },
    "tray.menu.settings": {
        "en": "Settings…",
        "fr": "Paramètres…",
        "nl": "Instellingen…",
        "de": "Einstellungen…",
    },
    "tray.menu.open_manager": {
        "en": "Open the eHealth Certificate Manager",
        "fr": "Ouvrir le Certificate Manager d'eHealth",
        "nl": "De eHealth Certificate Manager openen",
        "de": "eHealth Certificate Manager öffnen",
    },
    "tray.menu.about": {
        "en": "About ehwatch",
        "fr": "À propos d'ehwatch",
        "nl": "Over ehwatch",
        "de": "Über ehwatch",
    },
    "tray.menu.quit": {
        "en": "Quit",
        "fr": "Quitter",
        "nl": "Afsluiten",
        "de": "Beenden",
    },
    "tray.state.expires_tomorrow": {
        "en": "expires tomorrow",
        "fr": "expire demain",
        "nl": "verloopt morgen",
        "de": "läuft morgen ab",
    },
    "tray.state.expires_in": {
        "en": ("expires in {days} day", "expires in {days} days"),
        "fr": ("expire dans {days} jour", "expire dans {days} jours"),
        "nl": ("verloopt over {days} dag", "verloopt over {days} dagen"),
        "de": ("läuft in {days} Tag ab", "läuft in {days} Tagen ab"),
    },
    "tray.state.expires_today": {
        "en": "expires today",
        "fr": "expire aujourd'hui",
        "nl": "verloopt vandaag",
        "de": "läuft heute ab",
    },
    "tray.state.expired_today": {
        "en": "expired today",
        "fr": "expiré aujourd'hui",
        "nl": "vandaag verlopen",
        "de": "heute abgelaufen",
    },
    "tray.state.expired_since": {
        "en": ("expired {days} day ago", "expired {days} days ago"),
        "fr": ("expiré depuis {days} jour", "expiré depuis {days} jours"),
        "nl": ("{days} dag geleden verlopen", "{days} dagen geleden verlopen"),
        "de": ("seit {days} Tag abgelaufen", "seit {days} Tagen abgelaufen"),
    },
    "tray.state.estimated": {
        "en": "{state} (estimate: password unknown)",
        "fr": "{state} (estimation\u00a0: mot de passe inconnu)",
        "nl": "{state} (schatting: wachtwoord onbekend)",
        "de": "{state} (geschätzt: Passwort unbekannt)",
    },
    "tray.state.pending": {
        "en": "request pending",
        "fr": "demande en attente",
        "nl": "aanvraag loopt",
        "de": "Antrag in Bearbeitung",
    },
    "tray.state.wrong_password": {
        "en": "the stored password no longer works",
        "fr": "le mot de passe enregistré ne convient plus",
        "nl": "het opgeslagen wachtwoord klopt niet meer",
        "de": "gespeichertes Passwort passt nicht mehr",
    },
    "tray.state.unreadable": {
        "en": "file cannot be read",
        "fr": "fichier illisible",
        "nl": "bestand onleesbaar",
        "de": "Datei nicht lesbar",
    },
    "tray.state.locked": {
        "en": "password unknown",
        "fr": "mot de passe inconnu",
        "nl": "wachtwoord onbekend",
        "de": "Passwort unbekannt",
    },
    "tray.state.unknown": {
        "en": "expiry date unknown",
        "fr": "date d'expiration inconnue",
        "nl": "verloopdatum onbekend",
        "de": "Ablaufdatum unbekannt",
    },
    "tray.tooltip.nearest": {
        "en": "ehwatch — {holder}: {state}",
        "fr": "ehwatch — {holder}\u00a0: {state}",
        "nl": "ehwatch — {holder}: {state}",
        "de": "ehwatch — {holder}: {state}",
    },
    "tray.tooltip.no_date": {
        "en": ("ehwatch — {count} certificate, expiry date unknown",
               "ehwatch — {count} certificates, expiry date unknown"),
        "fr": ("ehwatch — {count} certificat, date d'expiration inconnue",
               "ehwatch — {count} certificats, date d'expiration inconnue"),
        "nl": ("ehwatch — {count} certificaat, verloopdatum onbekend",
               "ehwatch — {count} certificaten, verloopdatum onbekend"),
        "de": ("ehwatch — {count} Zertifikat, Ablaufdatum unbekannt",
               "ehwatch — {count} Zertifikate, Ablaufdatum unbekannt"),
    },
    "tray.tooltip.nothing": {
        "en": "ehwatch — no certificate found yet",
        "fr": "ehwatch — aucun certificat trouvé pour l'instant",
        "nl": "ehwatch — nog geen certificaat gevonden",
        "de": "ehwatch — noch kein Zertifikat gefunden",
    },
    "tray.tooltip.paused": {
        "en": "Notifications paused",
        "fr": "Notifications suspendues",
        "nl": "Meldingen gepauzeerd",
        "de": "Benachrichtigungen pausiert",
    },
    "tray.notify.renew": {
        "en": "Renew",
        "fr": "Renouveler",
        "nl": "Vernieuwen",
        "de": "Erneuern",
    },
    "tray.notify.open": {
        "en": "Open",
        "fr": "Ouvrir",
        "nl": "Openen",
        "de": "Öffnen",
    },
    "tray.notify.open_folder": {
        "en": "Open the folder",
        "fr": "Ouvrir le dossier",
        "nl": "Map openen",
        "de": "Ordner öffnen",
    },
    "tray.notify.failed": {
        "en": "ehwatch could not show a notification: no notification service answers. Look at the ehwatch icon or "
              "run 'ehwatch status'.",
        "fr": "ehwatch n'a pas pu afficher une notification\u00a0: aucun service de notification ne répond. "
              "Consultez l'icône d'ehwatch ou lancez «\u00a0ehwatch status\u00a0».",
        "nl": "ehwatch kon geen melding tonen: geen meldingsdienst antwoordt. Kijk naar het ehwatch-pictogram of "
              "start 'ehwatch status'.",
        "de": "ehwatch konnte keine Benachrichtigung anzeigen: Kein Benachrichtigungsdienst antwortet. Sehen Sie "
              "auf das ehwatch-Symbol oder führen Sie „ehwatch status“ aus.",
    },
    "tray.backend.no_display": {
        "en": "No graphical session was found: ehwatch runs without an icon. Use 'ehwatch status' to see your "
              "certificates.",
        "fr": "Aucune session graphique n'a été trouvée\u00a0: ehwatch fonctionne sans icône. Utilisez "
              "«\u00a0ehwatch status\u00a0» pour voir vos certificats.",
        "nl": "Er werd geen grafische sessie gevonden: ehwatch werkt zonder pictogram. Gebruik 'ehwatch status' om "
              "uw certificaten te zien.",
        "de": "Es wurde keine grafische Sitzung gefunden: ehwatch läuft ohne Symbol. Mit „ehwatch status“ sehen "
              "Sie Ihre Zertifikate.",
    },
    "tray.backend.gtk_missing": {
        "en": "GTK 3 (PyGObject) is not available: ehwatch tries another way to show its icon. Install the "
              "gir1.2-gtk-3.0 package for the full menu.",
        "fr": "GTK 3 (PyGObject) n'est pas disponible\u00a0: ehwatch essaie une autre façon d'afficher son icône. "
              "Installez le paquet gir1.2-gtk-3.0 pour avoir le menu complet.",
        "nl": "GTK 3 (PyGObject) is niet beschikbaar: ehwatch probeert zijn pictogram op een andere manier te "
              "tonen. Installeer het pakket gir1.2-gtk-3.0 voor het volledige menu.",
        "de": "GTK 3 (PyGObject) ist nicht verfügbar: ehwatch versucht, sein Symbol auf andere Weise anzuzeigen. "
              "Installieren Sie das Paket gir1.2-gtk-3.0 für das vollständige Menü.",
    },
    "tray.backend.appindicator_missing": {
        "en": "Neither GTK 3 nor AppIndicator is available for the icon's menu.",
        "fr": "Ni GTK 3 ni AppIndicator ne sont disponibles pour le menu de l'icône.",
        "nl": "GTK 3 noch AppIndicator zijn beschikbaar voor het menu van het pictogram.",
        "de": "Weder GTK 3 noch AppIndicator ist für das Menü des Symbols verfügbar.",
    },
    "tray.backend.xorg_no_menu": {
        "en": "ehwatch shows its icon without a menu (basic X11 mode): clicks do nothing. Notifications and "
              "'ehwatch status' work as usual.",
        "fr": "ehwatch affiche son icône sans menu (mode X11 de base)\u00a0: les clics n'ont pas d'effet. Les "
              "notifications et «\u00a0ehwatch status\u00a0» fonctionnent normalement.",
        "nl": "ehwatch toont zijn pictogram zonder menu (eenvoudige X11-modus): klikken doet niets. Meldingen en "
              "'ehwatch status' werken gewoon.",
        "de": "ehwatch zeigt sein Symbol ohne Menü (einfacher X11-Modus): Klicks bewirken nichts. "
              "Benachrichtigungen und „ehwatch status“ funktionieren wie gewohnt.",
    },
    "tray.backend.none": {
        "en": "No way to show an icon was found: ehwatch runs without one, as with --no-tray.",
        "fr": "Aucune façon d'afficher une icône n'a été trouvée\u00a0: ehwatch fonctionne sans icône, comme avec "
              "--no-tray.",
        "nl": "Er werd geen manier gevonden om een pictogram te tonen: ehwatch werkt zonder pictogram, zoals met "
              "--no-tray.",
        "de": "Es wurde keine Möglichkeit gefunden, ein Symbol anzuzeigen: ehwatch läuft ohne Symbol, wie mit "
              "--no-tray.",
    },
    "tray.backend.failed": {
        "en": "The ehwatch icon could not start ({detail}): ehwatch carries on without it.",
        "fr": "L'icône d'ehwatch n'a pas pu démarrer ({detail})\u00a0: ehwatch continue sans icône.",
        "nl": "Het ehwatch-pictogram kon niet starten ({detail}): ehwatch werkt verder zonder pictogram.",
        "de": "Das ehwatch-Symbol konnte nicht starten ({detail}): ehwatch läuft ohne Symbol weiter.",
    },
    "tray.dialog.unavailable": {
        "en": "ehwatch could not open its window ({detail}). Use the ehwatch command in a terminal, or look at the "
              "log file.",
        "fr": "ehwatch n'a pas pu ouvrir sa fenêtre ({detail}). Utilisez la commande ehwatch dans un terminal, ou "
              "consultez le journal.",
        "nl": "ehwatch kon zijn venster niet openen ({detail}). Gebruik het commando ehwatch in een terminal, of "
              "bekijk het logbestand.",
        "de": "ehwatch konnte sein Fenster nicht öffnen ({detail}). Verwenden Sie den Befehl ehwatch in einem "
              "Terminal, oder sehen Sie in die Protokolldatei.",
    },
    "tray.dialog.ok": {
        "en": "OK",
        "fr": "OK",
        "nl": "OK",
        "de": "OK",
    },
    "tray.dialog.cancel": {
        "en": "Cancel",
        "fr": "Annuler",
        "nl": "Annuleren",
        "de": "Abbrechen",
    },
    "tray.dialog.required": {
        "en": "* required field",
        "fr": "* champ obligatoire",
        "nl": "* verplicht veld",
        "de": "* Pflichtfeld",
    },
    "tray.dialog.password.title": {
        "en": "Keystore password",
        "fr": "Mot de passe du keystore",
        "nl": "Wachtwoord van de keystore",
        "de": "Passwort des Keystores",
    },
    "tray.dialog.password.intro": {
        "en": "Enter the password of the keystore {name}, the one chosen when it was created or last changed. It "
              "will be kept in your computer's keyring.",
        "fr": "Introduisez le mot de passe du keystore {name}, celui choisi lors de sa création ou de son dernier "
              "changement. Il sera gardé dans le trousseau de votre ordinateur.",
        "nl": "Geef het wachtwoord van de keystore {name}, het wachtwoord gekozen bij de aanmaak of de laatste "
              "wijziging. Het wordt bewaard in de sleutelhanger van uw computer.",
        "de": "Geben Sie das Passwort des Keystores {name} ein, das bei seiner Erstellung oder letzten Änderung "
              "gewählte. Es wird im Schlüsselbund Ihres Computers aufbewahrt.",
    },
    "tray.dialog.password.label": {
        "en": "Password:",
        "fr": "Mot de passe\u00a0:",
        "nl": "Wachtwoord:",
        "de": "Passwort:",
    },
    "tray.dialog.pin.title": {
        "en": "Identity card PIN",
        "fr": "Code PIN de la carte d'identité",
        "nl": "Pincode van de identiteitskaart",
        "de": "PIN der eID-Karte",
    },
    "tray.dialog.pin.intro": {
        "en": "Keep the eID card in the reader and enter its PIN to sign the request.",
        "fr": "Laissez la carte eID dans le lecteur et introduisez son code PIN pour signer la demande.",
        "nl": "Laat de eID-kaart in de lezer en geef de pincode om de aanvraag te ondertekenen.",
        "de": "Lassen Sie die eID-Karte im Lesegerät und geben Sie ihre PIN ein, um den Antrag zu unterschreiben.",
    },
    "tray.dialog.pin.holder": {
        "en": "Card of {holder}",
        "fr": "Carte de {holder}",
        "nl": "Kaart van {holder}",
        "de": "Karte von {holder}",
    },
    "tray.dialog.pin.tries": {
        "en": ("Careful: {tries} attempt left before the card is blocked.",
               "Careful: {tries} attempts left before the card is blocked."),
        "fr": ("Attention\u00a0: encore {tries} essai avant que la carte ne soit bloquée.",
               "Attention\u00a0: encore {tries} essais avant que la carte ne soit bloquée."),
        "nl": ("Let op: nog {tries} poging voordat de kaart geblokkeerd wordt.",
               "Let op: nog {tries} pogingen voordat de kaart geblokkeerd wordt."),
        "de": ("Achtung: noch {tries} Versuch, bevor die Karte gesperrt wird.",
               "Achtung: noch {tries} Versuche, bevor die Karte gesperrt wird."),
    },
    "tray.dialog.pin.label": {
        "en": "PIN:",
        "fr": "Code PIN\u00a0:",
        "nl": "Pincode:",
        "de": "PIN:",
    },
    "tray.dialog.pin.invalid": {
        "en": "The PIN has 4 to 12 digits.",
        "fr": "Le code PIN compte de 4 à 12 chiffres.",
        "nl": "De pincode telt 4 tot 12 cijfers.",
        "de": "Die PIN hat 4 bis 12 Ziffern.",
    },
    "tray.dialog.contact.title": {
        "en": "Contact details for the certificate",
        "fr": "Données de contact pour le certificat",
        "nl": "Contactgegevens voor het certificaat",
        "de": "Kontaktdaten für das Zertifikat",
    },
    "tray.dialog.contact.intro": {
        "en": "eHealth requires at least a personal e-mail address and phone number. Check them and correct them "
              "if needed: the production mails will arrive at this address.",
        "fr": "eHealth demande au moins une adresse e-mail et un numéro de téléphone personnels. Vérifiez-les et "
              "corrigez-les au besoin\u00a0: les courriels de production arriveront à cette adresse.",
        "nl": "eHealth vraagt minstens een persoonlijk e-mailadres en telefoonnummer. Controleer ze en pas ze zo "
              "nodig aan: de productiemails komen op dit adres toe.",
        "de": "eHealth verlangt mindestens eine persönliche E-Mail-Adresse und Telefonnummer. Prüfen Sie sie und "
              "korrigieren Sie sie bei Bedarf: Die Mails über die Ausstellung des Zertifikats gehen an diese "
              "Adresse.",
    },
    "tray.dialog.contact.email": {
        "en": "E-mail (personal) *",
        "fr": "E-mail (personnel) *",
        "nl": "E-mail (persoonlijk) *",
        "de": "E-Mail (persönlich) *",
    },
    "tray.dialog.contact.phone": {
        "en": "Phone (personal) *",
        "fr": "Téléphone (personnel) *",
        "nl": "Telefoon (persoonlijk) *",
        "de": "Telefon (persönlich) *",
    },
    "tray.dialog.contact.general_email": {
        "en": "E-mail (general)",
        "fr": "E-mail (général)",
        "nl": "E-mail (algemeen)",
        "de": "E-Mail (allgemein)",
    },
    "tray.dialog.contact.general_phone": {
        "en": "Phone (general)",
        "fr": "Téléphone (général)",
        "nl": "Telefoon (algemeen)",
        "de": "Telefon (allgemein)",
    },
    "tray.dialog.contact.bad_email": {
        "en": "This e-mail address is not valid: {value}",
        "fr": "Cette adresse e-mail n'est pas valable\u00a0: {value}",
        "nl": "Dit e-mailadres is niet geldig: {value}",
        "de": "Diese E-Mail-Adresse ist ungültig: {value}",
    },
    "tray.dialog.contact.bad_phone": {
        "en": "This phone number is not valid: {value}",
        "fr": "Ce numéro de téléphone n'est pas valable\u00a0: {value}",
        "nl": "Dit telefoonnummer is niet geldig: {value}",
        "de": "Diese Telefonnummer ist ungültig: {value}",
    },
    "tray.dialog.contact.missing": {
        "en": "The personal e-mail and phone are required.",
        "fr": "L'e-mail et le téléphone personnels sont obligatoires.",
        "nl": "Het persoonlijke e-mailadres en telefoonnummer zijn verplicht.",
        "de": "Die persönliche E-Mail-Adresse und Telefonnummer sind Pflichtangaben.",
    },
    "tray.dialog.newpw.title": {
        "en": "Password of the new keystore",
        "fr": "Mot de passe du nouveau keystore",
        "nl": "Wachtwoord van de nieuwe keystore",
        "de": "Passwort des neuen Keystores",
    },
    "tray.dialog.newpw.intro": {
        "en": "Choose a password to protect your new keystore: at least 8 characters, including a digit or a "
              "symbol. Use a different one for each certificate and never share it.",
        "fr": "Choisissez un mot de passe pour protéger votre nouveau keystore\u00a0: au moins 8 caractères, dont "
              "un chiffre ou un symbole. Choisissez-en un différent pour chaque certificat et ne le confiez à "
              "personne.",
        "nl": "Kies een wachtwoord om uw nieuwe keystore te beschermen: minstens 8 tekens, waaronder een cijfer of "
              "een symbool. Kies er een ander voor elk certificaat en geef het aan niemand.",
        "de": "Wählen Sie ein Passwort zum Schutz Ihres neuen Keystores: mindestens 8 Zeichen, darunter eine "
              "Ziffer oder ein Symbol. Verwenden Sie für jedes Zertifikat ein anderes und geben Sie es niemandem "
              "weiter.",
    },
    "tray.dialog.newpw.first": {
        "en": "Keystore password *",
        "fr": "Mot de passe du keystore *",
        "nl": "Wachtwoord van de keystore *",
        "de": "Passwort des Keystores *",
    },
    "tray.dialog.newpw.second": {
        "en": "Confirm the password *",
        "fr": "Confirmez le mot de passe *",
        "nl": "Bevestig het wachtwoord *",
        "de": "Passwort bestätigen *",
    },
    "tray.dialog.newpw.check.length": {
        "en": "At least 8 characters",
        "fr": "Au moins 8 caractères",
        "nl": "Minstens 8 tekens",
        "de": "Mindestens 8 Zeichen",
    },
    "tray.dialog.newpw.check.chars": {
        "en": "Accepted characters (no space at the start or end, no control character)",
        "fr": "Caractères acceptés (pas d'espace au début ni à la fin, pas de caractère de contrôle)",
        "nl": "Aanvaarde tekens (geen spatie aan het begin of einde, geen stuurteken)",
        "de": "Zulässige Zeichen (kein Leerzeichen am Anfang oder Ende, kein Steuerzeichen)",
    },
    "tray.dialog.newpw.check.digit_or_symbol": {
        "en": "A digit or a symbol",
        "fr": "Un chiffre ou un symbole",
        "nl": "Een cijfer of een symbool",
        "de": "Eine Ziffer oder ein Symbol",
    },
    "tray.dialog.newpw.check.match": {
        "en": "Both entries are the same",
        "fr": "Les deux saisies sont identiques",
        "nl": "Beide invoeren zijn gelijk",
        "de": "Beide Eingaben sind gleich",
    },
    "tray.dialog.conditions.intro": {
        "en": "Read eHealth's conditions. They are signed with your eID together with the request.",
        "fr": "Lisez les conditions d'eHealth. Elles sont signées avec votre eID en même temps que la demande.",
        "nl": "Lees de voorwaarden van eHealth. Ze worden samen met de aanvraag met uw eID ondertekend.",
        "de": "Lesen Sie die Bedingungen von eHealth. Sie werden zusammen mit dem Antrag mit Ihrer eID "
              "unterschrieben.",
    },
    "tray.dialog.conditions.accept": {
        "en": "I accept",
        "fr": "J'accepte",
        "nl": "Ik aanvaard",
        "de": "Ich akzeptiere",
    },
    "tray.menu.handover": {
        "en": "✓ New keystore for {holder}",
        "fr": "✓ Nouveau keystore pour {holder}",
        "nl": "✓ Nieuwe keystore voor {holder}",
        "de": "✓ Neuer Keystore für {holder}",
    },
    "tray.menu.handover_seen": {
        "en": "Done, my software uses it",
        "fr": "C'est fait, mon logiciel l'utilise",
        "nl": "Gedaan, mijn software gebruikt hem",
        "de": "Erledigt, meine Software verwendet ihn",
    },
    "tray.menu.change_password": {
        "en": "Change the password…",
        "fr": "Changer le mot de passe…",
        "nl": "Wachtwoord wijzigen…",
        "de": "Passwort ändern…",
    },
    "tray.menu.request_new": {
        "en": "Request a new certificate…",
        "fr": "Demander un nouveau certificat…",
        "nl": "Nieuw certificaat aanvragen…",
        "de": "Neues Zertifikat beantragen…",
    },
    "tray.menu.new_certificate": {
        "en": "New certificate…",
        "fr": "Nouveau certificat…",
        "nl": "Nieuw certificaat…",
        "de": "Neues Zertifikat…",
    },
    "tray.menu.revoke": {
        "en": "Revoke this certificate…",
        "fr": "Révoquer ce certificat…",
        "nl": "Dit certificaat intrekken…",
        "de": "Dieses Zertifikat widerrufen…",
    },
    "tray.state.revoked": {
        "en": "revoked",
        "fr": "révoqué",
        "nl": "ingetrokken",
        "de": "widerrufen",
    },
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
        "en": "It expires on {date}. Renew it now so that your software keeps working: click Renew (eID card and "
              "reader needed).",
        "fr": "Il expire le {date}. Renouvelez-le maintenant pour que vos logiciels continuent de "
              "fonctionner\u00a0: cliquez sur Renouveler (carte eID et lecteur nécessaires).",
        "nl": "Het verloopt op {date}. Vernieuw het nu zodat uw software blijft werken: klik op Vernieuwen "
              "(eID-kaart en kaartlezer nodig).",
        "de": "Es läuft am {date} ab. Erneuern Sie es jetzt, damit Ihre Software weiter funktioniert: Klicken Sie "
              "auf Erneuern (eID-Karte und Kartenleser erforderlich).",
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
        "en": "It expired on {date} ({file}) and can no longer be renewed: request a new one with \"New "
              "certificate…\" in the ehwatch menu (eID card and reader needed).",
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
        "fr": ("• {holder} — encore {days} jour\u00a0: à renouveler",
               "• {holder} — encore {days} jours\u00a0: à renouveler"),
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
    "tray.renewal.underway": {
        "en": "renewal under way",
        "fr": "renouvellement en cours",
        "nl": "vernieuwing bezig",
        "de": "Erneuerung läuft",
    },
    "tray.renewal.waiting": {
        "en": "Waiting for eHealth",
        "fr": "En attente d'eHealth",
        "nl": "Wacht op eHealth",
        "de": "Wartet auf eHealth",
    },
    "tray.renewal.waiting_request": {
        "en": "Waiting for eHealth (request {number})",
        "fr": "En attente d'eHealth (demande {number})",
        "nl": "Wacht op eHealth (aanvraag {number})",
        "de": "Wartet auf eHealth (Antrag {number})",
    },
    "tray.renewal.stopped": {
        "en": "renewal stopped",
        "fr": "renouvellement arrêté",
        "nl": "vernieuwing gestopt",
        "de": "Erneuerung angehalten",
    },
    "tray.menu.renew_again": {
        "en": "Resume the renewal…",
        "fr": "Reprendre le renouvellement…",
        "nl": "Vernieuwing hervatten…",
        "de": "Erneuerung fortsetzen…",
    },
    "tray.menu.unmute": {
        "en": "Remind me again",
        "fr": "Me le rappeler à nouveau",
        "nl": "Mij er weer aan herinneren",
        "de": "Wieder daran erinnern",
    },
    "tray.menu.details": {
        "en": "Show the details…",
        "fr": "Afficher les détails…",
        "nl": "Details tonen…",
        "de": "Details anzeigen…",
    },
    "tray.status.title": {
        "en": "ehwatch — your eHealth certificates",
        "fr": "ehwatch — vos certificats eHealth",
        "nl": "ehwatch — uw eHealth-certificaten",
        "de": "ehwatch — Ihre eHealth-Zertifikate",
    },
    "tray.status.intro": {
        "en": "What needs you is marked ⚠. Each button does the next step.",
        "fr": "Ce qui demande votre attention est marqué ⚠. Chaque bouton fait l'étape suivante.",
        "nl": "Wat uw aandacht vraagt, is gemarkeerd met ⚠. Elke knop doet de volgende stap.",
        "de": "Was Ihre Aufmerksamkeit erfordert, ist mit ⚠ markiert. Jede Schaltfläche erledigt den nächsten "
              "Schritt.",
    },
    "tray.status.close": {
        "en": "Close",
        "fr": "Fermer",
        "nl": "Sluiten",
        "de": "Schließen",
    },
    "tray.settings.title": {
        "en": "ehwatch settings",
        "fr": "Paramètres d'ehwatch",
        "nl": "Instellingen van ehwatch",
        "de": "Einstellungen von ehwatch",
    },
    "tray.settings.intro": {
        "en": "Changes apply as soon as you click Save.",
        "fr": "Les changements s'appliquent dès que vous cliquez sur Enregistrer.",
        "nl": "Wijzigingen gelden zodra u op Opslaan klikt.",
        "de": "Änderungen gelten, sobald Sie auf Speichern klicken.",
    },
    "tray.settings.save": {
        "en": "Save",
        "fr": "Enregistrer",
        "nl": "Opslaan",
        "de": "Speichern",
    },
    "tray.settings.folders": {
        "en": "Keystore folders",
        "fr": "Dossiers des keystores",
        "nl": "Keystoremappen",
        "de": "Keystore-Ordner",
    },
    "tray.settings.add": {
        "en": "Add",
        "fr": "Ajouter",
        "nl": "Toevoegen",
        "de": "Hinzufügen",
    },
    "tray.settings.browse": {
        "en": "Browse…",
        "fr": "Parcourir…",
        "nl": "Bladeren…",
        "de": "Durchsuchen…",
    },
    "tray.settings.remove": {
        "en": "Remove",
        "fr": "Retirer",
        "nl": "Verwijderen",
        "de": "Entfernen",
    },
    "tray.settings.language": {
        "en": "Language",
        "fr": "Langue",
        "nl": "Taal",
        "de": "Sprache",
    },
    "tray.settings.lang.auto": {
        "en": "Language of the computer",
        "fr": "Langue de l'ordinateur",
        "nl": "Taal van de computer",
        "de": "Sprache des Computers",
    },
    "tray.settings.lang.fr": {
        "en": "Français",
        "fr": "Français",
        "nl": "Français",
        "de": "Français",
    },
    "tray.settings.lang.nl": {
        "en": "Nederlands",
        "fr": "Nederlands",
        "nl": "Nederlands",
        "de": "Nederlands",
    },
    "tray.settings.lang.de": {
        "en": "Deutsch",
        "fr": "Deutsch",
        "nl": "Deutsch",
        "de": "Deutsch",
    },
    "tray.settings.lang.en": {
        "en": "English",
        "fr": "English",
        "nl": "English",
        "de": "English",
    },
    "tray.settings.language_note": {
        "en": "The menu and the notifications change language at once.",
        "fr": "Le menu et les notifications changent de langue tout de suite.",
        "nl": "Het menu en de meldingen veranderen meteen van taal.",
        "de": "Menü und Benachrichtigungen wechseln sofort die Sprache.",
    },
    "tray.settings.mail": {
        "en": "Mailbox (eHealth's mails)",
        "fr": "Boîte mail (courriels d'eHealth)",
        "nl": "Mailbox (mails van eHealth)",
        "de": "Postfach (Mails von eHealth)",
    },
    "tray.settings.mail_host": {
        "en": "IMAP server",
        "fr": "Serveur IMAP",
        "nl": "IMAP-server",
        "de": "IMAP-Server",
    },
    "tray.settings.mail_username": {
        "en": "User",
        "fr": "Utilisateur",
        "nl": "Gebruiker",
        "de": "Benutzer",
    },
    "tray.settings.mail_password": {
        "en": "Password",
        "fr": "Mot de passe",
        "nl": "Wachtwoord",
        "de": "Passwort",
    },
    "tray.settings.password_note": {
        "en": "The password is kept in the computer's keyring, never in a file.",
        "fr": "Le mot de passe est gardé dans le trousseau de l'ordinateur, jamais dans un fichier.",
        "nl": "Het wachtwoord wordt bewaard in de sleutelhanger van de computer, nooit in een bestand.",
        "de": "Das Passwort wird im Schlüsselbund des Computers aufbewahrt, nie in einer Datei.",
    },
    "tray.settings.password_stored": {
        "en": "A password is already in the keyring: leave the field empty to keep it.",
        "fr": "Un mot de passe est déjà dans le trousseau\u00a0: laissez le champ vide pour le garder.",
        "nl": "Er staat al een wachtwoord in de sleutelhanger: laat het veld leeg om het te houden.",
        "de": "Im Schlüsselbund ist bereits ein Passwort: Lassen Sie das Feld leer, um es zu behalten.",
    },
    "tray.settings.contact": {
        "en": "Contact data for eHealth",
        "fr": "Données de contact pour eHealth",
        "nl": "Contactgegevens voor eHealth",
        "de": "Kontaktdaten für eHealth",
    },
    "tray.settings.reminders": {
        "en": "Reminders",
        "fr": "Rappels",
        "nl": "Herinneringen",
        "de": "Erinnerungen",
    },
    "tray.settings.days": {
        "en": "Days before expiry",
        "fr": "Jours avant l'expiration",
        "nl": "Dagen voor het verlopen",
        "de": "Tage vor dem Ablauf",
    },
    "tray.settings.days_note": {
        "en": "A notification on each of these days, for example 30, 14, 7, 3, 1.",
        "fr": "Une notification à chacun de ces jours, par exemple 30, 14, 7, 3, 1.",
        "nl": "Een melding op elk van deze dagen, bijvoorbeeld 30, 14, 7, 3, 1.",
        "de": "Eine Benachrichtigung an jedem dieser Tage, zum Beispiel 30, 14, 7, 3, 1.",
    },
    "tray.settings.bad_days": {
        "en": "Reminders: give numbers of days separated by commas, for example 30, 14, 7.",
        "fr": "Rappels\u00a0: indiquez des nombres de jours séparés par des virgules, par exemple 30, 14, 7.",
        "nl": "Herinneringen: geef aantallen dagen gescheiden door komma's, bijvoorbeeld 30, 14, 7.",
        "de": "Erinnerungen: Geben Sie Anzahlen von Tagen durch Kommas getrennt an, zum Beispiel 30, 14, 7.",
    },
    "tray.settings.bad_value": {
        "en": "{setting}: {problem}",
        "fr": "{setting}\u00a0: {problem}",
        "nl": "{setting}: {problem}",
        "de": "{setting}: {problem}",
    },
    "tray.settings.name.keystore_dirs": {
        "en": "Keystore folders",
        "fr": "Dossiers des keystores",
        "nl": "Keystoremappen",
        "de": "Keystore-Ordner",
    },
    "tray.settings.name.language": {
        "en": "Language",
        "fr": "Langue",
        "nl": "Taal",
        "de": "Sprache",
    },
    "tray.settings.name.notify_days": {
        "en": "Reminders",
        "fr": "Rappels",
        "nl": "Herinneringen",
        "de": "Erinnerungen",
    },
    "tray.settings.name.mail.host": {
        "en": "IMAP server",
        "fr": "Serveur IMAP",
        "nl": "IMAP-server",
        "de": "IMAP-Server",
    },
    "tray.settings.name.mail.username": {
        "en": "Mailbox user",
        "fr": "Utilisateur de la boîte mail",
        "nl": "Gebruiker van de mailbox",
        "de": "Benutzer des Postfachs",
    },
    "tray.settings.name.renewal.email": {
        "en": "E-mail",
        "fr": "E-mail",
        "nl": "E-mail",
        "de": "E-Mail",
    },
    "tray.settings.name.renewal.phone": {
        "en": "Phone",
        "fr": "Téléphone",
        "nl": "Telefoon",
        "de": "Telefon",
    },
    "tray.settings.password_needs_account": {
        "en": "Give the mailbox's server and user together with its password.",
        "fr": "Indiquez le serveur et l'utilisateur de la boîte mail avec son mot de passe.",
        "nl": "Geef de server en de gebruiker van de mailbox samen met het wachtwoord.",
        "de": "Geben Sie Server und Benutzer des Postfachs zusammen mit dem Passwort an.",
    },
    "tray.settings.not_saved": {
        "en": "Settings not saved",
        "fr": "Paramètres non enregistrés",
        "nl": "Instellingen niet opgeslagen",
        "de": "Einstellungen nicht gespeichert",
    },
    "tray.settings.email": {
        "en": "E-mail (personal)",
        "fr": "E-mail (personnel)",
        "nl": "E-mail (persoonlijk)",
        "de": "E-Mail (persönlich)",
    },
    "tray.settings.phone": {
        "en": "Phone (personal)",
        "fr": "Téléphone (personnel)",
        "nl": "Telefoon (persoonlijk)",
        "de": "Telefon (persönlich)",
    },
    "tray.remind.item.password": {
        "en": "• {holder} — password to set",
        "fr": "• {holder} — mot de passe à enregistrer",
        "nl": "• {holder} — wachtwoord opslaan",
        "de": "• {holder} — Passwort speichern",
    },
    "tray.remind.item.file": {
        "en": "• {holder} — file to check",
        "fr": "• {holder} — fichier à vérifier",
        "nl": "• {holder} — bestand nakijken",
        "de": "• {holder} — Datei prüfen",
    },
    "tray.remind.item.renewal": {
        "en": "• {holder} — renewal stopped: to resume",
        "fr": "• {holder} — renouvellement arrêté\u00a0: à reprendre",
        "nl": "• {holder} — vernieuwing gestopt: hervatten",
        "de": "• {holder} — Erneuerung angehalten: fortsetzen",
    },
    "tray.renewal.completing": {
        "en": "Produced by eHealth: finishing (request {number})",
        "fr": "Produit par eHealth\u00a0: finalisation (demande {number})",
        "nl": "Aangemaakt door eHealth: afronding (aanvraag {number})",
        "de": "Von eHealth ausgestellt: Abschluss (Antrag {number})",
    },
}
