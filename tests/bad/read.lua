-- read.lua - read one CSV file with coda.read_csv and describe what was
-- read, for the malformed-input cases of tests/bad/cases.tsv.
--
--   coda run tests/bad/read.lua FILE [KEY=VALUE...]
--
-- Options: infer=false, sep=C, na=S, threads=N, multi=COL:SEP,
-- types=COL:TYPE; any other KEY=VALUE is passed on as it is (so an unknown
-- option reaches read_csv).  Prints "N rows x M columns", then one line per
-- column (at most 5): name, type, and the byte length of row 1's value.
local coda = require("coda")

local path = arg[1]
local opts = {}
for i = 2, #arg do
    local k, v = arg[i]:match("^([%w_]+)=(.*)$")
    if not k then error("read.lua: expected KEY=VALUE, got " .. arg[i], 0) end
    if k == "infer" then
        opts.infer = v ~= "false"
    elseif k == "threads" then
        opts.threads = tonumber(v)
    elseif k == "multi" or k == "types" then
        local col, val = v:match("^([^:]*):(.*)$")
        opts[k] = opts[k] or {}
        opts[k][col] = val
    else
        opts[k] = v
    end
end

local ds = coda.read_csv(path, opts)
print(string.format("%d rows x %d columns", ds:nrow(), ds:ncol()))
local names = ds:names()
for i = 1, math.min(#names, 5) do
    local v = ds:nrow() > 0 and ds:get(1, names[i]) or nil
    local len = type(v) == "string" and #v or type(v) == "table" and #v or 0
    print(string.format("%s\t%s\t%d", names[i], ds:type(names[i]), len))
end
