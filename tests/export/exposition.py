"""Reading ehwatch's exposition text back, to compare with what node_exporter serves."""
from __future__ import annotations


def parse(text: str) -> dict[tuple[str, frozenset], float]:
    """Reads exposition text back: ``{(name, frozenset(labels.items())): value}``.

    A small reader for the tests; node_exporter and promtool are the independent judges."""
    samples: dict[tuple[str, frozenset], float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, value = line.rpartition(" ")
        if "{" in head:
            name, _, rest = head.partition("{")
            labels, i, body = {}, 0, rest[:-1]
            while i < len(body):
                eq = body.index("=", i)
                key = body[i:eq]
                j, chars = eq + 2, []
                while body[j] != '"':
                    if body[j] == "\\":
                        j += 1
                        chars.append({"n": "\n"}.get(body[j], body[j]))
                    else:
                        chars.append(body[j])
                    j += 1
                labels[key] = "".join(chars)
                i = j + 2 if j + 1 < len(body) and body[j + 1] == "," else j + 1
        else:
            name, labels = head, {}
        samples[(name, frozenset(labels.items()))] = float(value)
    return samples
