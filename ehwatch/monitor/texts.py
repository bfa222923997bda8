"""Texts of the keystore inventory: errors, statuses, what to do, folder problems, the status table."""
from ehwatch.i18n import message, plural

MESSAGES = (
    # ---- errors of the codec
    message("monitor.wrong_password",
            "This password does not open the keystore. Check it (it may have been changed in the eHealth "
            "Certificate Manager) and try again."),
    message("monitor.not_a_keystore",
            "This file is not a readable eHealth keystore (PKCS#12): it is damaged, incomplete or of another kind. "
            "Restore it from a backup."),
    plural("monitor.too_costly",
           "This keystore asks for {work} round of password hashing, more than any real keystore (ehwatch allows "
           "{limit} per file). It was not opened; restore it from a backup.",
           "This keystore asks for {work} rounds of password hashing, more than any real keystore (ehwatch allows "
           "{limit} per file). It was not opened; restore it from a backup."),
    message("monitor.password_not_ascii",
            "Choose a keystore password made of unaccented letters, digits and ordinary symbols only: the eHealth "
            "Java tools cannot open a keystore whose password has accents or special letters."),
    # ---- statuses (short words for the table)
    message("monitor.status.valid", "valid"),
    message("monitor.status.expiring", "expiring soon"),
    message("monitor.status.expired", "expired"),
    message("monitor.status.pending", "request pending"),
    message("monitor.status.superseded", "replaced"),
    message("monitor.status.revoked", "revoked"),
    message("monitor.status.locked", "password needed"),
    message("monitor.status.wrong-password", "wrong password"),
    message("monitor.status.unreadable", "unreadable"),
    # ---- what to do, per status
    message("monitor.todo.valid", "Nothing to do."),
    message("monitor.todo.expiring", "Renew the certificate now (renewal is possible up to the last day)."),
    # ---- what to do, while a renewal of the keystore is under way (issue 13: instead of "renew now")
    message("monitor.renewal.waiting_request", "Renewal under way — waiting for eHealth (request {request})."),
    message("monitor.renewal.waiting", "Renewal under way — waiting for eHealth."),
    message("monitor.renewal.completing", "Renewal under way — {step}."),
    message("monitor.renewal.stopped", "Renewal stopped ({state}): see ehwatch renewals."),
    message("monitor.renewal.use_this_file",
            "New keystore: use it in your medical software, then confirm with ehwatch renewals --acknowledge."),
    message("monitor.todo.expired", "An expired certificate cannot be renewed: request a new one with your eID."),
    message("monitor.todo.pending", "Wait for the e-mail from eHealth, then complete the request."),
    message("monitor.todo.superseded", "Nothing: a newer keystore replaces it. You may archive this file."),
    message("monitor.todo.revoked",
            "Revoked: this certificate no longer works. Request a new one (ehwatch request) and archive this file."),
    message("monitor.todo.locked", "Give its password once: ehwatch password set \"{path}\""),
    message("monitor.todo.wrong-password", "The stored password no longer opens it: ehwatch password set \"{path}\""),
    message("monitor.todo.unreadable", "Restore this file from a backup, or remove it if it is not a keystore."),
    # ---- problems of one keystore (the "problem" sentence of --json)
    message("monitor.problem.empty", "The file is empty (0 bytes): the keystore was not saved completely."),
    message("monitor.problem.not_pkcs12", "The file is damaged, truncated or not a PKCS#12 keystore."),
    plural("monitor.problem.too_big",
           "The file is {size} byte, far too big for a keystore (at most {limit}); ehwatch did not read it.",
           "The file is {size} bytes, far too big for a keystore (at most {limit}); ehwatch did not read it."),
    message("monitor.problem.not_a_file",
            "This is not an ordinary file (a pipe, a socket or a device named like a keystore); ehwatch did not "
            "open it."),
    plural("monitor.problem.timeout",
           "Reading the file took more than {seconds} second (a network folder that does not answer?); ehwatch "
           "went on without it and will try again at the next check.",
           "Reading the file took more than {seconds} seconds (a network folder that does not answer?); ehwatch "
           "went on without it and will try again at the next check."),
    plural("monitor.problem.too_costly",
           "This keystore asks for {work} round of password hashing, more than any real keystore (ehwatch allows "
           "{limit} per file); ehwatch did not open it.",
           "This keystore asks for {work} rounds of password hashing, more than any real keystore (ehwatch allows "
           "{limit} per file); ehwatch did not open it."),
    message("monitor.problem.not_yet_valid",
            "The certificate is not valid yet (it starts on {start}): check the computer's clock, or the file."),
    message("monitor.problem.key_mismatch",
            "The certificate in this keystore does not belong to its private key: the file cannot be used with "
            "eHealth. Restore it from a backup."),
    message("monitor.problem.untrusted_chain",
            "The certificate is not signed by a certification authority the keystore holds: ehwatch does not take "
            "it for an eHealth certificate."),
    message("monitor.problem.cannot_open", "The file cannot be opened ({detail}). Check its permissions."),
    message("monitor.problem.no_password",
            "No password is stored for this keystore; the expiry is estimated from the file name."),
    message("monitor.problem.no_password_known",
            "No password is stored for this keystore; the dates shown are its certificate's, read when ehwatch "
            "last opened it."),
    message("monitor.problem.no_password_no_date",
            "No password is stored for this keystore, and its name holds no date: the expiry is unknown."),
    message("monitor.problem.keyring",
            "The keyring could not be read ({detail}); the expiry is estimated from the file name."),
    message("monitor.problem.wrong_password",
            "The stored password no longer opens this keystore (was it changed in the eHealth Certificate "
            "Manager?)."),
    message("monitor.problem.no_authentication", "The keystore holds no 'authentication' certificate."),
    message("monitor.problem.pending",
            "A certificate request is waiting for eHealth (the keystore still holds a placeholder)."),
    message("monitor.problem.revoked",
            "eHealth revoked this certificate and its encryption key (ETK) at your request."),
    message("monitor.problem.superseded_by", "Replaced by {newer}, valid until {until}."),
    # ---- problems of a folder or of an entry that is not a keystore
    message("monitor.folder.missing",
            "The keystore folder {path} does not exist. Check the setting keystore_dirs or the --keystore-dir "
            "option."),
    message("monitor.folder.not_a_folder", "{path} is a file, not a folder. Give the folder that holds the keystores."),
    message("monitor.folder.unreadable",
            "The keystore folder {path} cannot be read ({detail}). Check its permissions."),
    message("monitor.folder.directory_named_keystore", "{path} is a folder named like a keystore; ehwatch skipped it."),
    message("monitor.folder.vanished",
            "{path} disappeared while it was being checked (moved or deleted); it will be checked next time."),
    message("monitor.folder.bad_name",
            "The file {path} has a name that is not valid text (UTF-8); ehwatch skipped it. Rename it."),
    # ---- the status table
    message("monitor.table.holder", "Holder"),
    message("monitor.table.identifier", "Identifier"),
    message("monitor.table.environment", "Environment"),
    message("monitor.table.expiry", "Expires"),
    message("monitor.table.days_left", "Days left"),
    message("monitor.table.status", "State"),
    message("monitor.table.todo", "What to do"),
    message("monitor.table.estimated", "{date} (estimate)"),
    message("monitor.env.production", "production"),
    message("monitor.env.acceptance", "acceptance (test)"),
    message("monitor.table.none", "No keystore found in: {dirs}"),
    message("monitor.table.file", "File: {path}"),
    # ---- ehwatch password
    message("monitor.password.prompt", "Password of {name}: "),
    message("monitor.password.stored", "The password opens {name}; it is now stored in the system's keyring."),
    message("monitor.password.rejected",
            "This password does not open {name}; nothing was stored. Check it and try again."),
    message("monitor.password.empty", "No password was given; nothing was stored."),
    message("monitor.password.no_file", "The keystore {path} does not exist. Give the path of a .p12 file."),
    message("monitor.password.forgotten", "The password of {name} was removed from the keyring."),
    message("monitor.password.none_stored", "No password was stored for {name}; nothing to remove."),
)
