/*
 * test_report.c - the assignment writers (CSV, TSV, JSON, table), their
 * escaping, the row order, and the output layer (out.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "capture.h"
#include <cJSON.h>

#include "plan_with.h"
#include <focuslevel/focuslevel.h>

/* ---- a hand-built portfolio with awkward text ----------------------- */

struct spec {
	const char *id, *name, *segment;
	double revenue, cost;
	uint64_t orders;
	fl_level pin;
};

static const struct spec nasty[] = {
	{ "C1", "Smith, Jones", "hospital", 100, 60, 2, FL_LEVEL_NONE },
	{ "C2", "He said \"hi\"", "multi\nline", 200, 150, 4, FL_LEVEL_NONE },
	{ "=cmd|' /C calc'!A0", "+plus", "-minus", 5841.70, 6093.25, 11,
	  FL_LEVEL_NONE },
	{ "@at", "\ttab", "\rcr", 0, 0, 0, FL_LEVEL_NONE },
	{ "back\\slash", "ctl\x01\x1f end", "\xC3\xBCn\xC3\xAF", 50, 10, 1,
	  FL_LEVEL_PARTNERSHIP },
	{ "plain", "a\\tb", "x\r\ny", 75, 70, 3, FL_LEVEL_NONE },
};
#define NNASTY (sizeof(nasty) / sizeof(nasty[0]))

struct world {
	fl_portfolio p;
	fl_customer cs[64];
	fl_plan plan;
};

static void world_init(struct world *w, const struct spec *sp, size_t n)
{
	memset(w, 0, sizeof(*w));
	assert_true(n <= 64);
	for (size_t i = 0; i < n; i++) {
		fl_customer *c = &w->cs[i];
		c->id = sp[i].id;
		c->name = sp[i].name;
		c->segment = sp[i].segment;
		c->revenue = sp[i].revenue;
		c->cost = sp[i].cost;
		c->orders = sp[i].orders;
		c->pin = sp[i].pin;
		c->index = i;
	}
	w->p.name = w->p.currency = w->p.period = "";
	w->p.customers = w->cs;
	w->p.count = n;
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	assert_int_equal(plan_with(&w->p, &spec, &w->plan), FL_OK);
}

/* Run fl_assign_write into a temporary file and return its bytes. */
static char *render(const struct world *w, fl_format fmt, fl_sort sort,
                    bool escape, size_t *len)
{
	int fd;
	fl_out *o = capture_begin(&fd);
	fl_assign_options opts = { .format = fmt, .sort = sort,
	                           .escape_formulas = escape };
	assert_int_equal(fl_assign_write(o, &w->p, &w->plan, &opts), FL_OK);
	return capture_end(o, fd, len);
}

/* ---- a tiny RFC 4180 reader ----------------------------------------- */

#define MAXROWS 80
#define MAXCOLS 32

struct table {
	size_t rows;
	size_t cols[MAXROWS];
	char *cell[MAXROWS][MAXCOLS];
};

static void table_free(struct table *t)
{
	for (size_t r = 0; r < t->rows; r++)
		for (size_t c = 0; c < t->cols[r]; c++)
			free(t->cell[r][c]);
}

/* Parse CSV; every record must end with \n.  Fails on bad quoting. */
static void csv_parse(const char *s, size_t len, struct table *t)
{
	memset(t, 0, sizeof(*t));
	size_t i = 0;
	while (i < len) {
		assert_true(t->rows < MAXROWS);
		size_t r = t->rows++;
		for (;;) {
			char *cell = malloc(len + 1);
			size_t n = 0;
			if (s[i] == '"') {
				i++;
				for (;;) {
					assert_true(i < len);
					if (s[i] == '"') {
						if (i + 1 < len && s[i + 1] == '"') {
							cell[n++] = '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					cell[n++] = s[i++];
				}
				/* After a closing quote: a separator or the end. */
				assert_true(i < len && (s[i] == ',' || s[i] == '\n'));
			} else {
				while (i < len && s[i] != ',' && s[i] != '\n') {
					/* A bare field holds no quote, CR or LF. */
					assert_true(s[i] != '"' && s[i] != '\r');
					cell[n++] = s[i++];
				}
			}
			cell[n] = '\0';
			assert_true(t->cols[r] < MAXCOLS);
			t->cell[r][t->cols[r]++] = cell;
			assert_true(i < len);
			if (s[i++] == '\n')
				break;
		}
	}
}

/* TSV: split on raw tabs and newlines, undo \t \n \r \\. */
static void tsv_parse(const char *s, size_t len, struct table *t)
{
	memset(t, 0, sizeof(*t));
	size_t i = 0;
	while (i < len) {
		size_t r = t->rows++;
		assert_true(r < MAXROWS);
		for (;;) {
			char *cell = malloc(len + 1);
			size_t n = 0;
			while (i < len && s[i] != '\t' && s[i] != '\n') {
				assert_true(s[i] != '\r');
				if (s[i] == '\\') {
					assert_true(i + 1 < len);
					switch (s[i + 1]) {
					case 't': cell[n++] = '\t'; break;
					case 'n': cell[n++] = '\n'; break;
					case 'r': cell[n++] = '\r'; break;
					case '\\': cell[n++] = '\\'; break;
					default: fail_msg("bad TSV escape \\%c", s[i + 1]);
					}
					i += 2;
					continue;
				}
				cell[n++] = s[i++];
			}
			cell[n] = '\0';
			t->cell[r][t->cols[r]++] = cell;
			assert_true(i < len);
			if (s[i++] == '\n')
				break;
		}
	}
}

static int col_index(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->cols[0]; c++) {
		if (strcmp(t->cell[0][c], name) == 0)
			return (int)c;
	}
	fail_msg("no column \"%s\"", name);
	return -1;
}

static bool starts_formula(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	       s[0] == '\t' || s[0] == '\r';
}

/* Every text cell reads back as written, with ' before formula starts
 * when escaping is on; numbers are never prefixed. */
static void check_cells(const struct table *t, const struct world *w,
                        bool escape)
{
	assert_int_equal(t->rows, w->p.count + 1);
	int cid = col_index(t, "id"), cname = col_index(t, "name");
	int cseg = col_index(t, "segment"), cmargin = col_index(t, "margin");
	int crev = col_index(t, "revenue");
	for (size_t i = 0; i < w->p.count; i++) {
		const fl_customer *c = &w->p.customers[i];
		size_t r = i + 1;
		assert_int_equal(t->cols[r], t->cols[0]);
		const char *want[3] = { c->id, c->name, c->segment };
		int col[3] = { cid, cname, cseg };
		for (int k = 0; k < 3; k++) {
			const char *got = t->cell[r][col[k]];
			bool pre = escape && starts_formula(want[k]);
			if (pre) {
				if (got[0] != '\'' || strcmp(got + 1, want[k]) != 0)
					fail_msg("row %zu col %d: \"%s\", expected '\"%s\"",
					         r, col[k], got, want[k]);
			} else if (strcmp(got, want[k]) != 0) {
				fail_msg("row %zu col %d: \"%s\", expected \"%s\"", r,
				         col[k], got, want[k]);
			}
		}
		char num[FL_MONEY_MAX];
		fl_fmt_money(num, fl_metrics_of(&w->p.customers[i]).margin);
		assert_string_equal(t->cell[r][cmargin], num);
		fl_fmt_money(num, c->revenue);
		assert_string_equal(t->cell[r][crev], num);
	}
}

/* ---- CSV ------------------------------------------------------------ */

static void test_csv_quoting_and_formulas(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, nasty, NNASTY);
	size_t len;
	char *out = render(&w, FL_FORMAT_CSV, FL_SORT_INPUT, true, &len);
	/* Exact bytes of the escaping rules. */
	assert_non_null(strstr(out, "\nC1,\"Smith, Jones\",hospital,"));
	assert_non_null(strstr(out, "\nC2,\"He said \"\"hi\"\"\",\"multi\nline\","));
	assert_non_null(strstr(out, "\n'=cmd|' /C calc'!A0,'+plus,'-minus,11,"
	                            "5841.70,6093.25,-251.55,"));
	/* A tab is quoted too: spreadsheets split at it by default. */
	assert_non_null(strstr(out, "\n'@at,\"'\ttab\",\"'\rcr\",0,"));
	assert_non_null(strstr(out, "\nplain,a\\tb,\"x\r\ny\","));
	/* The header is the first line, unquoted. */
	assert_true(strncmp(out, "id,name,segment,", 16) == 0);
	/* No number cell is prefixed. */
	assert_null(strstr(out, ",'-251.55"));
	struct table t;
	csv_parse(out, len, &t);
	check_cells(&t, &w, true);
	table_free(&t);
	free(out);
	fl_plan_release(&w.plan);
}

static void test_csv_no_formula_escaping(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, nasty, NNASTY);
	size_t len;
	char *out = render(&w, FL_FORMAT_CSV, FL_SORT_INPUT, false, &len);
	assert_non_null(strstr(out, "\n=cmd|' /C calc'!A0,+plus,-minus,11,"));
	assert_non_null(strstr(out, "\n@at,\"\ttab\",\"\rcr\",0,"));
	assert_null(strstr(out, "'+plus"));
	struct table t;
	csv_parse(out, len, &t);
	check_cells(&t, &w, false);
	table_free(&t);
	free(out);
	fl_plan_release(&w.plan);
}

/* ---- the CSV dialect (docs/spreadsheets.md) ------------------------ */

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static char *render_dialect(const struct world *w, fl_format fmt,
                            fl_csv_output d, size_t *len)
{
	int fd;
	fl_out *o = capture_begin(&fd);
	fl_assign_options opts = { .format = fmt, .escape_formulas = true,
	                           .csv = d };
	assert_int_equal(fl_assign_write(o, &w->p, &w->plan, &opts), FL_OK);
	return capture_end(o, fd, len);
}

static void test_csv_dialect(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, nasty, NNASTY);
	size_t len;
	/* The German line: ';', decimal commas quoted, the BOM first. */
	fl_csv_output de = { .delimiter = ';', .decimal_comma = true,
	                      .bom = true };
	char *out = render_dialect(&w, FL_FORMAT_CSV, de, &len);
	assert_true(starts(out, "\xEF\xBB\xBF"
	                        "id;name;segment;orders;revenue;"));
	assert_non_null(strstr(out, "\nC1;\"Smith, Jones\";hospital;2;"
	                            "\"100,00\";\"60,00\";\"40,00\";\"40,00\";"
	                            "\"50,00\";"));
	assert_non_null(strstr(out, "\n'=cmd|' /C calc'!A0;'+plus;'-minus;11;"
	                            "\"5841,70\";\"6093,25\";\"-251,55\";"));
	/* No decimal point anywhere (no text of the portfolio has one). */
	assert_null(memchr(out, '.', len));
	free(out);

	/* The decimal comma with ',' between fields: each number quoted, so
	 * an RFC 4180 reader finds every column. */
	out = render_dialect(&w, FL_FORMAT_CSV,
	                     (fl_csv_output){ .decimal_comma = true }, &len);
	struct table t;
	csv_parse(out, len, &t);
	assert_int_equal(t.rows, NNASTY + 1);
	int crev = col_index(&t, "revenue");
	for (size_t r = 1; r < t.rows; r++)
		assert_int_equal(t.cols[r], t.cols[0]);
	assert_string_equal(t.cell[1][crev], "100,00");
	assert_string_equal(t.cell[3][crev], "5841,70");
	table_free(&t);
	free(out);

	/* '|' with no header: a field holding '|' is quoted. */
	out = render_dialect(&w, FL_FORMAT_CSV,
	                     (fl_csv_output){ .delimiter = '|',
	                                       .no_header = true }, &len);
	assert_true(starts(out, "C1|\"Smith, Jones\"|hospital|2|100.00|"));
	assert_non_null(strstr(out, "\n\"'=cmd|' /C calc'!A0\"|'+plus|"));
	free(out);

	/* TSV: the decimal comma, never quoted; the delimiter is ignored. */
	out = render_dialect(&w, FL_FORMAT_TSV,
	                     (fl_csv_output){ .delimiter = ';',
	                                       .decimal_comma = true }, &len);
	assert_non_null(strstr(out, "\nC1\tSmith, Jones\thospital\t2\t100,00\t"
	                            "60,00\t"));
	assert_true(starts(out, "id\tname\t"));
	free(out);
	fl_plan_release(&w.plan);
}

static void test_csv_delimiter_parse(void **state)
{
	(void)state;
	char d = 0;
	assert_true(fl_csv_delimiter_parse(";", &d) && d == ';');
	assert_true(fl_csv_delimiter_parse(",", &d) && d == ',');
	assert_true(fl_csv_delimiter_parse("|", &d) && d == '|');
	assert_true(fl_csv_delimiter_parse("tab", &d) && d == '\t');
	assert_true(fl_csv_delimiter_parse("\t", &d) && d == '\t');
	assert_false(fl_csv_delimiter_parse("", &d));
	assert_false(fl_csv_delimiter_parse(";;", &d));
	assert_false(fl_csv_delimiter_parse(":", &d));
	assert_false(fl_csv_delimiter_parse("TAB", &d));
}

/* ---- TSV ------------------------------------------------------------ */

static void test_tsv_escaping(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, nasty, NNASTY);
	size_t len;
	char *out = render(&w, FL_FORMAT_TSV, FL_SORT_INPUT, true, &len);
	/* No quoting in TSV, backslash escapes instead. */
	assert_non_null(strstr(out, "\nC1\tSmith, Jones\thospital\t"));
	assert_non_null(strstr(out, "\nC2\tHe said \"hi\"\tmulti\\nline\t"));
	assert_non_null(strstr(out, "\n'@at\t'\\ttab\t'\\rcr\t"));
	assert_non_null(strstr(out, "\nback\\\\slash\t"));
	assert_non_null(strstr(out, "\nplain\ta\\\\tb\tx\\r\\ny\t"));
	assert_non_null(strstr(out, "\t-251.55\t"));
	/* One line per customer plus the header: no raw CR or LF inside. */
	size_t lines = 0;
	for (size_t i = 0; i < len; i++) {
		lines += out[i] == '\n';
		assert_true(out[i] != '\r');
	}
	assert_int_equal(lines, NNASTY + 1);
	struct table t;
	tsv_parse(out, len, &t);
	check_cells(&t, &w, true);
	table_free(&t);
	free(out);

	out = render(&w, FL_FORMAT_TSV, FL_SORT_INPUT, false, &len);
	assert_non_null(strstr(out, "\n@at\t\\ttab\t\\rcr\t"));
	tsv_parse(out, len, &t);
	check_cells(&t, &w, false);
	table_free(&t);
	free(out);
	fl_plan_release(&w.plan);
}

/* ---- JSON ----------------------------------------------------------- */

static void test_json_escaping(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, nasty, NNASTY);
	size_t len;
	char *out = render(&w, FL_FORMAT_JSON, FL_SORT_INPUT, true, &len);
	assert_non_null(strstr(out, "\"He said \\\"hi\\\"\""));
	assert_non_null(strstr(out, "\"back\\\\slash\""));
	assert_non_null(strstr(out, "\"ctl\\u0001\\u001f end\""));
	assert_non_null(strstr(out, "\"multi\\nline\""));
	assert_non_null(strstr(out, "\"\\ttab\""));
	assert_non_null(strstr(out, "\"\\rcr\""));
	/* Formula escaping is for spreadsheets only. */
	assert_non_null(strstr(out, "\"=cmd|' /C calc'!A0\""));
	/* No raw control byte anywhere. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];
		assert_true(c >= 0x20 || c == '\n');
	}
	cJSON *doc = cJSON_ParseWithLength(out, len);
	assert_non_null(doc);
	const cJSON *cs = cJSON_GetObjectItemCaseSensitive(doc, "customers");
	assert_true(cJSON_IsArray(cs));
	assert_int_equal(cJSON_GetArraySize(cs), (int)NNASTY);
	for (size_t i = 0; i < NNASTY; i++) {
		const cJSON *c = cJSON_GetArrayItem(cs, (int)i);
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(c, "id");
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
		const cJSON *seg = cJSON_GetObjectItemCaseSensitive(c, "segment");
		assert_true(cJSON_IsString(id) && cJSON_IsString(name) &&
		            cJSON_IsString(seg));
		assert_string_equal(id->valuestring, nasty[i].id);
		assert_string_equal(name->valuestring, nasty[i].name);
		assert_string_equal(seg->valuestring, nasty[i].segment);
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(c, "margin");
		assert_true(cJSON_IsNumber(m));
		char num[FL_MONEY_MAX];
		fl_fmt_money(num, fl_metrics_of(&w.p.customers[i]).margin);
		assert_true(m->valuedouble == strtod(num, NULL));
		const cJSON *pinned = cJSON_GetObjectItemCaseSensitive(c, "pinned");
		assert_true(cJSON_IsBool(pinned));
		assert_int_equal(cJSON_IsTrue(pinned),
		                 nasty[i].pin != FL_LEVEL_NONE);
	}
	cJSON_Delete(doc);
	free(out);
	fl_plan_release(&w.plan);
}

static void test_json_empty_plan(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, nasty, 0);
	size_t len;
	char *out = render(&w, FL_FORMAT_JSON, FL_SORT_LEVEL, true, &len);
	cJSON *doc = cJSON_ParseWithLength(out, len);
	assert_non_null(doc);
	const cJSON *cs = cJSON_GetObjectItemCaseSensitive(doc, "customers");
	assert_true(cJSON_IsArray(cs));
	assert_int_equal(cJSON_GetArraySize(cs), 0);
	cJSON_Delete(doc);
	free(out);
	/* CSV of no customers: the header alone. */
	out = render(&w, FL_FORMAT_CSV, FL_SORT_INPUT, true, &len);
	assert_int_equal(strchr(out, '\n') - out + 1, (long)len);
	free(out);
}

static void test_table_one_line_per_customer(void **state)
{
	(void)state;
	struct world w;
	world_init(&w, nasty, NNASTY);
	size_t len;
	char *out = render(&w, FL_FORMAT_TABLE, FL_SORT_INPUT, true, &len);
	/* Control characters are shown, not written. */
	assert_non_null(strstr(out, "multi\\nline"));
	assert_null(strstr(out, "multi\nline"));
	for (size_t i = 0; i < len; i++)
		assert_true(out[i] != '\r' && out[i] != '\t' && out[i] != '\x01');
	/* Each id starts the line of its row (after the header block). */
	assert_non_null(strstr(out, "\nC1 "));
	assert_non_null(strstr(out, "\nplain "));
	free(out);
	fl_plan_release(&w.plan);
}

/* ---- row order ------------------------------------------------------ */

static double sort_key(const struct world *w, size_t i, fl_sort sort)
{
	switch (sort) {
	case FL_SORT_LEVEL: return -(double)w->plan.classes[i].level;
	case FL_SORT_MARGIN: return -fl_metrics_of(&w->p.customers[i]).margin;
	case FL_SORT_VALUE: return -fl_metrics_of(&w->p.customers[i]).order_value;
	case FL_SORT_REVENUE: return -w->p.customers[i].revenue;
	default: return 0;
	}
}

/* Independent reference: a stable insertion sort. */
static void ref_order(const struct world *w, fl_sort sort, size_t *rows)
{
	size_t n = w->p.count;
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0) {
			size_t a = rows[j - 1];
			bool after;
			if (sort == FL_SORT_ID)
				after = strcmp(w->p.customers[a].id,
				               w->p.customers[i].id) > 0;
			else
				after = sort_key(w, a, sort) > sort_key(w, i, sort);
			if (!after)
				break;
			rows[j] = rows[j - 1];
			j--;
		}
		rows[j] = i;
	}
}

static void test_sort_rows(void **state)
{
	(void)state;
	/* Many ties on every key. */
	static char ids[48][8];
	struct spec sp[48];
	for (size_t i = 0; i < 48; i++) {
		snprintf(ids[i], sizeof(ids[i]), "%c%zu", "bAa9_"[i % 5], 47 - i);
		sp[i].id = ids[i];
		sp[i].name = sp[i].segment = "";
		sp[i].revenue = (double)(100 * (1 + i % 4));
		sp[i].cost = sp[i].revenue - (double)(10 * (i % 3));
		sp[i].orders = 1 + i % 2;
		sp[i].pin = i % 11 == 0 ? FL_LEVEL_BASIC : FL_LEVEL_NONE;
	}
	struct world w;
	world_init(&w, sp, 48);
	const fl_sort sorts[] = { FL_SORT_INPUT, FL_SORT_ID, FL_SORT_LEVEL,
		FL_SORT_MARGIN, FL_SORT_VALUE, FL_SORT_REVENUE };
	for (size_t s = 0; s < sizeof(sorts) / sizeof(sorts[0]); s++) {
		size_t *got = fl_sort_rows(&w.p, &w.plan, sorts[s]);
		assert_non_null(got);
		size_t want[48];
		ref_order(&w, sorts[s], want);
		for (size_t i = 0; i < 48; i++) {
			if (got[i] != want[i])
				fail_msg("sort %d: row %zu is %zu, expected %zu",
				         (int)sorts[s], i, got[i], want[i]);
		}
		free(got);
	}
	/* Spot checks that the reference means what the docs say. */
	size_t *lv = fl_sort_rows(&w.p, &w.plan, FL_SORT_LEVEL);
	assert_true(w.plan.classes[lv[0]].level >= w.plan.classes[lv[47]].level);
	assert_int_equal(w.plan.classes[lv[47]].level, FL_LEVEL_BASIC);
	free(lv);
	size_t *rv = fl_sort_rows(&w.p, &w.plan, FL_SORT_REVENUE);
	assert_true(w.p.customers[rv[0]].revenue == 400.0);
	/* The first four with revenue 400 keep input order: 3, 7, 11, 15. */
	assert_int_equal(rv[0], 3);
	assert_int_equal(rv[1], 7);
	assert_int_equal(rv[2], 11);
	free(rv);
	size_t *idr = fl_sort_rows(&w.p, &w.plan, FL_SORT_ID);
	/* Byte order: digits before upper case before '_' before lower. */
	assert_true(w.p.customers[idr[0]].id[0] == '9');
	assert_true(w.p.customers[idr[47]].id[0] == 'b');
	free(idr);
	/* The writer uses the order. */
	size_t len;
	char *out = render(&w, FL_FORMAT_CSV, FL_SORT_ID, true, &len);
	struct table t;
	csv_parse(out, len, &t);
	size_t *order = fl_sort_rows(&w.p, &w.plan, FL_SORT_ID);
	for (size_t i = 0; i < 48; i++)
		assert_string_equal(t.cell[i + 1][0], w.p.customers[order[i]].id);
	free(order);
	table_free(&t);
	free(out);
	fl_plan_release(&w.plan);

	/* No rows: NULL, and that is not an error. */
	world_init(&w, sp, 0);
	assert_null(fl_sort_rows(&w.p, &w.plan, FL_SORT_MARGIN));
}

/* ---- names ---------------------------------------------------------- */

static void test_format_names(void **state)
{
	(void)state;
	assert_int_equal(fl_format_from_name("plan.csv"), FL_FORMAT_CSV);
	assert_int_equal(fl_format_from_name("PLAN.CSV"), FL_FORMAT_CSV);
	assert_int_equal(fl_format_from_name("out/plan.tsv"), FL_FORMAT_TSV);
	assert_int_equal(fl_format_from_name("plan.tab"), FL_FORMAT_TSV);
	assert_int_equal(fl_format_from_name("a.b.json"), FL_FORMAT_JSON);
	assert_int_equal(fl_format_from_name("plan.txt"), FL_FORMAT_TABLE);
	assert_int_equal(fl_format_from_name("plan.md"), FL_FORMAT_MARKDOWN);
	assert_int_equal(fl_format_from_name("plan"), FL_FORMAT_NONE);
	assert_int_equal(fl_format_from_name("plan.yaml"), FL_FORMAT_NONE);
	assert_int_equal(fl_format_from_name("plan.csvx"), FL_FORMAT_NONE);
	/* Each name reads back as its format. */
	for (int f = FL_FORMAT_TABLE; f <= FL_FORMAT_HTML; f++) {
		fl_format back;
		assert_true(fl_format_parse(fl_format_name((fl_format)f), &back));
		assert_int_equal(back, f);
	}
	assert_string_equal(fl_format_name(FL_FORMAT_NONE), "");
	assert_int_equal(fl_format_from_name("dir.csv/plan"), FL_FORMAT_NONE);
	assert_int_equal(fl_format_from_name(""), FL_FORMAT_NONE);
	fl_format f = FL_FORMAT_NONE;
	assert_true(fl_format_parse("csv", &f));
	assert_int_equal(f, FL_FORMAT_CSV);
	assert_true(fl_format_parse("json", &f));
	assert_int_equal(f, FL_FORMAT_JSON);
	assert_true(fl_format_parse("table", &f));
	assert_int_equal(f, FL_FORMAT_TABLE);
	assert_true(fl_format_parse("tsv", &f));
	assert_int_equal(f, FL_FORMAT_TSV);
	assert_false(fl_format_parse("CSV", &f));
	assert_false(fl_format_parse("xml", &f));
	assert_false(fl_format_parse("", &f));
	fl_sort s = FL_SORT_INPUT;
	static const char *const sn[] = { "input", "id", "level", "margin",
		"value", "revenue" };
	for (int i = 0; i < 6; i++) {
		assert_true(fl_sort_parse(sn[i], &s));
		assert_int_equal(s, i);
	}
	assert_false(fl_sort_parse("name", &s));
}

/* ---- out.c ---------------------------------------------------------- */

static char *make_dir(void)
{
	char *d = strdup("/tmp/fl-test-out-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

static size_t dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
			n++;
	}
	closedir(d);
	return n;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
		}
		size_t k = fread(buf + n, 1, cap - n, fp);
		n += k;
		if (k == 0)
			break;
	}
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void write_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(s, fp);
	assert_int_equal(fclose(fp), 0);
}

static void test_atomic_commit(void **state)
{
	(void)state;
	char *dir = make_dir();
	char path[256];
	snprintf(path, sizeof(path), "%s/plan.csv", dir);
	fl_out *o = fl_out_open_atomic(path);
	assert_non_null(o);
	fl_out_puts(o, "hello ");
	fl_out_printf(o, "%d,%s\n", 42, "x");
	/* Nothing at the target before the commit; one temporary file. */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(dir_entries(dir), 1);
	assert_false(fl_out_failed(o));
	assert_int_equal(fl_out_commit(o), 0);
	size_t len;
	char *got = slurp(path, &len);
	assert_non_null(got);
	assert_string_equal(got, "hello 42,x\n");
	free(got);
	assert_int_equal(dir_entries(dir), 1);
	/* A new file gets the mode a plain open would give it. */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	mode_t mask = umask(0);
	umask(mask);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);

	/* Replace an existing file: the new content, the old mode. */
	assert_int_equal(chmod(path, 0640), 0);
	o = fl_out_open_atomic(path);
	assert_non_null(o);
	fl_out_puts(o, "second\n");
	got = slurp(path, &len);
	assert_string_equal(got, "hello 42,x\n");  /* untouched until commit */
	free(got);
	assert_int_equal(fl_out_commit(o), 0);
	got = slurp(path, &len);
	assert_string_equal(got, "second\n");
	free(got);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(dir_entries(dir), 1);
	unlink(path);
	rmdir(dir);
	free(dir);
}

static void test_atomic_abort(void **state)
{
	(void)state;
	char *dir = make_dir();
	char path[256];
	snprintf(path, sizeof(path), "%s/plan.json", dir);
	write_file(path, "old content\n");
	fl_out *o = fl_out_open_atomic(path);
	assert_non_null(o);
	assert_int_equal(dir_entries(dir), 2);
	for (int i = 0; i < 200000; i++)
		fl_out_puts(o, "new content that must never show\n");
	fl_out_abort(o);
	size_t len;
	char *got = slurp(path, &len);
	assert_string_equal(got, "old content\n");
	free(got);
	assert_int_equal(dir_entries(dir), 1);
	fl_out_abort(NULL);

	/* Abort without an existing target: nothing is left behind. */
	unlink(path);
	o = fl_out_open_atomic(path);
	assert_non_null(o);
	fl_out_puts(o, "x");
	fl_out_abort(o);
	assert_int_equal(dir_entries(dir), 0);

	/* A relative path: the temporary file lives in the current dir. */
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	o = fl_out_open_atomic("rel.txt");
	assert_non_null(o);
	fl_out_puts(o, "rel\n");
	assert_int_equal(dir_entries("."), 1);
	assert_int_equal(fl_out_commit(o), 0);
	got = slurp("rel.txt", &len);
	assert_string_equal(got, "rel\n");
	free(got);
	unlink("rel.txt");
	assert_int_equal(chdir(cwd), 0);

	/* A directory is refused when the output is opened. */
	snprintf(path, sizeof(path), "%s/taken", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	errno = 0;
	assert_null(fl_out_open_atomic(path));
	assert_int_equal(errno, EISDIR);
	assert_int_equal(dir_entries(dir), 1);
	assert_int_equal(rmdir(path), 0);

	/* A commit that fails (the target became a non-empty directory
	 * after the output was opened, so the rename cannot replace it)
	 * reports the error and removes the temporary file. */
	o = fl_out_open_atomic(path);
	assert_non_null(o);
	fl_out_puts(o, "data\n");
	assert_int_equal(mkdir(path, 0700), 0);
	char inner[300];
	snprintf(inner, sizeof(inner), "%s/keep", path);
	write_file(inner, "keep\n");
	assert_int_equal(dir_entries(dir), 2);
	assert_int_not_equal(fl_out_commit(o), 0);
	assert_int_equal(dir_entries(dir), 1);
	got = slurp(inner, &len);
	assert_string_equal(got, "keep\n");
	free(got);
	unlink(inner);
	rmdir(path);

	/* A directory that does not exist: NULL and errno. */
	snprintf(path, sizeof(path), "%s/missing/plan.csv", dir);
	errno = 0;
	assert_null(fl_out_open_atomic(path));
	assert_int_equal(errno, ENOENT);
	assert_int_equal(rmdir(dir), 0);  /* empty: nothing was left behind */
	free(dir);
}

static void test_out_large_and_errors(void **state)
{
	(void)state;
	char *dir = make_dir();
	char path[256];
	snprintf(path, sizeof(path), "%s/big.txt", dir);
	fl_out *o = fl_out_open_atomic(path);
	assert_non_null(o);
	/* Mix of small writes, single characters, long printf results and
	 * one block larger than the buffer, across several flushes. */
	size_t big_n = (size_t)3 << 20;
	char *big = malloc(big_n);
	for (size_t i = 0; i < big_n; i++)
		big[i] = (char)('a' + i % 26);
	char *expect = malloc(big_n * 3);
	size_t e = 0;
	for (int i = 0; i < 100000; i++) {
		fl_out_putc(o, (char)('0' + i % 10));
		expect[e++] = (char)('0' + i % 10);
		fl_out_write(o, "ab", 2);
		memcpy(expect + e, "ab", 2);
		e += 2;
	}
	char longfmt[2000];
	memset(longfmt, 'L', sizeof(longfmt) - 1);
	longfmt[sizeof(longfmt) - 1] = '\0';
	fl_out_printf(o, "[%s]", longfmt);
	expect[e++] = '[';
	memcpy(expect + e, longfmt, sizeof(longfmt) - 1);
	e += sizeof(longfmt) - 1;
	expect[e++] = ']';
	fl_out_write(o, big, big_n);
	memcpy(expect + e, big, big_n);
	e += big_n;
	fl_out_puts(o, "tail");
	memcpy(expect + e, "tail", 4);
	e += 4;
	assert_int_equal(fl_out_commit(o), 0);
	size_t len;
	char *got = slurp(path, &len);
	assert_int_equal(len, e);
	assert_memory_equal(got, expect, e);
	free(got);
	free(expect);
	free(big);
	unlink(path);
	rmdir(dir);
	free(dir);

	/* A write error is sticky and reported by the commit. */
	int fd = open("/dev/full", O_WRONLY);
	if (fd >= 0) {
		o = fl_out_open_fd(fd);
		char chunk[4096];
		memset(chunk, 'z', sizeof(chunk));
		for (int i = 0; i < 600; i++)
			fl_out_write(o, chunk, sizeof(chunk));
		assert_true(fl_out_failed(o));
		assert_int_equal(fl_out_errno(o), ENOSPC);
		assert_int_equal(fl_out_commit(o), ENOSPC);
		close(fd);
		/* The writer reports the failure as FL_ERR_IO. */
		struct world w;
		world_init(&w, nasty, NNASTY);
		fd = open("/dev/full", O_WRONLY);
		o = fl_out_open_fd(fd);
		/* Fill the buffer first, so the writer's output must flush. */
		for (int i = 0; i < 256; i++)
			fl_out_write(o, chunk, sizeof(chunk));
		fl_assign_options opts = { .format = FL_FORMAT_CSV };
		assert_int_equal(fl_assign_write(o, &w.p, &w.plan, &opts),
		                 FL_ERR_IO);
		assert_int_not_equal(fl_out_commit(o), 0);
		close(fd);
		fl_plan_release(&w.plan);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting_and_formulas),
		cmocka_unit_test(test_csv_no_formula_escaping),
		cmocka_unit_test(test_csv_dialect),
		cmocka_unit_test(test_csv_delimiter_parse),
		cmocka_unit_test(test_tsv_escaping),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_json_empty_plan),
		cmocka_unit_test(test_table_one_line_per_customer),
		cmocka_unit_test(test_sort_rows),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_atomic_commit),
		cmocka_unit_test(test_atomic_abort),
		cmocka_unit_test(test_out_large_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
