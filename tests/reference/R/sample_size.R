# Reference values for `cairn sample size` (issue 19: round up by default,
# as Cochran, so that the stated margin is always achieved).  Run once with
# R (Debian r-base-core):
#   Rscript tests/reference/R/sample_size.R \
#       > tests/reference/stats/sampling/sample_size_R.csv
#
# Cochran (1977, Sampling Techniques, 3rd edn, eq. 4.1 and 4.2):
# n0 = z^2 P (1 - P) / d^2 and n = n0 / (1 + (n0 - 1) / N), the same as
# Krejcie & Morgan's s = X^2 N P (1 - P) / (d^2 (N - 1) + X^2 P (1 - P))
# with X^2 = qchisq(conf, 1) = z^2 to full precision, rounded up.  Also the
# margin that size achieves: d' = sqrt(X^2 P (1 - P) (N - n) / (n (N - 1))),
# never above d (0 when n = N).
cat(sprintf("# R %s; see tests/reference/R/sample_size.R\n",
            paste(R.version$major, R.version$minor, sep = ".")))
cat("population,margin,confidence,proportion,size,achieved_margin\n")
for (N in c(1, 2, 5, 10, 20, 50, 100, 250, 1000, 4000, 40000, 1e6))
  for (d in c(0.03, 0.05, 0.1))
    for (conf in c(0.9, 0.95, 0.99))
      for (P in c(0.5, 0.2)) {
        X2 <- qchisq(conf, 1)
        s <- X2 * N * P * (1 - P) / (d^2 * (N - 1) + X2 * P * (1 - P))
        n <- min(N, max(1, ceiling(s - 1e-9)))
        dd <- if (n >= N) 0 else sqrt(X2 * P * (1 - P) * (N - n) / (n * (N - 1)))
        cat(sprintf("%.0f,%s,%s,%s,%.0f,%.17g\n", N, d, conf, P, n, dd))
      }
