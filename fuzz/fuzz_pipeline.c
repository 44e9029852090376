/*
 * fuzz_pipeline.c - libFuzzer target: load (format detected from the
 * content), classify, and write the plan in every format and every sort
 * order to /dev/null.
 *
 * Every eighth input length is read through a FILE (fmemopen) rather than
 * from memory, so the reader's buffered path is covered too.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_common.h"

static int devnull_fd(void)
{
	static int fd = -1;
	if (fd < 0) {
		fd = open("/dev/null", O_WRONLY);
		if (fd < 0)
			abort();
	}
	return fd;
}

static fl_status load(const uint8_t *data, size_t size,
                      const fl_load_options *opts, fl_portfolio **p,
                      fl_diags *diags)
{
	if ((size & 8) != 0 && size > 0) {
		FILE *fp = fmemopen((void *)(uintptr_t)data, size, "rb");
		if (fp != NULL) {
			fl_status st = fl_portfolio_load(fp, NULL, opts, p, diags);
			fclose(fp);
			return st;
		}
	}
	return fl_portfolio_load_mem((const char *)data, size, NULL, opts, p,
	                             diags);
}

static void write_all(const fl_portfolio *p, const fl_plan *plan,
                      bool escape)
{
	static const fl_format formats[] = {
		FL_FORMAT_TABLE, FL_FORMAT_CSV, FL_FORMAT_TSV, FL_FORMAT_JSON,
	};
	static const fl_sort sorts[] = {
		FL_SORT_INPUT, FL_SORT_ID, FL_SORT_LEVEL, FL_SORT_MARGIN,
		FL_SORT_VALUE, FL_SORT_REVENUE,
	};
	for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		fl_out *o = fl_out_open_fd(devnull_fd());
		if (o == NULL)
			abort();
		for (size_t s = 0; s < sizeof(sorts) / sizeof(sorts[0]); s++) {
			fl_assign_options ao = {
				.format = formats[f],
				.sort = sorts[s],
				.escape_formulas = escape,
			};
			fl_status st = fl_assign_write(o, p, plan, &ao);
			if (st != FL_OK && st != FL_ERR_NOMEM)
				abort();  /* /dev/null never fails */
		}
		if (fl_out_commit(o) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_load_options opts = fl_fuzz_options(FL_INPUT_AUTO, size);
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_portfolio *p = NULL;
	fl_status st = load(data, size, &opts, &p, &diags);
	if (st == FL_OK) {
		/* Every other length replaces some computed thresholds with
		 * given ones, as --value-cuts and --margin-split do. */
		fl_threshold_spec spec;
		fl_threshold_spec_init(&spec);
		if ((size & 16) != 0) {
			spec.value.has_cuts = true;
			spec.value.cut_low = 500;
			spec.value.cut_high = 2000;
			spec.margin.has_split = true;
			spec.margin.split = 20;
		}
		/* And the other bases: margin amount M, revenue R. */
		if ((size & 64) != 0)
			spec.margin.basis = FL_BASIS_MARGIN;
		if ((size & 128) != 0)
			spec.value.basis = FL_BASIS_REVENUE;
		fl_plan plan = {0};
		if (fl_plan_compute(p, &spec, &plan) == FL_OK) {
			if (plan.count != p->count)
				abort();
			for (size_t i = 0; i < plan.count; i++) {
				const fl_class *c = &plan.classes[i];
				if (fl_level_name(c->level) == NULL ||
				    fl_level_name(c->computed) == NULL)
					abort();
			}
			write_all(p, &plan, (size & 32) != 0);
		}
		fl_plan_release(&plan);
	}
	fl_portfolio_free(p);
	fl_diags_release(&diags);
	return 0;
}
