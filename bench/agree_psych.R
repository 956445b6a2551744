# Peer for bench 3 (agreement): R psych's cohen.kappa (kappa and quadratic
# weighted kappa, with their asymptotic intervals) and Krippendorff's alpha
# (ordinal) with a percentile bootstrap over units, for every item file
# (record,reader1,reader2) given.  psych has no Krippendorff's alpha, so
# alpha and its bootstrap are written here in base R (coincidence matrix,
# Krippendorff 2011), vectorised as an analyst would.
#   Rscript bench/agree_psych.R REPS FILE...
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
B <- as.integer(args[1])
files <- args[-1]
set.seed(1)

alpha_ordinal <- function(cm) {
  nc <- rowSums(cm); n <- sum(nc); k <- length(nc)
  cs <- c(0, cumsum(nc))
  lo <- pmin(row(cm), col(cm)); hi <- pmax(row(cm), col(cm))
  d <- (cs[hi + 1] - cs[lo] - (nc[row(cm)] + nc[col(cm)]) / 2)^2
  d[lo == hi] <- 0
  1 - (n - 1) * sum(cm * d) / sum(outer(nc, nc) * d)
}

for (f in files) {
  x <- read.csv(f)
  a <- x[[2]]; b <- x[[3]]
  k <- max(a, b)
  ck <- cohen.kappa(cbind(a, b))
  codes <- (a - 1) * k + b
  tab <- matrix(tabulate(codes, k * k), k, k, byrow = TRUE)
  alpha <- alpha_ordinal(tab + t(tab))
  n <- length(a)
  boot <- vapply(seq_len(B), function(i) {
    t <- matrix(tabulate(codes[sample.int(n, n, replace = TRUE)], k * k), k, k, byrow = TRUE)
    alpha_ordinal(t + t(t))
  }, numeric(1))
  ci <- quantile(boot, c(0.025, 0.975), type = 7)
  cat(sprintf("%s kappa %.10f wkappa %.10f alpha %.10f ci %.6f %.6f\n", basename(f),
              ck$kappa, ck$weighted.kappa, alpha, ci[1], ci[2]))
}
