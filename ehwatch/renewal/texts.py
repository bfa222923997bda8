"""Texts of the renewal package: the eID (``eid.*``), the key material (``keys.*``) and the eHealth client."""

TEXTS = {
    # --- the eID over PKCS#11 ---
    "eid.middleware_missing": {
        "en": "The Belgian eID software (middleware) was not found at {module}. Install it from eid.belgium.be "
              "(or set [eid] pkcs11_module in the configuration), then try again. Nothing was sent.",
        "fr": "Le logiciel eID belge (middleware) est introuvable à l'emplacement {module}. Installez-le depuis "
              "eid.belgium.be (ou indiquez [eid] pkcs11_module dans la configuration), puis réessayez. Rien n'a été envoyé.",
        "nl": "De Belgische eID-software (middleware) werd niet gevonden op {module}. Installeer ze via eid.belgium.be "
              "(of stel [eid] pkcs11_module in de configuratie in) en probeer opnieuw. Er werd niets verstuurd.",
    },
    "eid.middleware_not_found": {
        "en": "The Belgian eID software (middleware) is not installed on this computer. Install it from "
              "eid.belgium.be (or set [eid] pkcs11_module in the configuration), then try again. Nothing was sent.",
        "fr": "Le logiciel eID belge (middleware) n'est pas installé sur cet ordinateur. Installez-le depuis "
              "eid.belgium.be (ou indiquez [eid] pkcs11_module dans la configuration), puis réessayez. Rien n'a été envoyé.",
        "nl": "De Belgische eID-software (middleware) is niet geïnstalleerd op deze computer. Installeer ze via "
              "eid.belgium.be (of stel [eid] pkcs11_module in de configuratie in) en probeer opnieuw. Er werd niets verstuurd.",
    },
    "eid.middleware_broken": {
        "en": "The eID software at {module} could not be started ({detail}). Reinstall the Belgian eID middleware "
              "from eid.belgium.be, then try again. Nothing was sent.",
        "fr": "Le logiciel eID situé à {module} n'a pas pu démarrer ({detail}). Réinstallez le middleware eID belge "
              "depuis eid.belgium.be, puis réessayez. Rien n'a été envoyé.",
        "nl": "De eID-software op {module} kon niet starten ({detail}). Installeer de Belgische eID-middleware "
              "opnieuw via eid.belgium.be en probeer opnieuw. Er werd niets verstuurd.",
    },
    "eid.no_reader": {
        "en": "No card reader was found. Connect your eID card reader, then try again.",
        "fr": "Aucun lecteur de carte n'a été trouvé. Branchez votre lecteur de carte eID, puis réessayez.",
        "nl": "Er werd geen kaartlezer gevonden. Sluit uw eID-kaartlezer aan en probeer opnieuw.",
    },
    "eid.no_card": {
        "en": "No Belgian eID card was found in the reader. Insert your eID card, then try again.",
        "fr": "Aucune carte eID belge n'a été trouvée dans le lecteur. Insérez votre carte eID, puis réessayez.",
        "nl": "Er werd geen Belgische eID-kaart gevonden in de lezer. Steek uw eID-kaart in de lezer en probeer opnieuw.",
    },
    "eid.card_removed": {
        "en": "The eID card was removed or stopped answering during the operation. Nothing was sent. "
              "Put the card back in the reader and start again.",
        "fr": "La carte eID a été retirée ou ne répond plus pendant l'opération. Rien n'a été envoyé. "
              "Remettez la carte dans le lecteur et recommencez.",
        "nl": "De eID-kaart werd verwijderd of reageerde niet meer tijdens de bewerking. Er werd niets verstuurd. "
              "Steek de kaart opnieuw in de lezer en begin opnieuw.",
    },
    "eid.pin_incorrect": {
        "en": "Your eID PIN was wrong. Nothing was sent. Check your PIN carefully before trying again: "
              "the card blocks after 3 wrong tries.",
        "fr": "Le code PIN de votre eID était erroné. Rien n'a été envoyé. Vérifiez bien votre code avant de "
              "réessayer : la carte se bloque après 3 essais erronés.",
        "nl": "De pincode van uw eID was fout. Er werd niets verstuurd. Controleer uw pincode goed voor u opnieuw "
              "probeert: de kaart blokkeert na 3 foute pogingen.",
    },
    "eid.pin_incorrect_tries": {
        "en": ("Your eID PIN was wrong. {tries} try left before the card blocks. Nothing was sent.",
               "Your eID PIN was wrong. {tries} tries left before the card blocks. Nothing was sent."),
        "fr": ("Le code PIN de votre eID était erroné. Il reste {tries} essai avant que la carte ne se bloque. "
               "Rien n'a été envoyé.",
               "Le code PIN de votre eID était erroné. Il reste {tries} essais avant que la carte ne se bloque. "
               "Rien n'a été envoyé."),
        "nl": ("De pincode van uw eID was fout. Nog {tries} poging voor de kaart blokkeert. Er werd niets verstuurd.",
               "De pincode van uw eID was fout. Nog {tries} pogingen voor de kaart blokkeert. Er werd niets "
               "verstuurd."),
        "de": ("Die PIN Ihrer eID war falsch. Noch {tries} Versuch, bevor die Karte gesperrt wird. Es wurde "
               "nichts gesendet.",
               "Die PIN Ihrer eID war falsch. Noch {tries} Versuche, bevor die Karte gesperrt wird. Es wurde "
               "nichts gesendet."),
    },
    "eid.pin_incorrect_last": {
        "en": "Your eID PIN was wrong. Only 1 try is left: one more mistake blocks the card. Nothing was sent. "
              "If you are not sure of your PIN, do not try again and ask your municipality.",
        "fr": "Le code PIN de votre eID était erroné. Il ne reste qu'un essai : une erreur de plus bloque la carte. "
              "Rien n'a été envoyé. Si vous n'êtes pas sûr de votre code, ne réessayez pas et adressez-vous à votre commune.",
        "nl": "De pincode van uw eID was fout. Er rest nog maar 1 poging: nog een fout blokkeert de kaart. Er werd "
              "niets verstuurd. Twijfelt u aan uw pincode, probeer dan niet opnieuw en vraag raad aan uw gemeente.",
    },
    "eid.pin_locked": {
        "en": "Your eID card is blocked after too many wrong PINs. Unblock it at your municipality with your "
              "PUK code. Nothing was sent.",
        "fr": "Votre carte eID est bloquée après trop de codes PIN erronés. Faites-la débloquer à votre commune "
              "avec votre code PUK. Rien n'a été envoyé.",
        "nl": "Uw eID-kaart is geblokkeerd na te veel foute pincodes. Laat ze deblokkeren bij uw gemeente met uw "
              "PUK-code. Er werd niets verstuurd.",
    },
    "eid.pin_cancelled": {
        "en": "The PIN entry was cancelled. Nothing was sent.",
        "fr": "La saisie du code PIN a été annulée. Rien n'a été envoyé.",
        "nl": "Het ingeven van de pincode werd geannuleerd. Er werd niets verstuurd.",
    },
    "eid.key_missing": {
        "en": "The eID card has no usable {label} key. Check that it is a valid Belgian eID card (not expired, "
              "certificates activated); your municipality can help. Nothing was sent.",
        "fr": "La carte eID n'a pas de clé {label} utilisable. Vérifiez qu'il s'agit d'une carte eID belge valide "
              "(non expirée, certificats activés) ; votre commune peut vous aider. Rien n'a été envoyé.",
        "nl": "De eID-kaart heeft geen bruikbare {label}-sleutel. Controleer of het een geldige Belgische eID-kaart "
              "is (niet vervallen, certificaten geactiveerd); uw gemeente kan helpen. Er werd niets verstuurd.",
    },
    "eid.failed": {
        "en": "The eID card reported an error ({code}). Nothing was sent. Take the card out, put it back and try "
              "again; if it persists, restart the computer.",
        "fr": "La carte eID a signalé une erreur ({code}). Rien n'a été envoyé. Retirez la carte, remettez-la et "
              "réessayez ; si l'erreur persiste, redémarrez l'ordinateur.",
        "nl": "De eID-kaart meldde een fout ({code}). Er werd niets verstuurd. Haal de kaart uit de lezer, steek "
              "ze er opnieuw in en probeer opnieuw; blijft de fout, herstart dan de computer.",
    },
    "eid.token_exists": {
        "en": "A test eID token already exists in {folder}. Use another folder or delete that one first.",
        "fr": "Un jeton eID de test existe déjà dans {folder}. Utilisez un autre dossier ou supprimez d'abord celui-ci.",
        "nl": "Er bestaat al een test-eID-token in {folder}. Gebruik een andere map of verwijder die eerst.",
    },
    "eid.softhsm_missing": {
        "en": "SoftHSM2, which plays the eID card in the sandbox, is not installed. Install the softhsm2 "
              "package, then try again.",
        "fr": "SoftHSM2, qui joue le rôle de la carte eID dans le bac à sable, n'est pas installé. Installez le "
              "paquet softhsm2, puis réessayez.",
        "nl": "SoftHSM2, dat in de sandbox de eID-kaart speelt, is niet geïnstalleerd. Installeer het pakket "
              "softhsm2 en probeer opnieuw.",
    },
    "eid.token_failed": {
        "en": "The test eID token could not be created in {folder} ({detail}).",
        "fr": "Le jeton eID de test n'a pas pu être créé dans {folder} ({detail}).",
        "nl": "Het test-eID-token kon niet aangemaakt worden in {folder} ({detail}).",
    },
    "eid.pin_prompt": {
        "en": "eID PIN for {holder}: ",
        "fr": "Code PIN eID de {holder} : ",
        "nl": "eID-pincode van {holder}: ",
    },
    "eid.pin_prompt_last": {
        "en": "Careful: this is the last try before your card blocks.",
        "fr": "Attention : c'est le dernier essai avant le blocage de votre carte.",
        "nl": "Opgelet: dit is de laatste poging voor uw kaart blokkeert.",
    },
    "eid.pin_prompt_pinpad": {
        "en": "Type your eID PIN on the card reader's keypad.",
        "fr": "Tapez le code PIN de votre eID sur le clavier du lecteur de carte.",
        "nl": "Tik de pincode van uw eID in op het toetsenbord van de kaartlezer.",
    },
    "eid.info.module": {"en": "Middleware", "fr": "Middleware", "nl": "Middleware"},
    "eid.info.reader": {"en": "Reader", "fr": "Lecteur", "nl": "Lezer"},
    "eid.info.card": {"en": "Card", "fr": "Carte", "nl": "Kaart"},
    "eid.info.holder": {"en": "Holder", "fr": "Titulaire", "nl": "Houder"},
    "eid.info.ssin": {"en": "National number", "fr": "Numéro de registre national",
                      "nl": "Rijksregisternummer"},
    "eid.info.keys": {"en": "Keys", "fr": "Clés", "nl": "Sleutels"},
    "eid.info.unknown": {"en": "(unknown)", "fr": "(inconnu)", "nl": "(onbekend)"},
    # --- the key material of a renewal ---
    "keys.challenge_invalid": {
        "en": "eHealth's encryption-key challenge could not be decrypted with the new encryption key. Nothing "
              "was registered; start the encryption-key registration again.",
        "fr": "Le défi d'eHealth pour la clé de chiffrement n'a pas pu être déchiffré avec la nouvelle clé. Rien "
              "n'a été enregistré ; recommencez l'enregistrement de la clé de chiffrement.",
        "nl": "De uitdaging van eHealth voor de encryptiesleutel kon niet ontcijferd worden met de nieuwe sleutel. "
              "Er werd niets geregistreerd; start de registratie van de encryptiesleutel opnieuw.",
    },
    "keys.csr_subject_mismatch": {
        "en": "The certificate request does not name the certificate eHealth offered to make ({dn}; the request "
              "names {csr}). Nothing was signed or sent. This is a fault in ehwatch: please report it.",
        "fr": "La demande de certificat ne porte pas le nom du certificat qu'eHealth propose de créer ({dn} ; la "
              "demande indique {csr}). Rien n'a été signé ni envoyé. C'est une erreur d'ehwatch : signalez-la.",
        "nl": "De certificaataanvraag draagt niet de naam van het certificaat dat eHealth voorstelt ({dn}; de "
              "aanvraag vermeldt {csr}). Er werd niets ondertekend of verstuurd. Dit is een fout in ehwatch: meld ze.",
    },
    "keys.csr_key_refused": {
        "en": "The new key is not one eHealth certifies ({detail}; RSA of at least 2048 bits is required). "
              "Nothing was signed or sent.",
        "fr": "La nouvelle clé n'est pas une clé qu'eHealth certifie ({detail} ; une clé RSA d'au moins 2048 bits "
              "est requise). Rien n'a été signé ni envoyé.",
        "nl": "De nieuwe sleutel is er geen die eHealth certificeert ({detail}; RSA van minstens 2048 bits is "
              "vereist). Er werd niets ondertekend of verstuurd.",
    },
    # --- the eHealth services (messages, signatures, transport) ---
    "ehealth.schema_invalid": {
        "en": "ehwatch built a {element} message that does not follow eHealth's official format ({errors}). "
              "Nothing was sent. This is a fault in ehwatch: please report it with the log file.",
        "fr": "ehwatch a construit un message {element} qui ne respecte pas le format officiel d'eHealth ({errors}). "
              "Rien n'a été envoyé. C'est une erreur d'ehwatch : signalez-la en joignant le journal.",
        "nl": "ehwatch maakte een bericht {element} dat niet aan het officiële formaat van eHealth voldoet ({errors}). "
              "Er werd niets verstuurd. Dit is een fout in ehwatch: meld ze en voeg het logbestand toe.",
    },
    "ehealth.malformed_response": {
        "en": "eHealth's answer could not be understood ({detail}). Nothing was changed on this computer; "
              "ehwatch will ask again later. If this keeps happening, the service may be in maintenance.",
        "fr": "La réponse d'eHealth est incompréhensible ({detail}). Rien n'a été modifié sur cet ordinateur ; "
              "ehwatch redemandera plus tard. Si cela se répète, le service est peut-être en maintenance.",
        "nl": "Het antwoord van eHealth is onbegrijpelijk ({detail}). Er werd niets gewijzigd op deze computer; "
              "ehwatch vraagt het later opnieuw. Blijft dit gebeuren, dan is de dienst misschien in onderhoud.",
    },
    "ehealth.signature_invalid": {
        "en": "The electronic signature of the message is not valid ({reason}).",
        "fr": "La signature électronique du message n'est pas valable ({reason}).",
        "nl": "De elektronische handtekening van het bericht is niet geldig ({reason}).",
    },
    "ehealth.unreachable": {
        "en": "The eHealth service at {host} cannot be reached ({detail}). Check the internet connection; "
              "ehwatch will try again later. Nothing was lost.",
        "fr": "Le service eHealth ({host}) est injoignable ({detail}). Vérifiez la connexion internet ; "
              "ehwatch réessaiera plus tard. Rien n'est perdu.",
        "nl": "De eHealth-dienst ({host}) is onbereikbaar ({detail}). Controleer de internetverbinding; "
              "ehwatch probeert het later opnieuw. Er ging niets verloren.",
    },
    "ehealth.timeout": {
        "en": "The eHealth service at {host} did not answer in time ({detail}). It may be busy; "
              "ehwatch will try again later. Nothing was lost.",
        "fr": "Le service eHealth ({host}) n'a pas répondu à temps ({detail}). Il est peut-être surchargé ; "
              "ehwatch réessaiera plus tard. Rien n'est perdu.",
        "nl": "De eHealth-dienst ({host}) antwoordde niet op tijd ({detail}). Misschien is hij overbelast; "
              "ehwatch probeert het later opnieuw. Er ging niets verloren.",
    },
    "ehealth.service_error": {
        "en": "eHealth refused the {operation} request (code {code}): {detail}. Check the details above; "
              "if you do not understand them, call eHealth's certificate helpdesk (02 788 51 55) with this code.",
        "fr": "eHealth a refusé la demande {operation} (code {code}) : {detail}. Vérifiez ces informations ; "
              "en cas de doute, appelez le helpdesk certificats d'eHealth (02 788 51 55) en mentionnant ce code.",
        "nl": "eHealth weigerde de aanvraag {operation} (code {code}): {detail}. Controleer deze gegevens; "
              "begrijpt u ze niet, bel de certificatenhelpdesk van eHealth (02 788 51 55) en vermeld deze code.",
    },
    "ehealth.not_yet_delivered": {
        "en": "eHealth has not produced the new certificate yet. This is normal: it can take up to 10 days. "
              "ehwatch checks again regularly and will tell you when it is ready.",
        "fr": "eHealth n'a pas encore produit le nouveau certificat. C'est normal : cela peut prendre jusqu'à "
              "10 jours. ehwatch vérifie régulièrement et vous préviendra dès qu'il sera prêt.",
        "nl": "eHealth heeft het nieuwe certificaat nog niet aangemaakt. Dat is normaal: het kan tot 10 dagen "
              "duren. ehwatch controleert regelmatig en laat het u weten zodra het klaar is.",
    },
    "ehealth.insecure_url": {
        "en": "The eHealth address {url} is not secure (it must start with https://). Correct it in the "
              "[ehealth] section of the configuration. Nothing was sent.",
        "fr": "L'adresse eHealth {url} n'est pas sécurisée (elle doit commencer par https://). Corrigez-la dans "
              "la section [ehealth] de la configuration. Rien n'a été envoyé.",
        "nl": "Het eHealth-adres {url} is niet beveiligd (het moet met https:// beginnen). Verbeter het in de "
              "sectie [ehealth] van de configuratie. Er werd niets verstuurd.",
    },
    "ehealth.cafile_unusable": {
        "en": "The CA file {file} set in the [ehealth] section of the configuration cannot be read as PEM "
              "certificates. Correct the path (or empty it to trust the system's certificates). Nothing was sent.",
        "fr": "Le fichier d'autorités {file} indiqué dans la section [ehealth] de la configuration n'est pas "
              "lisible comme certificats PEM. Corrigez le chemin (ou videz-le pour utiliser les certificats du "
              "système). Rien n'a été envoyé.",
        "nl": "Het CA-bestand {file} uit de sectie [ehealth] van de configuratie is niet leesbaar als PEM-"
              "certificaten. Verbeter het pad (of maak het leeg om de certificaten van het systeem te gebruiken). "
              "Er werd niets verstuurd.",
    },
    "ehealth.unknown_environment": {
        "en": "ehwatch does not know the eHealth environment \"{environment}\". Use production or acceptance, "
              "or give the three service addresses in the [ehealth] section of the configuration.",
        "fr": "ehwatch ne connaît pas l'environnement eHealth « {environment} ». Utilisez production ou acceptance, "
              "ou indiquez les trois adresses des services dans la section [ehealth] de la configuration.",
        "nl": "ehwatch kent de eHealth-omgeving \"{environment}\" niet. Gebruik production of acceptance, "
              "of geef de drie dienstadressen op in de sectie [ehealth] van de configuratie.",
    },
    # ---- a new certificate (issue 12: RenewalStart.request_new)
    "request.confirm_start": {
        "en": "Request a new eHealth certificate for {holder}? You will need the eID and its PIN; the new "
              "keystore will be written in {folder}.",
        "fr": "Demander un nouveau certificat eHealth pour {holder}\u00a0? Il vous faudra l'eID et son code "
              "PIN\u00a0; le nouveau keystore sera écrit dans {folder}.",
        "nl": "Een nieuw eHealth-certificaat aanvragen voor {holder}? U hebt de eID en de pincode nodig; de "
              "nieuwe keystore wordt geschreven in {folder}.",
        "de": "Ein neues eHealth-Zertifikat für {holder} beantragen? Sie benötigen die eID und ihre PIN; der "
              "neue Keystore wird in {folder} gespeichert.",
    },
    "request.confirm_start_choose": {
        "en": "Request a new eHealth certificate? You will then choose for whom: yourself or an organisation you "
              "manage. You will need your eID and its PIN; the new keystore will be written in {folder}.",
        "fr": "Demander un nouveau certificat eHealth\u00a0? Vous choisirez ensuite pour qui\u00a0: vous-même ou "
              "une organisation que vous gérez. Il vous faudra votre eID et son code PIN\u00a0; le nouveau "
              "keystore sera écrit dans {folder}.",
        "nl": "Een nieuw eHealth-certificaat aanvragen? U kiest daarna voor wie: uzelf of een organisatie die u "
              "beheert. U hebt uw eID en de pincode nodig; de nieuwe keystore wordt geschreven in {folder}.",
        "de": "Ein neues eHealth-Zertifikat beantragen? Sie wählen danach, für wen: für sich selbst oder für eine "
              "Organisation, die Sie verwalten. Sie benötigen Ihre eID und ihre PIN; der neue Keystore wird in "
              "{folder} gespeichert.",
    },
    "request.choose_whom": {
        "en": "For whom is the new certificate? (eHealth says which organisations you manage.)",
        "fr": "Pour qui est le nouveau certificat ? (eHealth indique les organisations que vous gérez.)",
        "nl": "Voor wie is het nieuwe certificaat? (eHealth zegt welke organisaties u beheert.)",
    },
    "request.choice.myself": {
        "en": "Myself: {name} (SSIN {ssin})",
        "fr": "Moi-même : {name} (NISS {ssin})",
        "nl": "Mezelf: {name} (INSZ {ssin})",
    },
    "request.choice.organisation": {
        "en": "{name} ({identifier})",
        "fr": "{name} ({identifier})",
        "nl": "{name} ({identifier})",
    },
    "request.no_quality": {
        "en": "eHealth knows no quality allowing you to hold a certificate, for yourself or for an organisation. "
              "Ask eHealth's contact centre (02 788 51 55) or your organisation's access manager.",
        "fr": "eHealth ne vous connaît aucune qualité permettant de détenir un certificat, pour vous ou pour une "
              "organisation. Demandez au centre de contact d'eHealth (02 788 51 55) ou au gestionnaire d'accès de "
              "votre organisation.",
        "nl": "eHealth kent u geen hoedanigheid toe om een certificaat te houden, voor uzelf of voor een "
              "organisatie. Vraag het contactcenter van eHealth (02 788 51 55) of de toegangsbeheerder van uw "
              "organisatie.",
    },
    "request.no_ssin": {
        "en": "The eID in the reader carries no national number: eHealth cannot tell who is asking.",
        "fr": "L'eID dans le lecteur ne porte pas de numéro national : eHealth ne peut pas savoir qui demande.",
        "nl": "De eID in de lezer draagt geen rijksregisternummer: eHealth kan niet weten wie het vraagt.",
    },
    "request.bad_organisation": {
        "en": "\"{value}\" is not an organisation identifier: write TYPE=number, e.g. CBE=0123456789.",
        "fr": "« {value} » n'est pas un identifiant d'organisation : écrivez TYPE=numéro, p. ex. CBE=0123456789.",
        "nl": "\"{value}\" is geen identificatie van een organisatie: schrijf TYPE=nummer, bv. CBE=0123456789.",
    },
    "request.application_for_person": {
        "en": "An application id is only for an organisation's certificate: give --organisation too.",
        "fr": "Un identifiant d'application n'existe que pour le certificat d'une organisation : indiquez aussi "
              "--organisation.",
        "nl": "Een toepassings-id bestaat alleen voor het certificaat van een organisatie: geef ook --organisation.",
    },
    "request.application_id_taken": {
        "en": "A valid certificate of {identifier} already uses the application id {application}: choose another "
              "one, or renew that certificate.",
        "fr": "Un certificat valable de {identifier} utilise déjà l'identifiant d'application {application} : "
              "choisissez-en un autre, ou renouvelez ce certificat.",
        "nl": "Een geldig certificaat van {identifier} gebruikt de toepassings-id {application} al: kies een "
              "andere, of vernieuw dat certificaat.",
    },
    "request.application_ids_in_use": {
        "en": "Application ids already used by {identifier}'s certificates: {ids}. A new certificate with one of "
              "them is refused (use --application-id with a new one).",
        "fr": "Identifiants d'application déjà utilisés par les certificats de {identifier} : {ids}. Un nouveau "
              "certificat avec l'un d'eux est refusé (utilisez --application-id avec un nouveau).",
        "nl": "Toepassings-id's die de certificaten van {identifier} al gebruiken: {ids}. Een nieuw certificaat "
              "met een ervan wordt geweigerd (gebruik --application-id met een nieuwe).",
    },
    "request.manual_validation": {
        "en": "eHealth does not validate this request for {identifier} automatically: its support team checks "
              "by hand that you may manage this organisation, which takes longer (days). Nothing to do now; "
              "answer eHealth's e-mail if it asks for a document. ehwatch completes the request when the "
              "certificate is produced.",
        "fr": "eHealth ne valide pas automatiquement cette demande pour {identifier} : son équipe de support "
              "vérifie à la main que vous pouvez gérer cette organisation, ce qui prend plus longtemps (des "
              "jours). Rien à faire maintenant ; répondez au courriel d'eHealth s'il demande un document. ehwatch "
              "complète la demande quand le certificat est produit.",
        "nl": "eHealth valideert deze aanvraag voor {identifier} niet automatisch: het supportteam controleert "
              "met de hand of u deze organisatie mag beheren, wat langer duurt (dagen). Nu niets te doen; "
              "beantwoord de e-mail van eHealth als die om een document vraagt. ehwatch vervolledigt de aanvraag "
              "zodra het certificaat aangemaakt is.",
    },
    "request.asking_qualities": {
        "en": "First, eHealth is asked which organisations you manage: your eID PIN signs that question (with "
              "the authentication key); the request itself is signed later.",
        "fr": "D'abord, eHealth est interrogé sur les organisations que vous gérez : le PIN de votre eID signe "
              "cette question (avec la clé d'authentification) ; la demande elle-même est signée ensuite.",
        "nl": "Eerst wordt eHealth gevraagd welke organisaties u beheert: de pincode van uw eID ondertekent die "
              "vraag (met de authenticatiesleutel); de aanvraag zelf wordt daarna ondertekend.",
    },
}
