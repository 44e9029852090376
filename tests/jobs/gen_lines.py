#!/usr/bin/env python3
"""tests/jobs/gen_lines.py N SEED KIND: order lines (CSV) made to trip a
reader that splits its input between threads (-j, csv_threads.c):

- a Notes column whose quoted text holds newlines, "" and the delimiter,
  so that many newlines of the file are inside quoted fields and a cut
  after one of them is wrong;
- orders whose lines are spread over the whole file (their sums cross
  blocks and must be the file-order sums, bit for bit: values like 0.1 and
  1e-7 that round differently when grouped otherwise);
- credit notes (order numbers starting with C, small negative lines);
- names given on a customer's later lines only, and segments likewise;
- KIND plain: nothing wrong; conflicts: some later lines give another
  name or segment (one warning); errors: bad numbers, dates and field
  counts (more than 20 errors); both in the middle fifth of the file;
  latin1: plain, written in ISO-8859-1 with umlauts in the names.
Deterministic for N and SEED; no module beyond the standard library."""
import random
import sys

n, seed, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
customers = max(10, n // 40)
names = ["Meyer", "Müller & Söhne", "O'Brien, Ltd", "Z\u00e4hlwerk", "Acme"]
out = []
out.append("Row ID,Order ID,Order Date,Customer ID,Customer Name,Segment,"
           "Notes,Sales,Profit")
spread = []   # (order, customer) of orders whose lines come back later
row = 0
order_no = 0


def note():
    r = rng.random()
    if r < 0.45:
        return ""
    if r < 0.8:
        return '"line one\nline two, with a comma\n- id: C01\n"'
    return '"he said ""hi""\n\n\n"'


def value():
    r = rng.random()
    if r < 0.3:
        return "0.1"
    if r < 0.4:
        return "1e-7"
    if r < 0.5:
        return "%d.%02d" % (rng.randint(1, 100000), rng.randint(0, 99))
    return "%.4f" % (rng.random() * 1000)


while row < n:
    c = rng.randrange(customers)
    order_no += 1
    o = "SO-%d" % order_no
    if rng.random() < 0.02:
        o = "C" + o   # a credit note: one negative line
        lines = 1
    else:
        lines = rng.randint(1, 12)
    if rng.random() < 0.05:
        spread.append((o, c))
    day = "2026-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
    if spread and rng.random() < 0.2:
        o, c = rng.choice(spread)  # lines of an order seen long before
        lines = rng.randint(1, 3)
    for _ in range(lines):
        row += 1
        v = value()
        p = "%.3f" % (float(v) * rng.uniform(0.05, 0.6))
        if o.startswith("C"):
            v, p = "-0.1", "-0.01"
        # The name and segment from the customer's fourth line on... or
        # from its first, at random but fixed per customer.
        name = '"%s %d"' % (names[c % len(names)], c) if \
            (c % 3 != 0 or rng.random() < 0.5) else ""
        seg = ["Consumer", "Corporate", "Home Office"][c % 3] if \
            (c % 4 != 0 or rng.random() < 0.3) else ""
        # Trouble in the middle fifth of the file only, so that the blocks
        # before and after it are merged.
        middle = 0.4 * n < row < 0.6 * n
        if kind == "conflicts" and middle and rng.random() < 0.001:
            name = '"Someone Else"'
        if kind == "conflicts" and middle and rng.random() < 0.001:
            seg = "Other"
        date = day
        if kind == "errors" and middle and rng.random() < 0.002:
            v = '"12,5"'
        if kind == "errors" and middle and rng.random() < 0.002:
            date = "2026-13-40"
        fields = [str(row), o, date, "K%05d" % c, name, seg, note(), v, p]
        if kind == "errors" and middle and rng.random() < 0.001:
            fields = fields[:5]
        out.append(",".join(fields))

text = "\n".join(out) + "\n"
if kind == "latin1":
    sys.stdout.buffer.write(text.encode("latin-1"))
else:
    sys.stdout.buffer.write(text.encode("utf-8"))
