/* Model packs as loaded: see pack.h. */
#include "core/pack.h"

#include <stdlib.h>

void
pack_info_free(struct pack_info *p)
{
	free(p->code);
	free(p->version);
	free(p->title);
	p->code = p->version = p->title = NULL;
}

void
pack_infos_free(struct pack_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pack_info_free(&v[i]);
	free(v);
}
