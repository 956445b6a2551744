/* The methods paragraph: see methods.h. */
#include "render/methods.h"

#include <stdbool.h>

/* Appends ", " or " and " before item i of n (nothing before the first). */
static void
joiner(struct buf *b, int i, int n)
{
	if (i == 0)
		return;
	buf_puts(b, i == n - 1 ? " and " : ", ");
}

void
methods_prose(const struct fieldwork_methods *m, struct buf *b)
{
	long activities = 0, people = 0;
	int nkinds = 0, npeople = 0, i;
	bool started = false; /* a sentence has been written: the next says "They" */

	for (int k = 0; k < ACTIVITY__MAX; k++) {
		activities += m->held[k];
		nkinds += m->held[k] > 0;
	}
	for (int p = 0; p < PEOPLE__MAX; p++) {
		people += m->people[p];
		npeople += m->people[p] > 0;
	}
	if (m->records_read <= 0 && activities <= 0) {
		buf_puts(b, "The methods used have not been recorded.");
		return;
	}
	if (m->records_read > 0) {
		buf_printf(b, "Inspectors read the records of %ld %s.", m->records_read,
		    m->records_read == 1 ? "child" : "children");
		started = true;
	}
	if (activities > 0) {
		buf_printf(b, "%s held %ld fieldwork %s: ", started ? " They" : "Inspectors",
		    activities, activities == 1 ? "activity" : "activities");
		i = 0;
		for (int k = 0; k < ACTIVITY__MAX; k++) {
			if (m->held[k] <= 0)
				continue;
			joiner(b, i++, nkinds);
			buf_printf(b, "%ld %s", m->held[k],
			    m->held[k] == 1 ? activity_kind_table[k].singular
			                    : activity_kind_table[k].plural);
		}
		buf_putc(b, '.');
	}
	if (people > 0) {
		buf_printf(b, " They met %ld %s: ", people, people == 1 ? "person" : "people");
		i = 0;
		for (int p = 0; p < PEOPLE__MAX; p++) {
			if (m->people[p] <= 0)
				continue;
			joiner(b, i++, npeople);
			buf_printf(b, "%ld %s", m->people[p],
			    m->people[p] == 1 ? people_kind_table[p].singular
			                      : people_kind_table[p].plural);
		}
		buf_putc(b, '.');
	}
}
