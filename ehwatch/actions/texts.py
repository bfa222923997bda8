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
}
