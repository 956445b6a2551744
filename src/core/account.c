/* The row types of core/account.h: their free functions and code tables. */
#include "core/account.h"

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

void
api_tokens_free(struct api_token *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].username);
		free(v[i].label);
	}
	free(v);
}
