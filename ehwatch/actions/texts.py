"""Texts of the actions that are not a renewal's: the keystore password change."""

TEXTS = {
    "password.same": {"en": "The new password is the same as the current one: nothing was changed.",
                      "fr": "Le nouveau mot de passe est identique à l'actuel : rien n'a été modifié.",
                      "nl": "Het nieuwe wachtwoord is hetzelfde als het huidige: er werd niets gewijzigd."},
    "password.confirm_change": {
        "en": "Change the password of {file}? The current file is kept as a backup beside it; remember to give "
              "the new password to your medical software.",
        "fr": "Changer le mot de passe de {file} ? Le fichier actuel est gardé en copie de sauvegarde à côté ; "
              "pensez à donner le nouveau mot de passe à votre logiciel médical.",
        "nl": "Het wachtwoord van {file} wijzigen? Het huidige bestand blijft als reservekopie ernaast bewaard; "
              "geef het nieuwe wachtwoord ook aan uw medische software.",
    },
    "password.backup_failed": {
        "en": "The backup copy {file} does not match the keystore: nothing was changed.",
        "fr": "La copie de sauvegarde {file} ne correspond pas au keystore : rien n'a été modifié.",
        "nl": "De reservekopie {file} komt niet overeen met de keystore: er werd niets gewijzigd.",
    },
    "password.changed": {
        "en": "Done: {file} now opens with the new password (kept in the keyring). The original file is kept "
              "as {backup}. Give the new password to your medical software.",
        "fr": "C'est fait : {file} s'ouvre maintenant avec le nouveau mot de passe (gardé dans le trousseau). "
              "Le fichier d'origine est conservé sous {backup}. Donnez le nouveau mot de passe à votre logiciel "
              "médical.",
        "nl": "Klaar: {file} opent nu met het nieuwe wachtwoord (bewaard in de sleutelbos). Het oorspronkelijke "
              "bestand blijft bewaard als {backup}. Geef het nieuwe wachtwoord aan uw medische software.",
    },
    # ---- issue 12: a new certificate, revocation, what eHealth knows
    "cli.request.no_such_folder": {
        "en": "The folder {folder} does not exist: create it, or choose another with --folder.",
        "fr": "Le dossier {folder} n'existe pas : créez-le, ou choisissez-en un autre avec --folder.",
        "nl": "De map {folder} bestaat niet: maak ze aan, of kies een andere met --folder.",
    },
    "cli.choose.number": {
        "en": "Number (1-{count}):",
        "fr": "Numéro (1-{count}) :",
        "nl": "Nummer (1-{count}):",
    },
    "revoke.bad_reason": {
        "en": "\"{reason}\" is not a revocation reason eHealth knows: {reasons}.",
        "fr": "« {reason} » n'est pas une raison de révocation connue d'eHealth : {reasons}.",
        "nl": "\"{reason}\" is geen intrekkingsreden die eHealth kent: {reasons}.",
    },
    "revoke.reason.keyCompromise": {
        "en": "the key or the password may be known to someone else",
        "fr": "la clé ou le mot de passe peut être connu de quelqu'un d'autre",
        "nl": "de sleutel of het wachtwoord kan bij iemand anders bekend zijn",
    },
    "revoke.reason.affiliationChanged": {
        "en": "the holder's details or organisation changed",
        "fr": "les données du titulaire ou son organisation ont changé",
        "nl": "de gegevens van de houder of zijn organisatie zijn gewijzigd",
    },
    "revoke.reason.superseded": {
        "en": "replaced by a newer certificate",
        "fr": "remplacé par un certificat plus récent",
        "nl": "vervangen door een nieuwer certificaat",
    },
    "revoke.reason.cessationOfOperation": {
        "en": "the practice or organisation stops",
        "fr": "la pratique ou l'organisation cesse ses activités",
        "nl": "de praktijk of organisatie stopt",
    },
    "revoke.confirm": {
        "en": "REVOKE the eHealth certificate of {holder} ({identifier}, file {file})? Reason: {reason}. This is "
              "final: every program using this certificate (medical software, eHealthBox, MyCareNet…) stops "
              "working with it at once, its ETK is revoked too (encrypted messages can no longer be sent to it), "
              "and it can never be renewed — only a new certificate can be requested.",
        "fr": "RÉVOQUER le certificat eHealth de {holder} ({identifier}, fichier {file}) ? Raison : {reason}. "
              "C'est définitif : tous les programmes qui utilisent ce certificat (logiciel médical, eHealthBox, "
              "MyCareNet…) cessent aussitôt de fonctionner avec lui, son ETK est révoqué aussi (plus aucun message "
              "chiffré ne peut lui être envoyé), et il ne pourra jamais être renouvelé — seul un nouveau "
              "certificat pourra être demandé.",
        "nl": "Het eHealth-certificaat van {holder} ({identifier}, bestand {file}) INTREKKEN? Reden: {reason}. "
              "Dit is definitief: elk programma dat dit certificaat gebruikt (medische software, eHealthBox, "
              "MyCareNet…) werkt er meteen niet meer mee, zijn ETK wordt ook ingetrokken (er kunnen geen "
              "versleutelde berichten meer naartoe), en het kan nooit vernieuwd worden — enkel een nieuw "
              "certificaat kan aangevraagd worden.",
    },
    "revoke.pending": {
        "en": "{file} holds a request, not a certificate yet: there is nothing to revoke.",
        "fr": "{file} contient une demande, pas encore de certificat : il n'y a rien à révoquer.",
        "nl": "{file} bevat een aanvraag, nog geen certificaat: er valt niets in te trekken.",
    },
    "revoke.already": {
        "en": "eHealth says the certificate of {file} is already revoked; ehwatch now shows it as revoked.",
        "fr": "eHealth indique que le certificat de {file} est déjà révoqué ; ehwatch l'affiche désormais comme "
              "révoqué.",
        "nl": "eHealth zegt dat het certificaat van {file} al ingetrokken is; ehwatch toont het nu als ingetrokken.",
    },
    "revoke.not_revocable": {
        "en": "eHealth does not allow revoking the certificate of {file} (its status there: {status}).",
        "fr": "eHealth ne permet pas de révoquer le certificat de {file} (son statut chez eHealth : {status}).",
        "nl": "eHealth laat niet toe het certificaat van {file} in te trekken (status bij eHealth: {status}).",
    },
    "revoke.unknown_outcome": {
        "en": "eHealth could not be reached after the revocation was signed: it may or may not be revoked. Run "
              "the same command again: ehwatch first asks eHealth whether it already is.",
        "fr": "eHealth n'a pas pu être joint après la signature de la révocation : le certificat est peut-être "
              "révoqué, peut-être pas. Relancez la même commande : ehwatch demande d'abord à eHealth s'il l'est "
              "déjà.",
        "nl": "eHealth was niet bereikbaar nadat de intrekking ondertekend was: het certificaat is misschien "
              "ingetrokken, misschien niet. Voer hetzelfde commando opnieuw uit: ehwatch vraagt eerst aan eHealth "
              "of het dat al is.",
    },
    "revoke.done": {
        "en": "Revoked: eHealth confirms that the certificate of {file} is revoked (ETK: {etk}). The file is kept "
              "as it was; ehwatch status shows it as revoked.",
        "fr": "Révoqué : eHealth confirme que le certificat de {file} est révoqué (ETK : {etk}). Le fichier est "
              "gardé tel quel ; ehwatch status l'affiche comme révoqué.",
        "nl": "Ingetrokken: eHealth bevestigt dat het certificaat van {file} ingetrokken is (ETK: {etk}). Het "
              "bestand blijft zoals het was; ehwatch status toont het als ingetrokken.",
    },
    "revoke.done_unchecked": {
        "en": "Revoked: eHealth accepted the revocation of {file} (its status could not be read back yet). "
              "ehwatch status shows it as revoked.",
        "fr": "Révoqué : eHealth a accepté la révocation de {file} (son statut n'a pas encore pu être relu). "
              "ehwatch status l'affiche comme révoqué.",
        "nl": "Ingetrokken: eHealth aanvaardde de intrekking van {file} (de status kon nog niet teruggelezen "
              "worden). ehwatch status toont het als ingetrokken.",
    },
    "certificates.none": {
        "en": "eHealth knows no certificate for this eID holder or the organisations they manage.",
        "fr": "eHealth ne connaît aucun certificat pour le titulaire de cette eID ni pour les organisations qu'il "
              "gère.",
        "nl": "eHealth kent geen certificaat voor de houder van deze eID of de organisaties die hij beheert.",
    },
    "certificates.line": {
        "en": "{name}: {status}, until {until} (ETK {etk})",
        "fr": "{name} : {status}, jusqu'au {until} (ETK {etk})",
        "nl": "{name}: {status}, tot {until} (ETK {etk})",
    },
    "certificates.here": {
        "en": "on this computer: {file}",
        "fr": "sur cet ordinateur : {file}",
        "nl": "op deze computer: {file}",
    },
    "certificates.missing": {
        "en": "valid at eHealth, not on this computer: look on the other computer, or revoke it (ehwatch revoke) "
              "if it is lost.",
        "fr": "valable chez eHealth, absent de cet ordinateur : cherchez-le sur l'autre ordinateur, ou "
              "révoquez-le (ehwatch revoke) s'il est perdu.",
        "nl": "geldig bij eHealth, niet op deze computer: zoek het op de andere computer, of trek het in "
              "(ehwatch revoke) als het verloren is.",
    },
    "certificates.requested_elsewhere": {
        "en": "requested, and its keystore is not on this computer: it is completed on the computer that asked.",
        "fr": "demandé, et son keystore n'est pas sur cet ordinateur : il se complète sur l'ordinateur qui l'a "
              "demandé.",
        "nl": "aangevraagd, en de keystore staat niet op deze computer: hij wordt vervolledigd op de computer die "
              "het aanvroeg.",
    },
    "certificates.gone": {
        "en": "no longer usable; nothing to do.",
        "fr": "plus utilisable ; rien à faire.",
        "nl": "niet meer bruikbaar; niets te doen.",
    },
    "certificates.status.IN_PROGRESS": {"en": "requested", "fr": "demandé", "nl": "aangevraagd"},
    "certificates.status.VALID_ACTIVE": {"en": "valid", "fr": "valable", "nl": "geldig"},
    "certificates.status.REFUSED": {"en": "refused", "fr": "refusé", "nl": "geweigerd"},
    "certificates.status.REVOKED": {"en": "revoked", "fr": "révoqué", "nl": "ingetrokken"},
    "certificates.status.EXPIRED": {"en": "expired", "fr": "expiré", "nl": "vervallen"},
    "cli.request.review_title": {
        "en": "You are about to sign, with your eID, the request for a new certificate for {cn}:",
        "fr": "Vous allez signer avec votre eID la demande d'un nouveau certificat pour {cn} :",
        "nl": "U gaat met uw eID de aanvraag van een nieuw certificaat voor {cn} ondertekenen:",
    },
    "cli.request.review_files": {
        "en": "The new keystore will be {new} (no existing keystore is changed).",
        "fr": "Le nouveau keystore sera {new} (aucun keystore existant n'est modifié).",
        "nl": "De nieuwe keystore wordt {new} (geen bestaande keystore wordt gewijzigd).",
    },
    "revoke.choose_reason": {
        "en": "Why revoke the eHealth certificate of {holder}? (Revocation is final.)",
        "fr": "Pourquoi révoquer le certificat eHealth de {holder}\u00a0? (La révocation est définitive.)",
        "nl": "Waarom het eHealth-certificaat van {holder} intrekken? (De intrekking is definitief.)",
        "de": "Warum das eHealth-Zertifikat von {holder} widerrufen? (Der Widerruf ist endgültig.)",
    },
    "request.handover": {
        "en": "The new eHealth certificate of {holder} is ready, valid until {date}, and its encryption key (ETK) "
              "is active. In your medical software, now use this keystore:\n{path}\nwith the password you chose.",
        "fr": "Le nouveau certificat eHealth de {holder} est prêt, valable jusqu'au {date}, et sa clé de "
              "chiffrement (ETK) est active. Dans votre logiciel médical, utilisez désormais ce keystore :\n{path}\n"
              "avec le mot de passe que vous avez choisi.",
        "nl": "Het nieuwe eHealth-certificaat van {holder} is klaar, geldig tot {date}, en de "
              "versleutelingssleutel (ETK) is actief. Gebruik in uw medische software voortaan deze keystore:\n"
              "{path}\nmet het wachtwoord dat u koos.",
    },
}
