# Reference values for the PHE SII with transform = TRUE (issue 19, item 4).
# Run once with R (Debian r-base-core):
#   Rscript tests/reference/R/sii_transform.R \
#       > tests/reference/stats/inequality/sii_transform_R.csv
#
# Data: rates 6, 5, 3.714, 3.182 and 2.5 per 1000 (60/10000, 50/10000,
# 26/7000, 35/11000, 25/10000; group 1 most deprived) with Byar's 95%
# limits, as issue 19's example (its populations are not given; these
# are one set with those rates).
#
# phe_sii(transform = TRUE), as issue 19 describes it: each group's value
# is drawn from a normal on the log scale (SE from its 95% limits), the
# slope of the population-weighted fit on that scale is taken at its
# percentiles, and each percentile L is back-transformed around the fitted
# midpoint m = intercept + slope/2: SII = exp(m + L/2) - exp(m - L/2).
# The slope is a linear combination of the normal draws, so it is exactly
# normal with sd s = sqrt(sum(w^2 se^2)); as the repetitions grow, the
# simulated limits tend to g(slope -+ qnorm(0.975) s), which is what this
# script writes (the "limit" rows); the test allows for Monte Carlo error.
x <- c(60, 50, 26, 35, 25); pop <- c(10000, 10000, 7000, 11000, 10000)
z <- qnorm(0.975)
byars_lower <- function(x) x * (1 - 1 / (9 * x) - z / (3 * sqrt(x)))^3
byars_upper <- function(x) (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * sqrt(x + 1)))^3
v <- x / pop * 1000
lo <- byars_lower(x) / pop * 1000
hi <- byars_upper(x) / pop * 1000
a <- pop / sum(pop); b <- cumsum(a) - a / 2
y <- log(v); se <- (log(hi) - log(lo)) / z / 2
fit <- lm(y ~ b, weights = a)
ic <- unname(coef(fit)[1]); sl <- unname(coef(fit)[2])
X <- cbind(1, b); M <- solve(t(X) %*% diag(a) %*% X) %*% t(X) %*% diag(a)
s <- sqrt(sum(M[2, ]^2 * se^2))
m <- ic + sl / 2
sii <- function(L) exp(m + L / 2) - exp(m - L / 2)
rii <- function(L) exp(m + L / 2) / exp(m - L / 2)
fmt <- function(v) sprintf("%.17g", v)
cat(sprintf("# R %s; see tests/reference/R/sii_transform.R\n",
            paste(R.version$major, R.version$minor, sep = ".")))
cat("group,population,value,lower,upper\n")
for (i in 1:5)
  cat(sprintf("%d,%.0f,%s,%s,%s\n", i, pop[i], fmt(v[i]), fmt(lo[i]), fmt(hi[i])))
cat("what,value\n")
cat(sprintf("sii,%s\n", fmt(sii(sl))))
cat(sprintf("rii,%s\n", fmt(rii(sl))))
cat(sprintf("sii_lower_limit,%s\n", fmt(sii(sl - z * s))))
cat(sprintf("sii_upper_limit,%s\n", fmt(sii(sl + z * s))))
cat(sprintf("rii_lower_limit,%s\n", fmt(rii(sl - z * s))))
cat(sprintf("rii_upper_limit,%s\n", fmt(rii(sl + z * s))))
