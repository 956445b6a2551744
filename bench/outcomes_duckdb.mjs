// The peer for bench 4 (bench/run.py, bench/outcomes_child.sh): DuckDB (npm @duckdb/node-api) reads
// the child-level CSV, aggregates numerator and denominator by indicator,
// area, period and group, and fits the population-weighted regression of
// each group's value on its relative rank (the SII), as Cairn does.
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const sql = `
WITH c AS (
  SELECT area_code, period, "group" AS grp, ind1, ind2, ind3, ind4
  FROM read_csv('${file}', header = true,
    columns = {'area_code': 'VARCHAR', 'area_name': 'VARCHAR', 'period': 'VARCHAR',
               'group': 'INTEGER', 'ind1': 'INTEGER', 'ind2': 'INTEGER', 'ind3': 'INTEGER',
               'ind4': 'INTEGER'})
), agg AS (
  SELECT area_code, period, grp,
    SUM(ind1) n1, COUNT(ind1) d1, SUM(ind2) n2, COUNT(ind2) d2,
    SUM(ind3) n3, COUNT(ind3) d3, SUM(ind4) n4, COUNT(ind4) d4
  FROM c GROUP BY ALL
), cells AS (
  SELECT area_code, period, grp, 'ind1' ind, n1 num, d1 den FROM agg
  UNION ALL SELECT area_code, period, grp, 'ind2', n2 * 1000.0 / 1.0, d2 FROM agg
  UNION ALL SELECT area_code, period, grp, 'ind3', n3, d3 FROM agg
  UNION ALL SELECT area_code, period, grp, 'ind4', n4, d4 FROM agg
), ranked AS (
  SELECT *, num / den AS y, den / SUM(den) OVER w AS a,
    SUM(den) OVER (PARTITION BY ind, area_code, period ORDER BY grp) / SUM(den) OVER w
      - den / SUM(den) OVER w / 2 AS x
  FROM cells WINDOW w AS (PARTITION BY ind, area_code, period)
)
SELECT ind, area_code, period,
  -(SUM(a) * SUM(a * x * y) - SUM(a * x) * SUM(a * y))
    / (SUM(a) * SUM(a * x * x) - SUM(a * x) * SUM(a * x)) AS sii
FROM ranked GROUP BY ind, area_code, period ORDER BY ind, area_code, period`;
const reader = await con.runAndReadAll(sql);
const rows = reader.getRows();
console.log(rows.length, 'SII values');
// With a second argument, the values go there as JSON [[indicator, area, period, sii], ...]
// so that the suite can check them against Cairn's.
if (process.argv[3])
  writeFileSync(process.argv[3], JSON.stringify(rows.map((r) => [r[0], r[1], r[2], Number(r[3])])));
