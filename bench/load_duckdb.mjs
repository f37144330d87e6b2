// load_duckdb.mjs - peer loader: DuckDB (@duckdb/node-api) read_csv into a table, prints rows=N.
// Needs bench/node/node_modules from deps.sh; run as: node bench/load_duckdb.mjs FILE
import { DuckDBInstance } from './node/node_modules/@duckdb/node-api/lib/index.js';

const path = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const quoted = "'" + path.replaceAll("'", "''") + "'";
await con.run(`CREATE TABLE t AS SELECT * FROM read_csv(${quoted})`);
const reader = await con.runAndReadAll('SELECT count(*) AS n FROM t');
console.log(`rows=${reader.getRows()[0][0]}`);
