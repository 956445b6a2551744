/* Personal identifiers kept out at the door: see identify.h. */
#include "core/identify.h"

#include <stdint.h>
#include <string.h>

/* Letters of other scripts that look like Latin ones (after Unicode's
 * confusables, the letters that render the same in common fonts), and
 * the Latin letter each stands for. */
static const struct {
	uint32_t cp;
	char latin;
} confusables[] = {
	/* Cyrillic capitals */
	{ 0x0405, 's' },
	{ 0x0406, 'i' },
	{ 0x0408, 'j' },
	{ 0x0410, 'a' },
	{ 0x0412, 'b' },
	{ 0x0415, 'e' },
	{ 0x041a, 'k' },
	{ 0x041c, 'm' },
	{ 0x041d, 'h' },
	{ 0x041e, 'o' },
	{ 0x0420, 'p' },
	{ 0x0421, 'c' },
	{ 0x0422, 't' },
	{ 0x0423, 'y' },
	{ 0x0425, 'x' },
	/* Cyrillic small letters */
	{ 0x0430, 'a' },
	{ 0x0435, 'e' },
	{ 0x043e, 'o' },
	{ 0x0440, 'p' },
	{ 0x0441, 'c' },
	{ 0x0443, 'y' },
	{ 0x0445, 'x' },
	{ 0x0455, 's' },
	{ 0x0456, 'i' },
	{ 0x0458, 'j' },
	{ 0x04bb, 'h' },
	{ 0x04cf, 'l' },
	{ 0x0501, 'd' },
	{ 0x051b, 'q' },
	{ 0x051d, 'w' },
	/* Greek capitals */
	{ 0x0391, 'a' },
	{ 0x0392, 'b' },
	{ 0x0395, 'e' },
	{ 0x0396, 'z' },
	{ 0x0397, 'h' },
	{ 0x0399, 'i' },
	{ 0x039a, 'k' },
	{ 0x039c, 'm' },
	{ 0x039d, 'n' },
	{ 0x039f, 'o' },
	{ 0x03a1, 'p' },
	{ 0x03a4, 't' },
	{ 0x03a5, 'y' },
	{ 0x03a7, 'x' },
	/* Greek small letters */
	{ 0x03b1, 'a' },
	{ 0x03b9, 'i' },
	{ 0x03ba, 'k' },
	{ 0x03bd, 'v' },
	{ 0x03bf, 'o' },
	{ 0x03c1, 'p' },
	{ 0x03c5, 'u' },
	{ 0x03c7, 'x' },
	/* Latin look-alikes: dotless i, long s, small capitals */
	{ 0x0131, 'i' },
	{ 0x017f, 's' },
	{ 0x1d00, 'a' },
	{ 0x1d04, 'c' },
	{ 0x1d05, 'd' },
	{ 0x1d07, 'e' },
	{ 0x1d0f, 'o' },
	{ 0x0262, 'g' },
	{ 0x029c, 'h' },
	{ 0x026a, 'i' },
	{ 0x1d0a, 'j' },
	{ 0x1d0b, 'k' },
	{ 0x029f, 'l' },
	{ 0x1d0d, 'm' },
	{ 0x0274, 'n' },
	{ 0x1d18, 'p' },
	{ 0x0280, 'r' },
	{ 0x1d1b, 't' },
	{ 0x1d1c, 'u' },
	{ 0x1d20, 'v' },
	{ 0x1d21, 'w' },
	{ 0x028f, 'y' },
	{ 0x1d22, 'z' },
};

/* Decodes one UTF-8 sequence at s[*i..n), moving *i past it; returns the
 * code point, or 0xfffd for a byte that does not start a valid one. */
static uint32_t
utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	uint32_t cp;
	size_t k;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	k = c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : 0;
	if (k == 0 || *i + k >= n) {
		(*i)++;
		return 0xfffd;
	}
	cp = c & (0x3f >> k);
	for (size_t j = 1; j <= k; j++) {
		if ((s[*i + j] & 0xc0) != 0x80) {
			(*i)++;
			return 0xfffd;
		}
		cp = cp << 6 | (s[*i + j] & 0x3f);
	}
	*i += k + 1;
	return cp;
}

/* What a code point becomes in a normalised header. */
enum fold_kind {
	FOLD_SPACE,  /* a separator */
	FOLD_DROP,   /* nothing: zero-width characters, combining marks */
	FOLD_ASCII,  /* the ASCII text set in *out */
	FOLD_LETTER, /* a letter with no Latin look-alike: part of a word, matches nothing */
};

/*
 * Folds cp: *out is set to its ASCII lower-case text (one or more
 * characters) for FOLD_ASCII.  The compatibility mappings of NFKC that
 * headers meet: fullwidth ASCII (U+FF01..U+FF5E), mathematical
 * alphanumerics (U+1D400..U+1D7FF), circled letters, the Latin ligatures.
 */
static enum fold_kind
fold(uint32_t cp, const char **out, char tmp[2])
{
	static const char *const ligatures[] = { "ff", "fi", "fl", "ffi", "ffl", "st", "st" };

	if (cp >= 0xff01 && cp <= 0xff5e)
		cp -= 0xfee0; /* fullwidth forms: the ASCII character */
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (!((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')))
			return FOLD_SPACE;
		tmp[0] = (char)cp;
		tmp[1] = '\0';
		*out = tmp;
		return FOLD_ASCII;
	}
	if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp == 0x00ad ||
	    cp == 0x2060 || cp == 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f))
		return FOLD_DROP;
	if (cp >= 0xfb00 && cp <= 0xfb06) {
		*out = ligatures[cp - 0xfb00];
		return FOLD_ASCII;
	}
	tmp[1] = '\0';
	*out = tmp;
	if (cp >= 0x1d400 && cp <= 0x1d6a3) { /* mathematical letters: 52 a style */
		uint32_t k = (cp - 0x1d400) % 52;

		tmp[0] = (char)(k < 26 ? 'a' + k : 'a' + k - 26);
		return FOLD_ASCII;
	}
	if (cp >= 0x1d7ce && cp <= 0x1d7ff) { /* mathematical digits: 10 a style */
		tmp[0] = (char)('0' + (cp - 0x1d7ce) % 10);
		return FOLD_ASCII;
	}
	if (cp >= 0x24b6 && cp <= 0x24e9) { /* circled letters */
		tmp[0] = (char)('a' + (cp - 0x24b6) % 26);
		return FOLD_ASCII;
	}
	for (size_t i = 0; i < sizeof(confusables) / sizeof(confusables[0]); i++)
		if (confusables[i].cp == cp) {
			tmp[0] = confusables[i].latin;
			return FOLD_ASCII;
		}
	if ((cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7) ||
	    (cp >= 0x370 && cp <= 0x52f) || (cp >= 0x3040 && cp <= 0x9fff) ||
	    (cp >= 0xac00 && cp <= 0xd7af))
		return FOLD_LETTER;
	return FOLD_SPACE;
}

void
identify_normalise(const char *header, char *out, size_t outsz)
{
	const unsigned char *s = (const unsigned char *)header;
	size_t n = strlen(header), i = 0, o = 0;
	int prev = 0; /* 0: space (or start), 1: letter, 2: digit */

	if (outsz == 0)
		return;
	while (i < n) {
		const char *t;
		char tmp[2];
		enum fold_kind k = fold(utf8_next(s, n, &i), &t, tmp);
		int cls;

		if (k == FOLD_DROP)
			continue;
		if (k == FOLD_SPACE) {
			prev = 0;
			continue;
		}
		if (k == FOLD_LETTER)
			t = "_";
		cls = t[0] >= '0' && t[0] <= '9' ? 2 : 1;
		if (prev != 0 && prev != cls && o + 1 < outsz)
			out[o++] = ' '; /* a letter next to a digit: "dob1" is "dob 1" */
		else if (prev == 0 && o > 0 && o + 1 < outsz)
			out[o++] = ' ';
		for (; *t != '\0' && o + 1 < outsz; t++)
			out[o++] = *t;
		prev = cls;
	}
	out[o] = '\0';
}

/* Identifier words: a header with one of these as a word looks like an
 * identifier. */
static const struct {
	const char *w;
	const char *word;
} idwords[] = {
	{ "name", "name" },
	{ "names", "name" },
	{ "forename", "forename" },
	{ "forenames", "forename" },
	{ "surname", "surname" },
	{ "surnames", "surname" },
	{ "dob", "date of birth" },
	{ "birthdate", "date of birth" },
	{ "birthday", "date of birth" },
	{ "chi", "CHI number" },
	{ "address", "address" },
	{ "addresses", "address" },
	{ "postcode", "postcode" },
	{ "postcodes", "postcode" },
	{ "phone", "phone" },
	{ "telephone", "phone" },
	{ "tel", "phone" },
	{ "mobile", "phone" },
	{ "email", "email" },
	{ "nhs", "NHS number" },
};

/* Compounds: a header whose words, written together, contain one looks
 * like an identifier ("firstName", "date_of_birth", "e-mail"). */
static const struct {
	const char *w;
	const char *word;
} compounds[] = {
	{ "forename", "forename" },
	{ "surname", "surname" },
	{ "firstname", "name" },
	{ "lastname", "name" },
	{ "fullname", "name" },
	{ "givenname", "name" },
	{ "childname", "name" },
	{ "childsname", "name" },
	{ "middlename", "name" },
	{ "dateofbirth", "date of birth" },
	{ "birthdate", "date of birth" },
	{ "chinumber", "CHI number" },
	{ "chino", "CHI number" },
	{ "address", "address" },
	{ "postcode", "postcode" },
	{ "telephone", "phone" },
	{ "phone", "phone" },
	{ "email", "email" },
	{ "nhsnumber", "NHS number" },
	{ "nhsno", "NHS number" },
};

/* Returns what word p (k bytes) is as an identifier word, or NULL. */
static const char *
idword(const char *p, size_t k)
{
	for (size_t i = 0; i < sizeof(idwords) / sizeof(idwords[0]); i++)
		if (strlen(idwords[i].w) == k && memcmp(idwords[i].w, p, k) == 0)
			return idwords[i].word;
	return NULL;
}

const char *
identify_header(const char *header)
{
	char norm[256], joined[256], acro[16];
	size_t nj = 0, na = 0;
	const char *w;

	identify_normalise(header, norm, sizeof(norm));
	for (const char *p = norm;;) {
		size_t k = strcspn(p, " ");

		/* Single letters in a row are one word: "D.O.B." is "dob". */
		if (k == 1 && p[0] >= 'a' && p[0] <= 'z' && na + 1 < sizeof(acro)) {
			acro[na++] = p[0];
		} else if (na > 0) {
			acro[na] = '\0';
			if ((w = idword(acro, na)) != NULL)
				return w;
			na = 0;
		}
		if (*p == '\0')
			break;
		if ((w = idword(p, k)) != NULL)
			return w;
		/* "childname", "childdob": a word ending in one */
		if (k > 4 && memcmp(p + k - 4, "name", 4) == 0)
			return "name";
		if (k > 3 && memcmp(p + k - 3, "dob", 3) == 0)
			return "date of birth";
		for (size_t i = 0; i < k && nj + 1 < sizeof(joined); i++)
			joined[nj++] = p[i];
		p += k;
		if (*p == ' ')
			p++;
	}
	joined[nj] = '\0';
	for (size_t i = 0; i < sizeof(compounds) / sizeof(compounds[0]); i++)
		if (strstr(joined, compounds[i].w) != NULL)
			return compounds[i].word;
	return NULL;
}

/* Returns true if a, b are a valid day and month of a year written yy
 * (29 February whenever yy is divisible by four: 2000 was a leap year,
 * and 1900 is beyond any child's date of birth). */
static bool
valid_ddmm(int dd, int mm, int yy)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (mm < 1 || mm > 12 || dd < 1 || dd > days[mm - 1])
		return false;
	return !(mm == 2 && dd == 29 && yy % 4 != 0);
}

bool
identify_chi(const char *d)
{
	int sum = 0, check;

	for (int i = 0; i < 10; i++)
		if (d[i] < '0' || d[i] > '9')
			return false;
	if (!valid_ddmm((d[0] - '0') * 10 + d[1] - '0', (d[2] - '0') * 10 + d[3] - '0',
	        (d[4] - '0') * 10 + d[5] - '0'))
		return false;
	/* Modulus 11: the first nine digits weighted 10 down to 2; the check
	 * digit is 11 minus the remainder of the sum by 11, 11 being written
	 * 0 and 10 never issued (as for the NHS number). */
	for (int i = 0; i < 9; i++)
		sum += (d[i] - '0') * (10 - i);
	check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check != 10 && check == d[9] - '0';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(char c)
{
	return is_digit(c) || is_alpha(c);
}

/* Returns the length of a UK postcode starting at s[i] (a letter after a
 * boundary) and ending at a boundary, or 0: the outward code (A9, A99,
 * AA9, AA99, A9A, AA9A), an optional space, the inward code (9AA). */
static size_t
postcode_at(const char *s, size_t n, size_t i)
{
	size_t a = 0;

	while (a < 2 && i + a < n && is_alpha(s[i + a]))
		a++;
	for (size_t la = a; la >= 1; la--) {
		size_t j = i + la, nd = 0;

		while (nd < 2 && j + nd < n && is_digit(s[j + nd]))
			nd++;
		for (size_t d = nd; d >= 1; d--) {
			for (int letter = 1; letter >= 0; letter--) {
				size_t k = j + d;

				if (letter && (d != 1 || k >= n || !is_alpha(s[k])))
					continue;
				k += (size_t)letter;
				if (k < n && s[k] == ' ')
					k++;
				if (k + 3 <= n && is_digit(s[k]) && is_alpha(s[k + 1]) &&
				    is_alpha(s[k + 2]) && (k + 3 == n || !is_alnum(s[k + 3])))
					return k + 3 - i;
			}
		}
		if (la == 1)
			break;
	}
	return 0;
}

/* Returns true if an email address has its '@' at s[at]. */
static bool
email_at(const char *s, size_t n, size_t at)
{
	size_t j = at + 1, labels = 0, last = 0;

	if (at == 0 || !(is_alnum(s[at - 1]) || strchr("._%+-", s[at - 1]) != NULL))
		return false;
	while (j < n) {
		size_t k = j;

		while (k < n && (is_alnum(s[k]) || s[k] == '-'))
			k++;
		if (k == j)
			break;
		labels++;
		last = k - j;
		if (k < n && s[k] == '.' && k + 1 < n && is_alnum(s[k + 1])) {
			j = k + 1;
			continue;
		}
		break;
	}
	return labels >= 2 && last >= 2;
}

/* Returns true if the whole of s is a UK phone number: digits with
 * spaces, hyphens, dots or brackets between them, either 0 and ten
 * digits (the national form) or +44 or 0044 and nine or ten. */
static bool
phone(const char *s, size_t n)
{
	char d[24];
	size_t nd = 0, i = 0;
	bool plus = false;

	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '+') {
		plus = true;
		i++;
	}
	for (; i < n; i++) {
		if (is_digit(s[i])) {
			if (nd == sizeof(d))
				return false;
			d[nd++] = s[i];
		} else if (strchr(" -.()", s[i]) == NULL) {
			return false;
		}
	}
	if (plus || (nd > 2 && d[0] == '0' && d[1] == '0')) {
		size_t off = plus ? 0 : 2;

		return nd - off >= 11 && nd - off <= 12 && d[off] == '4' && d[off + 1] == '4' &&
		    d[off + 2] != '0';
	}
	return nd == 11 && d[0] == '0' && strchr("1235789", d[1]) != NULL;
}

const char *
identify_value(const char *s, size_t n)
{
	size_t digits = 0;
	bool at = false;

	for (size_t i = 0; i < n; i++) {
		digits += is_digit(s[i]);
		at = at || s[i] == '@';
	}
	if (digits >= 10) {
		/* A CHI number: a run of exactly ten digits, or ten digits
		 * written 6 + 4 with one space ("010101 1237"). */
		for (size_t i = 0; i < n; i++) {
			char ten[10];
			size_t k = 0, j = i;

			if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
				continue;
			while (j < n && k < 10 &&
			    (is_digit(s[j]) ||
			        (k == 6 && s[j] == ' ' && j + 1 < n && is_digit(s[j + 1])))) {
				if (is_digit(s[j]))
					ten[k++] = s[j];
				j++;
			}
			if (k == 10 && (j == n || !is_digit(s[j])) && identify_chi(ten))
				return "CHI number";
		}
	}
	if (digits >= 10 && phone(s, n))
		return "phone number";
	if (at)
		for (size_t i = 0; i < n; i++)
			if (s[i] == '@' && email_at(s, n, i))
				return "email address";
	if (digits >= 2)
		for (size_t i = 0; i < n; i++)
			if (is_alpha(s[i]) && (i == 0 || !is_alnum(s[i - 1])) &&
			    postcode_at(s, n, i) > 0)
				return "postcode";
	return NULL;
}

bool
identify_allowed(const char *allow, const char *name)
{
	size_t nn = strlen(name);

	for (const char *p = allow; p != NULL && *p != '\0';) {
		const char *comma = strchr(p, ',');
		const char *end = comma ? comma : p + strlen(p);

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if ((size_t)(end - p) == nn) {
			size_t i = 0;

			for (; i < nn; i++) {
				char a = p[i], b = name[i];

				if (a >= 'A' && a <= 'Z')
					a = (char)(a + 'a' - 'A');
				if (b >= 'A' && b <= 'Z')
					b = (char)(b + 'a' - 'A');
				if (a != b)
					break;
			}
			if (i == nn)
				return true;
		}
		p = comma ? comma + 1 : NULL;
	}
	return false;
}
