// groupby_duckdb.mjs - DuckDB side of the db-benchmark group-by questions: load once, time each.
// Run as: node bench/groupby_duckdb.mjs FILE [QUESTION ...] (needs bench/node from deps.sh). GB_RUNS
// (default 3) timed runs after 1 warm-up, best printed as "op=qN seconds=S result=CHECKSUM".
// Each question is db-benchmark's DuckDB SQL, read in full (runAndReadAll); default threads.
import { openTable, runOps } from './timing.mjs';

const [path, ...want] = process.argv.slice(2);
const runs = Number(process.env.GB_RUNS ?? 3);
const con = await openTable(path, 'x');

// [name, SQL, answer column names (the last columns of the result, in order)]
const qs = [
    ['q1', 'SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1', ['v1']],
    ['q2', 'SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2', ['v1']],
    ['q3', 'SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3', ['v1', 'v3']],
    ['q4', 'SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4', ['v1', 'v2', 'v3']],
    ['q5', 'SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6', ['v1', 'v2', 'v3']],
    ['q6', 'SELECT id4, id5, quantile_cont(v3, 0.5) AS median_v3, stddev(v3) AS sd_v3 FROM x GROUP BY id4, id5',
     ['median_v3', 'sd_v3']],
    ['q7', 'SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3', ['range_v1_v2']],
    ['q8', 'SELECT id6, v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS o ' +
     'FROM x) t WHERE o <= 2', ['v3']],
    ['q9', 'SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4', ['r2']],
    ['q10', 'SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM x ' +
     'GROUP BY id1, id2, id3, id4, id5, id6', ['v3', 'count']],
];

// "rows:N,col:sum,...": integer sums exact (BigInt), number sums as %.17g
const chk = (rows, cols) => {
    const parts = [`rows:${rows.length}`];
    cols.forEach((c, k) => {
        const j = rows.length ? rows[0].length - cols.length + k : 0;
        if (rows.length && typeof rows[0][j] === 'bigint') {
            let s = 0n;
            for (const r of rows) s += r[j];
            parts.push(`${c}:${s}`);
        } else {
            let s = 0;
            for (const r of rows) s += Number(r[j]);
            parts.push(`${c}:${s.toPrecision(17)}`);
        }
    });
    return parts.join(',');
};

await runOps(con, qs.map(([name, sql, cols]) => [name, sql, rows => chk(rows, cols)]), runs, want);
