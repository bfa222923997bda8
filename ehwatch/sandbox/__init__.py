"""A local stand-in for the eHealth platform (CertRA, EtkRA, ETK depot) and for the eID card (SoftHSM2)."""
