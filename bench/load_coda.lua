-- load_coda.lua - coda's loader for the benchmark: read_csv with the two multi-select columns, prints rows=N.
-- Run as: ./coda run bench/load_coda.lua FILE
local coda = require("coda")
local ds = coda.read_csv(arg[1], { multi = { areas = ";", forms = ";" } })
print("rows=" .. ds:nrow())
