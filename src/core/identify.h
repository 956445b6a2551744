/*
 * Personal identifiers kept out at the door: the one detector behind every
 * import with free columns (the population, surveys).  Depends only on libc.
 *
 * A column header is normalised (identify_normalise: a subset of Unicode
 * NFKC enough for headers -- fullwidth forms, mathematical and circled
 * letters, ligatures -- then case folding, Cyrillic and Greek letters that
 * look like Latin ones mapped to them, zero-width characters and combining
 * marks dropped, camelCase and letter/digit boundaries split, everything
 * else a space) and matched on words ("DOB (dd/mm/yyyy)", "name of child",
 * "Tel. no.", "DOB1", "Age/DOB", fullwidth "Ｎａｍｅ" and Cyrillic "nаme" all
 * match) and on known compounds ("firstname", "dateofbirth").
 *
 * A cell value is checked for a CHI number (ten digits, a valid DDMMYY date
 * and the modulus-11 check digit), a UK postcode, an email address and a
 * UK phone number.
 */
#ifndef CAIRN_CORE_IDENTIFY_H
#define CAIRN_CORE_IDENTIFY_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the normalised form of header (UTF-8) to out: lower-case ASCII
 * words separated by single spaces, cut to outsz - 1 bytes. */
void identify_normalise(const char *header, char *out, size_t outsz);

/* Returns what header looks like ("name", "date of birth", "CHI number",
 * "address", "postcode", "phone", "email", "NHS number") or NULL. */
const char *identify_header(const char *header);

/* Returns what the n bytes at s look like ("CHI number", "postcode",
 * "email address", "phone number") or NULL. */
const char *identify_value(const char *s, size_t n);

/* Returns true if the ten characters at d are digits forming a valid CHI
 * number: DDMMYY a date (29 February in any year divisible by four, since
 * the century is not written), and the tenth digit the modulus-11 check
 * digit of the first nine. */
bool identify_chi(const char *d);

/* Returns true if the comma-separated list allow (may be NULL) names the
 * column name, ignoring ASCII case and spaces around each item: the
 * override for a column that only looks like an identifier. */
bool identify_allowed(const char *allow, const char *name);

#endif
