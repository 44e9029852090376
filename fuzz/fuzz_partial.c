/*
 * fuzz_partial.c - libFuzzer target: the reader of a shard's part (.fltp,
 * partial.h) on arbitrary bytes; every part it accepts is written again
 * (the same bytes must come out) and merged with itself.
 *
 * A part ends in a CRC-32 that random bytes almost never match, which
 * would stop the fuzzer at the end of every input.  So with an even length
 * the last 4 bytes are first replaced by the CRC of the rest (the fuzzer
 * then reaches every check behind it); with an odd length the input is
 * read as it is (the CRC's own check, and inputs too short for one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "util/crc32.h"
#include "util/le.h"

/* What fl_partial_write gives for p, in a malloc'd buffer. */
static unsigned char *written(const fl_partial *p, size_t *len)
{
	FILE *tmp = tmpfile();
	if (tmp == NULL)
		abort();
	fl_out *o = fl_out_open_fd(fileno(tmp));
	if (o == NULL)
		abort();
	fl_partial_write(o, p);
	if (fl_out_commit(o) != 0)
		abort();
	long end = ftell(tmp);
	if (end < 0 && (fseek(tmp, 0, SEEK_END) != 0 || (end = ftell(tmp)) < 0))
		abort();
	*len = (size_t)end;
	unsigned char *b = malloc(*len ? *len : 1);
	rewind(tmp);
	if (b == NULL || fread(b, 1, *len, tmp) != *len)
		abort();
	fclose(tmp);
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *in = malloc(size ? size : 1);
	if (in == NULL)
		return 0;
	memcpy(in, data, size);
	if (size % 2 == 0 && size >= 4)
		fl_le_put32(in + size - 4, fl_crc32(0, in, size - 4));
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_partial *p = NULL;
	fl_status st = fl_partial_load_mem(in, size, &p, &diags);
	if (st == FL_OK) {
		size_t len;
		unsigned char *again = written(p, &len);
		/* A part that loads is in the one form the writer gives. */
		if (len != size || memcmp(again, in, size) != 0)
			abort();
		free(again);
		const fl_partial *both[2] = { p, p };
		fl_plan plan;
		if (fl_partial_merge(both, 2, &plan) == FL_OK) {
			fl_out *o = fl_out_open_fd(fl_fuzz_devnull());
			if (o != NULL) {
				fl_thresholds_write(o, &plan);
				fl_out_commit(o);
			}
		}
		fl_plan_release(&plan);
	} else if (st == FL_ERR_INPUT && diags.count != 1) {
		/* One error says what is wrong, always. */
		abort();
	}
	fl_partial_free(p);
	fl_diags_release(&diags);
	free(in);
	return 0;
}
