#!/usr/bin/env bash
# make_portfolio.sh N: a portfolio of N customers as JSON Lines on
# standard output, the same bytes on every machine (the sharding tests of
# tests/shard/ split it).
#
# Its values come from a fixed linear congruential generator whose
# products stay below 2^53, so that every awk (double arithmetic) gives
# the same numbers.  It has ties (revenues on a coarse grid), zero
# revenue without orders, customers without a segment, a segment with
# quotes and one in Greek, segments of about N/9 customers each (with
# --by segment they reach min_group 20 over the whole portfolio but not in
# a shard of seven), and "tiny", 8 customers at most, which never does.
set -eu
awk -v n="${1:-500}" 'BEGIN {
	x = 12345
	split("north,south,east,west,tiny,\"quoted\" seg,Ωmega,,,", segs, ",")
	for (i = 1; i <= n; i++) {
		s = segs[1 + draw() % 10]
		if (s == "tiny" && ++tiny > 8)
			s = "north"
		r = draw()
		rev = (r % 40 == 0) ? 0 : (r % 97) * 125 + (r % 13) * 0.25
		cost = rev == 0 ? 0 : rev * (draw() % 60 + 20) / 100
		orders = rev == 0 ? 0 : 1 + draw() % 9
		gsub(/"/, "\\\"", s)
		seg = s == "" ? "" : sprintf(", \"segment\": \"%s\"", s)
		printf("{\"id\": \"K%05d\"%s, \"revenue\": %s, \"cost\": %s, " \
		       "\"orders\": %d}\n", i, seg, rev, cost, orders)
	}
}
# The high 16 bits of the next state (the low bits of an LCG cycle fast).
function draw() {
	x = (x * 69069 + 1) % 4294967296
	return int(x / 65536)
}'
