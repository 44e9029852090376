"""check_calc.py FOCUSLEVEL SOURCE_DIR: focuslevel's spreadsheet CSV as a
German LibreOffice Calc reads it (issue 15, docs/spreadsheets.md).

The plan of tests/cli/inputs/spreadsheet.yaml (an id 007, a name "=1+2",
"Müller GmbH", "Bäckerei", names holding , ; |) is written as the docs tell
a German user,

    focuslevel assign FILE -O csv --delimiter ';' --decimal-comma --bom

and opened by headless Calc in de_DE.UTF-8 with the settings of its text
import dialog as a new user finds them (LibreOffice 7.4's defaults in
officecfg Calc.xcs, Dialogs/CSVImport): fields separated at comma,
semicolon *and* tab, '"' around text, the language of the locale, formulas
not evaluated, quoted fields not taken as text, no special numbers.  The
result is saved as xlsx and read back with openpyxl: every number must
arrive as a numeric cell with the value of `assign -O json`, text (umlauts,
separators inside names) intact, "=1+2" text and not 3.  A second
conversion evaluates formulas, as Excel does when it opens a CSV: the
guarded name must stay text there too.  What becomes of the id 007 is
printed (Calc reads it as the number 7 whatever the quoting; the docs say
so), as is what plain CSV and an unguarded "=1+2" give.

calc_cells() opens any file Calc can read (CSV with a filter, or xlsx) in
the German locale and returns its cells, so that the xlsx output can be
checked the same way.  Each soffice run takes a few seconds; the checks
use two.

Needs soffice (libreoffice-calc-nogui) and openpyxl (python3-openpyxl; the
script runs itself again with /usr/bin/python3 when the running python
lacks it, as tests/clv_ref/clvcheck.py does); exit 77 (skipped) without
them.
"""

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def _need_openpyxl():
    try:
        importlib.import_module("openpyxl")
        return
    except ImportError:
        pass
    system = "/usr/bin/python3"
    if os.path.exists(system) and \
            os.path.realpath(sys.executable) != os.path.realpath(system) and \
            not os.environ.get("FL_CALC_REEXEC"):
        os.environ["FL_CALC_REEXEC"] = "1"
        os.execv(system, [system, "-B"] + sys.argv)
    print(f"{os.path.basename(sys.argv[0])}: needs openpyxl "
          "(python3-openpyxl); skipped", file=sys.stderr)
    sys.exit(77)


_need_openpyxl()
import openpyxl  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# The CSV filter's options (LibreOffice's "Filter Options for the CSV
# Filter"), token by token: field separators as character codes (44 comma,
# 59 semicolon, 9 tab: the dialog's three defaults), text delimiter 34 ("),
# character set 76 (UTF-8), first line 1, no column formats, language 0
# (the locale's: de-DE here), quoted field as text false, detect special
# numbers false, three export-only tokens, evaluate formulas.
DIALOG_DEFAULTS = "44/59/9,34,76,1,,0,false,false,true,false,false,,false"
EVALUATING = "44/59/9,34,76,1,,0,false,false,true,false,false,,true"
# The way out docs/spreadsheets.md gives for leading zeros: in the import
# dialog, the id, name and segment columns set to the type Text (column
# formats 1/2 2/2 3/2: column N, format 2 = Text).
TEXT_IDS = "44/59/9,34,76,1,1/2/2/2/3/2,0,false,false,true,false,false,,false"

GERMAN = {"LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"}


def doc_infilter():
    """The CSV filter's options in docs/spreadsheets.md's scripted line
    (`soffice --headless --infilter='Text - txt - csv (StarCalc):...'`)."""
    page = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "..", "docs", "spreadsheets.md")
    with open(page, encoding="utf-8") as f:
        m = re.search(r"--infilter='Text - txt - csv \(StarCalc\):([^']*)'",
                      f.read())
    if m is None:
        raise RuntimeError(f"{page}: no soffice --infilter line")
    return m.group(1)


def calc_cells(paths, infilter=None, tmp=None):
    """Open each of `paths` in one headless Calc running in de_DE.UTF-8, as
    a German user's Calc would (CSV through the text filter with the
    options `infilter`, e.g. DIALOG_DEFAULTS; xlsx or ods: None), save it
    as xlsx and read its first sheet back.  Returns {path: rows}, each row
    a list of (value, type) per cell, type openpyxl's data_type ('n'
    number, 's' text, 'f' formula, 'b' boolean, 'd' date), trailing empty
    cells dropped.  The files' base names must differ."""
    own = tmp is None
    if own:
        tmp = tempfile.mkdtemp(prefix="fl-calc-")
    try:
        out = os.path.join(tmp, "out")
        os.makedirs(out, exist_ok=True)
        profile = os.path.join(tmp, "profile")
        env = dict(os.environ, HOME=tmp, **GERMAN)
        cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}",
               "--headless", "--norestore"]
        if infilter is not None:
            cmd.append(f"--infilter=Text - txt - csv (StarCalc):{infilter}")
        cmd += ["--convert-to", "xlsx", "--outdir", out]
        cmd += [os.path.abspath(p) for p in paths]
        r = subprocess.run(cmd, env=env, capture_output=True, text=True,
                           timeout=300)
        cells = {}
        for p in paths:
            base = os.path.splitext(os.path.basename(p))[0]
            x = os.path.join(out, base + ".xlsx")
            if not os.path.exists(x):
                raise RuntimeError(f"soffice wrote no {base}.xlsx "
                                   f"(status {r.returncode}):\n"
                                   f"{r.stdout}{r.stderr}")
            ws = openpyxl.load_workbook(x).worksheets[0]
            rows = []
            for row in ws.iter_rows():
                cs = [(c.value, c.data_type) for c in row]
                while cs and cs[-1][0] is None:
                    cs.pop()
                rows.append(cs)
            while rows and not rows[-1]:
                rows.pop()
            cells[p] = rows
        return cells
    finally:
        if own:
            shutil.rmtree(tmp, ignore_errors=True)


# ---- the checks ----

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}")


def by_id(rows, header):
    """The data rows as {id as Calc shows it: {column: (value, type)}}."""
    out = {}
    for r in rows[1:]:
        d = {header[i]: r[i] if i < len(r) else (None, "n")
             for i in range(len(header))}
        out[d["id"][0]] = d
    return out


def check_german(rows, want, label, text_ids=False):
    """The plan of spreadsheet.yaml as Calc read it, against assign's
    JSON (`want`: its customers in order).  text_ids: the id column was
    imported as Text, so "007" must arrive as the text "007"."""
    header = [v for v, _ in rows[0]]
    check(header[:3] == ["id", "name", "segment"],
          f"{label}: header {header[:3]} (a byte order mark shows as "
          "'\\ufeffid' when Calc reads it as text)")
    check(len(rows) == 1 + len(want), f"{label}: {len(rows)} rows, want "
          f"{1 + len(want)}")
    check(all(len(r) == len(header) for r in rows),
          f"{label}: a row split into more cells than the header's "
          f"{len(header)}: {[len(r) for r in rows]}")
    for i, c in enumerate(want):
        r = rows[1 + i]
        d = {header[k]: r[k] for k in range(min(len(header), len(r)))}
        # Numbers: numeric cells with the very value ("1234,56" -> 1234.56).
        for col in ("orders", "revenue", "cost", "margin", "margin_pct",
                    "order_value"):
            v, t = d.get(col, (None, None))
            ok = t == "n" and isinstance(v, (int, float)) and \
                abs(v - c[col]) <= 1e-9 * max(1.0, abs(c[col]))
            check(ok, f"{label}: {c['id']} {col}: got {v!r} ({t}), want the "
                  f"number {c[col]}")
        # Text: as written (umlauts, separators inside names), formulas
        # with the guard's apostrophe, as text.
        for col in ("name", "segment"):
            v, t = d.get(col, (None, None))
            text = c[col]
            if text[:1] in ("=", "+", "-", "@"):
                text = "'" + text
            check(t == "s" and v == text,
                  f"{label}: {c['id']} {col}: got {v!r} ({t}), want the text "
                  f"{text!r}")
        v, t = d["id"]
        if c["id"].isdigit() and text_ids:
            check(t == "s" and v == c["id"],
                  f"{label}: id {c['id']}: got {v!r} ({t}), want the text")
            print(f"{label}: id {c['id']} arrives as {v!r} ({t})")
        elif c["id"].isdigit():
            # Leading zeros: Calc takes "007" for a number, quoted or not
            # (unless "quoted field as text" is ticked); documented.
            check(v in (c["id"], int(c["id"])),
                  f"{label}: id {c['id']} arrived as {v!r} ({t})")
            print(f"{label}: id {c['id']} arrives as {v!r} ({t})")
        elif c["id"][:1] in ("=", "+", "-", "@"):
            check(t == "s" and v == "'" + c["id"],
                  f"{label}: id {c['id']}: got {v!r} ({t})")
        else:
            check(t == "s" and v == c["id"],
                  f"{label}: id {c['id']}: got {v!r} ({t})")


def check_xlsx(rows, want, label):
    """The plan of spreadsheet.yaml written as xlsx, as Calc read it:
    numbers numeric, every id, name and segment the very text (leading
    zeros kept, "=1+2" text without an apostrophe: a text cell is never
    evaluated)."""
    header = [v for v, _ in rows[0]]
    check(len(rows) == 1 + len(want), f"{label}: {len(rows)} rows, want "
          f"{1 + len(want)}")
    for i, c in enumerate(want):
        r = rows[1 + i]
        d = {header[k]: r[k] for k in range(min(len(header), len(r)))}
        for col in ("orders", "revenue", "cost", "margin", "margin_pct",
                    "order_value"):
            v, t = d.get(col, (None, None))
            ok = t == "n" and isinstance(v, (int, float)) and \
                abs(v - c[col]) <= 1e-9 * max(1.0, abs(c[col]))
            check(ok, f"{label}: {c['id']} {col}: got {v!r} ({t}), want the "
                  f"number {c[col]}")
        for col in ("id", "name", "segment"):
            v, t = d.get(col, (None, None))
            check(t == "s" and v == c[col],
                  f"{label}: {c['id']} {col}: got {v!r} ({t}), want the text "
                  f"{c[col]!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_calc.py FOCUSLEVEL SOURCE_DIR")
    fl, src = sys.argv[1], sys.argv[2]
    if SOFFICE is None:
        print("check_calc.py: needs soffice (libreoffice-calc-nogui); "
              "skipped", file=sys.stderr)
        sys.exit(77)
    portfolio = os.path.join(src, "tests", "cli", "inputs",
                             "spreadsheet.yaml")
    tmp = tempfile.mkdtemp(prefix="fl-calc-")
    try:
        want = json.loads(subprocess.run(
            [fl, "assign", "-O", "json", portfolio], check=True,
            capture_output=True, text=True).stdout)["customers"]
        names = [c["name"] for c in want]
        assert "=1+2" in names and "Müller GmbH" in names

        def assign(name, *opts):
            path = os.path.join(tmp, name)
            fmt = [] if name.endswith(".xlsx") else ["-O", "csv"]
            subprocess.run([fl, "assign", portfolio, *fmt, *opts,
                            "-o", path], check=True)
            return path

        german = ("--delimiter", ";", "--decimal-comma", "--bom")
        de = assign("german.csv", *german)
        plain = assign("plain.csv")
        with open(de, "rb") as f:
            check(f.read(3) == b"\xef\xbb\xbf", "german.csv: no BOM first")

        # 1: as the text import dialog proposes.
        cells = calc_cells([de, plain], DIALOG_DEFAULTS, tmp)
        check_german(cells[de], want, "german.csv, dialog defaults")
        text_numbers = sum(1 for r in cells[plain][1:] for v, t in r
                           if t == "s" and isinstance(v, str) and
                           v.replace(".", "").lstrip("-").isdigit())
        print(f"plain.csv, dialog defaults: {len(cells[plain][0])} header "
              f"cells, {text_numbers} numbers arrived as text")

        # 2: formulas evaluated (as Excel opens a CSV): the guard holds;
        # without it "=1+2" becomes a formula.
        de2 = os.path.join(tmp, "german-evaluated.csv")
        shutil.copy(de, de2)
        raw = assign("unguarded.csv", *german, "--no-escape-formulas")
        cells = calc_cells([de2, raw], EVALUATING, tmp)
        check_german(cells[de2], want, "german.csv, formulas evaluated")
        i = names.index("=1+2")
        hdr = [v for v, _ in cells[raw][0]]
        got = cells[raw][1 + i][hdr.index("name")]
        print(f"unguarded.csv, formulas evaluated: the name '=1+2' arrives "
              f"as {got[0]!r} ({got[1]})")

        # 2b: the id, name and segment columns imported as Text, the way
        # out for leading zeros that docs/spreadsheets.md gives.
        de3 = os.path.join(tmp, "german-text-ids.csv")
        shutil.copy(de, de3)
        cells = calc_cells([de3], TEXT_IDS, tmp)
        check_german(cells[de3], want, "german.csv, id column as Text",
                     text_ids=True)

        # 2c: the same through the line docs/spreadsheets.md gives for a
        # script, its filter options read from the page itself, so that
        # the page and this test cannot drift apart.
        de4 = os.path.join(tmp, "german-doc-line.csv")
        shutil.copy(de, de4)
        cells = calc_cells([de4], doc_infilter(), tmp)
        check_german(cells[de4], want, "german.csv, the documented "
                     "soffice line", text_ids=True)

        # 3: the xlsx output, opened by the same German Calc: no dialog,
        # numbers as numbers, ids as text with their leading zeros.
        xlsx = assign("plan.xlsx")
        cells = calc_cells([xlsx], None, tmp)
        check_xlsx(cells[xlsx], want, "plan.xlsx")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"check_calc.py: {len(failures)} failure(s)")
        sys.exit(1)
    print("check_calc.py: the German CSV and the xlsx open right in Calc")


if __name__ == "__main__":
    main()
