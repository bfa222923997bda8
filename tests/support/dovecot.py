"""Tests import the throw-away Dovecot from here; it lives in the package (``ehwatch demo`` uses it)."""
from ehwatch.sandbox.imap_server import DOVECOT, SECURITIES, Dovecot, free_port, self_signed_certificate  # noqa: F401
