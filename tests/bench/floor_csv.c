/*
 * floor_csv.c - the CSV floor: our scanner (src/util/csv.c) over the file
 * through the same reader as the loader (src/util/reader.c), touching every
 * field (the sum of their lengths) and doing nothing else.  The delimiter
 * is ',' (the benchmark's files are comma-separated).
 */
#include <stdio.h>

#include "util/csv.h"
#include "util/reader.h"

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	FILE *fp = fopen(argv[1], "rb");
	if (fp == NULL)
		return 1;
	fl_reader r;
	fl_reader_init_file(&r, fp);
	fl_csv sc;
	fl_csv_init(&sc, ',', 1);
	size_t pos = 0;
	unsigned long long records = 0, bytes = 0;
	int rc = 0;
	for (;;) {
		fl_csv_status st = fl_csv_next(&sc, r.buf, r.len, &pos, r.eof);
		if (st == FL_CSV_MORE) {
			size_t shift = fl_reader_fill(&r, pos);
			if (shift == (size_t)-1 || r.err != 0) {
				rc = 1;
				break;
			}
			pos -= shift;
			continue;
		}
		if (st != FL_CSV_RECORD) {
			rc = st == FL_CSV_END ? 0 : 1;
			break;
		}
		records++;
		for (size_t i = 0; i < sc.count; i++)
			bytes += sc.fields[i].len;
	}
	printf("%llu records, %llu bytes of fields\n", records, bytes);
	fl_csv_release(&sc);
	fl_reader_release(&r);
	fclose(fp);
	return rc;
}
