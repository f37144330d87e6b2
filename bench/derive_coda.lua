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

local ops = {
    { "income_x_weight", runs, function() return ds:mutate("iw", "income * weight") end },
    { "income_x_weight_lua", lua_runs, function()
          return ds:mutate("iw", function(r)
              return r.income and r.income * r.weight
          end)
      end },
}
for _, op in ipairs(ops) do
    local name, n, run = op[1], op[2], op[3]
    local best, r = math.huge, nil
    for i = 0, n do -- run 0 is the warm-up
        r = nil
        collectgarbage()
        local s = clock()
        r = run()
        local e = clock() - s
        if i > 0 and e < best then best = e end
    end
    print(string.format("op=%s seconds=%.6f result=%s", name, best, check(r)))
end
