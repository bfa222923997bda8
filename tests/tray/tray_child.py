"""Runs a ``Tray`` in its own process for the desktop tests (GTK binds to one display per process).

stdin: one JSON snapshot per line (``Snapshot`` fields) → ``tray.update``; ``stop`` → ``tray.stop``.
stdout: ``{"ready": true, "backend": …, "docked": …}`` once the icon is shown, then one
``{"intent": kind, "keystore": path}`` per intent the tray put in its queue.
"""
import json
import queue
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ehwatch.events import Snapshot  # noqa: E402
from ehwatch.tray.app import Tray  # noqa: E402


def say(obj) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> None:
    lang = sys.argv[1]
    backend = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "auto" else None
    intents: queue.Queue = queue.Queue()
    tray = Tray(intents, lang, backend=backend, manager_available=True)

    def forward_intents():
        while True:
            intent = intents.get()
            say({"intent": intent.kind, "keystore": str(intent.keystore) if intent.keystore else None})

    def read_commands():
        for line in sys.stdin:
            line = line.strip()
            if line == "stop":
                break
            if line:
                tray.update(Snapshot(**json.loads(line)))
                say({"updated": True})
        tray.stop()

    threading.Thread(target=forward_intents, daemon=True).start()
    threading.Thread(target=read_commands, daemon=True).start()
    tray.run(on_ready=lambda: say({"ready": True, "backend": tray.backend_name, "docked": tray.docked,
                                   "fallbacks": tray.fallback_messages}))


if __name__ == "__main__":
    main()
