/*
 * test_policy.c - the policy file (policy.c): the defaults, every field,
 * every message about an invalid policy (with its position and path), and
 * fl_policy_write read back by fl_policy_load_mem to the same policy.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "capture.h"

#include "plan_with.h"
#include <focuslevel/focuslevel.h>

/* ---- helpers -------------------------------------------------------- */

/* Load a policy that must be valid. */
static fl_policy *load_ok(const char *doc, const char *name)
{
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_policy *p = NULL;
	fl_status st = fl_policy_load_mem(doc, strlen(doc), name, &p, &d);
	if (st != FL_OK)
		fail_msg("policy rejected (%d): %s: %s", (int)st,
		         d.count ? d.items[0].path : "?",
		         d.count ? d.items[0].message : "?");
	assert_non_null(p);
	assert_int_equal(d.count, 0);
	fl_diags_release(&d);
	return p;
}

/* fl_policy_write into memory; the caller frees the text. */
static char *write_mem(const fl_policy *p, size_t *len)
{
	int fd;
	fl_out *o = capture_begin(&fd);
	fl_policy_write(o, p);
	assert_false(fl_out_failed(o));
	char *buf = capture_end(o, fd, len);
	assert_true(*len > 0);
	return buf;
}

/*
 * The same number: for doubles other than zero, == is equality bit for
 * bit.  -0 is written as 0 (fl_fmt_shortest), which reads back as +0, a
 * value equal to -0 in every comparison the model makes.
 */
static void assert_same_double(double a, double b, const char *what)
{
	if (!(a == b))
		fail_msg("%s: %.17g, expected %.17g", what, a, b);
}

static void assert_same_axis(const fl_axis_spec *a, const fl_axis_spec *b,
                             const char *what)
{
	if (a->has_cuts != b->has_cuts || a->has_split != b->has_split ||
	    a->basis != b->basis)
		fail_msg("%s: flags or basis differ", what);
	if (a->has_cuts) {
		assert_same_double(a->cut_low, b->cut_low, what);
		assert_same_double(a->cut_high, b->cut_high, what);
	}
	if (a->has_split)
		assert_same_double(a->split, b->split, what);
	assert_same_double(a->q_low, b->q_low, what);
	assert_same_double(a->q_high, b->q_high, what);
	assert_same_double(a->q_split, b->q_split, what);
}

/* Every field of two policies. */
static void assert_same_policy(const fl_policy *a, const fl_policy *b)
{
	assert_same_axis(&a->thresholds.margin, &b->thresholds.margin, "margin");
	assert_same_axis(&a->thresholds.value, &b->thresholds.value, "value");
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		const fl_level_policy *x = &a->levels[l], *y = &b->levels[l];
		assert_string_equal(x->description, y->description);
		assert_int_equal(x->action_count, y->action_count);
		for (size_t i = 0; i < x->action_count; i++)
			assert_string_equal(x->actions[i], y->actions[i]);
		assert_same_double(x->contacts, y->contacts, "contacts");
		assert_same_double(x->cost, y->cost, "cost");
	}
	assert_same_double(a->service_share, b->service_share, "share");
	assert_int_equal(a->cap, b->cap);
	assert_int_equal(a->by, b->by);
	assert_int_equal(a->min_group, b->min_group);
	assert_int_equal(a->horizon_months, b->horizon_months);
	assert_same_double(a->discount_rate, b->discount_rate, "discount_rate");
	assert_int_equal(a->activity_count, b->activity_count);
	for (size_t j = 0; j < a->activity_count; j++) {
		assert_string_equal(a->activities[j].name, b->activities[j].name);
		assert_same_double(a->activities[j].rate, b->activities[j].rate,
		                   "rate");
	}
	for (int f = 0; f < FL_LINE_FIELDS; f++) {
		if (a->columns[f] == NULL || b->columns[f] == NULL)
			assert_ptr_equal(a->columns[f], b->columns[f]);
		else
			assert_string_equal(a->columns[f], b->columns[f]);
	}
	assert_int_equal(a->group_count, b->group_count);
	for (size_t g = 0; g < a->group_count; g++) {
		assert_string_equal(a->groups[g].segment, b->groups[g].segment);
		assert_same_axis(&a->groups[g].thresholds.margin,
		                 &b->groups[g].thresholds.margin, "group margin");
		assert_same_axis(&a->groups[g].thresholds.value,
		                 &b->groups[g].thresholds.value, "group value");
	}
}

/* Write p, read it back, compare; then write the copy: same bytes. */
static void roundtrip(const fl_policy *p)
{
	size_t len;
	char *text = write_mem(p, &len);
	fl_policy *q = load_ok(text, "written.yaml");
	assert_same_policy(q, p);
	size_t len2;
	char *text2 = write_mem(q, &len2);
	assert_int_equal(len2, len);
	assert_memory_equal(text2, text, len);
	free(text2);
	free(text);
	fl_policy_free(q);
}

/* ---- defaults ------------------------------------------------------- */

static void test_default(void **state)
{
	(void)state;
	fl_policy *p = fl_policy_default();
	assert_non_null(p);
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	assert_same_axis(&p->thresholds.margin, &spec.margin, "margin");
	assert_same_axis(&p->thresholds.value, &spec.value, "value");
	assert_false(p->thresholds.margin.has_cuts);
	assert_false(p->thresholds.margin.has_split);
	assert_int_equal(p->thresholds.margin.basis, FL_BASIS_MARGIN_PCT);
	assert_int_equal(p->thresholds.value.basis, FL_BASIS_ORDER_VALUE);
	static const double contacts[] = { 0, 0, 0, 1, 4, 24 };
	for (int l = FL_LEVEL_BASIC; l <= FL_LEVEL_PARTNERSHIP; l++) {
		const fl_level_policy *lp = &p->levels[l];
		assert_string_equal(lp->description, fl_level_description((fl_level)l));
		assert_true(lp->action_count >= 1);
		for (size_t i = 0; i < lp->action_count; i++)
			assert_true(strlen(lp->actions[i]) > 0);
		assert_same_double(lp->contacts, contacts[l], "contacts");
		assert_same_double(lp->cost, 0, "cost");
	}
	assert_int_equal(p->levels[FL_LEVEL_ACCOUNTABLE].action_count, 2);
	assert_int_equal(p->levels[FL_LEVEL_PARTNERSHIP].action_count, 2);
	assert_int_equal(p->horizon_months, 12);
	assert_same_double(p->discount_rate, 0.10, "discount_rate");
	fl_policy_free(p);
	fl_policy_free(NULL);
}

/* An empty mapping, and keys left out, keep every default. */
static void test_keys_left_out(void **state)
{
	(void)state;
	fl_policy *def = fl_policy_default();
	static const char *const docs[] = {
		"{}", "{}\n", "margin: {}\n", "levels: {}\n",
		"margin: {}\nvalue: {}\nlevels: {basic: {}}\n",
		"# a comment\nmargin:\n  method: quantile\n",
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		fl_policy *p = load_ok(docs[i], NULL);
		assert_same_policy(p, def);
		fl_policy_free(p);
	}
	/* One field changes one field. */
	fl_policy *p = load_ok("levels:\n  partnership:\n    cost: 12.5\n",
	                       "p.yaml");
	def->levels[FL_LEVEL_PARTNERSHIP].cost = 12.5;
	assert_same_policy(p, def);
	fl_policy_free(p);
	p = load_ok("value:\n  split: 0.25\n", "p.yaml");
	def->levels[FL_LEVEL_PARTNERSHIP].cost = 0;
	def->thresholds.value.q_split = 0.25;
	assert_same_policy(p, def);
	fl_policy_free(p);
	p = load_ok("horizon_months: 36\ndiscount_rate: 0\n", "p.yaml");
	def->thresholds.value.q_split = 0.5;
	def->horizon_months = 36;
	def->discount_rate = 0;
	assert_same_policy(p, def);
	fl_policy_free(p);
	p = load_ok("{\"horizon_months\": 1200, \"discount_rate\": 0.075}",
	            "p.json");
	def->horizon_months = 1200;
	def->discount_rate = 0.075;
	assert_same_policy(p, def);
	fl_policy_free(p);
	fl_policy_free(def);
}

/* ---- every field ------------------------------------------------------ */

static const char all_yaml[] =
	"margin:\n"
	"  basis: absolute\n"
	"  method: absolute\n"
	"  cuts: [-50, 1e3]\n"
	"  split: 250.75\n"
	"value:\n"
	"  basis: revenue\n"
	"  method: quantile\n"
	"  cuts: [0.1, 0.9]\n"
	"  split: 0\n"
	"levels:\n"
	"  basic:\n"
	"    description: \"nothing \\\"extra\\\"\"\n"
	"    actions: []\n"
	"    contacts_per_year: 0\n"
	"    cost: 0\n"
	"  reactive:\n"
	"    description: 'hotline'\n"
	"    actions: [answer the phone]\n"
	"    contacts_per_year: 0.5\n"
	"    cost: 1.25\n"
	"  accountable:\n"
	"    description: follow up\n"
	"    actions:\n"
	"      - call after two weeks\n"
	"      - \"ask: what could be better?\"\n"
	"      - 42\n"
	"    contacts_per_year: 2\n"
	"    cost: 99.99\n"
	"  proactive:\n"
	"    description: \"tips\"\n"
	"    actions: [\"newsletter\"]\n"
	"    contacts_per_year: 12\n"
	"    cost: 400\n"
	"  partnership:\n"
	"    description: \"Kundenbetreuung vor Ort \xc3\xa4\xc3\xb6\xc3\xbc\"\n"
	"    actions: [\"on site\", \"quarterly review\"]\n"
	"    contacts_per_year: 52\n"
	"    cost: 12000\n";

static void check_all_fields(const fl_policy *p)
{
	const fl_axis_spec *m = &p->thresholds.margin, *v = &p->thresholds.value;
	assert_int_equal(m->basis, FL_BASIS_MARGIN);
	assert_true(m->has_cuts);
	assert_true(m->has_split);
	assert_same_double(m->cut_low, -50, "margin cut a");
	assert_same_double(m->cut_high, 1000, "margin cut b");
	assert_same_double(m->split, 250.75, "margin split");
	/* The quantiles stay the defaults under method absolute. */
	assert_same_double(m->q_low, 1.0 / 3, "margin q a");
	assert_same_double(m->q_high, 2.0 / 3, "margin q b");
	assert_same_double(m->q_split, 0.5, "margin q split");
	assert_int_equal(v->basis, FL_BASIS_REVENUE);
	assert_false(v->has_cuts);
	assert_false(v->has_split);
	assert_same_double(v->q_low, 0.1, "value q a");
	assert_same_double(v->q_high, 0.9, "value q b");
	assert_same_double(v->q_split, 0, "value q split");

	const fl_level_policy *l = p->levels;
	assert_string_equal(l[FL_LEVEL_BASIC].description, "nothing \"extra\"");
	assert_int_equal(l[FL_LEVEL_BASIC].action_count, 0);
	assert_same_double(l[FL_LEVEL_BASIC].contacts, 0, "basic contacts");
	assert_same_double(l[FL_LEVEL_BASIC].cost, 0, "basic cost");
	assert_string_equal(l[FL_LEVEL_REACTIVE].description, "hotline");
	assert_int_equal(l[FL_LEVEL_REACTIVE].action_count, 1);
	assert_string_equal(l[FL_LEVEL_REACTIVE].actions[0], "answer the phone");
	assert_same_double(l[FL_LEVEL_REACTIVE].contacts, 0.5, "contacts");
	assert_same_double(l[FL_LEVEL_REACTIVE].cost, 1.25, "cost");
	assert_string_equal(l[FL_LEVEL_ACCOUNTABLE].description, "follow up");
	assert_int_equal(l[FL_LEVEL_ACCOUNTABLE].action_count, 3);
	assert_string_equal(l[FL_LEVEL_ACCOUNTABLE].actions[0],
	                    "call after two weeks");
	assert_string_equal(l[FL_LEVEL_ACCOUNTABLE].actions[1],
	                    "ask: what could be better?");
	assert_string_equal(l[FL_LEVEL_ACCOUNTABLE].actions[2], "42");
	assert_same_double(l[FL_LEVEL_ACCOUNTABLE].contacts, 2, "contacts");
	assert_same_double(l[FL_LEVEL_ACCOUNTABLE].cost, 99.99, "cost");
	assert_string_equal(l[FL_LEVEL_PROACTIVE].description, "tips");
	assert_int_equal(l[FL_LEVEL_PROACTIVE].action_count, 1);
	assert_string_equal(l[FL_LEVEL_PROACTIVE].actions[0], "newsletter");
	assert_same_double(l[FL_LEVEL_PROACTIVE].contacts, 12, "contacts");
	assert_same_double(l[FL_LEVEL_PROACTIVE].cost, 400, "cost");
	assert_string_equal(l[FL_LEVEL_PARTNERSHIP].description,
	                    "Kundenbetreuung vor Ort \xc3\xa4\xc3\xb6\xc3\xbc");
	assert_int_equal(l[FL_LEVEL_PARTNERSHIP].action_count, 2);
	assert_string_equal(l[FL_LEVEL_PARTNERSHIP].actions[0], "on site");
	assert_string_equal(l[FL_LEVEL_PARTNERSHIP].actions[1], "quarterly review");
	assert_same_double(l[FL_LEVEL_PARTNERSHIP].contacts, 52, "contacts");
	assert_same_double(l[FL_LEVEL_PARTNERSHIP].cost, 12000, "cost");
}

static void test_all_fields_yaml(void **state)
{
	(void)state;
	fl_policy *p = load_ok(all_yaml, "all.yaml");
	check_all_fields(p);
	roundtrip(p);
	fl_policy_free(p);
	/* Without a name the content decides: this is YAML. */
	p = load_ok(all_yaml, NULL);
	check_all_fields(p);
	fl_policy_free(p);
}

static void test_all_fields_json(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"margin\": {\"basis\": \"absolute\", \"method\": \"absolute\",\n"
		"  \"cuts\": [-50, 1e3], \"split\": 250.75},\n"
		" \"value\": {\"basis\": \"revenue\", \"method\": \"quantile\",\n"
		"  \"cuts\": [0.1, 0.9], \"split\": 0},\n"
		" \"levels\": {\n"
		"  \"basic\": {\"description\": \"nothing \\\"extra\\\"\",\n"
		"   \"actions\": [], \"contacts_per_year\": 0, \"cost\": 0},\n"
		"  \"reactive\": {\"description\": \"hotline\",\n"
		"   \"actions\": [\"answer the phone\"], \"contacts_per_year\": 0.5,\n"
		"   \"cost\": 1.25},\n"
		"  \"accountable\": {\"description\": \"follow up\", \"actions\":\n"
		"   [\"call after two weeks\", \"ask: what could be better?\", \"42\"],\n"
		"   \"contacts_per_year\": 2, \"cost\": 99.99},\n"
		"  \"proactive\": {\"description\": \"tips\", \"actions\":\n"
		"   [\"newsletter\"], \"contacts_per_year\": 12, \"cost\": 400},\n"
		"  \"partnership\": {\"description\":\n"
		"   \"Kundenbetreuung vor Ort \\u00e4\\u00f6\\u00fc\",\n"
		"   \"actions\": [\"on site\", \"quarterly review\"],\n"
		"   \"contacts_per_year\": 52, \"cost\": 12000}}}\n";
	/* By the extension, and by the content without a name. */
	fl_policy *p = load_ok(doc, "all.json");
	check_all_fields(p);
	fl_policy *y = load_ok(all_yaml, "all.yaml");
	assert_same_policy(p, y);
	fl_policy_free(p);
	p = load_ok(doc, NULL);
	check_all_fields(p);
	fl_policy_free(p);
	fl_policy_free(y);
}

/* The loader from a FILE (by name: policy-costs.yaml of the CLI cases). */
static void test_load_file(void **state)
{
	(void)state;
	const char *path = FL_SOURCE_DIR "/tests/cli/inputs/policy-costs.yaml";
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		fail_msg("cannot open %s", path);
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_policy *p = NULL;
	assert_int_equal(fl_policy_load(fp, path, &p, &d), FL_OK);
	fclose(fp);
	fl_diags_release(&d);
	static const double costs[] = { 0, 20, 50, 150, 400, 800 };
	for (int l = 1; l <= 5; l++)
		assert_same_double(p->levels[l].cost, costs[l], "cost");
	assert_same_double(p->levels[FL_LEVEL_PROACTIVE].contacts, 6, "contacts");
	assert_same_double(p->levels[FL_LEVEL_ACCOUNTABLE].contacts, 1, "contacts");
	assert_string_equal(p->levels[FL_LEVEL_PARTNERSHIP].actions[1],
	                    "on-site visit every month");
	assert_string_equal(p->levels[FL_LEVEL_BASIC].description,
	                    fl_level_description(FL_LEVEL_BASIC));
	fl_threshold_spec spec;
	fl_threshold_spec_init(&spec);
	assert_same_axis(&p->thresholds.margin, &spec.margin, "margin");
	assert_same_axis(&p->thresholds.value, &spec.value, "value");
	roundtrip(p);
	fl_policy_free(p);
}

/* Equal cuts and quantiles at the ends of 0..1 are allowed. */
static void test_limits_allowed(void **state)
{
	(void)state;
	fl_policy *p = load_ok("margin:\n  cuts: [0, 1]\n  split: 1\n"
	                       "value:\n  cuts: [0.5, 0.5]\n", "p.yaml");
	assert_same_double(p->thresholds.margin.q_low, 0, "q a");
	assert_same_double(p->thresholds.margin.q_high, 1, "q b");
	assert_same_double(p->thresholds.margin.q_split, 1, "q split");
	assert_same_double(p->thresholds.value.q_low, 0.5, "q a");
	assert_same_double(p->thresholds.value.q_high, 0.5, "q b");
	roundtrip(p);
	fl_policy_free(p);
	p = load_ok("margin:\n  method: absolute\n  cuts: [-1e300, -1e300]\n"
	            "  split: -2.5e-300\n", "p.yaml");
	assert_same_double(p->thresholds.margin.cut_low, -1e300, "cut");
	assert_same_double(p->thresholds.margin.split, -2.5e-300, "split");
	roundtrip(p);
	fl_policy_free(p);
}

/* ---- invalid policies: message, position, path ----------------------- */

struct bad {
	const char *name;        /* file name, for the format */
	const char *doc;
	unsigned long line, column;   /* of the first message */
	const char *path;        /* of the first message */
	const char *phrase;      /* in the first message */
};

static const struct bad bad_cases[] = {
	/* Unknown keys, at each level of the file. */
	{ "p.yaml", "thresholds: 1\n", 1, 13, "",
	  "unknown key \"thresholds\" (expected margin, value, levels, "
	  "service_share, cap, activities, by, min_group, segments, "
	  "horizon_months, discount_rate, at_risk_below, share_below, columns)" },
	/* Customer value. */
	{ "p.yaml", "horizon_months: 0\n", 1, 17, "horizon_months",
	  "expected a whole number of months from 1 to 1200, found 0" },
	{ "p.yaml", "horizon_months: 1.5\n", 1, 17, "horizon_months",
	  "expected a whole number of months from 1 to 1200, found 1.5" },
	{ "p.yaml", "horizon_months: 1201\n", 1, 17, "horizon_months",
	  "expected a whole number of months from 1 to 1200, found 1201" },
	{ "p.yaml", "horizon_months: twelve\n", 1, 17, "horizon_months",
	  "expected a whole number of months from 1 to 1200" },
	{ "p.yaml", "discount_rate: -0.1\n", 1, 16, "discount_rate",
	  "expected a yearly rate >= 0 (0.10 is 10 %), found -0.1" },
	{ "p.yaml", "discount_rate: 10%\n", 1, 16, "discount_rate",
	  "expected a yearly rate >= 0" },
	{ "p.yaml", "margin:\n  cut: [0.2, 0.8]\n", 2, 8, "margin",
	  "unknown key \"cut\" (expected basis, method, cuts, split)" },
	{ "p.yaml", "levels:\n  premium:\n    cost: 5\n", 3, 5, "levels",
	  "unknown key \"premium\" (expected basic, reactive, accountable, "
	  "proactive, partnership)" },
	{ "p.yaml", "levels:\n  basic:\n    price: 5\n", 3, 12, "levels.basic",
	  "unknown key \"price\" (expected description, actions, "
	  "contacts_per_year, cost)" },
	/* Duplicate keys. */
	{ "p.yaml", "margin:\n  split: 0.4\n  split: 0.6\n", 3, 10, "margin",
	  "duplicate key \"split\"" },
	{ "p.yaml", "levels: {}\nlevels: {}\n", 2, 9, "",
	  "duplicate key \"levels\"" },
	/* Method and basis. */
	{ "p.yaml", "value:\n  method: median\n", 2, 11, "value.method",
	  "expected quantile or absolute, found \"median\"" },
	{ "p.yaml", "margin:\n  method: [absolute]\n", 2, 11, "margin.method",
	  "expected quantile or absolute, found a sequence" },
	{ "p.yaml", "value:\n  basis: percent\n", 2, 10, "value.basis",
	  "expected average-order, revenue or clv, found \"percent\"" },
	{ "p.yaml", "margin:\n  basis: revenue\n", 2, 10, "margin.basis",
	  "expected percent or absolute, found \"revenue\"" },
	/* Cuts. */
	{ "p.yaml", "margin:\n  cuts: [0.5]\n", 2, 9, "margin.cuts",
	  "expected two cuts [A, B], found a list of 1 value" },
	{ "p.yaml", "margin:\n  cuts: [0.1, 0.2, 0.3]\n", 2, 9, "margin.cuts",
	  "expected two cuts [A, B], found a list of 3 values" },
	{ "p.yaml", "margin:\n  cuts: 0.5\n", 2, 9, "margin.cuts",
	  "expected two cuts [A, B], found 0.5" },
	{ "p.yaml", "margin:\n  cuts: {a: 1}\n", 2, 9, "margin.cuts",
	  "expected two cuts [A, B], found a mapping" },
	{ "p.yaml", "margin:\n  cuts: [0.8, 0.2]\n", 2, 9, "margin.cuts",
	  "the first cut must not exceed the second" },
	{ "p.yaml", "margin:\n  method: absolute\n  cuts: [low, 35]\n"
	  "  split: 25\n", 3, 10, "margin.cuts",
	  "expected a number, found \"low\"" },
	{ "p.yaml", "margin:\n  method: absolute\n  cuts: [15, .inf]\n"
	  "  split: 25\n", 3, 14, "margin.cuts",
	  "expected a number, found \".inf\"" },
	{ "p.yaml", "margin:\n  cuts: [0.1, true]\n", 2, 15, "margin.cuts",
	  "found a boolean (true)" },
	/* Quantiles outside 0..1, and values under method quantile. */
	{ "p.yaml", "value:\n  cuts: [0.2, 1.5]\n", 2, 15, "value.cuts",
	  "expected a fraction from 0 to 1 (a quantile; method: absolute "
	  "takes values), found 1.5" },
	{ "p.yaml", "value:\n  cuts: [-0.1, 0.5]\n", 2, 10, "value.cuts",
	  "expected a fraction from 0 to 1" },
	{ "p.yaml", "value:\n  split: 2\n", 2, 10, "value.split",
	  "expected a fraction from 0 to 1" },
	{ "p.yaml", "margin:\n  cuts: [15, 35]\n", 2, 10, "margin.cuts",
	  "method: absolute takes values), found 15" },
	{ "p.yaml", "margin:\n  split:\n", 2, 9, "margin.split",
	  "found an empty value" },
	/* Absolute needs both. */
	{ "p.yaml", "margin:\n  method: absolute\n  cuts: [15, 35]\n", 2, 3,
	  "margin", "method absolute needs both cuts and split" },
	{ "p.yaml", "value:\n  method: absolute\n  split: 300\n", 2, 3,
	  "value", "method absolute needs both cuts and split" },
	/* Levels. */
	{ "p.yaml", "levels:\n  proactive:\n    cost: -120\n", 3, 11,
	  "levels.proactive.cost", "expected a number >= 0, found -120" },
	{ "p.yaml", "levels:\n  proactive:\n    cost: \"-1\"\n", 3, 11,
	  "levels.proactive.cost", "expected a number >= 0, found \"-1\"" },
	{ "p.yaml", "levels:\n  basic:\n    cost: free\n", 3, 11,
	  "levels.basic.cost", "expected a number >= 0, found \"free\"" },
	{ "p.yaml", "levels:\n  reactive:\n    contacts_per_year: -1\n", 3, 24,
	  "levels.reactive.contacts_per_year", "expected a number >= 0" },
	{ "p.yaml", "levels:\n  accountable:\n    actions: call\n", 3, 14,
	  "levels.accountable.actions", "expected a list of actions, found "
	  "\"call\"" },
	{ "p.yaml", "levels:\n  accountable:\n    actions: [a, [b]]\n", 3, 18,
	  "levels.accountable.actions[1]", "expected text, found a sequence" },
	{ "p.yaml", "levels:\n  accountable:\n    actions:\n      - a\n"
	  "      - ~\n", 5, 9, "levels.accountable.actions[1]",
	  "expected text, found null" },
	{ "p.yaml", "levels:\n  basic:\n    description: {a: 1}\n", 3, 18,
	  "levels.basic.description", "expected text, found a mapping" },
	{ "p.yaml", "levels:\n  basic:\n    description: null\n", 3, 18,
	  "levels.basic.description", "expected text, found null" },
	{ "p.yaml", "levels:\n  basic:\n    description: \"a\\0b\"\n", 3, 18,
	  "levels.basic.description", "NUL character" },
	{ "p.yaml", "levels:\n  basic: cheap\n", 2, 10, "levels.basic",
	  "expected a level (a mapping), found \"cheap\"" },
	{ "p.yaml", "levels: [basic]\n", 1, 9, "levels",
	  "expected the levels (a mapping), found a sequence" },
	/* The shape of the file. */
	{ "p.yaml", "- margin\n", 1, 1, "",
	  "expected a policy (a mapping), found a sequence" },
	{ "p.yaml", "margin: quantile\n", 1, 9, "margin",
	  "expected an axis (a mapping), found \"quantile\"" },
	{ "p.yaml", "just text\n", 1, 1, "",
	  "expected a policy (a mapping), found \"just text\"" },
	/* Syntax. */
	{ "p.yaml", "margin:\n  cuts: [0.25, 0.75\n", 3, 1, "",
	  "YAML syntax error" },
	/* JSON syntax errors: where and what, as in a portfolio. */
	{ "p.json", "{\"margin\": {\"cuts\": [0.25, 0.75],}}", 1, 33, "",
	  "JSON syntax error: trailing comma before '}'" },
	{ "p.json", "{\"margin\": {\"cuts\": [0.25, 0.75], 5: 1}}", 1, 35, "",
	  "JSON syntax error: expected a key in double quotes, found '5'" },
	{ "p.json", "{\"margin\": {\"split\" 0.5}}", 1, 21, "",
	  "JSON syntax error: expected ':' after a key, found '0'" },
	{ "p.json", "{\"margin\": {\"split\": NaN}}", 1, 22, "",
	  "JSON syntax error: expected a value, found 'N' (JSON has no "
	  "Infinity or NaN)" },
	{ "p.json", "{\"margin\": {\"split\": 0.5]}", 1, 25, "",
	  "JSON syntax error: expected ',' or '}', found ']'" },
	{ "p.yaml", "", 0, 0, "", "the input is empty" },
	{ "p.json", "  \n", 0, 0, "", "the input is empty" },
	/* JSON: a path instead of a position. */
	{ "p.json", "{\"value\": {\"split\": 0.5, \"splitt\": 0.4}}", 0, 0,
	  "value", "unknown key \"splitt\"" },
	{ "p.json", "{\"levels\": {\"basic\": {\"cost\": null}}}", 0, 0,
	  "levels.basic.cost", "expected a number >= 0, found null" },
	{ "p.json", "{\"margin\": {\"split\": false}}", 0, 0, "margin.split",
	  "found a boolean (false)" },
	{ "p.json", "{\"margin\": {}, \"margin\": {}}", 0, 0, "",
	  "duplicate key \"margin\"" },
};

static void test_invalid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad *b = &bad_cases[i];
		fl_diags d;
		fl_diags_init(&d, 0);
		fl_policy *p = (fl_policy *)&d;   /* must be set to NULL */
		fl_status st = fl_policy_load_mem(b->doc, strlen(b->doc), b->name,
		                                  &p, &d);
		if (st != FL_ERR_INPUT)
			fail_msg("case %zu (%s): status %d, expected FL_ERR_INPUT", i,
			         b->doc, (int)st);
		assert_null(p);
		if (d.count == 0)
			fail_msg("case %zu: no message", i);
		const fl_diag *g = &d.items[0];
		assert_int_equal(g->severity, FL_SEV_ERROR);
		if (strstr(g->message, b->phrase) == NULL)
			fail_msg("case %zu (%s): message \"%s\" lacks \"%s\"", i, b->doc,
			         g->message, b->phrase);
		if (g->line != b->line || g->column != b->column)
			fail_msg("case %zu (%s): at %lu:%lu, expected %lu:%lu", i,
			         b->doc, g->line, g->column, b->line, b->column);
		const char *path = g->path != NULL ? g->path : "";
		if (strcmp(path, b->path) != 0)
			fail_msg("case %zu (%s): path \"%s\", expected \"%s\"", i,
			         b->doc, path, b->path);
		fl_diags_release(&d);
	}
}

/* Every problem is reported, in the order of the file. */
static void test_invalid_several(void **state)
{
	(void)state;
	static const char doc[] =
		"margin:\n"
		"  basis: amount\n"
		"  cuts: [0.2]\n"
		"value:\n"
		"  split: 1.5\n"
		"levels:\n"
		"  basic:\n"
		"    cost: free\n"
		"  gold:\n"
		"    cost: 1\n";
	static const struct { unsigned long line; const char *path; } want[] = {
		{ 2, "margin.basis" }, { 3, "margin.cuts" }, { 5, "value.split" },
		{ 8, "levels.basic.cost" }, { 10, "levels" },
	};
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_policy *p = NULL;
	assert_int_equal(fl_policy_load_mem(doc, strlen(doc), "p.yaml", &p, &d),
	                 FL_ERR_INPUT);
	assert_null(p);
	assert_int_equal(d.count, 5);
	assert_int_equal(d.errors, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(d.items[i].line, want[i].line);
		assert_string_equal(d.items[i].path, want[i].path);
	}
	fl_diags_release(&d);
}

/* A NUL byte inside a text is refused (the length is given explicitly). */
static void test_invalid_nul(void **state)
{
	(void)state;
	static const char doc[] = "levels:\n  basic:\n    description: \"a\0b\"\n";
	fl_diags d;
	fl_diags_init(&d, 0);
	fl_policy *p = NULL;
	fl_status st = fl_policy_load_mem(doc, sizeof(doc) - 1, "p.yaml", &p, &d);
	assert_int_not_equal(st, FL_OK);
	assert_null(p);
	assert_true(d.count > 0);
	fl_diags_release(&d);
	/* Invalid UTF-8 in a text. */
	static const char bad[] = "levels:\n  basic:\n    description: \"\xff\"\n";
	fl_diags_init(&d, 0);
	st = fl_policy_load_mem(bad, strlen(bad), "p.yaml", &p, &d);
	assert_int_not_equal(st, FL_OK);
	assert_null(p);
	fl_diags_release(&d);
}

/* ---- write, then read back ------------------------------------------ */

static void test_roundtrip_default(void **state)
{
	(void)state;
	fl_policy *p = fl_policy_default();
	roundtrip(p);
	/* The quantiles are printed so that they read back bit for bit. */
	size_t len;
	char *text = write_mem(p, &len);
	assert_non_null(strstr(text, "cuts: [0.3333333333333333, "
	                             "0.6666666666666666]"));
	assert_non_null(strstr(text, "method: quantile"));
	assert_non_null(strstr(text, "basis: percent"));
	assert_non_null(strstr(text, "basis: average-order"));
	assert_non_null(strstr(text, "\n# "));   /* commented */
	assert_non_null(strstr(text, "\nhorizon_months: 12\n"));
	assert_non_null(strstr(text, "\ndiscount_rate: 0.1\n"));
	free(text);
	fl_policy_free(p);
}

static void test_roundtrip_edited(void **state)
{
	(void)state;
	/* A policy edited through the structure: awkward text, numbers that
	 * need all 17 digits, -0, huge and tiny values. */
	fl_policy *p = fl_policy_default();
	static const char *const acts[] = {
		"quote \" and backslash \\",
		"new\nline, tab\there, CR\r, bell\x07, DEL\x7f",
		"UTF-8: \xc3\xa4 \xe2\x82\xac \xf0\x9f\x93\x9e",
		"YAML line breaks: NEL\xc2\x85 LS\xe2\x80\xa8 PS\xe2\x80\xa9 end",
		"# not a comment: [x], {y}, &z *w !v | > % @ `",
		"", "  leading and trailing spaces  ", "null", "true", "0x10",
		"- dash", "key: value",
	};
	p->levels[FL_LEVEL_ACCOUNTABLE].actions = acts;
	p->levels[FL_LEVEL_ACCOUNTABLE].action_count = sizeof(acts) / sizeof(acts[0]);
	p->levels[FL_LEVEL_BASIC].action_count = 0;
	p->levels[FL_LEVEL_BASIC].description = "";
	p->levels[FL_LEVEL_REACTIVE].description = "a \"quoted\" 'one'";
	p->levels[FL_LEVEL_BASIC].cost = -0.0;
	p->levels[FL_LEVEL_REACTIVE].cost = 0.1 + 0.2;
	p->levels[FL_LEVEL_REACTIVE].contacts = 1.0 / 3;
	p->levels[FL_LEVEL_ACCOUNTABLE].cost = 0.1 + 0.2;
	p->levels[FL_LEVEL_PROACTIVE].cost = 1e300;
	p->levels[FL_LEVEL_PROACTIVE].contacts = 5e-324;
	p->levels[FL_LEVEL_PARTNERSHIP].cost = 1e300;
	static fl_activity acts2[] = { { "orders", 2.5 },
	                               { "visits \"on site\"", 0.1 + 0.2 },
	                               { "tickets", 0 } };
	p->activities = acts2;
	p->activity_count = 3;
	/* The columns of order lines: a plain header, one YAML would read
	 * as another type, and awkward text. */
	p->columns[FL_LINE_ID] = "Kto";
	p->columns[FL_LINE_VALUE] = "0x10";
	p->columns[FL_LINE_SEGMENT] = "Kunden-\"Gruppe\": \xc3\xa4, #1";
	p->service_share = 1.0 / 3;
	p->cap = true;
	p->by = FL_BY_SEGMENT;
	p->min_group = 7;
	p->horizon_months = 1200;
	p->discount_rate = 0.1 + 0.2;
	/* Thresholds per segment, as `thresholds --by segment` writes them;
	 * "" is the customers without a segment, written "(none)". */
	static fl_group_spec groups[2];
	for (int g = 0; g < 2; g++) {
		fl_threshold_spec_init(&groups[g].thresholds);
		fl_axis_spec *ax[2] = { &groups[g].thresholds.margin,
		                        &groups[g].thresholds.value };
		for (int a = 0; a < 2; a++) {
			ax[a]->has_cuts = ax[a]->has_split = true;
			ax[a]->cut_low = -0.5 - g;
			ax[a]->cut_high = 1.0 / 3 + a;
			ax[a]->split = 0.1 + 0.2;
		}
	}
	groups[0].segment = "hospital \"A\"";
	groups[1].segment = "";
	groups[0].thresholds.value.basis = FL_BASIS_REVENUE;
	groups[1].thresholds.value.basis = FL_BASIS_REVENUE;
	p->groups = groups;
	p->group_count = 2;
	p->levels[FL_LEVEL_PARTNERSHIP].contacts = 123456789012345678.0;
	p->thresholds.margin.q_low = 0.1;
	p->thresholds.margin.q_high = 0.7000000000000001;
	p->thresholds.margin.q_split = 1.0 / 7;
	p->thresholds.value.basis = FL_BASIS_REVENUE;
	p->thresholds.value.has_cuts = p->thresholds.value.has_split = true;
	p->thresholds.value.cut_low = -1234.5678;
	p->thresholds.value.cut_high = 2.2250738585072014e-308;
	p->thresholds.value.split = 100;
	roundtrip(p);
	fl_policy_free(p);

	/* The margin axis on the amount, absolute. */
	p = fl_policy_default();
	p->thresholds.margin.basis = FL_BASIS_MARGIN;
	p->thresholds.margin.has_cuts = p->thresholds.margin.has_split = true;
	p->thresholds.margin.cut_low = 500;
	p->thresholds.margin.cut_high = 500;
	p->thresholds.margin.split = 499.99999999999994;
	p->horizon_months = 1;
	p->discount_rate = 0;
	roundtrip(p);
	fl_policy_free(p);
}

/* A loaded policy written and read again: the same, field by field. */
static void test_roundtrip_loaded(void **state)
{
	(void)state;
	fl_policy *p = load_ok(
	    "{\"levels\": {\"basic\": {\"description\": \"line\\u0085break "
	    "\\u2028and\\u2029more\\ttab\\u0001\", "
	    "\"actions\": [\"\\\"q\\\"\", \"\\\\\"]}}}", "p.json");
	assert_string_equal(p->levels[FL_LEVEL_BASIC].description,
	                    "line\xc2\x85" "break \xe2\x80\xa8" "and\xe2\x80\xa9"
	                    "more\ttab\x01");
	roundtrip(p);
	fl_policy_free(p);
	p = load_ok(all_yaml, "all.yaml");
	roundtrip(p);
	fl_policy_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_keys_left_out),
		cmocka_unit_test(test_all_fields_yaml),
		cmocka_unit_test(test_all_fields_json),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_limits_allowed),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_invalid_several),
		cmocka_unit_test(test_invalid_nul),
		cmocka_unit_test(test_roundtrip_default),
		cmocka_unit_test(test_roundtrip_edited),
		cmocka_unit_test(test_roundtrip_loaded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
