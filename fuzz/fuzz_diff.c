/*
 * fuzz_diff.c - libFuzzer target: the reader of `assign -O json` outputs
 * that `diff` compares (fl_diff_side_read_assign) and its detector, on
 * arbitrary bytes, from memory and from a stream (which must agree);
 * every side it accepts is compared with itself and with
 * an empty side, and the diff written in every format to /dev/null.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <focuslevel/diff.h>

#include "fuzz_common.h"

/* An assign output of no customers: the other side of "all new". */
static const char empty_output[] =
	"{\"thresholds\": {"
	"\"margin\": {\"basis\": \"percent\", \"cuts\": [0, 0], \"split\": 0},"
	"\"value\": {\"basis\": \"average-order\", \"cuts\": [0, 0], \"split\": 0}},"
	" \"customers\": []}";

static void write_diff(const fl_diff_side *old, const fl_diff_side *cur,
                       size_t size)
{
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_diff d = {0};
	fl_status st = fl_diff_compute(old, cur, &d, &diags);
	if (st == FL_OK) {
		static const fl_format formats[] = {
			FL_FORMAT_TABLE, FL_FORMAT_CSV, FL_FORMAT_TSV, FL_FORMAT_JSON,
		};
		fl_out *o = fl_out_open_fd(fl_fuzz_devnull());
		if (o == NULL)
			abort();
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			fl_diff_options dop = {
				.format = formats[f], .all = (size & 8) == 0,
				.escape_formulas = (size & 16) != 0,
				.color = (size & 32) != 0,
				.old_label = "old.json", .new_label = "new.json",
				.mode = (fl_diff_mode)(size % 3),
			};
			st = fl_diff_write(o, old, cur, &d, &dop);
			if (st != FL_OK && st != FL_ERR_NOMEM)
				abort();  /* /dev/null never fails */
		}
		if (fl_out_commit(o) != 0)
			abort();
	} else if (st != FL_ERR_NOMEM && st != FL_ERR_INPUT) {
		abort();
	}
	fl_diff_release(&d);
	fl_diags_release(&diags);
}

/* The stream readers (what `diff` uses on a regular file) agree with
 * the memory ones: the same detection, the same status. */
static void check_stream(const uint8_t *data, size_t size, bool detected,
                         fl_status st)
{
	if (size == 0)
		return;   /* fmemopen may refuse an empty buffer */
	char *copy = malloc(size);   /* fmemopen takes a mutable buffer */
	if (copy == NULL)
		return;
	memcpy(copy, data, size);
	FILE *fp = fmemopen(copy, size, "rb");
	if (fp == NULL) {
		free(copy);
		return;
	}
	if (fl_diff_is_assign_output_file(fp) != detected)
		abort();
	rewind(fp);
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_diff_side *s = NULL;
	fl_status fst = fl_diff_side_read_assign_file(fp, &s, &diags);
	if (fst != st && fst != FL_ERR_NOMEM && st != FL_ERR_NOMEM)
		abort();
	if ((fst == FL_OK) != (s != NULL))
		abort();
	fl_diff_side_free(s);
	fl_diags_release(&diags);
	fclose(fp);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool detected = fl_diff_is_assign_output((const char *)data, size);
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_diff_side *s = NULL;
	fl_status st = fl_diff_side_read_assign((const char *)data, size, &s,
	                                        &diags);
	check_stream(data, size, detected, st);
	if (st == FL_OK) {
		if (s == NULL)
			abort();
		write_diff(s, s, size);
		/* Everyone new, then everyone gone. */
		fl_diff_side *empty = NULL;
		if (fl_diff_side_read_assign(empty_output, sizeof(empty_output) - 1,
		                             &empty, &diags) != FL_OK)
			abort();
		write_diff(empty, s, size);
		write_diff(s, empty, size);
		fl_diff_side_free(empty);
	} else if (s != NULL || (st != FL_ERR_INPUT && st != FL_ERR_NOMEM)) {
		abort();
	}
	fl_diff_side_free(s);
	fl_diags_release(&diags);
	return 0;
}
