// code_duckdb.mjs - DuckDB side of the coding benchmark (RE2 through regexp_extract_all).
// Run as: node bench/code_duckdb.mjs CORPUS_DIR CODEBOOK   (needs bench/node from deps.sh)
// Loads the corpus into a table docs(doc, text) with read_text and the codebook with read_csv
// (one row per code; option 'i' unless its flags hold "c"), then times one query that counts
// every code in every document, one column per code:
//   SELECT doc, len(regexp_extract_all(text, 'PATTERN', 0, 'i')) AS c1, ... FROM docs
// read in full (runAndReadAll). DuckDB's default threads. CODE_RUNS (default 1) timed runs,
// best kept. stdout: "doc<TAB>code<TAB>count" for every non-zero count; stderr: one
// "code: tool=duckdb ..." line.
import { DuckDBInstance } from './node/node_modules/@duckdb/node-api/lib/index.js';

const [dir, book] = process.argv.slice(2);
const runs = Number(process.env.CODE_RUNS ?? 1);
const clock = () => performance.now() / 1000; // monotonic
const lit = s => "'" + s.replaceAll("'", "''") + "'"; // SQL string literal (no escapes)

const con = await (await DuckDBInstance.create(':memory:')).connect();
let t0 = clock();
await con.run(`CREATE TABLE docs AS SELECT parse_filename(filename, true) AS doc, content AS text
               FROM read_text(${lit(dir + '/*.txt')}) ORDER BY doc`);
const loadS = clock() - t0;
const codes = (await con.runAndReadAll(
    `SELECT code, pattern, coalesce(flags, '') FROM read_csv(${lit(book)}, all_varchar = true)`)).getRows();

const cols = codes.map(([, pattern, flags], j) =>
    `len(regexp_extract_all(text, ${lit(pattern)}, 0, ${flags.includes('c') ? "'c'" : "'i'"})) AS c${j}`);
const sql = `SELECT doc, ${cols.join(', ')} FROM docs`;
let best = Infinity, rows = null;
for (let i = 0; i < runs; i++) {
    rows = null;
    const s = clock();
    rows = (await con.runAndReadAll(sql)).getRows();
    best = Math.min(best, clock() - s);
}

const out = [];
let total = 0;
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
for (const row of rows) {
    codes.forEach(([code], j) => {
        const n = Number(row[j + 1]);
        total += n;
        if (n > 0) out.push(`${row[0]}\t${code}\t${n}\n`);
    });
}
process.stdout.write(out.join(''));
const [version, threads] = (await con.runAndReadAll(
    "SELECT version(), current_setting('threads')")).getRows()[0];
console.error(`code: tool=duckdb version=${version} threads=${threads} load_s=${loadS.toFixed(3)} ` +
              `compile_s=0 code_s=${best.toFixed(3)} segments=${total}`);
