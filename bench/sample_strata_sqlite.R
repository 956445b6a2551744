# Peer for bench 2 (stratified sample), like for like with cairn sample
# draw: R reads the population from the same SQLite database Cairn drew
# from (RSQLite, r-cran-rsqlite), the stored blocks of lines
# "REF<tab>[JSON array of values]", takes each child's ref and the value of
# COLUMN, and draws SIZE by sampling::strata (srswor within the strata,
# allocated in proportion by largest remainder, as cairn sample draw does).
#   Rscript bench/sample_strata_sqlite.R DB INSPECTION COLUMN SIZE
suppressPackageStartupMessages({
  library(DBI)
  library(RSQLite)
  library(sampling)
})
args <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
con <- dbConnect(RSQLite::SQLite(), args[1], flags = RSQLite::SQLITE_RO)
id <- as.integer(args[2])
col <- args[3]
size <- as.integer(args[4])
cols <- dbGetQuery(con, "SELECT name FROM population_column WHERE inspection_id = ? ORDER BY position",
                   params = list(id))$name
k <- match(col, cols)
if (is.na(k)) stop("no column ", col)
body <- dbGetQuery(con, "SELECT body FROM population_block WHERE inspection_id = ? ORDER BY position",
                   params = list(id))$body
dbDisconnect(con)
lines <- unlist(strsplit(body, "\n", fixed = TRUE), use.names = FALSE)
rm(body)
tab <- regexpr("\t", lines, fixed = TRUE)
# The values are plain strings here (no escapes): one vectorised regular
# expression takes the k-th element of each row's array.
pat <- sprintf('^[^\t]*\t\\[(?:"[^"]*",){%d}"([^"]*)".*$', k - 1)
d <- data.frame(ref = substr(lines, 1, tab - 1), stratum = sub(pat, "\\1", lines, perl = TRUE),
                stringsAsFactors = FALSE)
rm(lines)
t1 <- proc.time()[["elapsed"]]
set.seed(2024)
d <- d[order(d$stratum), ]
tab <- table(d$stratum)
q <- size * as.numeric(tab) / nrow(d)
n <- floor(q)
extra <- order(-(q - n))[seq_len(size - sum(n))]
n[extra] <- n[extra] + 1
s <- strata(d, stratanames = "stratum", size = n, method = "srswor")
chosen <- getdata(d, s)
t2 <- proc.time()[["elapsed"]]
cat(sprintf("sampled %d of %d in %d strata; read %.3f s, strata %.3f s\n", nrow(chosen),
            nrow(d), length(n), t1 - t0, t2 - t1))
