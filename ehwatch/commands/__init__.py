"""One module per CLI action; each exposes ``register(subparsers)``."""
