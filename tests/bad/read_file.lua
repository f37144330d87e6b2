-- read_file.lua - read one file with coda.read (SPSS, Stata, SAS, Excel or
-- CSV, by its extension) and describe it, for the malformed-input cases of
-- tests/bad/cases.tsv.
--
--   coda run tests/bad/read_file.lua FILE [SHEET]
--
-- Prints "N rows x M columns".
local coda = require("coda")

local ds = coda.read(arg[1], arg[2] and { sheet = arg[2] } or nil)
print(string.format("%d rows x %d columns", ds:nrow(), ds:ncol()))
