"""Peer for bench 1 (population import): pandas read_csv + to_sql into a
fresh SQLite database, as an analyst would load a return (no validation
beyond what read_csv does).

    /usr/bin/python3 bench/population_pandas.py POPULATION.csv DB
"""
import sqlite3
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
con = sqlite3.connect(sys.argv[2])
df.to_sql('population', con, index=False)
con.commit()
con.close()
print(len(df), 'rows')
