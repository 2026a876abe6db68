#!/usr/bin/env python3
"""check-escaping.py DIR — checks the outputs hostile.sh wrote into DIR from hostile input.

Every output is valid UTF-8. HTML and SVG hold only the elements and attributes tiprecon
writes (no element, no event handler from input) and show the hostile text as text. Markdown
shows it escaped, with the backtick file name as one code span. JSON parses and carries the
hostile code exactly. CSV puts an apostrophe before each part a spreadsheet could read as a
formula and shows a control character as <U+001B>. Text, --explain and error lines carry no
control byte: it shows as <U+001B>, and an invisible character in a quoted cell as <U+FEFF>.
Prints one FAIL line per broken property.
"""
import importlib.util
import json
import os
import sys

directory = sys.argv[1]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def read(name):
    data = open(os.path.join(directory, name), "rb").read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        failures.append("%s is not valid UTF-8: %s" % (name, e))
        return data.decode("utf-8", "replace")


CODE = "A'\"><svg onload=\"document.title='pwned'\">`x|y\x1b[31m"
spec = importlib.util.spec_from_file_location(
    "check_markup", os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-markup.py"))
markup = importlib.util.module_from_spec(spec)
spec.loader.exec_module(markup)

for name in ["report.html", "report.svg"]:
    for problem in markup.problems(os.path.join(directory, name)):
        failures.append("%s: %s" % (name, problem))
    check("<svg onload=\"document.title='pwned'\">`x|y<U+001B>[31m" in markup.shown(read(name)),
          "%s does not show the hostile code as text" % name)
html_page = read("report.html")
check("<b>Öster`reich</b><U+0007>" in markup.shown(html_page),
      "report.html does not show the hostile German name as text")
check('href="#country-A.27.22.3E.3Csvg' in html_page and 'id="country-A.27.22.3E.3Csvg' in html_page,
      "report.html: the link and the id of the hostile country differ or are not tokens")

markdown = read("report.markdown")
check("<svg" not in markdown and "<b>" not in markdown and "\x1b" not in markdown,
      "report.markdown carries markup or an escape byte from input")
check("| Austria (A'\"&gt;&lt;svg onload=\"document.title='pwned'\"&gt;\\`x\\|y \\[31m) |"
      in markdown, "report.markdown does not escape the hostile code in the table")
check("``" + directory + "/a`b.csv:2:2``" in read("backtick.markdown"),
      "backtick.markdown: a file name with a backtick is not one code span")
check("| x\\|&lt;b&gt;\\*s\\*&lt;/b&gt; | reports | 2022 |" in read("source.markdown"),
      "source.markdown: the totals table does not escape a long table's source")

report = json.loads(read("report.json"), parse_constant=lambda c: failures.append(c))
check(any(p["country"] == CODE for p in report["pairs"]),
      "report.json does not carry the hostile code exactly")

check("\x1b" not in read("report.csv") and "`x|y<U+001B>[31m" in read("report.csv"),
      "report.csv does not show ESC as <U+001B>")
formula = read("formula.csv")
check(";'=1+1.csv" in formula and ";=1+1" not in formula,
      "formula.csv: a ';=' in a file name is not neutralised")

for name in ["report.text", "explain.text", "remark-explain.text", "error.text"]:
    text = read(name)
    check(not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in text),
          "%s carries a control character" % name)
check("`x|y<U+001B>[31m" in read("explain.text"), "explain.text does not show ESC as <U+001B>")
check("<b>Öster`reich</b><U+0007>" in read("explain.text"),
      "explain.text does not show BEL as <U+0007>")
check("bell<U+0007> escape<U+001B>[2J" in read("remark-explain.text"),
      "--explain does not show a remark's control characters")
check(read("error.text") == "%s/cell.csv:2:2: found '<U+FEFF>1<U+200B>0<U+001B>[31m<U+0007>'; "
      "expected a count such as '10 130', or a missing marker such as '-'\n" % directory,
      "error.text: " + read("error.text"))

for name in sorted(os.listdir(directory)):
    if name.startswith("latin1."):
        text = read(name)
        check("latin1-" in text, "%s does not name the input" % name)
check("latin1-<0xE9>.csv" in read("latin1.text"), "latin1.text does not show the byte as <0xE9>")
check("latin1-\ufffd.csv" in read("latin1.json"), "latin1.json does not carry U+FFFD")
read("latin1-tidy.csv")

for f in failures:
    print("FAIL escaping: " + f)
sys.exit(1 if failures else 0)
