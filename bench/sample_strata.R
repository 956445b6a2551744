# Peer for bench 2 (stratified sample): R sampling::strata draws SIZE
# records by simple random sampling without replacement within the strata
# of COLUMN, allocated in proportion to the strata by largest remainder
# (as cairn sample draw does), from the population CSV an analyst holds.
#   Rscript bench/sample_strata.R POPULATION.csv COLUMN SIZE
suppressPackageStartupMessages(library(sampling))
args <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
d <- read.csv(args[1], colClasses = "character")
col <- args[2]
size <- as.integer(args[3])
set.seed(2024)
d <- d[order(d[[col]]), ]
tab <- table(d[[col]])
q <- size * as.numeric(tab) / nrow(d)
n <- floor(q)
extra <- order(-(q - n))[seq_len(size - sum(n))]
n[extra] <- n[extra] + 1
t1 <- proc.time()[["elapsed"]]
s <- strata(d, stratanames = col, size = n, method = "srswor")
chosen <- getdata(d, s)
t2 <- proc.time()[["elapsed"]]
cat(sprintf("sampled %d of %d in %d strata; read %.3f s, strata %.3f s\n", nrow(chosen),
            nrow(d), length(n), t1 - t0, t2 - t1))
