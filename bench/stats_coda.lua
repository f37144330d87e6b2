-- stats_coda.lua - the survey-statistics benchmark, coda's side: coda run
-- bench/stats_coda.lua FILE.  Loads FILE once, then times (1 warm-up,
-- best of STATS_RUNS, default 5): the design (50 strata, 2,000 PSUs), its
-- mean (svymean), its mean by group (svyby), and the unweighted group
-- mean of the same data; prints "op=NAME seconds=S result=..." lines.
local coda = require("coda")
local file = assert(arg[1], "usage: stats_coda.lua FILE")
local runs = tonumber(os.getenv("STATS_RUNS") or "5")
local ds = coda.read_csv(file)

local function time(name, fn)
    fn()
    local best, res = math.huge, nil
    for _ = 1, runs do
        local t0 = coda.clock()
        res = fn()
        best = math.min(best, coda.clock() - t0)
    end
    print(string.format("op=%s seconds=%.4f result=%s", name, best, res))
end

local spec = { weights = "w", strata = "stratum", cluster = "psu" }
local d = coda.design(ds, spec)
time("design", function() return tostring(coda.design(ds, spec)):match("%d+ PSUs") end)
time("svymean", function()
    local m = d:mean("y")
    return string.format("%.10g/%.10g", m:get(1, "mean"), m:get(1, "se"))
end)
time("svyby", function()
    local m = d:group_by("g"):mean("y")
    return string.format("%.10g/%.10g", m:get(1, "mean"), m:get(1, "se"))
end)
time("group_mean", function()
    local m = ds:group_by("g"):summarise{ { "m", "mean", "y" } }
    return string.format("%.10g", m:get(1, "m"))
end)
