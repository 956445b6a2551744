/* The row types of core/publication.h: their free functions and code tables. */
#include "core/publication.h"

#include <stdlib.h>
#include <string.h>

void
publications_free(struct publication *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].actor);
		free(v[i].reason);
	}
	free(v);
}

void
publication_files_free(struct publication_file *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].sha256);
		free(v[i].data);
	}
	free(v);
}
