/*
 * The report as an A4 PDF drawn with cairo and Pango: real, selectable
 * text in DejaVu fonts (embedded as subsets), a cover with the
 * inspectorate's name and logo, a contents page with links, PDF bookmarks,
 * page numbers "Page N of M", tables that break across pages with their
 * header row repeated, charts drawn as vectors, and the document's marking
 * (e.g. "NOT FOR PUBLICATION") on every page.  Laid out twice: the first
 * pass finds the page of every section for the contents page.
 */
#ifndef CAIRN_RENDER_PDF_H
#define CAIRN_RENDER_PDF_H

#include "core/buf.h"
#include "core/err.h"
#include "render/doc.h"

/* Appends the PDF of d to out.  CAIRN_ESOFTWARE if cairo fails. */
int pdf_write(const struct doc *d, struct buf *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
