"""One module per CLI action; each exposes ``register(subparsers)``."""
from pathlib import Path


def add_keystore_dir_option(parser, help_text: str) -> None:
    """``--keystore-dir DIR`` (repeatable): ``cli.py`` hands the folders to the core, which then
    scans them instead of the configured ones."""
    parser.add_argument("--keystore-dir", dest="keystore_dir", type=Path, action="append", metavar="DIR",
                        help=help_text)
