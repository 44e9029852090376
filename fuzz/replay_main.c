/*
 * replay_main.c - a main() for the fuzz targets without libFuzzer.
 *
 * Linked with one fuzz_*.c, it reads each file named on the command line
 * and passes its bytes to LLVMFuzzerTestOneInput, so that the normal build
 * (and the sanitizer build) replays every seed and every past finding.
 * Exits 0 when every file was read; a bug shows as a crash or a sanitizer
 * report.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"

static int replay(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, len = 0;
	unsigned char *buf = malloc(cap);
	for (;;) {
		if (buf == NULL) {
			fclose(fp);
			fprintf(stderr, "%s: out of memory\n", path);
			return -1;
		}
		len += fread(buf + len, 1, cap - len, fp);
		if (len < cap)
			break;
		cap *= 2;
		unsigned char *b = realloc(buf, cap);
		if (b == NULL)
			free(buf);
		buf = b;
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		fprintf(stderr, "%s: read error\n", path);
		free(buf);
		return -1;
	}
	/* An exact-size copy, so that ASan sees a read past the end. */
	unsigned char *data = malloc(len ? len : 1);
	if (data == NULL) {
		free(buf);
		return -1;
	}
	for (size_t i = 0; i < len; i++)
		data[i] = buf[i];
	free(buf);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;
	for (int i = 1; i < argc; i++) {
		if (replay(argv[i]) != 0)
			status = 1;
	}
	printf("replayed %d input%s\n", argc - 1, argc == 2 ? "" : "s");
	return status;
}
