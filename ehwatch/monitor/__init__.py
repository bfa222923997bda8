"""monitor: keystore files turned into facts. No UI, no network.

- ``pkcs12``: the PKCS#12 codec (``read_keystore``, ``list_aliases``, ``write_keystore``; every entry,
  PBES2 / PKCS#12-3DES / RC2-40, MAC checked) — ``rc2`` holds the legacy cipher it needs;
- ``names``: eHealth file names and subject DNs; ``certs``: certificate facts read defensively;
- ``scanner``: finding candidates in folders, public facts of one keystore (runs in worker processes);
- ``cache``: the scan cache in the state store (public facts only);
- ``status``: the status policy and exit codes; ``inventory``: ``scan(core)`` -> ``Inventory``;
- ``report``: the status table in the user's language; ``passwords``: check-then-store keystore passwords.
"""
