"""eHealth's conditions as a person reads them: GenerateContract sends them as HTML, per language;
the terminal's pager and the tray's dialog show plain text."""
from __future__ import annotations

import html.parser


class _TextOfHtml(html.parser.HTMLParser):
    BREAKS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(" ".join(data.split()) + (" " if data[-1:].isspace() else ""))


def text_of_html(text: str) -> str:
    """eHealth sends the conditions as HTML: readable plain text for a terminal (one linear pass)."""
    if "<" not in text:
        return text.strip()
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
