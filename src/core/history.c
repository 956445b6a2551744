/* The row types of core/history.h: their free functions and code tables. */
#include "core/history.h"

#include <stdlib.h>
#include <string.h>

void
history_rows_free(struct history_row *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].partnership);
		free(v[i].framework);
		free(v[i].qi);
		free(v[i].source);
	}
	free(v);
}
