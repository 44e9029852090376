"""The xlsx output read back with openpyxl, an independent reader.

    check_xlsx.py FOCUSLEVEL SOURCE_DIR

For `assign`, `diff` and `report` (every section, over three portfolios)
it writes -O xlsx and checks, against the CSV output of the same command
(`--no-escape-formulas`, the cells as they are):

- every cell: a number where the CSV has a number, equal to it, with the
  number format that shows the CSV's decimals ("0.00" for amounts, "0" for
  counts); TRUE/FALSE where the CSV has yes/no (a boolean column); text
  equal to the CSV's text everywhere else (ids "007" and "0042" keep their
  zeros, "=1+2" and "@SUM(A1:A2)" stay text, umlauts survive); an empty
  CSV field is an empty cell;
- the header row bold, the pane frozen at A2, the autofilter over the
  whole table, every column width within 8..61;
- a level cell filled with the level's colour (write/escape.c);
- the same bytes twice, and from -o FILE and from a pipe; the zip entries
  dated 1980-01-01 and the document created 2000-01-01T00:00:00Z, or at
  SOURCE_DATE_EPOCH.

openpyxl is Debian's python3-openpyxl: a pyenv interpreter that does not see
it runs the script again with /usr/bin/python3 (as tests/clv_ref/clvcheck.py
does); without it the script exits 77 (skipped).
"""

import csv
import importlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile

try:
    importlib.import_module("openpyxl")
except ImportError:
    _system = "/usr/bin/python3"
    if os.path.exists(_system) and os.path.realpath(sys.executable) != \
            os.path.realpath(_system) and not os.environ.get("FL_XLSX_REEXEC"):
        os.environ["FL_XLSX_REEXEC"] = "1"
        os.execv(_system, [_system, "-B"] + sys.argv)
    print(f"{os.path.basename(sys.argv[0])}: needs openpyxl "
          "(python3-openpyxl); skipped", file=sys.stderr)
    sys.exit(77)

import openpyxl  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

# The level colours of write/escape.c (fl_level_colour), by level name.
LEVEL_COLOUR = {
    "basic": "56B4E9", "reactive": "009E73", "accountable": "E69F00",
    "proactive": "CC79A7", "partnership": "0072B2",
}
# The report's sheets: title -> --section key (write/plan.c).
SECTIONS = {
    "Grid": "grid", "Levels": "levels",
    "Service plan per level": "service_plan", "Quadrants": "quadrants",
    "Exceptions": "exceptions", "Affordability": "affordability",
    "Changes": "changes", "Profit curve": "profit_curve",
    "Segments": "segments", "Customer value": "customer_value",
    "At risk": "at_risk", "Growth": "growth",
}
# Columns whose cells are filled with the level's colour (FL_RCOL_LEVEL in
# write/assign.c, diff_out.c and plan_tables.c; assign's other level
# columns, affordable_level and computed_level, are plain text).
LEVEL_COLUMNS = {"level", "old_level", "new_level"}
# libxlsxwriter 1.1.4 writes a number with printf's %.16G: 16 significant
# digits, where the CSV's shortest round-trip form (thresholds, fitted
# parameters) may have 17.  Amounts (two decimals) are exact.
REL = 1e-15

failures = []
filled = [0]


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg, file=sys.stderr)


def run(fl, args, env=None):
    e = dict(os.environ, LC_ALL="C")
    e.pop("SOURCE_DATE_EPOCH", None)
    if env:
        e.update(env)
    p = subprocess.run([fl] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=e)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit {p.returncode}: "
                         f"{p.stderr.decode(errors='replace')}")
    return p.stdout


def decimals(text):
    return len(text.split(".", 1)[1]) if "." in text else 0


def check_cell(where, col, text, cell):
    v = cell.value
    if text == "":
        if v is not None:
            fail(f"{where}: {col}: expected an empty cell, got {v!r}")
        return
    if isinstance(v, bool):
        if text not in ("yes", "no") or v != (text == "yes"):
            fail(f"{where}: {col}: boolean {v!r} for CSV {text!r}")
        return
    if isinstance(v, (int, float)):
        try:
            want = float(text)
        except ValueError:
            fail(f"{where}: {col}: number {v!r} for CSV text {text!r}")
            return
        if abs(float(v) - want) > REL * abs(want):
            fail(f"{where}: {col}: {v!r} != CSV {text!r}")
        d = decimals(text)
        fmt = "0" if d == 0 else "0." + "0" * d
        if "e" in text.lower() or d > 15:
            fmt = "General"
        if d == 2 and float(v) != want:
            fail(f"{where}: {col}: amount {v!r} != CSV {text!r}")
        if cell.number_format != fmt:
            fail(f"{where}: {col}: number format {cell.number_format!r}, "
                 f"expected {fmt!r} for {text!r}")
        return
    if cell.data_type != "s" or v != text:
        fail(f"{where}: {col}: text {v!r} (type {cell.data_type}) != CSV "
             f"{text!r}")
    if col in LEVEL_COLUMNS and text in LEVEL_COLOUR:
        rgb = cell.fill.fgColor.rgb if cell.fill is not None else None
        if cell.fill.fill_type != "solid" or not str(rgb).upper().endswith(
                LEVEL_COLOUR[text]):
            fail(f"{where}: {col}: level {text} filled {cell.fill.fill_type}"
                 f" {rgb!r}, expected {LEVEL_COLOUR[text]}")
        filled[0] += 1


def check_sheet(where, ws, csv_bytes):
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    got = list(ws.iter_rows())
    if len(got) != len(rows):
        fail(f"{where}: {len(got)} rows, the CSV has {len(rows)}")
        return
    for c, name in enumerate(header):
        cell = got[0][c]
        if cell.value != name or not cell.font.b:
            fail(f"{where}: header {c}: {cell.value!r} (bold "
                 f"{cell.font.b}), expected bold {name!r}")
    if ws.max_column != len(header):
        fail(f"{where}: {ws.max_column} columns, the CSV has {len(header)}")
    if ws.freeze_panes != "A2":
        fail(f"{where}: frozen at {ws.freeze_panes!r}, expected A2")
    ref = f"A1:{get_column_letter(len(header))}{len(rows)}"
    if ws.auto_filter.ref != ref:
        fail(f"{where}: autofilter {ws.auto_filter.ref!r}, expected {ref}")
    for c in range(len(header)):
        w = ws.column_dimensions[get_column_letter(c + 1)].width
        if w is None or not 8 <= w <= 61:
            fail(f"{where}: column {header[c]} width {w!r}")
    for r, line in enumerate(body, start=1):
        for c, text in enumerate(line):
            check_cell(f"{where} row {r + 1}", header[c], text, got[r][c])


def load(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def check_same_bytes(fl, args, tmp):
    """-o FILE twice, and a pipe: the same bytes; fixed zip dates and
    creation time, SOURCE_DATE_EPOCH honoured."""
    path = os.path.join(tmp, "out.xlsx")
    run(fl, args + ["-o", path])
    with open(path, "rb") as f:
        first = f.read()
    run(fl, args + ["-o", path])
    with open(path, "rb") as f:
        if f.read() != first:
            fail(f"{' '.join(args)}: two runs differ")
    if run(fl, args + ["-O", "xlsx"]) != first:
        fail(f"{' '.join(args)}: the pipe's bytes differ from -o's")
    z = zipfile.ZipFile(io.BytesIO(first))
    for info in z.infolist():
        if info.date_time != (1980, 1, 1, 0, 0, 0):
            fail(f"{info.filename}: zip date {info.date_time}")
    core = z.read("docProps/core.xml").decode()
    if "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z" \
            not in core:
        fail(f"core.xml without the fixed creation time: {core}")
    later = run(fl, args + ["-O", "xlsx"],
                env={"SOURCE_DATE_EPOCH": "1700000000"})
    core = zipfile.ZipFile(io.BytesIO(later)).read(
        "docProps/core.xml").decode()
    if "2023-11-14T22:13:20Z" not in core:
        fail(f"SOURCE_DATE_EPOCH=1700000000 not in core.xml: {core}")
    return first


def main():
    fl, src = sys.argv[1], sys.argv[2]
    here = os.path.join(src, "tests", "xlsx")
    new = os.path.join(here, "spreadsheet.yaml")
    old = os.path.join(here, "spreadsheet-old.yaml")
    plain = ["--no-escape-formulas"]
    with tempfile.TemporaryDirectory() as tmp:
        # assign: the default columns and every column.
        for cols in ([], ["--columns", "all"]):
            args = ["assign"] + cols + [new]
            wb = load(check_same_bytes(fl, args, tmp))
            if wb.sheetnames != ["customers"]:
                fail(f"assign: sheets {wb.sheetnames}")
            check_sheet("assign" + " ".join(cols), wb["customers"],
                        run(fl, args + ["-O", "csv"] + plain))
            ws = wb["customers"]
            ids = [ws.cell(row=r, column=1).value
                   for r in range(2, ws.max_row + 1)]
            names = [ws.cell(row=r, column=2).value
                     for r in range(2, ws.max_row + 1)]
            if ids[:5] != ["007", "C02", "1e5", "C04", "0042"] or \
                    names[0] != "=1+2" or names[1] != "Müller & Söhne GmbH":
                fail(f"assign: ids {ids}, names {names}")
        # diff: every customer.
        args = ["diff", "--all", old, new]
        wb = load(check_same_bytes(fl, args, tmp))
        check_sheet("diff", wb[wb.sheetnames[0]],
                    run(fl, args + ["-O", "csv"] + plain))
        # report: every section of three plans, against --section KEY.
        plans = [
            [new],
            ["--policy", os.path.join(src, "data", "economics-policy.yaml"),
             os.path.join(src, "data", "economics.yaml")],
            ["--as-of", "2026-12-31", "--by", "segment",
             os.path.join(src, "tests", "cli", "inputs",
                          "value-wallet.json")],
        ]
        seen = set()
        for plan in plans:
            args = ["report"] + plan
            wb = load(check_same_bytes(fl, args, tmp))
            if wb.sheetnames[0] != "Thresholds":
                fail(f"report {plan}: sheets {wb.sheetnames}")
            for title in wb.sheetnames[1:]:
                key = SECTIONS.get(title)
                if key is None:
                    fail(f"report: unknown sheet {title!r}")
                    continue
                seen.add(key)
                check_sheet(f"report {plan[-1]} {title}", wb[title],
                            run(fl, args + ["-O", "csv", "--section", key]
                                + plain))
            one = load(run(fl, args + ["-O", "xlsx", "--section", "levels"]))
            if one.sheetnames != ["Levels"]:
                fail(f"report --section levels: sheets {one.sheetnames}")
        missing = set(SECTIONS.values()) - seen
        if missing:
            fail(f"report: sections never checked: {sorted(missing)}")
    if filled[0] < 40:
        fail(f"only {filled[0]} level cells checked for their colour")
    if failures:
        print(f"check_xlsx.py: {len(failures)} failures", file=sys.stderr)
        return 1
    print("check_xlsx.py: assign, diff and every report section agree "
          "with the CSV output")
    return 0


if __name__ == "__main__":
    sys.exit(main())
