/*
 * Replays a fuzz corpus as an ordinary test: runs every file in the
 * directories named on the command line through LLVMFuzzerTestOneInput
 * and prints one TAP line per file.  A crash or sanitizer report fails
 * the test run.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Reads a whole file into a malloc'd buffer; returns NULL on failure. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)n + 1);
		if (p != NULL && fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return p;
}

int
main(int argc, char **argv)
{
	int n = 0, failed = 0;

	for (int a = 1; a < argc; a++) {
		DIR *d = opendir(argv[a]);
		struct dirent *e;

		if (d == NULL) {
			printf("not ok %d - cannot open corpus %s\n", ++n, argv[a]);
			failed++;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			char path[4096];
			unsigned char *data;
			size_t len = 0;

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[a], e->d_name);
			data = slurp(path, &len);
			if (data == NULL) {
				printf("not ok %d - cannot read %s\n", ++n, path);
				failed++;
				continue;
			}
			LLVMFuzzerTestOneInput(data, len);
			free(data);
			printf("ok %d - %s\n", ++n, e->d_name);
		}
		closedir(d);
	}
	printf("1..%d\n", n);
	return failed != 0;
}
