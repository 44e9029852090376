/*
 * le.h - little-endian integers and IEEE doubles in bytes, whatever the
 * machine's own order (binary files: the .fltp of partial.h).
 */
#ifndef FL_LE_H
#define FL_LE_H

#include <stdint.h>
#include <string.h>

static inline void fl_le_put32(unsigned char *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

static inline void fl_le_put64(unsigned char *b, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

static inline uint32_t fl_le_get32(const unsigned char *b)
{
	uint32_t v = 0;
	for (int i = 3; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

static inline uint64_t fl_le_get64(const unsigned char *b)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

/* A double as the 8 bytes of its IEEE 754 binary64 bits, and back. */
static inline void fl_le_put_double(unsigned char *b, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof(v));
	fl_le_put64(b, v);
}

static inline double fl_le_get_double(const unsigned char *b)
{
	uint64_t v = fl_le_get64(b);
	double d;
	memcpy(&d, &v, sizeof(d));
	return d;
}

#endif
