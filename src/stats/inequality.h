/*
 * Measures of inequality between deprivation groups (quintiles, deciles):
 * the slope and relative indices of inequality (SII, RII) with analytic
 * and simulated confidence intervals, population attributable risk (PAR),
 * the absolute and relative range, and the trend of the SII across
 * periods with a plain verdict.  Pure functions, no I/O.
 *
 * Method (Low & Low 2004; ScotPHO calculate_inequality_measures.R;
 * PHEindicatormethods phe_sii): groups are ordered from the most deprived
 * (group 1) to the least deprived; each gets the relative rank at the
 * midpoint of its cumulative population share; the group values are
 * regressed on the rank by weighted least squares with the population
 * shares as weights (y*sqrt(a) ~ sqrt(a) + rank*sqrt(a) - 1).
 */
#ifndef CAIRN_STATS_INEQUALITY_H
#define CAIRN_STATS_INEQUALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most groups accepted (PHE accepts 5 to 100 quantiles). */
#define STATS_GROUPS_MAX 100
/* Fewest groups accepted. */
#define STATS_GROUPS_MIN 5

/* Which published convention the SII and RII follow; indexes
 * stats_sii_convention_table. */
enum stats_sii_convention {
	STATS_SII_SCOTPHO = 0, /* SII = -slope (positive when values are higher in
	                          the deprived groups); RII = SII / overall value */
	STATS_SII_PHE,         /* SII = multiplier * slope (fitted least minus most
	                          deprived); RII = fitted least / fitted most */
	STATS_SII__MAX
};

/* Names and descriptions of the conventions, by enum. */
struct stats_sii_convention_info {
	const char *code;        /* "scotpho" or "phe" */
	const char *label;       /* e.g. "ScotPHO (calculate_inequality_measures.R)" */
	const char *sii_meaning; /* one line: what a positive SII means */
	const char *rii_meaning; /* one line: how the RII is defined */
};
extern const struct stats_sii_convention_info stats_sii_convention_table[STATS_SII__MAX];
/* Returns the convention for a code, or -1 if unknown. */
int stats_sii_convention_parse(const char *code);

/* The kind of value, which fixes the scale on which group intervals are
 * symmetric (PHE value_type 0, 1, 2); indexes stats_scale_name. */
enum stats_scale {
	STATS_SCALE_NORMAL = 0, /* intervals symmetric as given */
	STATS_SCALE_RATE,       /* symmetric on the log scale */
	STATS_SCALE_PROPORTION, /* symmetric on the logit scale (values in 0..1) */
	STATS_SCALE__MAX
};
/* Names ("normal", "rate", "proportion"), by enum. */
extern const char *const stats_scale_name[STATS_SCALE__MAX];

/* One deprivation group's figures. */
struct stats_group {
	int group;         /* 1 = most deprived .. n = least deprived */
	double population; /* the group's population (denominator), > 0 */
	double value;      /* the indicator value for the group */
	double lower;      /* 95% lower limit of value, or NaN when unknown */
	double upper;      /* 95% upper limit of value, or NaN when unknown */
};

/* How to compute the SII; zero-initialise then set what you need, or use
 * stats_sii_defaults(). */
struct stats_sii_opts {
	enum stats_sii_convention convention; /* which convention */
	enum stats_scale scale; /* kind of value, for the simulation's standard errors */
	bool transform;         /* PHE only: fit on the log/logit scale (phe_sii transform) */
	double multiplier;      /* PHE only: multiplies SII; negative inverts RII (default 1) */
	double level;           /* confidence level of the SII interval, e.g. 0.95 */
	double overall;         /* ScotPHO: overall value for the RII; NaN = population-
	                            weighted mean of the group values */
	long reps;              /* simulation repetitions (0 = no simulation; PHE uses 100000) */
	uint64_t seed;          /* seed of the simulation's random numbers */
	const double *group_se; /* sampling standard error of each group's value, in
	                           the order and units of g (e.g. sqrt(p(1-p)/n) for a
	                           proportion, sqrt(x)/n*per for a rate), or NULL;
	                           gives stats_sii's se_sampling (borrowed) */
};

/* Fills o with the defaults: ScotPHO, normal scale, multiplier 1, level
 * 0.95, overall NaN, no simulation, seed 1. */
void stats_sii_defaults(struct stats_sii_opts *o);

/* The SII, RII and the fit behind them. */
struct stats_sii {
	enum stats_sii_convention convention; /* convention of sii and rii */
	size_t ngroups;                       /* groups used */
	double sii;                           /* slope index of inequality */
	double sii_lower; /* analytic interval (t with n-2 df; delta method when transformed) */
	double sii_upper;
	double rii;       /* relative index of inequality */
	double rii_lower; /* analytic interval (ScotPHO: SII limits / overall;
	                        PHE: delta method) */
	double rii_upper;
	bool simulated;       /* true if the simulation ran (all groups had limits) */
	double sim_sii_lower; /* simulated interval (PHE method), NaN unless simulated */
	double sim_sii_upper;
	double sim_rii_lower;
	double sim_rii_upper;
	double intercept;   /* fitted value at rank 0 (most deprived end), on the
	                        value scale */
	double slope;       /* fitted change from rank 0 to rank 1, on the fitting scale */
	double se_slope;    /* standard error of slope (lm's: scatter about the line) */
	double se_sampling; /* standard error of the SII from the groups' sampling
	                        errors (opts group_se carried through the fit: exact
	                        for a linear fit, delta method when transformed);
	                        NaN without group_se */
	double overall;     /* overall value used for the ScotPHO RII */
	double level;       /* confidence level of the intervals */
};

/*
 * Computes the SII and RII of groups g[0..n-1] (any order).  Refuses, with
 * a reason in *why (a static string), when fewer than 5 or more than 100
 * groups are given, a group number is repeated or missing from 1..n, a
 * population is not positive, a value is not finite, or (for the PHE
 * transform) a value is out of range for the log/logit.  Returns true on
 * success.
 */
bool stats_sii(const struct stats_group *g, size_t n, const struct stats_sii_opts *o,
    struct stats_sii *out, const char **why);

/* Population attributable risk and ranges (ScotPHO definitions). */
struct stats_ranges {
	double par;       /* sum((v/least - 1)*p) / (that sum + 1) * 100, in %;
	                     NaN when the least deprived value is 0 */
	double abs_range; /* most deprived value - least deprived value */
	double rel_range; /* most / least; NaN when least is 0 */
	double most;      /* value of group 1 */
	double least;     /* value of group n */
};

/* Computes PAR and ranges with the same checks as stats_sii(). */
bool stats_ranges(const struct stats_group *g, size_t n, struct stats_ranges *out,
    const char **why);

/* Verdict on the trend of a gap; indexes stats_trend_verdict_name. */
enum stats_trend_verdict {
	STATS_TREND_NO_CLEAR_CHANGE = 0, /* the interval of the change includes zero */
	STATS_TREND_NARROWING,           /* the gap is getting smaller, interval excludes zero */
	STATS_TREND_WIDENING,            /* the gap is getting bigger, interval excludes zero */
	STATS_TREND__MAX
};
/* "no clear change", "narrowing", "widening", by enum. */
extern const char *const stats_trend_verdict_name[STATS_TREND__MAX];

/* The change of an SII over time. */
struct stats_trend {
	size_t n;      /* periods used */
	double change; /* change in SII per unit of t (per year when t is in years) */
	double lower;  /* interval of change at the requested level */
	double upper;
	double latest_fit; /* fitted SII at the last period */
	bool weighted;     /* true: weights 1/se^2 from each period's sampling
	                      error; false: ordinary least squares (t) */
	double dispersion; /* weighted: residual chi-square / (n - 2), the scatter
	                      about the line relative to the sampling error (NaN
	                      with 2 periods); the variance is scaled by it when
	                      above 1.  NaN when not weighted */
	enum stats_trend_verdict verdict;
};

/*
 * Fits the change of sii[0..n-1] observed at times t[0..n-1] (the periods'
 * dates, e.g. years from stats_period_year(); not the index, which would
 * assume equal spacing).  When every period has a positive, finite
 * sampling standard error se[i] (stats_sii's se_sampling), weighted least
 * squares with weights 1/se^2: the slope's variance is 1/sum(w(t-tbar)^2)
 * (the variances are known; normal interval), multiplied by the residual
 * chi-square/(n-2) when that exceeds 1 (more scatter than sampling
 * explains; t interval with n-2 df) -- the larger of the known-variance
 * and weighted lm variances.  Otherwise (se NULL or a period without one)
 * ordinary least squares with a t interval (needs 3 periods).  The verdict
 * speaks only when the interval excludes zero: narrowing when the change
 * moves the fitted gap towards zero, widening otherwise.  Returns false
 * with *why when too few periods are given or the times are all equal.
 */
bool stats_sii_trend(const double *t, const double *sii, const double *se, size_t n, double level,
    struct stats_trend *out, const char **why);

/*
 * The time of a period named by year, in years: "2019" is 2019, and a span
 * "2019/20", "2019-20", "2019/2020" or "2017-2019" is the midpoint of its
 * first and last years (2019.5, 2018).  Returns false for any other label.
 */
bool stats_period_year(const char *label, double *year);

#endif
