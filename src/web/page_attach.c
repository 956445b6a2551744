/*
 * Downloading an evidence item's attached file
 * (GET /inspections/{id}/evidence/{n}/file), and the "Download NAME (SIZE)"
 * link the evidence log shows for it.  The file is found through app/
 * (the hash comes from the database, never from the address), sent from
 * the file itself, always as an attachment with a name made safe for the
 * header, and every download is written to the audit log.
 */
#include <stdio.h>
#include <string.h>

#include "app/evaluation/evidence.h"
#include "app/access/role.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Content types served for a stored name's extension; anything else is
 * application/octet-stream. */
static const struct {
	const char *ext;  /* lower-case extension without the dot */
	const char *type; /* Content-Type sent */
} attach_types[] = {
	{ "pdf", "application/pdf" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "csv", "text/csv; charset=utf-8" },
};

/* Returns the Content-Type to send for a file stored under name: the
 * allowlisted type of its extension (compared without case), else
 * application/octet-stream. */
static const char *
attach_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	char ext[8];
	size_t n;

	if (dot == NULL || (n = strlen(dot + 1)) == 0 || n >= sizeof(ext))
		return "application/octet-stream";
	for (size_t i = 0; i <= n; i++) {
		char c = dot[1 + i];

		ext[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	for (size_t i = 0; i < sizeof(attach_types) / sizeof(attach_types[0]); i++)
		if (strcmp(ext, attach_types[i].ext) == 0)
			return attach_types[i].type;
	return "application/octet-stream";
}

/* Returns true if c may stand unencoded in an RFC 5987 ext-value
 * (attr-char). */
static bool
attr_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    strchr("!#$&+-.^_`|~", c) != NULL;
}

/*
 * Writes the Content-Disposition value for a file called name into b
 * (RFC 6266): attachment; filename="ASCII" with every non-ASCII
 * character, control, quote, backslash and slash replaced by '_' (one per
 * character), then filename*=UTF-8''NAME percent-encoded byte by byte.
 * An empty name becomes "file".
 */
static void
attach_disposition(const char *name, struct buf *b)
{
	const unsigned char *p;

	if (name == NULL || name[0] == '\0')
		name = "file";
	buf_puts(b, "attachment; filename=\"");
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p & 0xc0) == 0x80)
			continue; /* a UTF-8 continuation byte: its character is one '_' */
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\' || *p == '/')
			buf_putc(b, '_');
		else
			buf_putc(b, (char)*p);
	}
	buf_puts(b, "\"; filename*=UTF-8''");
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		unsigned cp;
		size_t bidi = text_bidi_control((const char *)p, strnlen((const char *)p, 3), &cp);

		if (bidi > 0) {
			p += bidi - 1; /* a bidirectional control is dropped from the name */
			continue;
		}
		if (attr_char(*p))
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

/* Writes a size in bytes as people read it ("512 bytes", "3.4 KB",
 * "1.2 MB") into out. */
static void
attach_size(long bytes, char *out, size_t outsz)
{
	if (bytes < 1024)
		snprintf(out, outsz, "%ld byte%s", bytes, bytes == 1 ? "" : "s");
	else if (bytes < 1024L * 1024)
		snprintf(out, outsz, "%.1f KB", (double)bytes / 1024.0);
	else
		snprintf(out, outsz, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

void
web_evidence_file_link(struct html *h, long id, const struct evidence_item *e)
{
	struct buf label = BUF_INIT;
	char href[96], size[32];

	if (e->file_sha256[0] == '\0')
		return;
	snprintf(href, sizeof(href), "/inspections/%ld/evidence/%ld/file", id, e->number);
	attach_size(e->file_size, size, sizeof(size));
	buf_printf(&label, "Download %s (%s)",
	    e->file_name != NULL && e->file_name[0] != '\0' ? e->file_name : "file", size);
	ui_link(h, href, buf_str(&label));
	buf_free(&label);
}

void
page_evidence_file(struct web_req *r, struct web_resp *w)
{
	struct evidence_file f = { .fd = -1 };
	struct cairn_err err = { 0 };
	struct buf disp = BUF_INIT;
	char subject[64];
	long id, number;
	int rc;

	id = r->insp;
	if (r->nargs < 2 || !text_parse_long(r->args[1], 1, 2000000000L, &number)) {
		web_error_page(r, w, 404, "Page not found", "There is no such evidence item.");
		return;
	}
	rc = app_evidence_file(r->st, id, number, &f, &err);
	if (rc == CAIRN_EDATA || rc == CAIRN_ENOINPUT) {
		if (rc == CAIRN_ENOINPUT && err.code != CAIRN_CODE_UNKNOWN) /* not "has no file" */
			fprintf(stderr, "cairn serve: evidence file: %s\n", err.msg);
		web_error_page(r, w, 404, "Page not found",
		    "There is no file attached to this evidence item.");
		return;
	}
	if (rc != CAIRN_OK) {
		fprintf(stderr, "cairn serve: evidence file: %s\n", err.msg);
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "The file could not be read.");
		return;
	}
	snprintf(subject, sizeof(subject), "evidence %ld", number);
	if (!web_view_audited(r, w, id, "evidence.file.download", subject))
		goto out;
	attach_disposition(f.name, &disp);
	if (buf_failed(&disp)) {
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "The file could not be sent.");
		goto out;
	}
	w->content_type = attach_type(f.name);
	w->disposition = buf_take(&disp);
	w->cache_control = "private, no-store";
	w->fd = f.fd; /* the server sends it and closes it */
	w->fd_size = f.size;
	f.fd = -1;
out:
	buf_free(&disp);
	evidence_file_free(&f);
}
