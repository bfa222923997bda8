"""Entry point of the bundled program (PyInstaller); the same as ``python -m ehwatch``, plus one call.

The keystore scan decrypts in "spawn" worker processes when there are several keystores. Frozen, a
worker is the bundled program started again with multiprocessing's arguments; ``freeze_support()``
(which PyInstaller makes work on every OS, once its runtime hooks have run, i.e. here and not in a
runtime hook of ours) turns that start into a worker instead of a second ehwatch. Likewise a dialog
child (password, PIN…) is the bundled program started with EHWATCH_DIALOG_CHILD=1."""
import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from ehwatch.tray.dialogs import run_child_if_requested

    run_child_if_requested()        # the daemon's dialogs run as children of the bundled program itself
    from ehwatch.cli import main

    raise SystemExit(main())
