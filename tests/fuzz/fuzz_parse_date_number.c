/* Fuzz date and number parsing: accepted values round-trip exactly and are
 * in range. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct cdate d;
	char iso[11];
	long v;
	double x;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &d)) {
		if (!date_valid(d.year, d.month, d.day))
			abort();
		date_iso(&d, iso);
		if (strcmp(iso, s) != 0)
			abort();
		{
			struct cdate e;

			date_from_days(date_to_days(&d), &e);
			if (date_cmp(&d, &e) != 0)
				abort();
		}
	}
	if (text_parse_long(s, -1000, 1000, &v) && (v < -1000 || v > 1000))
		abort();
	if (text_parse_double(s, &x) && (x != x))
		abort();
	(void)text_utf8_valid(s, size);
	free(s);
	return 0;
}
