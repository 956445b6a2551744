# Reference values for Cairn's exact (Clopper-Pearson) interval:
# R's binom.test()$conf.int on a grid of x, n and confidence levels up to
# n = 10^7, including the cases of issue 19 that made GSL's beta inverse
# abort.  Run once with R (Debian r-base-core):
#   Rscript tests/reference/R/binom_exact.R \
#       > tests/reference/stats/proportion/binom_exact_R.csv
# binom.test gives the limits as qbeta(alpha/2, x, n - x + 1) and
# qbeta(1 - alpha/2, x + 1, n - x) (0 and 1 at x = 0 and x = n).
ns <- c(1, 2, 10, 29, 100, 263, 1000, 2000, 5000, 10000, 1e5, 1e6, 1e7)
levels <- c(0.9, 0.95, 0.99)
rows <- list()
add <- function(x, n, level) {
  ci <- binom.test(x, n, conf.level = level)$conf.int
  rows[[length(rows) + 1]] <<- data.frame(x = x, n = n, level = level,
                                          lower = ci[1], upper = ci[2])
}
for (n in ns) {
  xs <- c(0, 1, 2, 5, 7, 10, 15, 81, 12345, round(n / 10), round(n / 3),
          round(n / 2), n - 10, n - 2, n - 1, n)
  xs <- sort(unique(xs[xs >= 0 & xs <= n]))
  for (level in levels)
    for (x in xs)
      add(x, n, level)
}
# the failing cases named in issue 19
add(5, 2000, 0.9); add(10, 5000, 0.95); add(5000, 10000, 0.95)
add(99999, 1e5, 0.9); add(12345, 1e5, 0.99); add(7, 1e6, 0.95)
out <- unique(do.call(rbind, rows))
cat(sprintf("# R %s, binom.test(x, n, conf.level = level)$conf.int\n",
            paste(R.version$major, R.version$minor, sep = ".")))
cat("x,n,level,lower,upper\n")
for (i in seq_len(nrow(out)))
  cat(sprintf("%.0f,%.0f,%s,%.17g,%.17g\n", out$x[i], out$n[i],
              format(out$level[i]), out$lower[i], out$upper[i]))
