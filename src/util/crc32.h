/*
 * crc32.h - CRC-32 (IEEE 802.3, the polynomial of zlib, gzip and PNG), for
 * the check at the end of a binary file (the .fltp of partial.h).
 */
#ifndef FL_CRC32_H
#define FL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* The CRC-32 of p[0..n) continued from crc (0 to start): zlib's
 * crc32(crc, p, n), so fl_crc32(0, "123456789", 9) is 0xCBF43926. */
uint32_t fl_crc32(uint32_t crc, const void *p, size_t n);

#endif
