// groupby_duckdb.mjs - DuckDB side of the db-benchmark group-by questions: load once, time each.
// Run as: node bench/groupby_duckdb.mjs FILE [QUESTION ...] (needs bench/node from deps.sh). GB_RUNS
// (default 3) timed runs after 1 warm-up, best printed as "op=qN seconds=S result=CHECKSUM".
// Each question is db-benchmark's DuckDB SQL, its answer made into a table (CREATE TEMP TABLE
// ans AS ..., the timed part) and checked in SQL over that table; default threads.
import { openTable, runIntoTable } from './timing.mjs';

const [path, ...want] = process.argv.slice(2);
const runs = Number(process.env.GB_RUNS ?? 3);
const con = await openTable(path, 'x');

// [name, SQL, answer column names (as the SQL names them)]
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

// "rows:N,col:sum,...", computed in SQL over the answer table ans (no answer row comes into
// JavaScript): the sum of an integer column is exact (DuckDB sums BIGINT into HUGEINT, read as
// a BigInt), of a number column a double printed as %.17g
const chk = async (con, cols) => {
    const sums = cols.map(c => `sum("${c}")`).join(', ');
    const row = (await con.runAndReadAll(`SELECT count(*), ${sums} FROM ans`)).getRows()[0];
    const parts = [`rows:${row[0]}`];
    cols.forEach((c, k) => {
        const s = row[k + 1];
        parts.push(`${c}:${typeof s === 'bigint' ? s : Number(s).toPrecision(17)}`);
    });
    return parts.join(',');
};

await runIntoTable(con, qs.map(([name, sql, cols]) => [name, sql, c => chk(c, cols)]), runs, want);
