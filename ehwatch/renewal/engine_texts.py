"""Texts of the renewal engine and its lifecycle: what happened, and what to do next."""

TEXTS = {
    "renewal.title": {
        "en": "eHealth certificate renewal",
        "fr": "Renouvellement du certificat eHealth",
        "nl": "Vernieuwing van het eHealth-certificaat",
    },
    "renewal.stopped_title": {
        "en": "eHealth certificate renewal stopped",
        "fr": "Renouvellement du certificat eHealth interrompu",
        "nl": "Vernieuwing van het eHealth-certificaat onderbroken",
    },
    "renewal.cancelled": {
        "en": "Renewal cancelled. Nothing was sent to eHealth and your keystore is unchanged.",
        "fr": "Renouvellement annulé. Rien n'a été envoyé à eHealth et votre keystore est inchangé.",
        "nl": "Vernieuwing geannuleerd. Er werd niets naar eHealth gestuurd en uw keystore is ongewijzigd.",
    },
    "renewal.confirm_start": {
        "en": "Renew the eHealth certificate of {holder}? You will need the eID card and its PIN.",
        "fr": "Renouveler le certificat eHealth de {holder}\u00a0? Vous aurez besoin de la carte eID et de son "
              "code PIN.",
        "nl": "Het eHealth-certificaat van {holder} vernieuwen? U hebt de eID-kaart en de pincode nodig.",
        "de": "Das eHealth-Zertifikat von {holder} erneuern? Sie benötigen die eID-Karte und ihre PIN.",
    },
    "renewal.already_done": {
        "en": "This certificate has already been renewed: your medical software should use {file}.",
        "fr": "Ce certificat a déjà été renouvelé : votre logiciel médical doit utiliser {file}.",
        "nl": "Dit certificaat is al vernieuwd: uw medische software moet {file} gebruiken.",
    },
    "renewal.already_running": {
        "en": "A renewal of this certificate is already under way ({state}). ehwatch goes on with it; nothing new is sent.",
        "fr": "Un renouvellement de ce certificat est déjà en cours ({state}). ehwatch le poursuit ; rien de nouveau n'est envoyé.",
        "nl": "Een vernieuwing van dit certificaat is al bezig ({state}). ehwatch zet ze voort; er wordt niets nieuws verstuurd.",
    },
    "renewal.expired": {
        "en": "This certificate expired on {date}: eHealth no longer allows renewing it. Request a new certificate "
              "with ehwatch request (in the tray: \"Request a new certificate…\"), with your eID.",
        "fr": "Ce certificat a expiré le {date} : eHealth ne permet plus de le renouveler. Demandez un nouveau "
              "certificat avec ehwatch request (dans la barre des tâches : « Demander un nouveau certificat… »), "
              "avec votre eID.",
        "nl": "Dit certificaat is verlopen op {date}: eHealth laat geen vernieuwing meer toe. Vraag een nieuw "
              "certificaat aan met ehwatch request (in het systeemvak: \"Nieuw certificaat aanvragen…\"), met uw "
              "eID.",
    },
    "renewal.revoked": {
        "en": "The certificate of {file} was revoked: eHealth never renews a revoked certificate. Request a new "
              "one with ehwatch request.",
        "fr": "Le certificat de {file} a été révoqué : eHealth ne renouvelle jamais un certificat révoqué. "
              "Demandez-en un nouveau avec ehwatch request.",
        "nl": "Het certificaat van {file} werd ingetrokken: eHealth vernieuwt nooit een ingetrokken certificaat. "
              "Vraag een nieuw aan met ehwatch request.",
    },
    "renewal.window_not_open": {
        "en": "It is too early: eHealth accepts the renewal of this certificate from {date}. ehwatch will remind you.",
        "fr": "C'est trop tôt : eHealth accepte le renouvellement de ce certificat à partir du {date}. ehwatch vous le rappellera.",
        "nl": "Het is te vroeg: eHealth aanvaardt de vernieuwing van dit certificaat vanaf {date}. ehwatch herinnert u eraan.",
    },
    "renewal.not_replaceable": {
        "en": "eHealth says this certificate cannot be renewed (status {status}). Use the eHealth Certificate Manager "
              "to request a new one.",
        "fr": "eHealth indique que ce certificat ne peut pas être renouvelé (statut {status}). Utilisez l'eHealth "
              "Certificate Manager pour en demander un nouveau.",
        "nl": "eHealth meldt dat dit certificaat niet vernieuwd kan worden (status {status}). Gebruik de eHealth "
              "Certificate Manager om een nieuw aan te vragen.",
    },
    "renewal.is_pending": {
        "en": "{file} is itself a request waiting for its certificate. Run \"ehwatch complete\" instead.",
        "fr": "{file} est lui-même une demande en attente de son certificat. Utilisez plutôt « ehwatch complete ».",
        "nl": "{file} is zelf een aanvraag die op haar certificaat wacht. Gebruik in de plaats \"ehwatch complete\".",
    },
    "renewal.no_authentication_entry": {
        "en": "{file} holds no eHealth authentication certificate; it cannot be renewed.",
        "fr": "{file} ne contient pas de certificat d'authentification eHealth ; il ne peut pas être renouvelé.",
        "nl": "{file} bevat geen eHealth-authenticatiecertificaat; het kan niet vernieuwd worden.",
    },
    "renewal.not_ehealth": {
        "en": "{file} does not hold an eHealth certificate.",
        "fr": "{file} ne contient pas de certificat eHealth.",
        "nl": "{file} bevat geen eHealth-certificaat.",
    },
    "renewal.wrong_eid": {
        "en": "The eID in the reader belongs to {holder}, not to the holder of {identifier}. Insert the right card.",
        "fr": "La carte eID dans le lecteur appartient à {holder}, pas au titulaire de {identifier}. Insérez la bonne carte.",
        "nl": "De eID in de lezer is van {holder}, niet van de houder van {identifier}. Steek de juiste kaart in.",
    },
    "renewal.not_authorised": {
        "en": "Your eID is not authorised to renew the certificate of {identifier}. Ask the organisation's manager, "
              "or use the eHealth Certificate Manager.",
        "fr": "Votre eID n'est pas autorisée à renouveler le certificat de {identifier}. Demandez au gestionnaire de "
              "l'organisation, ou utilisez l'eHealth Certificate Manager.",
        "nl": "Uw eID mag het certificaat van {identifier} niet vernieuwen. Vraag het aan de beheerder van de "
              "organisatie, of gebruik de eHealth Certificate Manager.",
    },
    "renewal.password.too_short": {
        "en": "The new password must have at least 8 characters.",
        "fr": "Le nouveau mot de passe doit comporter au moins 8 caractères.",
        "nl": "Het nieuwe wachtwoord moet minstens 8 tekens hebben.",
    },
    "renewal.password.bad_chars": {
        "en": "The new password may not start or end with a space, nor contain control characters.",
        "fr": "Le nouveau mot de passe ne peut ni commencer ni finir par une espace, ni contenir de caractère de contrôle.",
        "nl": "Het nieuwe wachtwoord mag niet met een spatie beginnen of eindigen en geen controletekens bevatten.",
    },
    "renewal.password.no_digit_or_symbol": {
        "en": "The new password must contain a digit or a symbol.",
        "fr": "Le nouveau mot de passe doit contenir un chiffre ou un symbole.",
        "nl": "Het nieuwe wachtwoord moet een cijfer of een symbool bevatten.",
    },
    "renewal.password.mismatch": {
        "en": "The two passwords differ. Type the same password twice.",
        "fr": "Les deux mots de passe diffèrent. Tapez deux fois le même mot de passe.",
        "nl": "De twee wachtwoorden verschillen. Typ twee keer hetzelfde wachtwoord.",
    },
    "renewal.password.unknown": {
        "en": "ehwatch does not know the password of {file}. Run \"ehwatch password set\" for it, then try again.",
        "fr": "ehwatch ne connaît pas le mot de passe de {file}. Utilisez « ehwatch password set » pour ce fichier, puis réessayez.",
        "nl": "ehwatch kent het wachtwoord van {file} niet. Gebruik \"ehwatch password set\" voor dit bestand en probeer opnieuw.",
    },
    "renewal.password.stored_wrong": {
        "en": "The password stored for {file} no longer opens it (was it changed?). Set it again with \"ehwatch password set\".",
        "fr": "Le mot de passe enregistré pour {file} ne l'ouvre plus (a-t-il été changé ?). Enregistrez-le à nouveau avec « ehwatch password set ».",
        "nl": "Het bewaarde wachtwoord voor {file} opent het niet meer (werd het gewijzigd?). Sla het opnieuw op met \"ehwatch password set\".",
    },
    "renewal.requested": {
        "en": "Request sent to eHealth. Your new keystore is {file}; it will be completed automatically when eHealth "
              "has produced the certificate (usually within minutes, sometimes days).",
        "fr": "Demande envoyée à eHealth. Votre nouveau keystore est {file} ; il sera complété automatiquement dès "
              "qu'eHealth aura produit le certificat (en général en quelques minutes, parfois quelques jours).",
        "nl": "Aanvraag naar eHealth gestuurd. Uw nieuwe keystore is {file}; hij wordt automatisch vervolledigd zodra "
              "eHealth het certificaat heeft aangemaakt (meestal binnen enkele minuten, soms enkele dagen).",
    },
    "renewal.request_lost": {
        "en": "The request for {file} did not reach eHealth. Start the renewal again (your eID will sign once more).",
        "fr": "La demande pour {file} n'est pas parvenue à eHealth. Relancez le renouvellement (votre eID signera une nouvelle fois).",
        "nl": "De aanvraag voor {file} heeft eHealth niet bereikt. Start de vernieuwing opnieuw (uw eID tekent nog eens).",
    },
    "renewal.not_yet_delivered": {
        "en": "eHealth has not produced the certificate yet. ehwatch keeps checking.",
        "fr": "eHealth n'a pas encore produit le certificat. ehwatch continue de vérifier.",
        "nl": "eHealth heeft het certificaat nog niet aangemaakt. ehwatch blijft controleren.",
    },
    "renewal.new_keystore_missing": {
        "en": "The new keystore {file} has disappeared, so the renewed certificate cannot be installed. Restore it "
              "from a backup, or start a new renewal.",
        "fr": "Le nouveau keystore {file} a disparu : le certificat renouvelé ne peut pas être installé. Restaurez-le "
              "depuis une sauvegarde ou relancez un renouvellement.",
        "nl": "De nieuwe keystore {file} is verdwenen, dus het vernieuwde certificaat kan niet geïnstalleerd worden. "
              "Zet hem terug uit een back-up of start een nieuwe vernieuwing.",
    },
    "renewal.chain_mismatch": {
        "en": "The certificate eHealth returned does not match the new key. Nothing was changed; contact eHealth support.",
        "fr": "Le certificat renvoyé par eHealth ne correspond pas à la nouvelle clé. Rien n'a été modifié ; contactez le support eHealth.",
        "nl": "Het certificaat van eHealth past niet bij de nieuwe sleutel. Er werd niets gewijzigd; contacteer de eHealth-support.",
    },
    "renewal.etk_mismatch": {
        "en": "The encryption key (ETK) published by eHealth does not match the one in your new keystore. Open the "
              "eHealth Certificate Manager and activate the ETK there.",
        "fr": "La clé de chiffrement (ETK) publiée par eHealth ne correspond pas à celle de votre nouveau keystore. "
              "Ouvrez l'eHealth Certificate Manager et activez l'ETK.",
        "nl": "De versleutelingssleutel (ETK) die eHealth publiceert past niet bij die in uw nieuwe keystore. Open de "
              "eHealth Certificate Manager en activeer de ETK daar.",
    },
    "renewal.hook_failed": {
        "en": "The renewal succeeded, but the follow-up command \"{hook}\" failed (code {code}). Point your medical "
              "software at the new keystore yourself.",
        "fr": "Le renouvellement a réussi, mais la commande de suivi « {hook} » a échoué (code {code}). Indiquez "
              "vous-même le nouveau keystore à votre logiciel médical.",
        "nl": "De vernieuwing is gelukt, maar het vervolgcommando \"{hook}\" mislukte (code {code}). Stel uw medische "
              "software zelf in op de nieuwe keystore.",
    },
    # lifecycle states, as shown by "ehwatch renewals" and the tray
    "renewal.state.due": {"en": "due for renewal", "fr": "à renouveler", "nl": "te vernieuwen"},
    "renewal.state.awaiting_confirmation": {"en": "waiting for your go-ahead", "fr": "attend votre accord",
                                            "nl": "wacht op uw akkoord"},
    "renewal.state.requesting": {"en": "sending the request", "fr": "envoi de la demande", "nl": "aanvraag wordt verstuurd"},
    "renewal.state.requested": {"en": "waiting for eHealth", "fr": "en attente d'eHealth", "nl": "wacht op eHealth"},
    "renewal.state.produced": {"en": "certificate produced", "fr": "certificat produit", "nl": "certificaat aangemaakt"},
    "renewal.state.installing": {"en": "installing the certificate", "fr": "installation du certificat",
                                 "nl": "certificaat wordt geïnstalleerd"},
    "renewal.state.etk_registering": {"en": "creating the encryption key (ETK)", "fr": "création de la clé de chiffrement (ETK)",
                                      "nl": "versleutelingssleutel (ETK) wordt aangemaakt"},
    "renewal.state.etk_activating": {"en": "activating the encryption key (ETK)", "fr": "activation de la clé de chiffrement (ETK)",
                                     "nl": "versleutelingssleutel (ETK) wordt geactiveerd"},
    "renewal.state.done": {"en": "renewed", "fr": "renouvelé", "nl": "vernieuwd"},
    "renewal.state.retry": {"en": "will try again", "fr": "nouvel essai prévu", "nl": "wordt opnieuw geprobeerd"},
    "renewal.state.cancelled": {"en": "cancelled", "fr": "annulé", "nl": "geannuleerd"},
    "renewal.state.pin_blocked": {"en": "eID PIN blocked", "fr": "PIN de l'eID bloqué", "nl": "eID-pincode geblokkeerd"},
    "renewal.state.password_unknown": {"en": "keystore password needed", "fr": "mot de passe du keystore requis",
                                       "nl": "wachtwoord van de keystore nodig"},
    "renewal.state.refused": {"en": "refused by eHealth", "fr": "refusé par eHealth", "nl": "geweigerd door eHealth"},
    "renewal.state.expired": {"en": "expired: new request needed", "fr": "expiré : nouvelle demande nécessaire",
                              "nl": "verlopen: nieuwe aanvraag nodig"},
    "renewal.state.needs_attention": {"en": "needs your attention", "fr": "demande votre attention",
                                      "nl": "vraagt uw aandacht"},
    "renewal.next.waiting": {
        "en": "Nothing to do: ehwatch completes it as soon as eHealth has produced the certificate.",
        "fr": "Rien à faire : ehwatch le complète dès qu'eHealth a produit le certificat.",
        "nl": "Niets te doen: ehwatch vervolledigt het zodra eHealth het certificaat heeft aangemaakt.",
    },
    "renewal.next.retry": {
        "en": "A temporary problem ({problem}); ehwatch tries again on {date}.",
        "fr": "Un problème temporaire ({problem}) ; ehwatch réessaie le {date}.",
        "nl": "Een tijdelijk probleem ({problem}); ehwatch probeert opnieuw op {date}.",
    },
    "renewal.next.confirm": {
        "en": "Start it with \"ehwatch renew\" or from the tray menu.",
        "fr": "Lancez-le avec « ehwatch renew » ou depuis le menu de l'icône.",
        "nl": "Start ze met \"ehwatch renew\" of via het menu van het pictogram.",
    },
    "renewal.next.pin_blocked": {
        "en": "Your eID PIN is blocked: unblock it at your municipality with your PUK code, then renew again.",
        "fr": "Le PIN de votre eID est bloqué : faites-le débloquer à votre commune avec votre code PUK, puis relancez.",
        "nl": "De pincode van uw eID is geblokkeerd: laat ze deblokkeren bij uw gemeente met uw PUK-code en start opnieuw.",
    },
    # a finished renewal, as "ehwatch renewals --history" lists it (dates in Brussels time)
    "renewal.history.done": {
        "en": "Requested on {requested}, ready on {ready}, valid until {until}. Acknowledged on {acknowledged}.",
        "fr": "Demandé le {requested}, prêt le {ready}, valable jusqu'au {until}. Confirmé le {acknowledged}.",
        "nl": "Aangevraagd op {requested}, klaar op {ready}, geldig tot {until}. Bevestigd op {acknowledged}.",
        "de": "Beantragt am {requested}, bereit am {ready}, gültig bis {until}. Bestätigt am {acknowledged}.",
    },
    "renewal.history.cancelled": {
        "en": "Cancelled on {date}.",
        "fr": "Annulé le {date}.",
        "nl": "Geannuleerd op {date}.",
        "de": "Abgebrochen am {date}.",
    },
    "renewal.next.none": {"en": "Nothing to do.", "fr": "Rien à faire.", "nl": "Niets te doen."},

    # terminal prompts (ehwatch renew / complete / renewals)
    "cli.renew.yes_no": {"en": "(y/n)", "fr": "(o/n)", "nl": "(j/n)"},
    "cli.renew.password_wrong": {
        "en": "That password does not open the keystore. Try again.",
        "fr": "Ce mot de passe n'ouvre pas le keystore. Réessayez.",
        "nl": "Dat wachtwoord opent de keystore niet. Probeer opnieuw.",
    },
    "cli.renew.ask_password": {"en": "Password of {file}:", "fr": "Mot de passe de {file} :",
                               "nl": "Wachtwoord van {file}:"},
    "cli.renew.pin_tries": {
        "en": ("Careful: {tries} PIN try left before your eID blocks.",
               "Careful: {tries} PIN tries left before your eID blocks."),
        "fr": ("Attention\u00a0: il reste {tries} essai avant que votre eID ne se bloque.",
               "Attention\u00a0: il reste {tries} essais avant que votre eID ne se bloque."),
        "nl": ("Opgelet: nog {tries} poging voor uw eID blokkeert.",
               "Opgelet: nog {tries} pogingen voor uw eID blokkeert."),
        "de": ("Achtung: noch {tries} PIN-Versuch, bevor Ihre eID gesperrt wird.",
               "Achtung: noch {tries} PIN-Versuche, bevor Ihre eID gesperrt wird."),
    },
    "cli.renew.ask_pin": {"en": "eID PIN ({holder}):", "fr": "Code PIN de l'eID ({holder}) :",
                          "nl": "Pincode van de eID ({holder}):"},
    "cli.renew.contact_intro": {
        "en": "Contact data for eHealth (press Enter to keep the value shown):",
        "fr": "Données de contact pour eHealth (Entrée pour garder la valeur affichée) :",
        "nl": "Contactgegevens voor eHealth (Enter om de getoonde waarde te behouden):",
    },
    "cli.renew.field.email": {"en": "E-mail (private)*", "fr": "E-mail (personnel)*", "nl": "E-mail (persoonlijk)*"},
    "cli.renew.field.general_email": {"en": "E-mail (general)", "fr": "E-mail (général)", "nl": "E-mail (algemeen)"},
    "cli.renew.field.phone": {"en": "Phone (private)*", "fr": "Téléphone (personnel)*", "nl": "Telefoon (persoonlijk)*"},
    "cli.renew.field.general_phone": {"en": "Phone (general)", "fr": "Téléphone (général)", "nl": "Telefoon (algemeen)"},
    "cli.renew.review_title": {
        "en": "You are about to sign, with your eID, the renewal request of {cn}:",
        "fr": "Vous allez signer avec votre eID la demande de renouvellement de {cn} :",
        "nl": "U gaat met uw eID de vernieuwingsaanvraag van {cn} ondertekenen:",
    },
    "cli.renew.review_files": {
        "en": "The old keystore {old} stays untouched; the new one will be {new}.",
        "fr": "L'ancien keystore {old} reste intact ; le nouveau sera {new}.",
        "nl": "De oude keystore {old} blijft onaangeroerd; de nieuwe wordt {new}.",
    },
    "cli.renew.review_sign": {"en": "Is this right? Next: the new keystore's password, then your eID PIN to sign.",
                              "fr": "Est-ce correct ? Ensuite : le mot de passe du nouveau keystore, puis le PIN de "
                                    "votre eID pour signer.",
                              "nl": "Klopt dit? Daarna: het wachtwoord van de nieuwe keystore, en dan de pincode van "
                                    "uw eID om te ondertekenen."},
    "cli.renew.new_password_rules": {
        "en": "Choose a password for the new keystore: at least 8 characters, including a digit or a symbol.",
        "fr": "Choisissez un mot de passe pour le nouveau keystore : au moins 8 caractères, dont un chiffre ou un symbole.",
        "nl": "Kies een wachtwoord voor de nieuwe keystore: minstens 8 tekens, waaronder een cijfer of een symbool.",
    },
    "cli.renew.new_password": {"en": "New password:", "fr": "Nouveau mot de passe :", "nl": "Nieuw wachtwoord:"},
    "cli.renew.new_password_again": {"en": "New password again:", "fr": "Confirmez le mot de passe :",
                                     "nl": "Bevestig het wachtwoord:"},
    "cli.renew.no_such_keystore": {"en": "There is no keystore file {file}.", "fr": "Le fichier keystore {file} n'existe pas.",
                                   "nl": "Het keystorebestand {file} bestaat niet."},
    "cli.complete.none_for": {"en": "No renewal is known for {file}.", "fr": "Aucun renouvellement connu pour {file}.",
                              "nl": "Geen vernieuwing bekend voor {file}."},
    "cli.complete.nothing": {"en": "No renewal is waiting to be completed.", "fr": "Aucun renouvellement n'attend d'être complété.",
                             "nl": "Geen enkele vernieuwing wacht op vervollediging."},
    "cli.renewals.none": {"en": "No renewal yet.", "fr": "Aucun renouvellement pour l'instant.", "nl": "Nog geen vernieuwing."},
    "renewal.handover": {
        "en": "The eHealth certificate of {holder} is renewed until {date}, and its new encryption key (ETK) is "
              "active. In your medical software, now use this keystore:\n{path}\nwith the new password you chose.",
        "fr": "Le certificat eHealth de {holder} est renouvelé jusqu'au {date} et sa nouvelle clé de chiffrement "
              "(ETK) est active. Dans votre logiciel médical, utilisez désormais ce keystore :\n{path}\navec le "
              "nouveau mot de passe que vous avez choisi.",
        "nl": "Het eHealth-certificaat van {holder} is vernieuwd tot {date} en de nieuwe versleutelingssleutel (ETK) "
              "is actief. Gebruik in uw medische software voortaan deze keystore:\n{path}\nmet het nieuwe "
              "wachtwoord dat u koos.",
    },
    "renewal.refused_by_ehealth": {
        "en": "eHealth refused the request (step {operation}, request {request}): \"{message}\" (code {code}). "
              "Nothing more is sent. Call eHealth's certificate help desk on {phone} with this request number, or "
              "start the renewal again from the tray once the cause is solved.",
        "fr": "eHealth a refusé la demande (étape {operation}, demande {request}) : « {message} » (code {code}). "
              "Plus rien n'est envoyé. Appelez le support certificats d'eHealth au {phone} avec ce numéro de "
              "demande, ou relancez le renouvellement depuis l'icône une fois la cause réglée.",
        "nl": "eHealth weigerde de aanvraag (stap {operation}, aanvraag {request}): \"{message}\" (code {code}). "
              "Er wordt niets meer verstuurd. Bel de certificatenhelpdesk van eHealth op {phone} met dit "
              "aanvraagnummer, of start de vernieuwing opnieuw via het pictogram zodra de oorzaak opgelost is.",
    },
    "renewal.complete_how": {
        "en": "ehwatch completes the renewal by itself while \"ehwatch run\" is running (turn on \"ehwatch autostart "
              "enable\" to start it with your session), or when you type \"ehwatch complete\".",
        "fr": "ehwatch complète le renouvellement tout seul tant que « ehwatch run » tourne (activez « ehwatch "
              "autostart enable » pour le lancer avec votre session), ou quand vous tapez « ehwatch complete ».",
        "nl": "ehwatch vervolledigt de vernieuwing zelf zolang \"ehwatch run\" draait (zet \"ehwatch autostart "
              "enable\" aan om het met uw sessie te starten), of wanneer u \"ehwatch complete\" typt.",
    },
    "renewal.pin_try_again": {
        "en": "Type the PIN again? Everything else you entered is kept.",
        "fr": "Retaper le PIN ? Tout ce que vous avez saisi est conservé.",
        "nl": "De pincode opnieuw intypen? Al de rest die u invulde blijft bewaard.",
    },
    "renewal.write_failed": {
        "en": "The new keystore could not be written to {file} ({detail}). Nothing was sent to eHealth yet.",
        "fr": "Le nouveau keystore n'a pas pu être écrit dans {file} ({detail}). Rien n'a encore été envoyé à eHealth.",
        "nl": "De nieuwe keystore kon niet geschreven worden naar {file} ({detail}). Er werd nog niets naar eHealth "
              "gestuurd.",
    },
    "renewal.write_try_again": {
        "en": "Free some space (or fix the folder), then try again? The signed request is kept meanwhile.",
        "fr": "Libérez de la place (ou corrigez le dossier), puis réessayer ? La demande signée est gardée entre-temps.",
        "nl": "Maak wat ruimte vrij (of herstel de map) en opnieuw proberen? De ondertekende aanvraag blijft "
              "intussen bewaard.",
    },
    "renewal.folder_not_writable": {
        "en": "ehwatch cannot write in the keystore folder {folder} ({detail}). Nothing was signed: make the folder "
              "writable, then renew again.",
        "fr": "ehwatch ne peut pas écrire dans le dossier des keystores {folder} ({detail}). Rien n'a été signé : "
              "rendez le dossier accessible en écriture, puis relancez.",
        "nl": "ehwatch kan niet schrijven in de keystoremap {folder} ({detail}). Er werd niets ondertekend: maak de "
              "map beschrijfbaar en start opnieuw.",
    },
    "renewal.folder_full": {
        "en": "The disk holding {folder} is full ({detail}). Nothing was signed: free some space, then renew again.",
        "fr": "Le disque qui contient {folder} est plein ({detail}). Rien n'a été signé : libérez de la place, puis "
              "relancez.",
        "nl": "De schijf met {folder} is vol ({detail}). Er werd niets ondertekend: maak ruimte vrij en start "
              "opnieuw.",
    },
    "renewal.state.handing_over": {"en": "running your follow-up commands", "fr": "exécution de vos commandes de suivi",
                                   "nl": "uw vervolgcommando's worden uitgevoerd"},
    "renewal.state.notifying": {"en": "renewed: new keystore to use", "fr": "renouvelé : nouveau keystore à utiliser",
                                "nl": "vernieuwd: nieuwe keystore te gebruiken"},
    "renewal.next.acknowledge": {
        "en": "Use the new keystore {path} in your medical software, then mark it as seen: "
              "\"ehwatch renewals --acknowledge\" or the tray menu.",
        "fr": "Utilisez le nouveau keystore {path} dans votre logiciel médical, puis indiquez-le comme vu : "
              "« ehwatch renewals --acknowledge » ou le menu de l'icône.",
        "nl": "Gebruik de nieuwe keystore {path} in uw medische software en duid hem daarna aan als gezien: "
              "\"ehwatch renewals --acknowledge\" of het menu van het pictogram.",
    },
    "cli.complete.line": {"en": "{file}: {state}", "fr": "{file} : {state}", "nl": "{file}: {state}"},
    "cli.renewals.acknowledge_how": {
        "en": "Once your software uses it, type \"ehwatch renewals --acknowledge\" (or click it in the tray menu).",
        "fr": "Une fois votre logiciel configuré, tapez «\u00a0ehwatch renewals --acknowledge\u00a0» (ou cliquez dans "
              "le menu de l'icône).",
        "nl": "Zodra uw software hem gebruikt, typt u \"ehwatch renewals --acknowledge\" (of klikt u in het menu van "
              "het pictogram).",
        "de": "Sobald Ihre Software ihn verwendet, geben Sie \"ehwatch renewals --acknowledge\" ein (oder klicken Sie "
              "im Menü des Symbols darauf).",
    },
    "cli.renewals.nothing_to_acknowledge": {"en": "No new keystore waits for your acknowledgement.",
                                            "fr": "Aucun nouveau keystore n'attend votre confirmation.",
                                            "nl": "Geen nieuwe keystore wacht op uw bevestiging."},
    "cli.renewals.acknowledged": {"en": "Noted: {path} (valid until {date}).", "fr": "C'est noté : {path} (valable "
                                  "jusqu'au {date}).", "nl": "Genoteerd: {path} (geldig tot {date})."},
    "cli.renew.answer_missing": {
        "en": "No \"{name}=…\" line on standard input: the renewal stops here, nothing was signed.",
        "fr": "Pas de ligne « {name}=… » sur l'entrée standard : le renouvellement s'arrête ici, rien n'a été signé.",
        "nl": "Geen regel \"{name}=…\" op de standaardinvoer: de vernieuwing stopt hier, er werd niets ondertekend.",
    },
    "cli.renew.conditions_title": {"en": "eHealth's general conditions", "fr": "Conditions générales d'eHealth",
                                   "nl": "Algemene voorwaarden van eHealth"},
    "cli.renew.accept_conditions": {
        "en": "Do you accept these conditions? They are signed with your eID together with the request.",
        "fr": "Acceptez-vous ces conditions ? Elles sont signées avec votre eID en même temps que la demande.",
        "nl": "Aanvaardt u deze voorwaarden? Ze worden samen met de aanvraag met uw eID ondertekend.",
    },
    "cli.renew.conditions_accepted_by_flag": {"en": "Conditions accepted (--accept-conditions).",
                                              "fr": "Conditions acceptées (--accept-conditions).",
                                              "nl": "Voorwaarden aanvaard (--accept-conditions)."},
    "cli.renew.conditions_need_flag": {
        "en": "The renewal stops: eHealth's conditions must be accepted. Read them above, then run again with "
              "--accept-conditions. Nothing was signed.",
        "fr": "Le renouvellement s'arrête : les conditions d'eHealth doivent être acceptées. Lisez-les ci-dessus, "
              "puis relancez avec --accept-conditions. Rien n'a été signé.",
        "nl": "De vernieuwing stopt: de voorwaarden van eHealth moeten aanvaard worden. Lees ze hierboven en start "
              "opnieuw met --accept-conditions. Er werd niets ondertekend.",
    },
    "cli.renew.review_dn_changed": {
        "en": "eHealth will certify the name above; your current certificate says (a change at the national register):",
        "fr": "eHealth certifiera le nom ci-dessus ; votre certificat actuel indique (un changement au registre "
              "national) :",
        "nl": "eHealth certificeert de naam hierboven; uw huidige certificaat vermeldt (een wijziging in het "
              "rijksregister):",
    },
    "cli.status.renewals": {"en": "Renewals:", "fr": "Renouvellements :", "nl": "Vernieuwingen:"},
}
