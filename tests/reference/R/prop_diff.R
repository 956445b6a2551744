# Reference values for the interval of a difference between two
# independent proportions, Newcombe (1998, Stat Med 17:873-890) method 10
# (hybrid score, "square and add" of the Wilson limits).  Run once with R:
#   Rscript tests/reference/R/prop_diff.R \
#       > tests/reference/stats/proportion/prop_diff_R.csv
# Wilson limits come from prop.test(x, n, correct = FALSE)$conf.int (the
# score interval); then, with d = p1 - p2,
#   lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2)
#   upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
wilson <- function(x, n, level) {
  if (x == 0) return(c(0, prop.test(x, n, conf.level = level, correct = FALSE)$conf.int[2]))
  if (x == n) return(c(prop.test(x, n, conf.level = level, correct = FALSE)$conf.int[1], 1))
  prop.test(x, n, conf.level = level, correct = FALSE)$conf.int[1:2]
}
cases <- rbind(c(25, 28, 25, 38), c(56, 70, 48, 80), c(9, 10, 3, 10),
               c(6, 7, 2, 7), c(5, 56, 0, 29), c(0, 10, 0, 20), c(0, 10, 0, 10),
               c(10, 10, 0, 20), c(10, 10, 0, 10), c(81, 263, 15, 148),
               c(1, 1000, 7, 1200), c(500, 1000, 480, 1000))
cat(sprintf("# R %s; see tests/reference/R/prop_diff.R\n",
            paste(R.version$major, R.version$minor, sep = ".")))
cat("x1,n1,x2,n2,level,diff,lower,upper\n")
# The last block: three groups compared pairwise (25/28, 25/38, 30/40), at
# 95% and at the Bonferroni level for 3 comparisons, 1 - 0.05/3.
bonf <- rbind(c(25, 28, 25, 38), c(25, 28, 30, 40), c(25, 38, 30, 40))
for (level in c(0.95, 0.99))
  for (i in seq_len(nrow(cases))) {
    x1 <- cases[i, 1]; n1 <- cases[i, 2]; x2 <- cases[i, 3]; n2 <- cases[i, 4]
    p1 <- x1 / n1; p2 <- x2 / n2
    w1 <- wilson(x1, n1, level); w2 <- wilson(x2, n2, level)
    d <- p1 - p2
    lo <- d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)
    hi <- d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)
    cat(sprintf("%d,%d,%d,%d,%s,%.17g,%.17g,%.17g\n", x1, n1, x2, n2, level, d, lo, hi))
  }
for (level in c(0.95, 1 - 0.05 / 3))
  for (i in seq_len(nrow(bonf))) {
    x1 <- bonf[i, 1]; n1 <- bonf[i, 2]; x2 <- bonf[i, 3]; n2 <- bonf[i, 4]
    p1 <- x1 / n1; p2 <- x2 / n2
    w1 <- wilson(x1, n1, level); w2 <- wilson(x2, n2, level)
    d <- p1 - p2
    lo <- d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)
    hi <- d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)
    cat(sprintf("%d,%d,%d,%d,%.17g,%.17g,%.17g,%.17g\n", x1, n1, x2, n2, level, d, lo, hi))
  }
