#!/usr/bin/env python3
"""check-markup.py FILE — checks that an HTML page or SVG chart tiprecon wrote holds no markup
from its input: valid UTF-8, no control character, only the elements tiprecon writes and no
event-handler attribute; an SVG document must also be well-formed XML. Every link inside the
page ("#id") leads to an element of the page. Prints what is wrong and exits 1, or exits 0."""
import html.parser
import sys
import xml.etree.ElementTree as ElementTree

# The elements the HTML and SVG renderers write.
TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "section", "p",
        "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "a", "ul", "li",
        "strong", "span", "br", "pre", "code", "script", "svg", "desc", "text", "line",
        "circle", "rect", "path", "g", "polyline", "tspan", "defs", "pattern"}


class Markup(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.handlers, self.texts = set(), [], []
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.handlers += ["%s %s" % (tag, k) for k, _ in attrs if k.startswith("on")]
        for k, v in attrs:
            if k == "id":
                self.ids.add(v)
            elif k == "href" and v is not None and v.startswith("#"):
                self.links.append(v[1:])

    def handle_data(self, data):
        self.texts.append(data)


def shown(text):
    """The text a reader sees in an HTML or SVG document, entities decoded."""
    parser = Markup()
    parser.feed(text)
    return "".join(parser.texts)


def problems(path):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["not valid UTF-8: %s" % e]
    found = []
    controls = sorted({"U+%04X" % ord(c) for c in text
                       if (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F})
    if controls:
        found.append("control characters " + ", ".join(controls))
    parser = Markup()
    parser.feed(text)
    if parser.tags - TAGS:
        found.append("elements tiprecon does not write: " + ", ".join(sorted(parser.tags - TAGS)))
    if parser.handlers:
        found.append("event handlers: " + ", ".join(parser.handlers[:3]))
    dangling = sorted({link for link in parser.links if link not in parser.ids})
    if dangling:
        found.append("links to no element of the page: #" + ", #".join(dangling[:5]))
    if text.startswith("<?xml"):
        try:
            ElementTree.fromstring(data)
        except ElementTree.ParseError as e:
            found.append("not well-formed XML: %s" % e)
    return found


if __name__ == "__main__":
    wrong = problems(sys.argv[1])
    for p in wrong:
        print(p)
    sys.exit(1 if wrong else 0)
