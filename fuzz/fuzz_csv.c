/*
 * fuzz_csv.c - libFuzzer target: CSV/TSV order lines on arbitrary bytes,
 * through fl_portfolio_load_mem (what every command reads) and through
 * fl_orderlines_load_mem and fl_orderlines_write (what `import` writes),
 * to /dev/null.
 *
 * The dialect comes from the input's length, as the other options do
 * (fuzz_common.h), so that a seed is read exactly as written; the table
 * is in docs/fuzzing.md.
 *
 * The order lines are read twice, on one thread and with -j3, and must
 * come out the same, bit for bit, messages and all: the fuzz build cuts
 * -j input into blocks of 64 bytes (FL_CSV_BLOCK_BYTES), so every input
 * of a few hundred bytes takes the threaded path, wrong cuts included.
 */
#include "fuzz_common.h"

#include "focuslevel/orderlines.h"
#include "focuslevel/out.h"

#include <string.h>

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

static bool same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The order lines and messages of -j1 (a, da) and -jN (b, db): the same,
 * or abort. */
static void same(fl_status sa, const fl_orderlines *a, const fl_diags *da,
                 fl_status sb, const fl_orderlines *b, const fl_diags *db)
{
	if (sa != sb || da->count != db->count || da->errors != db->errors ||
	    da->dropped != db->dropped)
		abort();
	for (size_t i = 0; i < da->count; i++) {
		const fl_diag *x = &da->items[i], *y = &db->items[i];
		if (x->severity != y->severity || x->line != y->line ||
		    x->column != y->column || !same_text(x->path, y->path) ||
		    !same_text(x->message, y->message))
			abort();
	}
	if (sa != FL_OK)
		return;
	if (a->count != b->count || a->order_count != b->order_count)
		abort();
	for (size_t i = 0; i < a->count; i++) {
		const fl_line_customer *x = &a->customers[i], *y = &b->customers[i];
		if (strcmp(x->id, y->id) != 0 || strcmp(x->name, y->name) != 0 ||
		    strcmp(x->segment, y->segment) != 0 || x->line != y->line ||
		    x->first != y->first || x->count != y->count ||
		    x->valid != y->valid)
			abort();
	}
	for (size_t i = 0; i < a->order_count; i++) {
		const fl_order *x = &a->orders[i], *y = &b->orders[i];
		if (memcmp(&x->value, &y->value, sizeof(x->value)) != 0 ||
		    memcmp(&x->cost, &y->cost, sizeof(x->cost)) != 0 ||
		    x->day != y->day || x->line != y->line || x->next != y->next)
			abort();
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
	fl_status s1 = fl_orderlines_load_mem((const char *)data, size, NULL,
	                                      &opts, &ol, &diags);
	if (s1 == FL_OK) {
		fl_out *o = fl_out_open_fd(fl_fuzz_devnull());
		if (o == NULL)
			abort();
		fl_orderlines_write(o, ol, (size & 1) != 0);
		if (fl_out_commit(o) != 0)
			abort();
	}

	/* -j3 gives what one thread gave. */
	fl_load_options o3 = opts;
	o3.jobs = 3;
	fl_diags d3;
	fl_diags_init(&d3, fl_fuzz_diag_limit(size));
	fl_orderlines *ol3 = NULL;
	fl_status s3 = fl_orderlines_load_mem((const char *)data, size, NULL,
	                                      &o3, &ol3, &d3);
	same(s1, ol, &diags, s3, ol3, &d3);
	fl_orderlines_free(ol3);
	fl_diags_release(&d3);
	fl_orderlines_free(ol);
	fl_diags_release(&diags);
	return 0;
}
