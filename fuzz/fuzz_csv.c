/*
 * fuzz_csv.c - libFuzzer target: CSV/TSV order lines on arbitrary bytes,
 * through fl_portfolio_load_mem (what every command reads) and through
 * fl_orderlines_load_mem and fl_orderlines_write (what `import` writes),
 * to /dev/null.
 *
 * The dialect comes from the input's length, as the other options do
 * (fuzz_common.h), so that a seed is read exactly as written; the table
 * is in docs/fuzzing.md.
 */
#include "fuzz_common.h"

#include "focuslevel/orderlines.h"
#include "focuslevel/out.h"

static void dialect(fl_load_options *o, size_t size)
{
	static const char delims[] = { 0, ';', '\t', '|' };
	static const char *const dates[] = { NULL, "%d.%m.%Y", "%m/%d/%Y",
	                                     "%d-%b-%y" };
	static const fl_encoding encs[] = { FL_ENCODING_UTF8,
	                                    FL_ENCODING_LATIN1,
	                                    FL_ENCODING_CP1252,
	                                    FL_ENCODING_UTF8 };
	fl_csv_dialect *d = &o->csv;
	d->delimiter = delims[(size >> 4) & 3];
	d->decimal_comma = (size & 64) != 0;
	d->date_format = dates[(size >> 7) & 3];
	d->encoding = encs[(size >> 9) & 3];
	if ((size & 2048) != 0) {
		o->format = FL_INPUT_TSV;
		/* Fields named, so the --map path and its errors run. */
		d->map[FL_LINE_ID] = "Kto";
		d->map[FL_LINE_VALUE] = "Netto";
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fl_load_options opts = fl_fuzz_options(FL_INPUT_CSV, size);
	dialect(&opts, size);
	fl_diags diags;
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_portfolio *p = NULL;
	(void)fl_portfolio_load_mem((const char *)data, size, NULL, &opts, &p,
	                            &diags);
	fl_portfolio_free(p);
	fl_diags_release(&diags);

	/* import: the order lines kept, then written as YAML or JSON. */
	fl_diags_init(&diags, fl_fuzz_diag_limit(size));
	fl_orderlines *ol = NULL;
	if (fl_orderlines_load_mem((const char *)data, size, NULL, &opts, &ol,
	                           &diags) == FL_OK) {
		fl_out *o = fl_out_open_fd(fl_fuzz_devnull());
		if (o == NULL)
			abort();
		fl_orderlines_write(o, ol, (size & 1) != 0);
		if (fl_out_commit(o) != 0)
			abort();
	}
	fl_orderlines_free(ol);
	fl_diags_release(&diags);
	return 0;
}
