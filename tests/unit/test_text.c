/*
 * test_text.c - the two writers of text from the input (text.c): the
 * terminal form (escapes, widths) and the Markdown form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "capture.h"

#include "write/text.h"

/* Run one writer on s[0..len) into memory; the caller frees the result. */
static char *render(void (*w)(fl_out *, const char *, size_t), const char *s,
                    size_t len)
{
	int fd;
	fl_out *o = capture_begin(&fd);
	w(o, s, len);
	return capture_end(o, fd, NULL);
}

static void check_text(const char *in, size_t len, const char *want,
                       size_t want_width)
{
	char *got = render(fl_text_write, in, len);
	if (strcmp(got, want) != 0)
		fail_msg("text of %zu bytes: got \"%s\", want \"%s\"", len, got, want);
	if (fl_text_width(in, len) != want_width)
		fail_msg("width of \"%s\": %zu, want %zu", want,
		         fl_text_width(in, len), want_width);
	free(got);
}

#define TEXT(in, want, width) check_text(in, sizeof(in) - 1, want, width)

static void test_terminal_escapes(void **state)
{
	(void)state;
	TEXT("plain", "plain", 5);
	TEXT("", "", 0);
	TEXT("a\nb\tc\rd", "a\\nb\\tc\\rd", 10);
	TEXT("back\\slash", "back\\\\slash", 11);
	/* A literal backslash-n and a line feed stay distinct. */
	TEXT("x\\ny", "x\\\\ny", 5);
	TEXT("x\ny", "x\\ny", 4);
	TEXT("\033[31mred", "\\x1b[31mred", 11);
	TEXT("bell\a", "bell\\x07", 8);
	TEXT("del\x7f", "del\\x7f", 7);
	TEXT("nul\0x", "nul\\x00x", 8);
	/* C1 controls (CSI U+009B, NEL U+0085) as their two UTF-8 bytes. */
	TEXT("csi \xc2\x9b" "2J", "csi \\xc2\\x9b2J", 14);
	TEXT("nel\xc2\x85", "nel\\xc2\\x85", 11);
	/* U+00A0 and other UTF-8 pass through; width counts code points. */
	TEXT("caf\xc3\xa9 \xc2\xa0x", "caf\xc3\xa9 \xc2\xa0x", 7);
	TEXT("\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac", 2);
	/* A lone 0xC2 at the end is not a C1 control. */
	TEXT("end\xc2", "end\xc2", 4);
	/* Texts that differ only in what cannot be seen look different:
	 * zero-width characters, the BOM, bidi controls and line separators
	 * as \uXXXX, a space at the end as \x20 (one in the middle, or
	 * before the last, is visible). */
	TEXT("a\xe2\x80\x8b" "b", "a\\u200bb", 8);
	TEXT("\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf",
	     "\\u200c\\u200d\\u2060\\ufeff", 24);
	TEXT("x\xe2\x80\xaey\xe2\x81\xa6", "x\\u202ey\\u2066", 14);
	TEXT("\xd8\x9c\xe2\x80\xa8", "\\u061c\\u2028", 12);
	TEXT("abc ", "abc\\x20", 7);
	TEXT("a b  ", "a b \\x20", 8);
	TEXT(" ", "\\x20", 4);
	/* Visible neighbours stay: U+2010 hyphen, U+20AC euro. */
	TEXT("\xe2\x80\x90\xe2\x82\xac", "\xe2\x80\x90\xe2\x82\xac", 2);
}

static void check_md(const char *in, size_t len, const char *want)
{
	char *got = render(fl_text_write_markdown, in, len);
	if (strcmp(got, want) != 0)
		fail_msg("markdown: got \"%s\", want \"%s\"", got, want);
	free(got);
}

#define MD(in, want) check_md(in, sizeof(in) - 1, want)

static void test_markdown(void **state)
{
	(void)state;
	MD("plain text, 12.50 (x) #1 - ok!", "plain text, 12.50 (x) #1 - ok!");
	MD("a|b", "a\\|b");
	MD("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>");
	MD("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))");
	MD("*b* _e_ `c` ~~s~~", "\\*b\\* \\_e\\_ \\`c\\` \\~\\~s\\~\\~");
	MD("&amp; \\", "\\&amp; \\\\");
	MD("two\nlines\r\ttab", "two lines  tab");
	MD("\033[2J\a", "\\x1b\\[2J\\x07");
	MD("csi \xc2\x9b", "csi \\xc2\\x9b");
	MD("caf\xc3\xa9", "caf\xc3\xa9");
	/* Zero-width and bidi characters show, as in the table. */
	MD("A\xe2\x80\x8b" "B", "A\\u200bB");
	MD("x\xe2\x80\xaey", "x\\u202ey");
	MD("\xef\xbb\xbf" "id", "\\ufeffid");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terminal_escapes),
		cmocka_unit_test(test_markdown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
