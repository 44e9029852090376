/*
 * recode.c - single-byte text to UTF-8 (recode.h).
 */
#include <errno.h>
#include <iconv.h>

#include "util/recode.h"

bool fl_recode_open(fl_recode *r, const char *from)
{
	r->cd = NULL;
	if (from == NULL)
		return true;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return false;
	r->cd = cd;
	return true;
}

void fl_recode_close(fl_recode *r)
{
	if (r->cd != NULL)
		iconv_close((iconv_t)r->cd);
	r->cd = NULL;
}

bool fl_recode_text(fl_recode *r, const char *s, size_t len, fl_buf *out,
                    size_t *bad)
{
	if (r->cd == NULL) {
		fl_buf_add(out, s, len);
		return true;
	}
	/* Every byte of a single-byte encoding is at most three bytes of
	 * UTF-8 (the euro sign of Windows-1252). */
	char room[256];
	char *in = (char *)(size_t)s;  /* iconv's prototype is not const */
	size_t left = len;
	iconv((iconv_t)r->cd, NULL, NULL, NULL, NULL);
	while (left > 0) {
		char *o = room;
		size_t olen = sizeof(room);
		size_t n = iconv((iconv_t)r->cd, &in, &left, &o, &olen);
		fl_buf_add(out, room, (size_t)(o - room));
		if (n == (size_t)-1 && errno != E2BIG) {
			*bad = (size_t)(in - s);
			return false;
		}
	}
	return true;
}
