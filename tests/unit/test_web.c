/* Unit tests for web/ and render/ui: form decoding, route matching, the
 * route table, design-system components (exact bytes), account rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/access/account.h"
#include "core/mem.h"
#include "render/ui.h"
#include "web/cache.h"
#include "web/http.h"
#include "web/pages.h"

static void
test_urlencoded_decodes_pairs(void **state)
{
	struct form_param *v = NULL;
	size_t n = 0;
	const char *s = "a=1&name=J%C3%B6rg+M%C3%BCller&empty=&flag&x=%3Cb%3E";

	(void)state;
	assert_true(form_urlencoded(s, strlen(s), &web_form_limits, &v, &n));
	assert_int_equal(n, 5);
	assert_string_equal(v[0].name, "a");
	assert_string_equal(v[0].value, "1");
	assert_string_equal(v[1].value, "J\xc3\xb6rg M\xc3\xbcller");
	assert_string_equal(v[2].value, "");
	assert_string_equal(v[3].name, "flag");
	assert_string_equal(v[3].value, "");
	assert_string_equal(v[4].value, "<b>");
	form_params_free(v, n);
}

/* A NUL pasted into a field reaches the page as U+FFFD, which app/'s text
 * check refuses at its field; a name never holds one. */
static void
test_urlencoded_shows_nul(void **state)
{
	struct form_param *v = NULL;
	size_t n = 0;
	const char *s = "text=a%00b";

	(void)state;
	assert_true(form_urlencoded(s, strlen(s), &web_form_limits, &v, &n));
	assert_int_equal(n, 1);
	assert_string_equal(v[0].value,
	    "a\xef\xbf\xbd"
	    "b");
	form_params_free(v, n);
	assert_false(form_urlencoded("a%00=1", 6, &web_form_limits, &v, &n));
}

static void
test_urlencoded_refuses_bad_input(void **state)
{
	static const char *const bad[] = {
		"a=%",      /* truncated escape */
		"a=%4",     /* truncated escape */
		"a=%zz",    /* not hex */
		"a=%ff%fe", /* not UTF-8 */
		"a=%c0%af", /* overlong UTF-8 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct form_param *v = (struct form_param *)1;
		size_t n = 7;

		assert_false(form_urlencoded(bad[i], strlen(bad[i]), &web_form_limits, &v, &n));
		assert_null(v);
		assert_int_equal(n, 0);
	}
}

static void
test_urlencoded_limits_field_count(void **state)
{
	struct buf b = BUF_INIT;
	struct form_param *v = NULL;
	size_t n = 0;

	(void)state;
	for (int i = 0; i < WEB_FIELDS_MAX + 1; i++)
		buf_printf(&b, "%sf%d=1", i ? "&" : "", i);
	assert_false(form_urlencoded(buf_str(&b), b.len, &web_form_limits, &v, &n));
	buf_free(&b);
}

static void
test_route_match(void **state)
{
	struct web_req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_true(
	    web_route_match("/inspections/{id}/grade/{qi}", "/inspections/12/grade/5.2", &r));
	assert_int_equal(r.nargs, 2);
	assert_string_equal(r.args[0], "12");
	assert_string_equal(r.args[1], "5.2");
	web_req_free(&r);
	assert_false(web_route_match("/inspections/{id}", "/inspections/12/grade", &r));
	assert_int_equal(r.nargs, 0);
	assert_false(web_route_match("/inspections/{id}", "/inspections/", &r));
	assert_false(web_route_match("/signin", "/signin/", &r));
	assert_true(web_route_match("/assets/ds/{*}", "/assets/ds/css/a.css", &r));
	assert_string_equal(r.args[0], "css/a.css");
	web_req_free(&r);
	assert_false(web_route_match("/inspections/{id}", "/inspections/1%00", &r));
}

static void
test_route_table_is_complete(void **state)
{
	(void)state;
	for (size_t i = 0; i < WR__MAX; i++) {
		assert_non_null(web_routes[i].pattern);
		assert_non_null(web_routes[i].fn);
		assert_non_null(web_routes[i].summary);
		assert_int_equal(web_routes[i].pattern[0], '/');
		/* Every API route needs a token; no page takes one. */
		assert_int_equal(strncmp(web_routes[i].pattern, "/api/", 5) == 0,
		    web_routes[i].auth == WA_TOKEN);
		/* State changes never happen without a session or token. */
		if (web_routes[i].method != WM_GET && i != WR_SIGNIN)
			assert_int_not_equal(web_routes[i].auth, WA_PUBLIC);
	}
}

/* Every route names the action the router checks before its handler,
 * except the ones listed here, which are open on purpose: public pages,
 * what any signed-in person may do with their own session, the national
 * overview and its API (allowed by a data-dependent rule in app/), the
 * reference data (published results, outcome indicators, frameworks,
 * reading templates) that anyone with a token may read, and API tokens
 * (one's own, or an administrator anyone's: app_token_may decides). */
static void
test_route_table_names_actions(void **state)
{
	static const enum web_route open[] = { WR_HOME, WR_SIGNIN_FORM, WR_SIGNIN, WR_SIGNOUT,
		WR_ASSET_DS, WR_ASSET_OWN, WR_API_INSPECTIONS, WR_OVERVIEW, WR_OVERVIEW_EXPORT,
		WR_API_HISTORY, WR_API_OUTCOME_INDICATORS, WR_API_MODELS, WR_API_MODEL,
		WR_API_TOKENS, WR_API_TOKEN_CREATE, WR_API_TOKEN_REVOKE, WR_API_CROSSWALKS,
		WR_API_OVERVIEW, WR_API_FRAMEWORKS, WR_API_FRAMEWORK, WR_API_TEMPLATES,
		WR_API_TEMPLATE_SHOW };

	(void)state;
	for (size_t i = 0; i < WR__MAX; i++) {
		const struct web_route_info *ri = &web_routes[i];
		bool listed = false, has_id = strstr(ri->pattern, "/inspections/{id}") != NULL;

		for (size_t j = 0; j < sizeof(open) / sizeof(open[0]); j++)
			listed = listed || open[j] == (enum web_route)i;
		assert_int_not_equal(ri->scope, WS_UNSET);
		assert_true(ri->scope < WS__MAX);
		assert_true((unsigned)ri->action < ACTION__MAX);
		assert_int_equal(ri->scope == WS_OPEN, listed);
		/* Public routes never check a role; a route on an inspection checks its {id}
		 * (its first argument) and no other route has one. */
		if (ri->auth == WA_PUBLIC)
			assert_int_equal(ri->scope, WS_OPEN);
		assert_int_equal(ri->scope == WS_INSPECTION, has_id);
		if (has_id)
			assert_int_equal(strcspn(ri->pattern, "{"),
			    strstr(ri->pattern, "{id}") - ri->pattern);
	}
}

/* The page frame: the breadcrumbs for an inspection's page, a page within
 * one, a top-level page and the home page itself. */
static void
test_frame_crumbs(void **state)
{
	struct web_frame f;

	(void)state;
	web_frame_init(&f, 12, NULL, "Team", true);
	assert_int_equal(f.p.ncrumbs, 2);
	assert_string_equal(f.p.crumbs[0].href, "/");
	assert_string_equal(f.p.crumbs[0].label, "Your inspections");
	assert_string_equal(f.p.crumbs[1].href, "/inspections/12");
	/* Named by the inspection's partnership when the page starts. */
	assert_string_equal(f.p.crumbs[1].label, "");
	assert_string_equal(f.p.title, "Team");
	assert_true(f.p.wide);
	web_frame_init(&f, 12, "Fife", "Survey: parents", false);
	web_frame_crumb(&f, "/inspections/12/surveys", "Surveys");
	assert_int_equal(f.p.ncrumbs, 3);
	assert_string_equal(f.p.crumbs[1].label, "Fife");
	assert_string_equal(f.p.crumbs[2].href, "/inspections/12/surveys");
	assert_string_equal(f.p.crumbs[2].label, "Surveys");
	assert_false(f.p.wide);
	web_frame_init(&f, 0, NULL, "Accounts", true);
	assert_int_equal(f.p.ncrumbs, 1);
	web_frame_init(&f, -1, NULL, "Your inspections", true);
	assert_int_equal(f.p.ncrumbs, 0);
}

static void
test_ui_input_with_error(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;
	struct ui_field f = { 0 };

	(void)state;
	html_init(&h, &b);
	f.id = "grade";
	f.name = "grade";
	f.label = "Grade";
	f.hint = "A number";
	f.error = "Choose a grade";
	f.value = "\"x\"";
	ui_input(&h, &f);
	assert_string_equal(buf_str(&b),
	    "<div class=\"ds_question ds_question--error\"><label class=\"ds_label\" for=\"grade\">"
	    "Grade</label>\n<p class=\"ds_hint-text\" id=\"grade-hint\">A number</p>\n"
	    "<p class=\"ds_question__error-message\" id=\"grade-error\">Choose a grade</p>\n"
	    "<input class=\"ds_input ds_input--error\" type=\"text\" id=\"grade\" name=\"grade\" "
	    "value=\"&quot;x&quot;\" spellcheck=\"false\" aria-invalid=\"true\" "
	    "aria-describedby=\"grade-hint grade-error\"></div>\n");
	buf_free(&b);
}

static void
test_ui_checkboxes_tick_and_escape(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;
	struct ui_field f = { 0 };
	const struct ui_option opts[] = { { "<a>\"b", "Keep <it>" }, { "c", "C" } };
	const bool ticked[] = { false, true };

	(void)state;
	html_init(&h, &b);
	f.id = "allow-1";
	f.name = "allow";
	f.label = "Column '<a>'";
	ui_checkboxes(&h, &f, opts, ticked, 2);
	/* A fieldset, the first box takes the field's id, only the second is
	 * ticked, and every value and label is escaped. */
	assert_non_null(strstr(buf_str(&b), "<legend>Column &#39;&lt;a&gt;&#39;</legend>"));
	assert_non_null(strstr(buf_str(&b),
	    "<input class=\"ds_checkbox__input\" type=\"checkbox\" id=\"allow-1\" "
	    "name=\"allow\" value=\"&lt;a&gt;&quot;b\">"));
	assert_non_null(strstr(buf_str(&b),
	    "<label class=\"ds_checkbox__label\" for=\"allow-1\">Keep &lt;it&gt;</label>"));
	assert_non_null(strstr(buf_str(&b), "id=\"allow-1-1\" name=\"allow\" value=\"c\" checked"));
	assert_null(strstr(buf_str(&b), "<a>"));
	buf_reset(&b);
	ui_checkboxes(&h, &f, opts, NULL, 2);
	assert_null(strstr(buf_str(&b), "checked"));
	buf_free(&b);
}

static void
test_ui_error_summary_links_fields(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;
	struct ui_error e[] = { { "grade", "Choose a grade" }, { "text", "Enter <text>" } };

	(void)state;
	html_init(&h, &b);
	ui_error_summary(&h, e, 2);
	assert_string_equal(buf_str(&b),
	    "<div class=\"ds_error-summary\" aria-labelledby=\"error-summary-title\" "
	    "role=\"alert\">"
	    "<h2 class=\"ds_error-summary__title\" id=\"error-summary-title\">There is a problem"
	    "</h2>\n<ul class=\"ds_error-summary__list\"><li><a href=\"#grade\">Choose a grade</a>"
	    "</li>\n<li><a href=\"#text\">Enter &lt;text&gt;</a></li>\n</ul>\n</div>\n");
	buf_reset(&b);
	ui_error_summary(&h, e, 0);
	assert_string_equal(buf_str(&b), "");
	assert_string_equal(ui_error_for(e, 2, "text"), "Enter <text>");
	assert_null(ui_error_for(e, 2, "other"));
	buf_free(&b);
}

static void
test_ui_dates_as_people_write_them(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;
	char out[64];

	(void)state;
	assert_string_equal(ui_date_text("2026-03-02", out, sizeof(out)), "2 March 2026");
	assert_string_equal(ui_date_text("2016-10-31", out, sizeof(out)), "31 October 2016");
	assert_string_equal(ui_date_text("2026-03-02T14:05:09Z", out, sizeof(out)),
	    "2 March 2026 at 14:05 UTC");
	assert_string_equal(ui_date_text("soon", out, sizeof(out)), "soon");
	assert_string_equal(ui_date_text("2023-02-29", out, sizeof(out)), "2023-02-29");
	html_init(&h, &b);
	ui_date(&h, "2026-03-02");
	assert_string_equal(buf_str(&b),
	    "<time class=\"cairn-nowrap\" datetime=\"2026-03-02\">2 March 2026</time>");
	buf_reset(&b);
	ui_date(&h, NULL);
	assert_string_equal(buf_str(&b), "Not recorded");
	buf_reset(&b);
	ui_cell_date(&h, "2026-03-02", "2026-04-24");
	assert_string_equal(buf_str(&b),
	    "<td><time class=\"cairn-nowrap\" datetime=\"2026-03-02\">2 March 2026</time> to "
	    "<time class=\"cairn-nowrap\" datetime=\"2026-04-24\">24 April 2026</time></td>\n");
	buf_reset(&b);
	ui_ref(&h, "E-0042");
	assert_string_equal(buf_str(&b), "<span class=\"cairn-nowrap\">E-0042</span>");
	buf_free(&b);
}

static void
test_ui_plurals_and_labels(void **state)
{
	struct buf b = BUF_INIT;
	char out[64];

	(void)state;
	assert_string_equal(ui_plural(out, sizeof(out), 1, "strength", "strengths"), "1 strength");
	assert_string_equal(ui_plural(out, sizeof(out), 2, "strength", "strengths"), "2 strengths");
	assert_string_equal(ui_plural(out, sizeof(out), 0, "entry", "entries"), "0 entries");
	assert_string_equal(ui_stratum_text("{\"category\":\"cp-register\"}", &b),
	    "Category: cp-register");
	assert_string_equal(ui_stratum_text("{\"age_band\":\"0-4\",\"area\":\"north\"}", &b),
	    "Age band: 0-4; Area: north");
	assert_string_equal(ui_stratum_text("{\"area\":\"\"}", &b), "Area: (blank)");
	assert_string_equal(ui_stratum_text("north", &b), "north");
	assert_string_equal(ui_stratum_text("{}", &b), "All");
	buf_free(&b);
}

/* Counts the occurrences of needle in hay. */
static int
count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void
test_ui_pagination(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;
	struct ui_param q[] = { { "qi", "2.1" }, { "source", NULL }, { "x", "a b&<\"'/\xc3\xa9" } };
	const char *s;

	(void)state;
	html_init(&h, &b);
	/* One page: nothing at all. */
	ui_pagination(&h, "/e", q, 3, 1, 1);
	assert_string_equal(buf_str(&b), "");
	/* Three pages, on the second: every page, both neighbours, the
	 * filters percent-encoded in order (NULL left out) and the ampersands
	 * escaped by the writer. */
	ui_pagination(&h, "/e", q, 3, 2, 3);
	s = buf_str(&b);
	assert_non_null(strstr(s, "<nav class=\"ds_pagination\" aria-label=\"Pages\">"));
	assert_non_null(strstr(s, "aria-label=\"Previous page\""));
	assert_non_null(strstr(s, "aria-label=\"Next page\""));
	assert_non_null(strstr(s,
	    "href=\"/e?qi=2.1&amp;x=a%20b%26%3C%22%27%2F%C3%A9&amp;page=1\" rel=\"prev\""));
	assert_non_null(strstr(s,
	    "href=\"/e?qi=2.1&amp;x=a%20b%26%3C%22%27%2F%C3%A9&amp;page=3\" rel=\"next\""));
	assert_non_null(strstr(s,
	    "aria-label=\"Page 2\" aria-current=\"page\" "
	    "class=\"ds_pagination__link  ds_current\""));
	assert_int_equal(count_of(s, "aria-current"), 1);
	assert_int_equal(count_of(s, "source="), 0);
	assert_int_equal(count_of(s, "<li"), 5);
	assert_null(strstr(s, "\u2026"));
	/* Twenty pages, on the tenth: 1 ... 9 10 11 ... 20. */
	buf_reset(&b);
	ui_pagination(&h, "/e", NULL, 0, 10, 20);
	s = buf_str(&b);
	assert_int_equal(count_of(s, "\u2026"), 2);
	assert_int_equal(count_of(s, "<li"), 9);
	assert_non_null(strstr(s, "href=\"/e?page=1\""));
	assert_non_null(strstr(s, "href=\"/e?page=20\""));
	assert_null(strstr(s, "href=\"/e?page=8\""));
	assert_null(strstr(s, "href=\"/e?page=12\""));
	/* The first of twenty: no Previous, no gap before page 2. */
	buf_reset(&b);
	ui_pagination(&h, "/e", NULL, 0, 1, 20);
	s = buf_str(&b);
	assert_null(strstr(s, "Previous"));
	assert_int_equal(count_of(s, "\u2026"), 1);
	assert_non_null(strstr(s, "href=\"/e?page=2\""));
	/* The last: no Next. */
	buf_reset(&b);
	ui_pagination(&h, "/e", NULL, 0, 20, 20);
	assert_null(strstr(buf_str(&b), "Next"));
	assert_int_equal(h.depth, 0);
	buf_free(&b);
}

static void
test_ui_page_is_balanced_and_has_no_inline_code(void **state)
{
	struct buf b = BUF_INIT;
	struct html h;
	struct ui_page p = { 0 };
	struct ui_crumb c[] = { { "/", "Home" } };

	(void)state;
	html_init(&h, &b);
	p.title = "T <1>";
	p.user = "Ann";
	p.csrf = "0123";
	p.crumbs = c;
	p.ncrumbs = 1;
	ui_page_begin(&h, &p);
	html_elem(&h, HE_P, NULL, "body");
	ui_page_end(&h);
	assert_int_equal(h.depth, 0);
	assert_false(buf_failed(&b));
	assert_non_null(strstr(buf_str(&b), "<title>T &lt;1&gt; - Cairn</title>"));
	assert_non_null(strstr(buf_str(&b), "name=\"csrf\" value=\"0123\""));
	assert_null(strstr(buf_str(&b), " style="));
	assert_null(strstr(buf_str(&b), "<script>"));
	assert_non_null(strstr(buf_str(&b), "</footer>\n</div>\n</div>\n</body>\n</html>\n"));
	buf_free(&b);
}

static void
test_username_rules(void **state)
{
	(void)state;
	assert_int_equal(app_username_check("lena.lead-2", NULL), CAIRN_OK);
	assert_int_equal(app_username_check("Lena", NULL), CAIRN_EDATA);
	assert_int_equal(app_username_check("1abc", NULL), CAIRN_EDATA);
	assert_int_equal(app_username_check("a", NULL), CAIRN_EDATA);
	assert_int_equal(app_username_check("a b", NULL), CAIRN_EDATA);
	assert_int_equal(app_username_check(NULL, NULL), CAIRN_EDATA);
}

static void
test_tokens_and_csrf(void **state)
{
	char a[ACCOUNT_TOKEN_HEX + 1], b[ACCOUNT_TOKEN_HEX + 1], hash[ACCOUNT_TOKEN_HEX + 1];
	struct session s;

	(void)state;
	app_random_token(a);
	app_random_token(b);
	assert_int_equal(strlen(a), ACCOUNT_TOKEN_HEX);
	assert_string_not_equal(a, b);
	/* SHA-256("abc") from FIPS 180-2. */
	app_token_hash("abc", hash);
	assert_string_equal(hash,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	memset(&s, 0, sizeof(s));
	memcpy(s.csrf, a, sizeof(s.csrf));
	assert_true(app_csrf_ok(&s, a));
	assert_false(app_csrf_ok(&s, b));
	assert_false(app_csrf_ok(&s, NULL));
	assert_false(app_csrf_ok(&s, ""));
	s.csrf[0] = '\0';
	assert_false(app_csrf_ok(&s, ""));
}

/* A cached page is handed out as a shared body, not copied: each response
 * holds it, and it outlives the cache dropping the page (issue 22). */
static void
test_cache_page_body_is_shared(void **state)
{
	static const char page[] = "<!DOCTYPE html><p>the page</p>";
	struct web_cache c;
	struct web_resp w, a, b;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.valid = true;
	web_resp_init(&w);
	w.content_type = "text/html; charset=utf-8";
	buf_puts(&w.body, page);
	web_cache_page_put(&c, "key", &w);
	assert_int_equal(c.bytes, strlen(page));
	/* The response that was kept now sends the kept body itself. */
	assert_non_null(w.shared);
	assert_int_equal(w.body.len, 0);
	assert_memory_equal(w.shared->data, page, sizeof(page));
	web_resp_init(&a);
	web_resp_init(&b);
	assert_false(web_cache_page_get(&c, "other", &a));
	assert_null(a.shared);
	assert_true(web_cache_page_get(&c, "key", &a));
	assert_true(web_cache_page_get(&c, "key", &b));
	assert_non_null(a.shared);
	assert_ptr_equal(a.shared, b.shared);
	assert_int_equal(a.body.len, 0);
	assert_int_equal(a.status, 200);
	assert_string_equal(a.content_type, "text/html; charset=utf-8");
	assert_int_equal(a.shared->len, strlen(page));
	assert_memory_equal(a.shared->data, page, sizeof(page));
	/* Another cache keeps a response that carries a cached body by
	 * sharing it, not copying it (a connection thread adopting a page
	 * worker's answer). */
	{
		struct web_cache c2;
		struct web_resp d;

		memset(&c2, 0, sizeof(c2));
		c2.valid = true;
		web_cache_page_put(&c2, "key", &a);
		web_resp_init(&d);
		assert_true(web_cache_page_get(&c2, "key", &d));
		assert_ptr_equal(d.shared, a.shared);
		assert_int_equal(c2.bytes, strlen(page));
		web_resp_free(&d);
		web_cache_free(&c2);
	}
	/* The database moved: the cache drops the page, the responses still
	 * sending it keep it. */
	web_cache_clear(&c);
	assert_int_equal(c.bytes, 0);
	assert_false(web_cache_page_get(&c, "key", &w));
	assert_memory_equal(a.shared->data, page, sizeof(page));
	web_resp_free(&a);
	assert_memory_equal(b.shared->data, page, sizeof(page));
	web_resp_free(&b);
	web_resp_free(&w);
	web_cache_free(&c);
}

/* A connection thread keeps what a page worker answered for a signed-in
 * GET: the session, and the page when its route may be cached; nothing of
 * a form's answer or of an API token's request (issue 22). */
static void
test_cache_adopt(void **state)
{
	static const char page[] = "<!DOCTYPE html><p>adopted</p>";
	const char *token = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	struct session_limits lim = session_limits_default;
	long long now = (long long)time(NULL);
	struct web_cache c;
	struct web_req r;
	struct web_resp w, got;
	struct session s;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.valid = true;
	memset(&r, 0, sizeof(r));
	r.method = WM_GET;
	r.signed_in = true;
	r.sess.who.username = xstrdup("lead");
	app_token_hash(token, r.sess.id_hash);
	r.sess.created = r.sess.last_seen = now;
	r.page_key = xstrdup("the key");
	web_resp_init(&w);
	w.content_type = "text/html; charset=utf-8";
	buf_puts(&w.body, page);
	/* A form's answer (POST) and an API request leave the cache alone. */
	r.method = WM_POST;
	web_cache_adopt(&c, &r, &w);
	r.method = WM_GET;
	r.api = true;
	web_cache_adopt(&c, &r, &w);
	r.api = false;
	web_resp_init(&got);
	assert_false(web_cache_page_get(&c, "the key", &got));
	assert_false(web_cache_session_get(&c, token, &lim, now, &s));
	/* The GET's session and page are kept. */
	web_cache_adopt(&c, &r, &w);
	assert_true(web_cache_session_get(&c, token, &lim, now, &s));
	assert_string_equal(s.who.username, "lead");
	session_free(&s);
	assert_true(web_cache_page_get(&c, "the key", &got));
	assert_ptr_equal(got.shared, w.shared);
	assert_memory_equal(got.shared->data, page, sizeof(page));
	/* A route that is not cached (no key): only the session. */
	web_cache_clear(&c);
	c.valid = true;
	free(r.page_key);
	r.page_key = NULL;
	web_cache_adopt(&c, &r, &w);
	assert_true(web_cache_session_get(&c, token, &lim, now, &s));
	session_free(&s);
	assert_int_equal(c.bytes, 0);
	web_resp_free(&got);
	web_resp_free(&w);
	web_req_free(&r);
	web_cache_free(&c);
}

/* The role table's grants are kept per person, administrator flag,
 * inspection and action, and only while the cache is (issue 22). */
static void
test_cache_grants(void **state)
{
	struct web_cache c;
	enum role role = ROLE__MAX;

	(void)state;
	memset(&c, 0, sizeof(c));
	web_cache_grant_put(&c, "lead", false, 1, ACTION_VIEW_INSPECTION, ROLE_LEAD);
	assert_false(web_cache_grant_get(&c, "lead", false, 1, ACTION_VIEW_INSPECTION, &role));
	c.valid = true;
	web_cache_grant_put(&c, "lead", false, 1, ACTION_VIEW_INSPECTION, ROLE_LEAD);
	assert_true(web_cache_grant_get(&c, "lead", false, 1, ACTION_VIEW_INSPECTION, &role));
	assert_int_equal(role, ROLE_LEAD);
	assert_false(web_cache_grant_get(&c, "lead", false, 2, ACTION_VIEW_INSPECTION, &role));
	assert_false(web_cache_grant_get(&c, "lead", true, 1, ACTION_VIEW_INSPECTION, &role));
	assert_false(web_cache_grant_get(&c, "leader", false, 1, ACTION_VIEW_INSPECTION, &role));
	assert_false(web_cache_grant_get(&c, "lead", false, 1, ACTION_MANAGE_TEAM, &role));
	assert_false(web_cache_grant_get(&c, NULL, false, 1, ACTION_VIEW_INSPECTION, &role));
	/* Bounded: the least recently used goes first. */
	for (long i = 0; i < WEB_CACHE_GRANTS + 10; i++)
		web_cache_grant_put(&c, "reader", false, 100 + i, ACTION_VIEW_INSPECTION,
		    ROLE_INSPECTOR);
	assert_false(web_cache_grant_get(&c, "reader", false, 100, ACTION_VIEW_INSPECTION, &role));
	assert_true(web_cache_grant_get(&c, "reader", false, 100 + WEB_CACHE_GRANTS + 9,
	    ACTION_VIEW_INSPECTION, &role));
	assert_int_equal(role, ROLE_INSPECTOR);
	/* The database moved: every grant goes. */
	web_cache_clear(&c);
	c.valid = true;
	assert_false(web_cache_grant_get(&c, "reader", false, 100 + WEB_CACHE_GRANTS + 9,
	    ACTION_VIEW_INSPECTION, &role));
	web_cache_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded_decodes_pairs),
		cmocka_unit_test(test_urlencoded_refuses_bad_input),
		cmocka_unit_test(test_urlencoded_shows_nul),
		cmocka_unit_test(test_urlencoded_limits_field_count),
		cmocka_unit_test(test_route_match),
		cmocka_unit_test(test_route_table_is_complete),
		cmocka_unit_test(test_route_table_names_actions),
		cmocka_unit_test(test_frame_crumbs),
		cmocka_unit_test(test_ui_input_with_error),
		cmocka_unit_test(test_ui_error_summary_links_fields),
		cmocka_unit_test(test_ui_dates_as_people_write_them),
		cmocka_unit_test(test_ui_plurals_and_labels),
		cmocka_unit_test(test_ui_checkboxes_tick_and_escape),
		cmocka_unit_test(test_ui_page_is_balanced_and_has_no_inline_code),
		cmocka_unit_test(test_ui_pagination),
		cmocka_unit_test(test_username_rules),
		cmocka_unit_test(test_tokens_and_csrf),
		cmocka_unit_test(test_cache_page_body_is_shared),
		cmocka_unit_test(test_cache_grants),
		cmocka_unit_test(test_cache_adopt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
