#!/usr/bin/env python3
"""Does a page fit a window?  Renders HTML_FILE with headless Chromium at
WIDTH px and fails when the page, or any element outside an SVG, reaches
past the window's right edge, or when any element scrolls sideways
(overflow-x auto/scroll with content wider than its box).

    overflow.py HTML_FILE WIDTH

A copy of the page gets a small script that measures the rendered layout
(getBoundingClientRect, scrollWidth) and writes the findings into the
DOM, which Chromium's --dump-dom prints.  The page itself has no script.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PROBE = r"""
<script>
(function () {
  var de = document.documentElement, W = de.clientWidth, bad = [];
  if (de.scrollWidth > W) bad.push('page: scrollWidth ' + de.scrollWidth + ' > ' + W);
  if (document.body.scrollWidth > W) bad.push('body: scrollWidth ' + document.body.scrollWidth + ' > ' + W);
  var all = document.querySelectorAll('body *');
  for (var i = 0; i < all.length; i++) {
    var e = all[i], tag = e.tagName.toLowerCase();
    if (tag === 'script') continue;
    if (e.closest('svg') && tag !== 'svg') continue;
    var r = e.getBoundingClientRect(), cs = getComputedStyle(e);
    var name = tag + (e.id ? '#' + e.id : '') +
               (e.className && typeof e.className === 'string' ? '.' + e.className.replace(/ /g, '.') : '');
    if (r.width > 0 && r.right > W + 0.5)
      bad.push(name + ': right edge ' + Math.round(r.right) + ' > ' + W);
    if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && e.scrollWidth > e.clientWidth)
      bad.push(name + ': scrolls sideways ' + e.scrollWidth + ' > ' + e.clientWidth);
  }
  var p = document.createElement('pre');
  p.id = 'fl-overflow';
  p.textContent = JSON.stringify({ width: W, elements: all.length, bad: bad });
  document.body.appendChild(p);
})();
</script>
"""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    page, width = sys.argv[1], int(sys.argv[2])
    html = open(page, encoding="utf-8").read()
    if "</body>" not in html:
        sys.exit(f"FAIL: {page}: no </body>")
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, "probe.html")
        with open(probe, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", PROBE + "</body>", 1))
        cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--hide-scrollbars",
               "--user-data-dir=" + os.path.join(tmp, "profile"),
               f"--window-size={width},900", "--dump-dom", "file://" + probe]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="fl-overflow">(.*?)</pre>', r.stdout, re.S)
    if not m:
        sys.exit(f"FAIL: {page}: no measurement (chromium rc={r.returncode}):\n"
                 + r.stderr[-2000:])
    res = json.loads(m.group(1).replace("&gt;", ">").replace("&lt;", "<")
                     .replace("&amp;", "&").replace("&quot;", '"'))
    if res["width"] != width:
        sys.exit(f"FAIL: {page}: the window is {res['width']} px wide, not {width}")
    if res["bad"]:
        print(f"FAIL: {page} at {width} px: {len(res['bad'])} finding(s):")
        for b in res["bad"][:40]:
            print("  " + b)
        sys.exit(1)
    print(f"{page}: fits {width} px ({res['elements']} elements measured)")


if __name__ == "__main__":
    main()
