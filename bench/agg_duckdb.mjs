// agg_duckdb.mjs - DuckDB side of the aggregation benchmark: load once into a table, time each op.
// Run as: node bench/agg_duckdb.mjs FILE [OP ...] (needs bench/node from deps.sh). AGG_RUNS
// (default 5) timed runs after 1 warm-up, best printed as "op=NAME seconds=S result=CHECKSUM".
// Each op is one SQL query read in full (runAndReadAll); DuckDB's default threads (all cores).
import { openTable, runOps } from './timing.mjs';

const [path, ...want] = process.argv.slice(2);
const runs = Number(process.env.AGG_RUNS ?? 5);
const con = await openTable(path, 't');

const countCheck = (rows, key, label) => {
    // rows: [...keys, count]; key: the fixed key values
    let total = 0n, hit = 0n, cells = 0;
    for (const row of rows) {
        const n = BigInt(row[row.length - 1]);
        total += n;
        if (n > 0n) cells++;
        if (key.every((k, i) => row[i] === k)) hit = n;
    }
    return `total:${total},${label}:${hit},cells:${cells}`;
};
// rows: [...keys, m]: groups, the sum of m and the sum of rank * m with the groups in key
// order (strings bytewise, false before true), left to right like the other tools; %.17g
const g17 = x => x.toPrecision(17);
const keyLess = (a, b) => {
    for (let k = 0; k < a.length - 1; k++)
        if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
    return 0;
};
const meansSum = rows => {
    const r = [...rows].sort(keyLess);
    let s = 0, w = 0;
    r.forEach((x, i) => { s += x[x.length - 1]; w += (i + 1) * x[x.length - 1]; });
    return `groups:${r.length},sum:${g17(s)},ranked:${g17(w)}`;
};
const ops = [
    ['multi_freq',
     "SELECT lab, count(*) AS n FROM (SELECT unnest(string_split(areas, ';')) AS lab FROM t) GROUP BY lab",
     rows => countCheck(rows, ['rescue'], 'rescue')],
    ['state_x_multi',
     "SELECT state, lab, count(*) AS n FROM (SELECT state, unnest(string_split(areas, ';')) AS lab FROM t) " +
     'GROUP BY state, lab',
     rows => countCheck(rows, ['Assam', 'rescue'], 'Assam/rescue')],
    ['mean_by_group',
     'SELECT state, avg(income) AS m FROM t GROUP BY state',
     rows => {
         const r = rows.filter(x => x[0] !== null && x[1] !== null)
             .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
         let s = 0;
         for (const x of r) s += x[1];
         return `groups:${r.length},sum_means:${s.toFixed(6)}`;
     }],
    ['median_by_group', 'SELECT state, median(income) AS m FROM t GROUP BY state', meansSum],
    ['mean_by_two_keys', 'SELECT state, consent, avg(income) AS m FROM t GROUP BY state, consent', meansSum],
    ['filter_group_mean', 'SELECT state, avg(income) AS m FROM t WHERE age >= 40 GROUP BY state', meansSum],
];
await runOps(con, ops, runs, want);
