"""ehwatch: watches Belgian eHealth certificates, warns before they expire and renews them."""

__version__ = "0.1.0"
