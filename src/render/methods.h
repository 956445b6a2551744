/*
 * The methods paragraph of the report and the news release, written from
 * the counts the dossier computes (records read, activities held by kind,
 * people met by kind), so that it cannot disagree with what was recorded.
 * The one writer of that paragraph: report_model.c and release.c both
 * call it.
 */
#ifndef CAIRN_RENDER_METHODS_H
#define CAIRN_RENDER_METHODS_H

#include "core/buf.h"
#include "core/fieldwork.h"

/* Appends the paragraph for m to b (no trailing newline), e.g.
 * "Inspectors read the records of 60 children. They held 3 fieldwork
 * activities: 2 focus groups and 1 observation of practice. They met 14
 * people: 12 members of staff and 2 leaders."  With nothing recorded:
 * "The methods used have not been recorded." */
void methods_prose(const struct fieldwork_methods *m, struct buf *b);

#endif
