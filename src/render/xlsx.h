/*
 * The spreadsheet for analysts (libxlsxwriter): an "About" sheet, then one
 * sheet per table of the document (the evaluations, the framework, ...)
 * and one per chart with the numbers behind it (values and intervals).
 * Cells that are numbers are written as numbers.  An internal document's
 * marking is in every sheet's printed header and footer.
 */
#ifndef CAIRN_RENDER_XLSX_H
#define CAIRN_RENDER_XLSX_H

#include "core/err.h"
#include "render/doc.h"

/* Writes d as an XLSX workbook to path.  CAIRN_ECANTCREAT if it cannot. */
int xlsx_write(const struct doc *d, const char *path, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Writes d as a form to fill in (the pre-inspection return): an "About"
 * sheet with each section's text and lists, then one sheet per table,
 * named by the table's id, with its column headings in the first row
 * (frozen) and its rows, if any, below as text.  CAIRN_ECANTCREAT if it
 * cannot.
 */
int xlsx_write_form(const struct doc *d, const char *path, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
