# Reference values for the trend of the SII (issue 19, item 2), from R's
# weighted lm.  Run once with R (Debian r-base-core):
#   Rscript tests/reference/R/sii_trend.R \
#       > tests/reference/stats/inequality/sii_trend_R.csv
#
# Data: issue 19's worked example -- one area, five quintiles (group 1 most
# deprived) with denominators 1500, 1300, 1200, 1000, 900, and five
# periods of numerators.  Values are percentages.
#
# Per period (ScotPHO convention): the groups' relative ranks are the
# midpoints of their cumulative population shares a; the SII is minus the
# slope of lm(value ~ rank, weights = a).  Its sampling standard error
# carries each group's binomial variance p(1 - p)/n through the fit: the
# slope is row 2 of (X'WX)^-1 X'W times the values, so its variance is
# sum(m^2 * var), m that row.
#
# The trend: lm(sii ~ year, weights = 1 / se^2).  With known variances the
# slope's standard error is summary's divided by sigma (R scales by the
# residual variance); Cairn uses the larger of the two, i.e. multiplies the
# known-variance one by max(1, sigma^2), with a normal critical value when
# sigma^2 <= 1 and t with n - 2 df otherwise.  Two sets of period dates:
# five consecutive years (2015.5 .. 2019.5, from "2015/16" .. "2019/20"),
# and unequally spaced years 2012, 2015, 2016, 2018, 2019; and a third
# trend with the standard errors divided by 4, to exercise the scaling.
den <- c(1500, 1300, 1200, 1000, 900)
num <- rbind(c(356, 278, 231, 174, 142),
             c(340, 285, 239, 170, 147),
             c(366, 285, 216, 192, 148),
             c(361, 266, 231, 175, 145),
             c(363, 280, 230, 171, 137))
a <- den / sum(den)
rank <- cumsum(a) - a / 2
X <- cbind(1, rank)
W <- diag(a)
M <- solve(t(X) %*% W %*% X) %*% t(X) %*% W
fmt <- function(v) sprintf("%.17g", v)
cat(sprintf("# R %s; see tests/reference/R/sii_trend.R\n",
            paste(R.version$major, R.version$minor, sep = ".")))
cat("what,key,value\n")
sii <- se <- numeric(nrow(num))
for (j in seq_len(nrow(num))) {
  p <- num[j, ] / den
  fit <- lm(I(100 * p) ~ rank, weights = a)
  sii[j] <- -unname(coef(fit)[2])
  se[j] <- 100 * sqrt(sum(M[2, ]^2 * p * (1 - p) / den))
  cat(sprintf("sii,%d,%s\n", j, fmt(sii[j])))
  cat(sprintf("sii_se,%d,%s\n", j, fmt(se[j])))
}
trend <- function(name, year, se, level = 0.95) {
  fit <- lm(sii ~ year, weights = 1 / se^2)
  s <- summary(fit)
  b <- unname(coef(fit)[2])
  phi <- max(1, s$sigma^2)
  sek <- s$coefficients[2, 2] / s$sigma * sqrt(phi)
  crit <- if (s$sigma^2 > 1) qt(1 - (1 - level) / 2, length(year) - 2)
          else qnorm(1 - (1 - level) / 2)
  cat(sprintf("%s,change,%s\n", name, fmt(b)))
  cat(sprintf("%s,lower,%s\n", name, fmt(b - crit * sek)))
  cat(sprintf("%s,upper,%s\n", name, fmt(b + crit * sek)))
  cat(sprintf("%s,phi,%s\n", name, fmt(s$sigma^2)))
  cat(sprintf("%s,latest_fit,%s\n", name,
              fmt(unname(predict(fit, data.frame(year = year[length(year)]))))))
  # ordinary least squares, t interval (what Cairn does without SEs)
  o <- lm(sii ~ year)
  ci <- confint(o, level = level)[2, ]
  cat(sprintf("%s,ols_change,%s\n", name, fmt(unname(coef(o)[2]))))
  cat(sprintf("%s,ols_lower,%s\n", name, fmt(ci[1])))
  cat(sprintf("%s,ols_upper,%s\n", name, fmt(ci[2])))
}
trend("yearly", c(2015.5, 2016.5, 2017.5, 2018.5, 2019.5), se)
trend("uneven", c(2012, 2015, 2016, 2018, 2019), se)
# more scatter than sampling explains (standard errors a quarter of the
# above): the residual variance scales the slope's, with t on n - 2 df
trend("overdispersed", c(2015.5, 2016.5, 2017.5, 2018.5, 2019.5), se / 4)
