"""``python -m ehwatch``. Guarded: the scan's spawn workers re-import this module (as ``__mp_main__``)
and must not run the CLI again."""
from ehwatch.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
