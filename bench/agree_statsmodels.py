"""Peer for bench 3 (agreement): statsmodels' cohens_kappa (kappa and
quadratic weighted kappa with their asymptotic intervals) and
Krippendorff's alpha (ordinal) with a percentile bootstrap over units, for
every item file (record,reader1,reader2) given.  statsmodels has no
Krippendorff's alpha, so alpha and its bootstrap are written here with
numpy (coincidence matrices, Krippendorff 2011), vectorised over the
replicates as an analyst would.

    /usr/bin/python3 bench/agree_statsmodels.py REPS FILE...
"""
import os
import sys

import numpy as np
from statsmodels.stats.inter_rater import cohens_kappa


def alpha_ordinal(cm):
    """Ordinal alpha of each coincidence matrix in cm (shape (..., k, k))."""
    nc = cm.sum(axis=-1)
    n = nc.sum(axis=-1)
    k = cm.shape[-1]
    cs = np.concatenate([np.zeros(nc.shape[:-1] + (1,)), np.cumsum(nc, axis=-1)], axis=-1)
    r, c = np.meshgrid(np.arange(k), np.arange(k), indexing='ij')
    lo, hi = np.minimum(r, c), np.maximum(r, c)
    d = (cs[..., hi + 1] - cs[..., lo] - (nc[..., r] + nc[..., c]) / 2) ** 2
    d[..., lo == hi] = 0
    exp = np.einsum('...i,...j,...ij->...', nc, nc, d)
    return 1 - (n - 1) * (cm * d).sum(axis=(-1, -2)) / exp


def main():
    reps = int(sys.argv[1])
    rng = np.random.default_rng(1)
    for f in sys.argv[2:]:
        x = np.loadtxt(f, delimiter=',', skiprows=1, usecols=(1, 2), dtype=np.int64)
        a, b = x[:, 0], x[:, 1]
        k = int(max(a.max(), b.max()))
        codes = (a - 1) * k + (b - 1)
        tab = np.bincount(codes, minlength=k * k).reshape(k, k).astype(float)
        kap = cohens_kappa(tab)
        wkap = cohens_kappa(tab, wt='quadratic')
        alpha = alpha_ordinal(tab + tab.T)
        n = len(a)
        boot = np.empty(reps)
        step = 100
        for s in range(0, reps, step):
            m = min(step, reps - s)
            pick = codes[rng.integers(0, n, size=(m, n))]
            flat = (pick + (np.arange(m) * k * k)[:, None]).ravel()
            t = np.bincount(flat, minlength=m * k * k).reshape(m, k, k).astype(float)
            boot[s:s + m] = alpha_ordinal(t + t.transpose(0, 2, 1))
        lo, hi = np.quantile(boot, [0.025, 0.975])
        print(f'{os.path.basename(f)} kappa {kap.kappa:.10f} wkappa {wkap.kappa:.10f} '
              f'alpha {alpha:.10f} ci {lo:.6f} {hi:.6f}')


if __name__ == '__main__':
    main()
