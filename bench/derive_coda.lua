-- derive_coda.lua - coda's side of the derived-column benchmark: load once, then time
-- ds:mutate("iw", "income * weight") (C expression) and the same through a per-row Lua
-- callback, in-process. Run as: ./coda run bench/derive_coda.lua FILE. DERIVE_RUNS (default
-- 5) timed runs after 1 warm-up (the callback: DERIVE_LUA_RUNS, default 1); prints the best as
-- "op=NAME seconds=S result=CHECKSUM". Load time goes to stderr.
local coda = require("coda")
local clock = coda.clock
local file = assert(arg[1], "usage: derive_coda.lua FILE")
local runs = tonumber(os.getenv("DERIVE_RUNS") or "5")
local lua_runs = tonumber(os.getenv("DERIVE_LUA_RUNS") or "1")

local t0 = clock()
local ds = coda.read_csv(file, { multi = { areas = ";", forms = ";" } })
io.stderr:write(string.format("derive: tool=coda version=%s load_s=%.3f rows=%d\n",
                               coda.version, clock() - t0, ds:nrow()))

-- the sum of iw over rows where it is not missing (row order), and the missing count
local function check(r)
    local sum, na = 0, 0
    local col = r:column("iw")
    for i = 1, col.n do
        local v = col[i]
        if v == nil then na = na + 1 else sum = sum + v end
    end
    return string.format("sum:%.2f,missing:%d", sum, na)
end

local time_ops = dofile((arg[0]:match("^(.*)/") or ".") .. "/timing.lua")
time_ops({ { "income_x_weight", function() return ds:mutate("iw", "income * weight") end,
             check } }, runs, clock, {})
time_ops({ { "income_x_weight_lua", function()
                 return ds:mutate("iw", function(r) return r.income and r.income * r.weight end)
             end, check } }, lua_runs, clock, {})
