/* The row types of core/account.h: their free functions and code tables. */
#include "core/account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
account_free(struct account *a)
{
	if (a == NULL)
		return;
	free(a->username);
	free(a->full_name);
	if (a->password_hash != NULL) {
		memset(a->password_hash, 0, strlen(a->password_hash));
		free(a->password_hash);
	}
	memset(a, 0, sizeof(*a));
}

void
accounts_free(struct account *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		account_free(&v[i]);
	free(v);
}

const char *
account_label(const struct account *a, char *out, size_t outsz)
{
	if (a->full_name == NULL || a->full_name[0] == '\0' ||
	    strcmp(a->full_name, a->username) == 0)
		snprintf(out, outsz, "%s", a->username);
	else
		snprintf(out, outsz, "%s (%s)", a->full_name, a->username);
	return out;
}

const char *
account_named(const struct account *v, size_t n, const char *username, char *out, size_t outsz)
{
	for (size_t i = 0; username != NULL && i < n; i++)
		if (v[i].username != NULL && strcmp(v[i].username, username) == 0)
			return account_label(&v[i], out, outsz);
	snprintf(out, outsz, "%s", username != NULL ? username : "");
	return out;
}

void
api_tokens_free(struct api_token *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].username);
		free(v[i].label);
	}
	free(v);
}
