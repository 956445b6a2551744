/* The fast path of the population import: see population_fast.h. */
#include "app/records/population_fast.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/err.h"
#include "core/mem.h"
#include "core/text.h"

/* Bytes scanned between two releases of the pages behind (with o->release). */
#define FAST_RELEASE_STEP ((size_t)32 << 20)
/* Bytes scanned between two progress reports. */
#define FAST_PROGRESS_STEP ((size_t)8 << 20)

/* What a byte is to the scan; compared only. */
enum fast_class {
	PF_TEXT = 0, /* printable ASCII other than the quote, the comma and the backslash */
	PF_COMMA,    /* ends a cell */
	PF_LF,       /* ends a line (also stands for the end of the data) */
	PF_CR,       /* ends a line only as CRLF */
	PF_QUOTE,    /* opens or closes a quoted cell; anywhere else the general reader judges */
	PF_BSL,      /* text that JSON must escape */
	PF_HIGH,     /* a byte of a UTF-8 sequence: the row's cells are validated */
	PF_OTHER,    /* a control byte or DEL: the general reader judges */
};

/* Fills cls with the class of every byte. */
static void
fast_classes(unsigned char cls[static 256])
{
	for (int b = 0; b < 256; b++)
		cls[b] = b >= 0x20 && b < 0x7f ? PF_TEXT : b >= 0x80 ? PF_HIGH : PF_OTHER;
	cls[','] = PF_COMMA;
	cls['\n'] = PF_LF;
	cls['\r'] = PF_CR;
	cls['"'] = PF_QUOTE;
	cls['\\'] = PF_BSL;
}

/*
 * Splits the row starting at data[*pos] (not an empty line) into cell and
 * len (room for ncols), setting *escape and *high as the cells require and
 * *pos to the first byte after the row's line end.  Returns false when
 * the row is not plain (see population_fast.h).
 */
static bool
fast_split(const unsigned char *cls, const char *data, size_t n, size_t *pos,
    const struct population_fast_opts *o, const char **cell, size_t *len, bool *escape, bool *high)
{
	size_t i = *pos, nc = 0;
	unsigned char k;

	for (;;) {
		if (nc == o->ncols)
			return false; /* more cells than the header */
		if (i < n && data[i] == '"') {
			cell[nc] = data + ++i;
			while ((k = i < n ? cls[(unsigned char)data[i]] : PF_LF) != PF_QUOTE) {
				if (k == PF_BSL)
					*escape = true;
				else if (k == PF_HIGH)
					*high = true;
				else if (k != PF_TEXT && k != PF_COMMA)
					return false; /* a line break, control byte or the end */
				i++;
			}
			len[nc] = (size_t)(data + i - cell[nc]);
			i++; /* the closing quote */
			k = i < n ? cls[(unsigned char)data[i]] : PF_LF;
			if (k != PF_COMMA && k != PF_LF && k != PF_CR)
				return false; /* a doubled quote or text after the closing one */
		} else {
			cell[nc] = data + i;
			for (;;) {
				k = i < n ? cls[(unsigned char)data[i]] : PF_LF;
				if (k == PF_TEXT) {
					i++;
				} else if (k == PF_BSL) {
					*escape = true;
					i++;
				} else if (k == PF_HIGH) {
					*high = true;
					i++;
				} else {
					break;
				}
			}
			len[nc] = (size_t)(data + i - cell[nc]);
			if (k == PF_QUOTE || k == PF_OTHER)
				return false;
		}
		if (len[nc++] > o->max_cell)
			return false;
		if (k != PF_COMMA)
			break;
		i++;
	}
	if (nc != o->ncols)
		return false;
	if (k == PF_CR) {
		if (i + 1 >= n || data[i + 1] != '\n')
			return false; /* a lone CR: the general reader counts its lines */
		i += 2;
	} else if (i < n) {
		i++; /* the LF */
	}
	*pos = i;
	return true;
}

int
population_fast_scan(const char *data, size_t n, size_t start, long line,
    const struct population_fast_opts *o, long *rows)
{
	unsigned char cls[256];
	const char **cell;
	size_t *len, i = start, released = 0, page = (size_t)sysconf(_SC_PAGESIZE);
	size_t next_progress = start + FAST_PROGRESS_STEP;
	int rc = CAIRN_OK;

	*rows = 0;
	if (o->ncols == 0 || o->on_row == NULL)
		return POPULATION_FAST_DECLINE;
	fast_classes(cls);
	cell = xcalloc(o->ncols, sizeof(*cell));
	len = xcalloc(o->ncols, sizeof(*len));
	while (i < n) {
		bool escape = false, high = false;

		if (data[i] == '\n' || (data[i] == '\r' && i + 1 < n && data[i + 1] == '\n')) {
			/* A completely empty line is skipped, as the general reader does. */
			i += data[i] == '\r' ? 2 : 1;
			line++;
			continue;
		}
		if (!fast_split(cls, data, n, &i, o, cell, len, &escape, &high)) {
			rc = POPULATION_FAST_DECLINE;
			break;
		}
		for (size_t c = 0; high && c < o->ncols; c++)
			if (!text_utf8_valid(cell[c], len[c])) {
				rc = POPULATION_FAST_DECLINE;
				break;
			}
		if (rc != CAIRN_OK || (rc = o->on_row(o->arg, cell, len, escape, line)) != CAIRN_OK)
			break;
		(*rows)++;
		line++;
		if (o->release && page > 0 && i - released >= FAST_RELEASE_STEP) {
			size_t upto = i / page * page;

			/* The callback has copied what it keeps from these pages. */
			if (upto > released)
				(void)madvise((void *)(uintptr_t)(data + released), upto - released,
				    MADV_DONTNEED);
			released = upto > released ? upto : released;
		}
		if (o->progress != NULL && i >= next_progress) {
			o->progress(o->progress_arg, i, n);
			next_progress = i + FAST_PROGRESS_STEP;
		}
	}
	if (rc == CAIRN_OK && o->progress != NULL)
		o->progress(o->progress_arg, n, n);
	free(cell);
	free(len);
	return rc;
}
