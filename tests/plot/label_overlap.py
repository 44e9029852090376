#!/usr/bin/env python3
"""Labels of the matrix overlap neither each other nor the plot frame.

    tests/plot/label_overlap.py SVG...

Reads every label box (<rect class="fl-label" .../> followed by its
<text>) and the frame (the clip path "fl-frame") of each SVG, and fails
when two boxes overlap, a box leaves the frame, or a box is narrower than
its text by the estimate the writer uses (src/write/svg.c,
fl_svg_text_width: DejaVu Sans' advance widths, repeated here).
"""
import html
import re
import sys

# DejaVu Sans advance widths of ' ' .. '~', thousandths of an em
# (the table of src/write/svg.c).
ASCII_EM = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361,
    318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337,
    838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
    295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989,
    685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615,
    352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
]
WIDE = [(0x1100, 0x115F), (0x2E80, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F), (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x1F300, 0x10FFFF)]


def em(ch):
    cp = ord(ch)
    if 0x20 <= cp <= 0x7E:
        return ASCII_EM[cp - 0x20]
    if any(lo <= cp <= hi for lo, hi in WIDE):
        return 1000
    return 700


def width(text, size=11):
    return sum(em(c) for c in text) / 1000 * size * 1.04


LABEL = re.compile(r'<rect class="fl-label" x="([-\d.]+)" y="([-\d.]+)" '
                   r'width="([\d.]+)" height="([\d.]+)"[^>]*/><text[^>]*>(.*?)</text>')
FRAME = re.compile(r'<clipPath id="fl-frame"><rect x="([-\d.]+)" y="([-\d.]+)" '
                   r'width="([\d.]+)" height="([\d.]+)"/>')


def check(path):
    svg = open(path, encoding="utf-8").read()
    frame = FRAME.search(svg)
    if frame is None:
        return ["%s: no frame (clipPath fl-frame)" % path]
    fx, fy, fw, fh = map(float, frame.groups())
    boxes, bad = [], []
    for m in LABEL.finditer(svg):
        x, y, w, h = map(float, m.groups()[:4])
        text = html.unescape(m.group(5))
        # Coordinates are written to 0.1: allow that much.
        if w + 0.11 < width(text) + 6:
            bad.append("%s: label %r: box %.1f wide, text %.1f" % (
                path, text, w, width(text) + 6))
        if x < fx - 0.05 or y < fy - 0.05 or x + w > fx + fw + 0.05 or \
                y + h > fy + fh + 0.05:
            bad.append("%s: label %r leaves the frame" % (path, text))
        for (ox, oy, ow, oh, ot) in boxes:
            # Rounded to 0.1 each: boxes that touch may look 0.1 into
            # each other.
            if x < ox + ow - 0.15 and ox < x + w - 0.15 and \
                    y < oy + oh - 0.15 and oy < y + h - 0.15:
                bad.append("%s: labels %r and %r overlap" % (path, text, ot))
        boxes.append((x, y, w, h, text))
    print("%s: %d labels" % (path, len(boxes)))
    return bad


def main():
    bad, total = [], 0
    for path in sys.argv[1:]:
        bad += check(path)
        total += 1
    for b in bad:
        print("FAIL: " + b, file=sys.stderr)
    if total == 0:
        print("FAIL: no SVG given", file=sys.stderr)
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
