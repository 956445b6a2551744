/*
 * The one CSV writer: every CSV Cairn writes (the report's tables, the
 * sample list, ...) goes through it.  RFC 4180: a field is quoted when it
 * holds a comma, a quote, CR or LF, quotes doubled; lines end in CRLF.
 *
 * Formula neutralisation (OWASP "CSV injection"): a field that starts
 * with = + - @ TAB or CR would be run as a formula by a spreadsheet
 * (=HYPERLINK(...), +cmd|..., @SUM(...)), so it is written quoted with an
 * apostrophe in front ('=HYPERLINK(...)).  A plain decimal number such as
 * -3.5 or +2 is a value, not a formula, and is written as it is.
 */
#ifndef CAIRN_CORE_CSVOUT_H
#define CAIRN_CORE_CSVOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* True if a spreadsheet could take s as a formula (see above). */
bool csvout_risky(const char *s);
/* Appends one field (NULL is empty), quoted and neutralised as needed. */
void csvout_field(struct buf *out, const char *s);
/* Appends a whole line: n fields separated by commas, then CRLF. */
void csvout_row(struct buf *out, const char *const *fields, size_t n);

#endif
