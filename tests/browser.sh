#!/bin/sh
# browser.sh — renders the HTML report in headless Chromium and checks what a reader gets:
# no console message, no request leaving the file, one drawn mark per country-year with both
# figures, every anomaly sentence in the rendered text, a hostile remark shown as text,
# never run, and a Content-Security-Policy that blocks inline handlers and scripts. Needs
# Debian's chromium (scripts/install-deps installs it) and python3.
set -u
: "${TIPRECON:?set TIPRECON to the program to test}"
: "${TESTS_DIR:?set TESTS_DIR to the tests directory}"
LC_ALL=C
export LC_ALL
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "browser: chromium is not installed (scripts/install-deps installs it)"
  echo "browser: 0 passed, 1 failed"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Renders $1 (an HTML file) and writes the DOM after scripts ran to $2, Chromium's log to $3
# and its network log to $4.
render() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 --log-net-log="$4" \
    --virtual-time-budget=2000 --dump-dom "file://$1" > "$2" 2> "$3"
}

"$TIPRECON" --format html > "$tmp/report.html"
"$TIPRECON" --format json > "$tmp/report.json"
render "$tmp/report.html" "$tmp/dom.html" "$tmp/log.txt" "$tmp/net.json"

# A declared table whose remark is markup and script.
cat > "$tmp/hostile.csv" <<'CSV'
Pays,2022,Remarques
AT,"10 130","</script><script>document.title='pwned'</script><img src=x onerror=""document.title='pwned'"">"
CSV
"$TIPRECON" --format html --declared "$tmp/hostile.csv" > "$tmp/hostile.html"
render "$tmp/hostile.html" "$tmp/hostile-dom.html" "$tmp/hostile-log.txt" "$tmp/hostile-net.json"

# The Content-Security-Policy: the report with an inline handler and an inline script put in
# by hand (as if escaping had failed) runs neither; the same page without the policy runs
# both, which proves the page would run them.
sed 's|<h1>|<svg onload="document.title+=\x27handler\x27"></svg><script>document.title+=\x27script\x27</script><h1>|' \
  "$tmp/report.html" > "$tmp/tampered.html"
render "$tmp/tampered.html" "$tmp/tampered-dom.html" "$tmp/tampered-log.txt" "$tmp/tampered-net.json"
grep -v 'Content-Security-Policy' "$tmp/tampered.html" > "$tmp/open.html"
render "$tmp/open.html" "$tmp/open-dom.html" "$tmp/open-log.txt" "$tmp/open-net.json"

# A control page that logs to the console and loads something from elsewhere: the checks
# must see both.
printf '<html><body><img src="http://127.0.0.1:9/x.png"><script>console.error("control")</script></body></html>' > "$tmp/control.html"
render "$tmp/control.html" "$tmp/control-dom.html" "$tmp/control-log.txt" "$tmp/control-net.json"

python3 - "$tmp" <<'PY'
import html, json, re, sys
tmp = sys.argv[1]
passed = failed = 0
def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)

dom = open(tmp + "/dom.html", encoding="utf-8").read()
report = json.load(open(tmp + "/report.json", encoding="utf-8"))
log = open(tmp + "/log.txt", encoding="utf-8", errors="replace").read()

check(len(dom) > 10000 and "</html>" in dom, "the page rendered")
consoles = [l for l in log.splitlines() if "CONSOLE" in l]
check(not consoles, "console messages: " + "; ".join(consoles[:3]))

def requests(path):
    """The URLs the page asked for (the browser's own background requests have the initiator
    "not an origin"), other than the page itself."""
    events = json.load(open(path, encoding="utf-8"))["events"]
    urls = set()
    for e in events:
        p = e.get("params", {})
        if "url" in p and "method" in p and p.get("initiator") != "not an origin":
            urls.add(p["url"])
    return sorted(u for u in urls if not u.startswith("file://") and not u.startswith("data:"))
outside = requests(tmp + "/net.json")
check(not outside, "requests left the file: " + ", ".join(outside[:5]))
# The detectors themselves: a page that logs and loads an image from elsewhere is caught.
control_log = open(tmp + "/control-log.txt", encoding="utf-8", errors="replace").read()
check('"control"' in control_log and "CONSOLE" in control_log,
      "the console detector missed the control page's message")
check(requests(tmp + "/control-net.json") == ["http://127.0.0.1:9/x.png"],
      "the request detector missed the control page's request")

marks = len(re.findall(r'<circle[^>]*class="mark"', dom))
with_data = sum(1 for p in report["pairs"] if p["coverage"] is not None)
check(marks == with_data and marks > 0,
      "coverage chart draws %d marks for %d country-years with data" % (marks, with_data))
bars = len(re.findall(r'<rect[^>]*class="bar"', dom))
countries = len({p["country"] for p in report["pairs"] if p["gap"] is not None})
check(bars == countries, "gap chart draws %d bars for %d countries" % (bars, countries))

# What is missing is shown as missing: every country-year with no share has a hollow mark in the
# coverage chart, every country with no year to add up a hollow box in the gap chart, every
# country-year with one figure missing a cross in its country's small chart, each with its words.
def count(pattern):
    return len(re.findall(pattern, dom))
no_share = sum(1 for p in report["pairs"] if p["coverage"] is None)
check(count(r'<circle[^>]*class="missing"') == no_share > 0,
      "coverage chart marks %d country-years with no share of %d"
      % (count(r'<circle[^>]*class="missing"'), no_share))
by_country = {}
for p in report["pairs"]:
    by_country.setdefault(p["country"], []).append(p)
no_gap = sum(1 for ps in by_country.values() if all(p["gap"] is None for p in ps))
check(count(r'<rect[^>]*class="missing"') == no_gap > 0,
      "gap chart marks %d countries with no year to add up of %d"
      % (count(r'<rect[^>]*class="missing"'), no_gap))
one_side = sum(1 for p in report["pairs"] if p["status"] != "matched")
check(count(r'<text[^>]*class="missing"') == one_side,
      "small charts mark %d country-years with one figure missing of %d"
      % (count(r'<text[^>]*class="missing"'), one_side))
page = html.unescape(re.sub(r"<[^>]+>", " ", dom)).replace("\xa0", " ")
for words in ["Portugal 2022: no declared figure (NCMEC 42 674)",
              "Portugal no declared figure for 2022–2024",
              "46 253 2022 only; no declared figure for 2023–2024",
              "× no declared figure for 2023–2024"]:
    check(" ".join(words.split()) in " ".join(page.split()), "the page does not say: " + words)

# Numbers are printed with no-break spaces between thousands groups; a sentence is the same.
text = html.unescape(re.sub(r"<[^>]+>", "", dom)).replace("\xa0", " ")
missing = [a["message"] for a in report["anomalies"] if a["message"] not in text]
check(not missing, "%d anomaly sentences not in the page, e.g. %s" % (len(missing), missing[:1]))

hostile = open(tmp + "/hostile-dom.html", encoding="utf-8").read()
title = re.search(r"<title>(.*?)</title>", hostile, re.S)
check(title is not None and "pwned" not in title.group(1), "the hostile remark ran")
check("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;" in hostile,
      "the hostile remark is not shown as text")
check("<img src=\"x\"" not in hostile and "<img src=x" not in hostile,
      "the hostile remark made an element")
def title(path):
    found = re.search(r"<title>(.*?)</title>", open(path, encoding="utf-8").read(), re.S)
    return found.group(1) if found else ""
tampered = title(tmp + "/tampered-dom.html")
check("handler" not in tampered and "script" not in tampered,
      "the Content-Security-Policy let an inline handler or script run: " + tampered)
check(title(tmp + "/open-dom.html").endswith("handlerscript")
      or title(tmp + "/open-dom.html").endswith("scripthandler"),
      "without the policy the inserted handler and script did not run (the CSP check proves "
      "nothing): " + title(tmp + "/open-dom.html"))
print("browser: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
