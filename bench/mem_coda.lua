-- mem_coda.lua - what run_memory.sh measures: ./coda run bench/mem_coda.lua
-- csv FILE | corpus FOLDER | none; loads it and prints rows=N cols=M.
local coda = require("coda")
local kind, path = arg[1], arg[2]
if kind == "none" then
    print("rows=0 cols=0")
    return
end
local ds = kind == "csv" and coda.read_csv(path) or coda.read_corpus(path)
print(string.format("rows=%d cols=%d", ds:nrow(), ds:ncol()))
