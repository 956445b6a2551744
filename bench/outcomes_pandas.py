"""The pandas peer for bench/outcomes_child.sh: the same aggregation and
population-weighted regression of group value on relative rank (the SII)."""
import sys

import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1], dtype={'area_code': str, 'period': str})
out = []
for ind in ['ind1', 'ind2', 'ind3', 'ind4']:
    g = df.groupby(['area_code', 'period', 'group'])[ind].agg(['sum', 'count']).reset_index()
    for (area, period), t in g.groupby(['area_code', 'period']):
        t = t.sort_values('group')
        den = t['count'].to_numpy(float)
        y = t['sum'].to_numpy(float) / den
        a = den / den.sum()
        x = np.cumsum(a) - a / 2
        X = np.column_stack([np.sqrt(a), x * np.sqrt(a)])
        coef, *_ = np.linalg.lstsq(X, y * np.sqrt(a), rcond=None)
        out.append((ind, area, period, -coef[1]))
print(len(out), 'SII values')
