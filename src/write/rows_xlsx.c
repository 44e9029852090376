/*
 * rows_xlsx.c - row sources as worksheets of an xlsx workbook
 * (rows_xlsx.h), written by libxlsxwriter.
 *
 * The workbook is made in constant-memory mode: each row goes to the
 * worksheet's temporary file as soon as the next one starts, so a
 * million customers cost no million cells in memory, and text cells are
 * inline strings (no shared-string table to build).  Column widths,
 * the frozen header and the autofilter are written when the workbook is
 * closed, so they can follow the rows.
 */
#include "write/rows_xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "model/portfolio_int.h"
#include "util/c_locale.h"
#include "write/escape.h"
#include "write/text.h"

/* The document's creation time without SOURCE_DATE_EPOCH:
 * 2000-01-01T00:00:00Z.  (libxlsxwriter takes 0 for "now".) */
#define FL_XLSX_EPOCH 946684800L
/* 9999-12-31T23:59:59Z, the last time an ISO 8601 year of four digits
 * can hold. */
#define FL_XLSX_TIME_MAX 253402300799LL

/* Column widths in characters, from the content, within these bounds. */
#define WIDTH_MIN 8
#define WIDTH_MAX 60
/* Numbers shown with more decimals than this show as General. */
#define DECIMALS_MAX 15

/* The sheet names given so far, to keep them unique. */
#define SHEETS_MAX 64

struct fl_xlsx {
	int fd;                      /* the unlinked temporary file */
	lxw_workbook *wb;
	lxw_format *bold;
	lxw_format *decimals[DECIMALS_MAX + 1];   /* "0", "0.0", ... */
	lxw_format *level[FL_LEVEL_PARTNERSHIP + 1];
	char names[SHEETS_MAX][LXW_SHEETNAME_MAX * 4 + 1];
	size_t sheets;
	char *tmpdir;                /* where the temporary files go */
	char *text;                  /* a cell as a C string */
	size_t cap;
};

/* The creation time: SOURCE_DATE_EPOCH (https://reproducible-builds.org)
 * when it is a whole number of seconds in range, else the constant. */
static time_t created_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s == NULL || *s < '0' || *s > '9')
		return (time_t)FL_XLSX_EPOCH;
	long long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		if (v > FL_XLSX_TIME_MAX)
			return (time_t)FL_XLSX_EPOCH;
	}
	if (*s != '\0' || v == 0)
		return (time_t)FL_XLSX_EPOCH;
	return (time_t)v;
}

/* Where the workbook is put together: TMPDIR when it is an absolute path,
 * else /tmp. */
static const char *temp_dir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir != NULL && dir[0] == '/' ? dir : "/tmp";
}

/* A temporary file in dir that is gone from its directory at once:
 * nothing is left to remove however the program ends.  -1 with errno
 * set. */
static int temp_file(const char *dir)
{
	size_t n = strlen(dir);
	char *name = malloc(n + sizeof("/focuslevel-xlsx.XXXXXX"));
	if (name == NULL)
		return -1;
	memcpy(name, dir, n);
	memcpy(name + n, "/focuslevel-xlsx.XXXXXX",
	       sizeof("/focuslevel-xlsx.XXXXXX"));
	int fd = mkstemp(name);
	int e = errno;
	if (fd >= 0)
		unlink(name);
	free(name);
	errno = e;
	return fd;
}

fl_xlsx *fl_xlsx_new(fl_status *st)
{
	fl_xlsx *x = calloc(1, sizeof(*x));
	if (x == NULL) {
		*st = FL_ERR_NOMEM;
		return NULL;
	}
	/* libxlsxwriter's own temporary files (one per sheet, unlinked as
	 * they are made) go to the same place. */
	x->tmpdir = strdup(temp_dir());
	x->fd = x->tmpdir != NULL ? temp_file(x->tmpdir) : -1;
	if (x->fd < 0) {
		*st = errno == ENOMEM || x->tmpdir == NULL ? FL_ERR_NOMEM
		                                           : FL_ERR_IO;
		free(x->tmpdir);
		free(x);
		return NULL;
	}
	/* libxlsxwriter opens the file by name when the workbook is closed:
	 * /dev/fd/N reopens the unlinked file. */
	char path[32];
	snprintf(path, sizeof(path), "/dev/fd/%d", x->fd);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE,
	                             .tmpdir = x->tmpdir };
	x->wb = workbook_new_opt(path, &opt);
	if (x->wb == NULL) {
		close(x->fd);
		free(x->tmpdir);
		free(x);
		*st = FL_ERR_NOMEM;
		return NULL;
	}
	lxw_doc_properties props = { .created = created_time() };
	x->bold = workbook_add_format(x->wb);
	if (workbook_set_properties(x->wb, &props) != LXW_NO_ERROR ||
	    x->bold == NULL) {
		fl_xlsx_free(x);
		*st = FL_ERR_NOMEM;
		return NULL;
	}
	format_set_bold(x->bold);
	*st = FL_OK;
	return x;
}

void fl_xlsx_free(fl_xlsx *x)
{
	if (x == NULL)
		return;
	/* Closing, not lxw_workbook_free: only workbook_close releases the
	 * temporary files of constant-memory worksheets (libxlsxwriter
	 * 1.1.4).  What it writes goes to x->fd's unlinked file, which is
	 * dropped here. */
	if (x->wb != NULL)
		workbook_close(x->wb);
	close(x->fd);
	free(x->text);
	free(x->tmpdir);
	free(x);
}

/* The number format showing d decimals, made on first use. */
static lxw_format *decimals_format(fl_xlsx *x, size_t d)
{
	if (x->decimals[d] == NULL) {
		char code[DECIMALS_MAX + 3] = "0";
		if (d > 0) {
			code[1] = '.';
			memset(code + 2, '0', d);
			code[2 + d] = '\0';
		}
		x->decimals[d] = workbook_add_format(x->wb);
		if (x->decimals[d] != NULL)
			format_set_num_format(x->decimals[d], code);
	}
	return x->decimals[d];
}

/* A level cell's format: filled with the level's colour, the text white
 * where the colour is dark (relative luminance below 0.3), else black. */
static lxw_format *level_format(fl_xlsx *x, fl_level l)
{
	if (x->level[l] == NULL) {
		unsigned long rgb = strtoul(fl_level_colour(l) + 1, NULL, 16);
		double lum = 0.2126 * (double)((rgb >> 16) & 0xff) +
		             0.7152 * (double)((rgb >> 8) & 0xff) +
		             0.0722 * (double)(rgb & 0xff);
		x->level[l] = workbook_add_format(x->wb);
		if (x->level[l] != NULL) {
			format_set_pattern(x->level[l], LXW_PATTERN_SOLID);
			format_set_bg_color(x->level[l], (lxw_color_t)rgb);
			format_set_font_color(x->level[l], lum < 0.3 * 255
			                      ? LXW_COLOR_WHITE : LXW_COLOR_BLACK);
		}
	}
	return x->level[l];
}

/* s[0..len) as a C string in x->text; NULL when out of memory. */
static const char *c_string(fl_xlsx *x, const char *s, size_t len)
{
	if (len + 1 > x->cap) {
		size_t cap = x->cap > 0 ? x->cap : 64;
		while (cap < len + 1)
			cap *= 2;
		char *t = realloc(x->text, cap);
		if (t == NULL)
			return NULL;
		x->text = t;
		x->cap = cap;
	}
	memcpy(x->text, s, len);
	x->text[len] = '\0';
	return x->text;
}

/* A valid, unique sheet name from `want` into x->names[x->sheets]. */
static const char *sheet_name(fl_xlsx *x, const char *want)
{
	char *name = x->names[x->sheets];
	size_t n = 0, chars = 0;
	/* At most 31 characters (whole UTF-8 sequences), with the ones Excel
	 * refuses as '_'. */
	for (const char *p = want; *p != '\0' && chars < LXW_SHEETNAME_MAX;) {
		size_t k = 1;
		unsigned char c = (unsigned char)*p;
		if (c >= 0xc0)
			while (k < 4 && ((unsigned char)p[k] & 0xc0) == 0x80)
				k++;
		if (k == 1 && (strchr("[]:*?/\\", *p) != NULL || c < 0x20 ||
		               c >= 0x80))
			name[n++] = '_';
		else
			for (size_t i = 0; i < k; i++)
				name[n++] = p[i];
		p += k;
		chars++;
	}
	if (n == 0)
		name[n++] = '_';
	name[n] = '\0';
	if (name[0] == '\'')
		name[0] = '_';
	if (name[n - 1] == '\'')
		name[n - 1] = '_';
	/* Unique without regard to ASCII case: a ~2, ~3, ... replaces the
	 * end of a name taken. */
	char base[sizeof(x->names[0])];
	memcpy(base, name, n + 1);
	for (unsigned k = 2;; k++) {
		bool taken = false;
		for (size_t i = 0; i < x->sheets && !taken; i++)
			taken = strcasecmp(x->names[i], name) == 0;
		if (!taken)
			break;
		char tail[16];
		int tn = snprintf(tail, sizeof(tail), "~%u", k);
		/* Cut the base at a character boundary to leave room. */
		size_t keep = n, kc = chars;
		while (kc + (size_t)tn > LXW_SHEETNAME_MAX && keep > 0) {
			do
				keep--;
			while (keep > 0 &&
			       ((unsigned char)base[keep] & 0xc0) == 0x80);
			kc--;
		}
		memcpy(name, base, keep);
		memcpy(name + keep, tail, (size_t)tn + 1);
	}
	return name;
}

static unsigned flags_of(const fl_rows *r, size_t c)
{
	return r->flags != NULL ? r->flags[c] : 0;
}

/* libxlsxwriter's error as ours. */
static fl_status status_of(lxw_error e)
{
	switch (e) {
	case LXW_NO_ERROR:
		return FL_OK;
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return FL_ERR_NOMEM;
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return FL_ERR_LIMIT;
	default:
		return FL_ERR_IO;
	}
}

/* How many decimals a number's text shows; -1 for an exponent form. */
static int decimals_of(const char *s, size_t len)
{
	const char *dot = memchr(s, '.', len);
	if (memchr(s, 'e', len) != NULL || memchr(s, 'E', len) != NULL)
		return -1;
	if (dot == NULL)
		return 0;
	size_t d = len - (size_t)(dot - s) - 1;
	return d <= DECIMALS_MAX ? (int)d : -1;
}

/* Write cell (row, col) of kind f from s[0..len); *width grows to its
 * width as the text forms show it. */
static lxw_error write_cell(fl_xlsx *x, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, unsigned f, const char *s,
                            size_t len, size_t *width)
{
	size_t w = fl_text_width(s, len);
	if (w > *width)
		*width = w;
	double v;
	if ((f & FL_RCOL_NUM) && fl_number_parse(s, len, &v) == FL_NUM_OK) {
		int d = decimals_of(s, len);
		lxw_format *fmt = NULL;
		if (d >= 0 && (fmt = decimals_format(x, (size_t)d)) == NULL)
			return LXW_ERROR_MEMORY_MALLOC_FAILED;
		return worksheet_write_number(ws, row, col, v, fmt);
	}
	if (f & FL_RCOL_BOOL)
		return worksheet_write_boolean(ws, row, col, s[0] == 'y', NULL);
	lxw_format *fmt = NULL;
	fl_level l = (f & FL_RCOL_LEVEL) ? fl_level_parse_n(s, len)
	                                 : FL_LEVEL_NONE;
	if (l != FL_LEVEL_NONE && (fmt = level_format(x, l)) == NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	const char *t = c_string(x, s, len);
	if (t == NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	return worksheet_write_string(ws, row, col, t, fmt);
}

/* The rows of r from row 1 of ws on; *last is the last row written. */
static fl_status write_rows(fl_xlsx *x, lxw_worksheet *ws, const fl_rows *r,
                            const int *col_of, size_t *width,
                            lxw_row_t *last)
{
	fl_cells cl;
	lxw_row_t row = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		cl.sgr = NULL;
		if (!r->fill(r->ctx, i, &cl))
			continue;
		if (row == FL_XLSX_ROWS_MAX)
			return FL_ERR_LIMIT;
		row++;
		for (size_t c = 0; c < r->ncols; c++) {
			if (col_of[c] < 0 || cl.cell[c] == NULL || cl.len[c] == 0)
				continue;
			lxw_error e = write_cell(x, ws, row, (lxw_col_t)col_of[c],
			                         flags_of(r, c), cl.cell[c],
			                         cl.len[c], &width[col_of[c]]);
			if (e != LXW_NO_ERROR)
				return status_of(e);
		}
	}
	*last = row;
	return FL_OK;
}

fl_status fl_xlsx_sheet(fl_xlsx *x, const char *name, const fl_rows *r,
                        size_t *shown)
{
	if (x->sheets == SHEETS_MAX)
		return FL_ERR_LIMIT;
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, sheet_name(x, name));
	if (ws == NULL)
		return FL_ERR_NOMEM;
	x->sheets++;
	/* The columns shown (JSON-only ones are not) and their widths. */
	int col_of[FL_ROWS_MAX];
	size_t width[FL_ROWS_MAX];
	for (size_t c = 0; c < FL_ROWS_MAX; c++)
		col_of[c] = -1;
	lxw_col_t ncols = 0;
	fl_status st = FL_OK;
	locale_t prev = fl_c_locale_enter();
	for (size_t c = 0; c < r->ncols; c++) {
		if (flags_of(r, c) & FL_RCOL_JSON_ONLY)
			continue;
		col_of[c] = (int)ncols;
		/* Room for the autofilter's button beside the name. */
		width[ncols] = strlen(r->cols[c]) + 2;
		if (st == FL_OK)
			st = status_of(worksheet_write_string(ws, 0, ncols,
			                                      r->cols[c], x->bold));
		ncols++;
	}
	lxw_row_t last = 0;
	if (st == FL_OK)
		st = write_rows(x, ws, r, col_of, width, &last);
	if (st == FL_OK && ncols > 0) {
		worksheet_freeze_panes(ws, 1, 0);
		st = status_of(worksheet_autofilter(ws, 0, 0, last,
		                                    (lxw_col_t)(ncols - 1)));
	}
	for (lxw_col_t c = 0; c < ncols && st == FL_OK; c++) {
		size_t w = width[c] + 1;
		w = w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX : w;
		st = status_of(worksheet_set_column(ws, c, c, (double)w, NULL));
	}
	fl_c_locale_leave(prev);
	if (shown != NULL)
		*shown = last;
	return st;
}

/* Copy the closed workbook's file to o. */
static fl_status copy_out(int fd, fl_out *o)
{
	char buf[1 << 16];
	off_t off = 0;
	for (;;) {
		ssize_t n = pread(fd, buf, sizeof(buf), off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return FL_ERR_IO;
		if (n == 0)
			break;
		fl_out_write(o, buf, (size_t)n);
		if (fl_out_failed(o))
			return FL_ERR_IO;
		off += n;
	}
	return FL_OK;
}

fl_status fl_xlsx_finish(fl_xlsx *x, fl_out *o)
{
	locale_t prev = fl_c_locale_enter();
	lxw_error e = workbook_close(x->wb);
	fl_c_locale_leave(prev);
	/* workbook_close frees the workbook whatever it returns. */
	x->wb = NULL;
	fl_status st = e == LXW_NO_ERROR ? copy_out(x->fd, o) : status_of(e);
	fl_xlsx_free(x);
	return st;
}

fl_status fl_rows_xlsx(fl_out *o, const fl_rows *r, size_t *shown)
{
	fl_status st;
	fl_xlsx *x = fl_xlsx_new(&st);
	if (x == NULL)
		return st;
	st = fl_xlsx_sheet(x, r->key, r, shown);
	if (st != FL_OK) {
		fl_xlsx_free(x);
		return st;
	}
	return fl_xlsx_finish(x, o);
}
