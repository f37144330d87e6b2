// timing.mjs - what the DuckDB benchmark scripts share (agg_duckdb.mjs, groupby_duckdb.mjs):
// loading the file into a table and timing each query in-process, its answer read into
// JavaScript (runOps) or kept in a table (runIntoTable).
import { DuckDBInstance } from './node/node_modules/@duckdb/node-api/lib/index.js';

export const clock = () => performance.now() / 1000; // monotonic

// A connection holding table `table` loaded from the CSV at path; prints the "agg: tool=duckdb
// ..." line (version, threads, load seconds, rows) on stderr.
export async function openTable(path, table) {
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    const quoted = "'" + path.replaceAll("'", "''") + "'";
    const t0 = clock();
    await con.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${quoted})`);
    const info = (await con.runAndReadAll(
        `SELECT count(*), version(), current_setting('threads') FROM ${table}`)).getRows()[0];
    console.error(`agg: tool=duckdb version=${info[1]} threads=${info[2]} ` +
                  `load_s=${(clock() - t0).toFixed(3)} rows=${info[0]}`);
    return con;
}

// For each [name, sql, check] of ops named in want (all when empty): 1 warm-up run, then the
// best of runs, each query read in full; prints "op=NAME seconds=S result=CHECK".
export async function runOps(con, ops, runs, want) {
    for (const [name, sql, check] of ops) {
        if (want.length && !want.includes(name)) continue;
        let best = Infinity, rows = null;
        for (let i = 0; i <= runs; i++) { // run 0 is the warm-up
            const s = clock();
            rows = (await con.runAndReadAll(sql)).getRows();
            const e = clock() - s;
            if (i > 0) best = Math.min(best, e);
        }
        console.log(`op=${name} seconds=${best.toFixed(6)} result=${check(rows)}`);
    }
}

// For each [name, sql, check] of ops named in want (all when empty): 1 warm-up run, then the
// best of runs of CREATE OR REPLACE TEMP TABLE ans AS sql (the answer stays in DuckDB, as
// db-benchmark's DuckDB solution keeps it, however many rows it has); then prints
// "op=NAME seconds=S result=CHECK", CHECK = await check(con) over the table ans, which is
// dropped after.
export async function runIntoTable(con, ops, runs, want) {
    for (const [name, sql, check] of ops) {
        if (want.length && !want.includes(name)) continue;
        let best = Infinity;
        for (let i = 0; i <= runs; i++) { // run 0 is the warm-up
            await con.run('DROP TABLE IF EXISTS ans');
            const s = clock();
            await con.run(`CREATE TEMP TABLE ans AS ${sql}`);
            const e = clock() - s;
            if (i > 0) best = Math.min(best, e);
        }
        const result = await check(con);
        await con.run('DROP TABLE ans');
        console.log(`op=${name} seconds=${best.toFixed(6)} result=${result}`);
    }
}
