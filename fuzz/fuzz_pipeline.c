/*
 * fuzz_pipeline.c - libFuzzer target: load (format detected from the
 * content), classify, and run every writer to /dev/null: the assignment in
 * every format and sort order, the service plan (summary) in every format
 * and section, explain for the first and the last customer, the matrix
 * plot, and the diff of the plan against itself in every format; CSV and
 * TSV in a dialect (delimiter, decimal comma, BOM, header) by the length.
 *
 * Every eighth input length is read through a FILE (fmemopen) rather than
 * from memory, so the reader's buffered path is covered too.
 */
#include <stdio.h>
#include <stdlib.h>

#include <focuslevel/diff.h>

#include "fuzz_common.h"

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

/* A CSV dialect (docs/spreadsheets.md) chosen by the input's length. */
static fl_csv_output dialect_of(size_t size)
{
	static const char delims[] = { ',', ';', '|', '\t' };
	return (fl_csv_output){
		.delimiter = delims[(size >> 4) % 4],
		.decimal_comma = (size & 64) != 0,
		.bom = (size & 128) != 0,
		.no_header = (size & 2048) != 0,
	};
}

static void write_all(const fl_portfolio *p, const fl_plan *plan,
                      bool escape, fl_csv_output dialect)
{
	static const fl_format formats[] = {
		FL_FORMAT_TABLE, FL_FORMAT_CSV, FL_FORMAT_TSV, FL_FORMAT_JSON,
	};
	static const fl_sort sorts[] = {
		FL_SORT_INPUT, FL_SORT_ID, FL_SORT_LEVEL, FL_SORT_MARGIN,
		FL_SORT_VALUE, FL_SORT_REVENUE,
	};
	for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		fl_out *o = fl_out_open_fd(fl_fuzz_devnull());
		if (o == NULL)
			abort();
		for (size_t s = 0; s < sizeof(sorts) / sizeof(sorts[0]); s++) {
			fl_assign_options ao = {
				.format = formats[f],
				.sort = sorts[s],
				.escape_formulas = escape,
				.csv = dialect,
			};
			/* Every column once per format, the economics', the
			 * loyalty figures and the customer value among them. */
			size_t bad;
			if (s == 0 && fl_assign_columns_parse("all", &ao, &bad)
			    != NULL)
				abort();
			fl_status st = fl_assign_write(o, p, plan, &ao);
			if (st != FL_OK && st != FL_ERR_NOMEM)
				abort();  /* /dev/null never fails */
		}
		if (fl_out_commit(o) != 0)
			abort();
	}
}

/* A writer's status: /dev/null never fails, so only out of memory may. */
static void check(fl_status st)
{
	if (st != FL_OK && st != FL_ERR_NOMEM)
		abort();
}

static void write_reports(fl_out *o, const fl_portfolio *p,
                          const fl_plan *plan, const fl_policy *pol,
                          const fl_summary *sum, size_t size)
{
	static const fl_format whole[] = {
		FL_FORMAT_TABLE, FL_FORMAT_MARKDOWN, FL_FORMAT_JSON, FL_FORMAT_HTML,
	};
	static const fl_format delim[] = { FL_FORMAT_CSV, FL_FORMAT_TSV };
	bool escape = (size & 32) != 0;
	/* The whole plan, or (every other length) one section of it. */
	const unsigned nsections = FL_SECTION_SERVICE_PLAN; /* the last one */
	fl_section one = (size & 512) != 0
	                 ? (fl_section)(1 + (size >> 10) % nsections)
	                 : FL_SECTION_ALL;
	for (size_t f = 0; f < sizeof(whole) / sizeof(whole[0]); f++) {
		fl_report_options ro = { .format = whole[f], .section = one,
		                         .escape_formulas = escape,
		                         .color = (size & 256) != 0 };
		if (whole[f] == FL_FORMAT_HTML)
			ro.section = FL_SECTION_ALL;
		check(fl_report_write(o, p, plan, pol, sum, &ro));
	}
	for (size_t f = 0; f < sizeof(delim) / sizeof(delim[0]); f++) {
		for (unsigned s = 1; s <= nsections; s++) {
			fl_report_options ro = { .format = delim[f],
			                         .section = (fl_section)s,
			                         .escape_formulas = escape,
			                         .csv = dialect_of(size) };
			check(fl_report_write(o, p, plan, pol, sum, &ro));
		}
	}
	if (plan->count > 0) {
		check(fl_explain_write(o, p, plan, pol, 0));
		check(fl_explain_write(o, p, plan, pol, plan->count - 1));
	}
	fl_plot_options po;
	fl_plot_options_init(&po);
	po.labels = size % 13;
	if ((size & 256) != 0)
		po.density_above = size % 5;  /* density cells for small plans */
	po.fragment = (size & 1024) != 0;
	check(fl_plot_write(o, p, plan, &po));
}

static void write_diff(fl_out *o, const fl_portfolio *p, const fl_plan *plan,
                       size_t size)
{
	fl_diff_side *side = NULL;
	if (fl_diff_side_from_plan(p, plan, &side) != FL_OK)
		return;
	fl_diags diags;
	fl_diags_init(&diags, 0);
	fl_diff d = {0};
	if (fl_diff_compute(side, side, &d, &diags) == FL_OK) {
		static const fl_format formats[] = {
			FL_FORMAT_TABLE, FL_FORMAT_CSV, FL_FORMAT_TSV, FL_FORMAT_JSON,
		};
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			fl_diff_options dop = {
				.format = formats[f], .all = (size & 512) == 0,
				.escape_formulas = (size & 32) != 0,
				.csv = dialect_of(size),
				.color = (size & 256) != 0,
				.old_label = "old", .new_label = "new",
				.mode = (fl_diff_mode)(size % 3),
				.fixed_by = (size & 2) ? "--thresholds t.yaml" : NULL,
			};
			check(fl_diff_write(o, side, side, &d, &dop));
		}
	}
	fl_diff_release(&d);
	fl_diags_release(&diags);
	fl_diff_side_free(side);
}

static void write_rest(const fl_portfolio *p, const fl_plan *plan, size_t size)
{
	fl_policy *pol = fl_policy_default();
	if (pol == NULL)
		return;
	/* Borderline distances 5 % (the default), 0 and 100 %. */
	static const double pcts[] = { 5, 0, 100 };
	fl_summary sum = {0};
	fl_out *o = fl_out_open_fd(fl_fuzz_devnull());
	if (o == NULL)
		abort();
	if (fl_summary_compute(p, plan, pol, pcts[size % 3], &sum) == FL_OK)
		write_reports(o, p, plan, pol, &sum, size);
	write_diff(o, p, plan, size);
	if (fl_out_commit(o) != 0)
		abort();
	fl_summary_release(&sum);
	fl_policy_free(pol);
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
		fl_plan_spec ps;
		fl_plan_spec_init(&ps);
		fl_threshold_spec spec = ps.thresholds;
		/* And the economics: service costs, the cap, segments. */
		if ((size & 256) != 0) {
			static const double cost[] = { 0, 0, 10, 100, 1000, 5000 };
			for (int l = 1; l <= 5; l++)
				ps.econ.level_cost[l] = cost[l];
			ps.econ.share = 0.5;
			ps.econ.cap = (size & 512) != 0;
		}
		if ((size & 1024) != 0) {
			ps.by = FL_BY_SEGMENT;
			ps.min_group = 2;
		}
		/* The customer-value fit over the customers with dates, as
		 * of the latest order or, on some lengths, a year later. */
		ps.value = (size & 2048) == 0;
		if (p->dated > 0)
			ps.as_of = (long)p->last_day + ((size & 4096) ? 365 : 0);
		if ((size & 16) != 0) {
			spec.value.has_cuts = true;
			spec.value.cut_low = 500;
			spec.value.cut_high = 2000;
			spec.margin.has_split = true;
			spec.margin.split = 20;
		}
		/* And the other bases: margin amount M, revenue R, and on
		 * dated portfolios the lifetime value (which fails, as it
		 * must, when some customer has no dates). */
		if ((size & 64) != 0)
			spec.margin.basis = FL_BASIS_MARGIN;
		if ((size & 128) != 0)
			spec.value.basis = p->dated > 0 && (size & 8) != 0
			                   ? FL_BASIS_CLV : FL_BASIS_REVENUE;
		fl_plan plan = {0};
		ps.thresholds = spec;
		if (fl_plan_compute(p, &ps, &plan) == FL_OK) {
			if (plan.count != p->count)
				abort();
			for (size_t i = 0; i < plan.count; i++) {
				const fl_class *c = &plan.classes[i];
				if (fl_level_name(c->level) == NULL ||
				    fl_level_name(c->computed) == NULL)
					abort();
			}
			write_all(p, &plan, (size & 32) != 0, dialect_of(size));
			write_rest(p, &plan, size);
		}
		fl_plan_release(&plan);
	}
	fl_portfolio_free(p);
	fl_diags_release(&diags);
	return 0;
}
