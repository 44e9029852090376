/*
 * crc32.c - CRC-32, reflected, polynomial 0xEDB88320, a table of 256
 * entries built once (a few kilobytes a second is not the point: a
 * partial file of a million customers is 16 MB, read at disk speed).
 */
#include "util/crc32.h"

static uint32_t table[256];
static int table_ready;

static void table_build(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	table_ready = 1;
}

uint32_t fl_crc32(uint32_t crc, const void *p, size_t n)
{
	/* Building the table twice from two threads writes the same values:
	 * harmless, but the library runs one thread per plan anyway. */
	if (!table_ready)
		table_build();
	const unsigned char *b = p;
	crc = ~crc;
	for (size_t i = 0; i < n; i++)
		crc = table[(crc ^ b[i]) & 0xFF] ^ (crc >> 8);
	return ~crc;
}
