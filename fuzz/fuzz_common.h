/*
 * fuzz_common.h - what the fuzz targets share: load options chosen from
 * the input's length.
 *
 * The options come from the length, not from a byte taken off the input,
 * so that every seed (data/sample.yaml and the hand-made portfolios) is
 * fed exactly as written, and the fuzzer still reaches every combination
 * by growing or shrinking an input by a byte or two.
 */
#ifndef FL_FUZZ_COMMON_H
#define FL_FUZZ_COMMON_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "focuslevel/focuslevel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline fl_load_options fl_fuzz_options(fl_input_format format,
                                              size_t size)
{
	/* Every other length rates the activities of the economics sample
	 * (data/economics-policy.yaml), so customers that count them load. */
	static const fl_activity rates[] = {
		{ "orders", 12.5 }, { "deliveries", 35 }, { "visits", 180 },
		{ "tickets", 9.5 },
	};
	fl_load_options o = { .format = format };
	o.strict = (size & 1) != 0;
	o.skip_invalid = (size & 2) != 0;
	if ((size & 8) != 0) {
		o.activities = rates;
		o.activity_count = sizeof(rates) / sizeof(rates[0]);
	}
	return o;
}

/* Alternate an unbounded error list with a small limit, so that the
 * dropped-error path is taken too. */
static inline size_t fl_fuzz_diag_limit(size_t size)
{
	return (size & 4) != 0 ? 3 : 0;
}

/* The writers' output: /dev/null, opened once. */
static inline int fl_fuzz_devnull(void)
{
	static int fd = -1;
	if (fd < 0) {
		fd = open("/dev/null", O_WRONLY);
		if (fd < 0)
			abort();
	}
	return fd;
}

#endif
