/* Who is acting: see actor.h. */
#include "app/access/actor.h"

#include <stddef.h>

struct actor
actor_cli(const char *as)
{
	struct actor a = { as != NULL ? as : ACTOR_LOCAL_ADMIN, "cli", as, as == NULL };

	return a;
}

struct actor
actor_account(const char *username, bool admin, const char *origin)
{
	struct actor a = { username, origin, username, admin };

	return a;
}

struct actor
actor_system(const char *name, const char *origin)
{
	struct actor a = { name, origin, NULL, true };

	return a;
}

bool
actor_is_local(const struct actor *who)
{
	return who != NULL && who->person == NULL;
}
