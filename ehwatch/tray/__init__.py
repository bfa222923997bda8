"""What the user sees and clicks, as a library the daemon drives.

``icon`` draws the icon, ``menu`` turns a ``Snapshot`` into a menu model, ``app`` shows both with
pystray, ``notify`` shows notifications whose Renew action comes back as an ``Intent``, and
``dialogs`` asks for passwords, PIN and contact data in short-lived Tk child processes. Nothing here
scans folders or calls eHealth: the tray renders snapshots and sends intents.
"""
