/* A model pack as loaded: its code, version and title (data/models/). */
#ifndef CAIRN_CORE_PACK_H
#define CAIRN_CORE_PACK_H

#include <stdbool.h>
#include <stddef.h>

struct pack_info {
	char *code;      /* e.g. "at-risk-2021"; malloc'd */
	char *version;   /* e.g. "2"; malloc'd */
	char *title;     /* malloc'd */
	bool builtin;    /* shipped with Cairn */
	int inspections; /* inspections created under this pack (any version) */
};

/* Frees a pack's contents; a no-op on a zeroed struct. */
void pack_info_free(struct pack_info *p);
/* Frees n packs and the array. */
void pack_infos_free(struct pack_info *v, size_t n);

#endif
