/* The row types of core/outcome.h: their free functions and code tables. */
#include "core/outcome.h"

#include <stdlib.h>
#include <string.h>

void
outcome_indicator_free(struct outcome_indicator *ind)
{
	if (ind == NULL)
		return;
	free(ind->code);
	free(ind->title);
	free(ind->measure);
	free(ind->polarity);
	free(ind->source);
	memset(ind, 0, sizeof(*ind));
}

void
outcome_indicators_free(struct outcome_indicator *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		outcome_indicator_free(&v[i]);
	free(v);
}

void
outcome_cells_free(struct outcome_cell *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].indicator);
		free(v[i].area_code);
		free(v[i].area_name);
		free(v[i].period);
	}
	free(v);
}
