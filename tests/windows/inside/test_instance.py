"""One ehwatch per Windows user: the msvcrt lock, the localhost port + token file, the hand-over."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

HOLDER = textwrap.dedent("""
    import sys, time
    from ehwatch import instance
    heard = []
    lock = instance.InstanceLock(heard.append)
    print("acquired" if lock.acquire() else "refused", flush=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not heard:
        time.sleep(0.05)
    print("heard:" + ",".join(heard), flush=True)
    sys.stdin.readline()   # hold the lock until told to go
    lock.close()
""")


def wait_for_line(stream, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    line = stream.readline()
    assert time.monotonic() < deadline
    return line.strip()


def test_a_second_start_hands_over_to_the_first_and_a_dead_first_leaves_no_stale_lock():
    from ehwatch import instance, paths

    first = subprocess.Popen([sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env=dict(os.environ))
    try:
        assert wait_for_line(first.stdout) == "acquired"
        assert instance.is_running()
        port_file = paths.runtime_dir() / "ehwatch.port"
        port, token = port_file.read_text(encoding="ascii").split()
        assert 0 < int(port) < 65536 and len(token) == 32
        second = instance.InstanceLock(lambda message: None)
        assert second.acquire() is False
        # A wrong token is not obeyed (another local user can reach 127.0.0.1, not this user's folder).
        import socket

        with socket.create_connection(("127.0.0.1", int(port)), timeout=5) as conn:
            conn.sendall(b"0123456789abcdef0123456789abcdef quit\n")
            conn.settimeout(10)
            assert conn.recv(16) == b"", "a message with a wrong token was acknowledged"
        assert instance.send(instance.SHOW_STATUS) is True
        assert wait_for_line(first.stdout) == "heard:" + instance.SHOW_STATUS  # only the genuine one
    finally:
        first.kill()  # a crash, not a clean close: the OS must release the lock
        first.wait(30)
    deadline = time.monotonic() + 10
    while instance.is_running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not instance.is_running(), "a killed ehwatch left its lock held"
    assert instance.send(instance.SHOW_STATUS, timeout=2) is False  # nobody listens any more
    again = instance.InstanceLock(lambda message: None)
    try:
        assert again.acquire() is True
    finally:
        again.close()
    assert not (paths.runtime_dir() / "ehwatch.port").exists()
