# tests/jobs/tricky_yaml.awk: fl_bench_gen's YAML (customers at column 2)
# with, every few hundred customers, what a cut at item lines must see
# through (load/yaml_split.h): a name quoted over three lines, one of them
# like an item line at the list's column (double and single quotes), block
# scalars holding item-like lines and keeping blank lines before the next
# item, comments like items at the list's column and at column 0, an
# anchor, a tab in a quoted name; and errors: every 997th id that of
# another customer (a duplicate), every 1499th revenue negative.
#
# With -v clean=1, only what a chunk may hold (block scalars, comments),
# and every 301st revenue negative: about 30 errors over the chunks, so
# that the 20-error cap falls inside one.
/^  - id: / {
	n++
	if (!clean && n % 997 == 0)
		sub(/id: .*/, "id: DUPX")
}
/^    revenue: / {
	r++
	if (r % (clean ? 301 : 1499) == 0)
		sub(/revenue: /, "revenue: -")
}
/^    name: / {
	m++
	if (clean && (m % 701 == 0 || m % 809 == 0 || m == 7777 || m == 9999)) {
		print
		next
	}
	if (m % 701 == 0) {
		print "    name: \"first line"
		print "  - id: FAKE" m
		print "      last\""
		next
	}
	if (m % 809 == 0) {
		print "    name: 'first line"
		print "  - id: FAKE" m
		print "      it''s last'"
		next
	}
	if (m % 503 == 0) {
		print
		print "    notes: |"
		print "      - id: NOTREAL"
		print ""
		print "      text"
		next
	}
	if (m % 613 == 0) {
		print
		print "    notes: >+"
		print "      folded"
		print ""
		print ""
		next
	}
	if (m % 401 == 0) {
		print
		print "  # - id: COMMENT"
		print "# - id: C00000001"
		next
	}
	if (m == 7777) {
		print "    name: &a anchored"
		next
	}
	if (m == 9999) {
		print "    name: \"a\ttab\""
		next
	}
}
{ print }
