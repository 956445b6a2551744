/*
 * Small text utilities shared by every layer: number words for prose,
 * case-insensitive ASCII comparison, UTF-8 validation, strict number
 * parsing (in place of atoi and friends, which are banned).
 */
#ifndef CAIRN_CORE_TEXT_H
#define CAIRN_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Returns the English word for n ("one" .. "ninety-nine") in out, or the
 * digits for other values.  out must hold at least 32 bytes. */
const char *text_number_word(long n, char *out, size_t outsz);
/* Compares two strings ignoring ASCII case; returns <0, 0 or >0. */
/* Returns the FNV-1a hash of the n bytes at p (for in-memory hash tables;
 * never stored). */
uint64_t text_hash(const char *p, size_t n);
int text_casecmp(const char *a, const char *b);
/* Returns true if the n bytes at s are valid UTF-8 (no overlongs,
 * surrogates or code points above U+10FFFF). */
bool text_utf8_valid(const char *s, size_t n);
/* Makes the string s (NULL: nothing) valid UTF-8 in place: each byte that
 * does not start a valid sequence, such as half a character left where a
 * message was cut to its buffer ("%.60s"), becomes '?'.  Returns how many
 * bytes were replaced.  The caller owns s. */
size_t text_utf8_repair(char *s);

/*
 * Checks a required free text s (what names it in the message, field is the
 * input's name): not empty or blank, at most max bytes, valid UTF-8, without
 * U+FFFD (a character that could not be read, as the web's forms show a NUL).
 * CAIRN_OK, or CAIRN_EDATA with err naming the field.
 */
int text_check(const char *field, const char *what, const char *s, size_t max,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* True if s holds U+FFFD, the replacement character: one that could not be
 * read, as the web's forms show a NUL (web/form.h).  Text checks refuse it
 * with text_unreadable_msg after what names the text. */
bool text_has_unreadable(const char *s);
extern const char text_unreadable_msg[];
/* If s (n bytes available) starts with a bidirectional control in UTF-8
 * (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), returns
 * its length in bytes and sets *cp to it; otherwise returns 0.  Such a
 * character can make a name read backwards ("Report<U+202E>fdp.exe"
 * shows as "Reportexe.pdf"), so outputs show or drop it. */
size_t text_bidi_control(const char *s, size_t n, unsigned *cp);

/*
 * The one way every output shows a bidirectional control: as the visible
 * text "<U+XXXX>" (what the terminal output of cli_term_escape and the
 * HTML writer show), so that it cannot reorder what the reader sees.
 * Appends the n bytes at s to out, each bidirectional control replaced by
 * open "U+XXXX" close, where open and close are "<" and ">" in the
 * format's own escaping ("&lt;" and "&gt;" in HTML and Pango markup,
 * "\\<" and "\\>" in Markdown); every other run of bytes goes through esc
 * (the format's escaping of text), or is appended as it is when esc is
 * NULL (text that is already in the format, such as md4c's HTML).
 */
struct buf;
typedef void text_escape_fn(struct buf *out, const char *s, size_t n);
void text_bidi_show(struct buf *out, const char *s, size_t n, text_escape_fn *esc, const char *open,
    const char *close);
/* True if s (NULL: false) holds a bidirectional control. */
bool text_has_bidi(const char *s);
/* Returns a malloc'd copy of s (NULL: NULL) with every bidirectional
 * control shown as "<U+XXXX>" (plain text: text_bidi_show with no
 * escaping, "<" and ">"); the caller frees it. */
char *text_bidi_shown(const char *s);
/* Parses a whole string as a base-10 long within [min, max]; returns
 * false for empty input, trailing junk or a value out of range. */
bool text_parse_long(const char *s, long min, long max, long *out);
/* Parses a whole string as a finite decimal double (digits, a point, an
 * exponent: never hex, "inf" or "nan"); returns false otherwise. */
bool text_parse_double(const char *s, double *out);
/* Writes s lower-cased (ASCII only) into out, cut to outsz-1 bytes. */
void text_lower(const char *s, char *out, size_t outsz);
/* Copies s into out, cut to outsz-1 bytes; returns false if it was cut. */
bool text_copy(char *out, size_t outsz, const char *s);
/* Returns s with leading and trailing ASCII white space removed, in place. */
char *text_trim(char *s);

#endif
