# Peer for bench 2 (stratified sample), R at its best: the population is a
# data frame already in memory (read from the CSV first, untimed), and only
# the draw is timed: the proportional allocation (largest remainder, as
# cairn sample draw does) and sampling::strata (srswor), REPS times.
# Prints one line per draw: "draw WALL CPU" in seconds.  COLUMNS is one
# column or several separated by commas (strata of their combinations: the
# frame is ordered by them, and strata() takes the sizes in that order).
#   Rscript bench/sample_strata_mem.R POPULATION.csv COLUMNS SIZE REPS
suppressPackageStartupMessages(library(sampling))
args <- commandArgs(trailingOnly = TRUE)
d0 <- read.csv(args[1], colClasses = "character")
cols <- strsplit(args[2], ",", fixed = TRUE)[[1]]
size <- as.integer(args[3])
reps <- as.integer(args[4])
for (r in seq_len(reps)) {
  t0 <- proc.time()
  set.seed(2024)
  if (length(cols) == 1) {
    d <- d0[order(d0[[cols]]), ]
    tab <- table(d[[cols]])
  } else {
    o <- do.call(order, unname(as.list(d0[cols])))
    d <- d0[o, ]
    key <- do.call(paste, c(unname(as.list(d[cols])), sep = "\r"))
    tab <- table(factor(key, levels = unique(key)))
  }
  q <- size * as.numeric(tab) / nrow(d)
  n <- floor(q)
  extra <- order(-(q - n))[seq_len(size - sum(n))]
  n[extra] <- n[extra] + 1
  s <- strata(d, stratanames = cols, size = n, method = "srswor")
  chosen <- getdata(d, s)
  t1 <- proc.time() - t0
  stopifnot(nrow(chosen) == size)
  cat(sprintf("draw %.4f %.4f\n", t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]]))
}
