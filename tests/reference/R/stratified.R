# Reference values for the stratified estimate of a proportion (issue 19:
# lonely strata, Korn-Graubard interval), from R's survey package (Debian
# r-cran-survey 4.1-1).  Run once:
#   Rscript tests/reference/R/stratified.R \
#       > tests/reference/stats/sampling/stratified_R.csv
#
# Design: stratified simple random sampling without replacement,
# svydesign(ids = ~1, strata = ~h, fpc = ~N); estimate and SE from
# svymean under options(survey.lonely.psu = "adjust" / "average" /
# "certainty"); the interval from svyciprop(method = "beta") (Korn &
# Graubard 1998) at 95%.  Each case is strata N_h;n_h;x_h (population,
# answers, "good" answers).  Where svyciprop gives NaN (every answer good
# or none: the variance is 0) the row holds Cairn's convention, computed
# here: the effective size is the number of answers n (Korn & Graubard's
# cap), times the same degrees-of-freedom factor, so the limits are
# qbeta(0.025, n*, 1) .. 1 (or 0 .. qbeta(0.975, 1, n*)).
suppressMessages(library(survey))
cases <- list(
  a = list(N = c(100, 50, 30, 20), n = c(10, 5, 1, 4), x = c(7, 2, 1, 3)),
  b = list(N = c(100, 300), n = c(20, 30), x = c(10, 6)),
  c = list(N = c(40, 25, 60, 10, 8), n = c(12, 1, 9, 1, 3), x = c(9, 0, 4, 1, 3)),
  d = list(N = c(120, 80), n = c(30, 16), x = c(30, 16)),
  e = list(N = c(120, 80, 5), n = c(30, 16, 1), x = c(0, 0, 0)))
fmt <- function(v) sprintf("%.17g", v)
cat(sprintf("# R %s, survey %s; see tests/reference/R/stratified.R\n",
            paste(R.version$major, R.version$minor, sep = "."),
            as.character(packageVersion("survey"))))
cat("case,strata,lonely,estimate,se,lower,upper\n")
for (nm in names(cases)) {
  cs <- cases[[nm]]
  d <- NULL
  for (h in seq_along(cs$N))
    d <- rbind(d, data.frame(h = h, N = cs$N[h],
                             y = c(rep(1, cs$x[h]), rep(0, cs$n[h] - cs$x[h]))))
  strata <- paste(cs$N, cs$n, cs$x, sep = ";", collapse = " ")
  for (l in c("adjust", "average", "certainty")) {
    options(survey.lonely.psu = l)
    des <- svydesign(ids = ~1, strata = ~h, fpc = ~N, data = d)
    m <- svymean(~y, des)
    ci <- suppressWarnings(svyciprop(~y, des, method = "beta"))
    lim <- attr(ci, "ci")
    p <- unname(coef(m)); n <- nrow(des)
    if (any(is.nan(lim))) {
      f <- (qt(0.025, n - 1) / qt(0.025, degf(des)))^2
      ne <- n * f
      lim <- if (p == 1) c(qbeta(0.025, ne, 1), 1) else c(0, qbeta(0.975, 1, ne))
    }
    cat(sprintf("%s,%s,%s,%s,%s,%s,%s\n", nm, strata, l, fmt(p), fmt(unname(SE(m))),
                fmt(lim[1]), fmt(lim[2])))
  }
}
