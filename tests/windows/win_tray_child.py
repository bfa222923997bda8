"""The tray in the Windows Python (run under Wine by test_windows_tray.py): pystray's win32 icon.

stdin: a JSON snapshot per line → ``tray.update``; ``notify KEYSTORE`` → a balloon (``Tray.notify``) whose
click is the reminder's Renew; ``stop``. stdout: ``{"ready": …}`` once shown, ``{"updated": true}``,
``{"notified": bool}``, and one ``{"intent": kind, "keystore": path}`` per intent the tray queued.
Uses the ehwatch installed in this Python (not the work tree).
"""
import json
import queue
import sys
import threading
from pathlib import Path

from ehwatch import events
from ehwatch.events import Intent, Snapshot
from ehwatch.tray.app import Tray


def say(obj) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> None:
    lang = sys.argv[1] if len(sys.argv) > 1 else "fr"
    intents: queue.Queue = queue.Queue()
    tray = Tray(intents, lang)

    def forward_intents():
        while True:
            intent = intents.get()
            say({"intent": intent.kind, "keystore": str(intent.keystore) if intent.keystore else None})

    def read_commands():
        for line in sys.stdin:
            line = line.strip()
            if line == "stop":
                break
            if line.startswith("notify "):
                keystore = Path(line.split(" ", 1)[1])
                shown = tray.notify("ehwatch", "MARIE DUBOIS : le certificat expire dans 20 jours. Cliquez pour "
                                               "renouveler.", Intent(events.RENEW, keystore))
                say({"notified": shown})
            elif line:
                tray.update(Snapshot(**json.loads(line)))
                say({"updated": True})
        tray.stop()

    threading.Thread(target=forward_intents, daemon=True).start()
    threading.Thread(target=read_commands, daemon=True).start()
    tray.run(on_ready=lambda: say({"ready": True, "backend": tray.backend_name, "docked": tray.docked,
                                   "has_menu": tray.has_menu, "hwnd": int(getattr(tray._icon, "_hwnd", 0) or 0)}))


if __name__ == "__main__":
    main()
