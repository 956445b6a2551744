/* Fuzz the HTML writer.  Property: no input byte ever produces an
 * unescaped <, >, &, " or ' in text or attribute values. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "render/html.h"

/* Aborts if s contains a markup character outside an entity. */
static void
check_escaped(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '<' || *p == '>' || *p == '"' || *p == '\'')
			abort();
		if (*p == '&' && strncmp(p, "&amp;", 5) != 0 && strncmp(p, "&lt;", 4) != 0 &&
		    strncmp(p, "&gt;", 4) != 0 && strncmp(p, "&quot;", 6) != 0 &&
		    strncmp(p, "&#39;", 5) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct buf b = BUF_INIT;
	struct html h;
	const char *prefix = "<p title=\"", *mid = "\">", *end;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	html_escape(&b, s);
	check_escaped(buf_str(&b));
	buf_reset(&b);
	html_init(&h, &b);
	html_open(&h, HE_P, HA_TITLE, s, HA__MAX);
	html_text(&h, s);
	html_close(&h);
	/* Strip the writer's own markup and check what came from the input. */
	end = buf_str(&b);
	if (strncmp(end, prefix, strlen(prefix)) != 0)
		abort();
	{
		char *body = strdup(end + strlen(prefix));
		char *m = body != NULL ? strstr(body, mid) : NULL;
		char *close = body != NULL ? strstr(body, "</p>\n") : NULL;

		if (body == NULL || m == NULL || close == NULL)
			abort();
		*m = '\0';
		check_escaped(body);
		*close = '\0';
		check_escaped(m + strlen(mid));
		free(body);
	}
	if (html_url_safe(s) && (strncmp(s, "//", 2) == 0 || strchr(s, '\\') != NULL))
		abort();
	buf_free(&b);
	free(s);
	return 0;
}
