/*
 * Who is acting: the person (or the local administrator of a command-line
 * run) and where the request came from.  Every action in app/ takes one,
 * decides with it whether the action is allowed (app/access/authz.h) and
 * records it in the audit log.
 */
#ifndef CAIRN_APP_ACTOR_H
#define CAIRN_APP_ACTOR_H

#include <stdbool.h>

/* Who is acting and from where; borrowed strings. */
struct actor {
	const char *name;   /* as the audit log records it: the person, or "admin (local)" */
	const char *origin; /* "cli", or the client's address for the web and the API */
	const char *person; /* the account or team member acting; NULL only for the
	                       local administrator (whoever holds the database file) */
	bool admin;         /* holds the global administrator role */
};

/* The name the audit log gives the local administrator. */
#define ACTOR_LOCAL_ADMIN "admin (local)"

/* The actor of a command-line run: --as PERSON (as, not NULL) or the local
 * administrator (as NULL), who may do everything. */
struct actor actor_cli(const char *as);

/* The actor of a web session or API token: the account's username, its
 * administrator flag and the client's address (borrowed). */
struct actor actor_account(const char *username, bool admin, const char *origin);

/* The actor for what Cairn does itself (loading the shipped frameworks,
 * building the demo): name as given, may do everything. */
struct actor actor_system(const char *name, const char *origin);

/* Returns true for the local administrator or a system actor. */
bool actor_is_local(const struct actor *who);

#endif
