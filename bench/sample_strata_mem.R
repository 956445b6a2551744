# Peer for bench 2 (stratified sample), R at its best: the population is a
# data frame already in memory (read from the CSV first, untimed), and only
# the draw is timed: the proportional allocation (largest remainder, as
# cairn sample draw does) and sampling::strata (srswor), REPS times.
# Prints one line per draw: "draw WALL CPU" in seconds.
#   Rscript bench/sample_strata_mem.R POPULATION.csv COLUMN SIZE REPS
suppressPackageStartupMessages(library(sampling))
args <- commandArgs(trailingOnly = TRUE)
d0 <- read.csv(args[1], colClasses = "character")
col <- args[2]
size <- as.integer(args[3])
reps <- as.integer(args[4])
for (r in seq_len(reps)) {
  t0 <- proc.time()
  set.seed(2024)
  d <- d0[order(d0[[col]]), ]
  tab <- table(d[[col]])
  q <- size * as.numeric(tab) / nrow(d)
  n <- floor(q)
  extra <- order(-(q - n))[seq_len(size - sum(n))]
  n[extra] <- n[extra] + 1
  s <- strata(d, stratanames = col, size = n, method = "srswor")
  chosen <- getdata(d, s)
  t1 <- proc.time() - t0
  stopifnot(nrow(chosen) == size)
  cat(sprintf("draw %.4f %.4f\n", t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]]))
}
