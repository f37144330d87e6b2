-- agg_coda.lua - coda's side of the aggregation benchmark: load once, then time each op in-process.
-- Run as: ./coda run bench/agg_coda.lua FILE [OP ...]   (ops: multi_freq state_x_multi mean_by_group,
-- and run_ops.sh's median_by_group mean_by_two_keys filter_group_mean; default all). AGG_RUNS
-- (default 5) timed runs after 1 warm-up; prints the best as "op=NAME seconds=S result=CHECKSUM",
-- one line per op. Load time goes to stderr, never into an op.
local coda = require("coda")
local clock = coda.clock
if not clock then
    io.stderr:write("agg_coda.lua: coda.clock missing, timing with os.clock (CPU time, not wall)\n")
    clock = os.clock
end
local file = assert(arg[1], "usage: agg_coda.lua FILE [OP ...]")
local runs = tonumber(os.getenv("AGG_RUNS") or "5")

local t0 = clock()
local ds = coda.read_csv(file, { multi = { areas = ";", forms = ";" } })
io.stderr:write(string.format("agg: tool=coda version=%s load_s=%.3f rows=%d\n",
                               coda.version, clock() - t0, ds:nrow()))

-- checksum over a result with a count column: the sum of counts, the count where every
-- key column equals `fixed`, and how many non-zero cells there are
local function count_sum(r, keys, fixed, label)
    local total, hit, cells = 0, 0, 0
    for i = 1, r:nrow() do
        local n = r:get(i, "count")
        total = total + n
        if n > 0 then cells = cells + 1 end
        local match = true
        for k, col in ipairs(keys) do
            if r:get(i, col) ~= fixed[k] then match = false end
        end
        if match then hit = n end
    end
    return string.format("total:%d,%s:%d,cells:%d", total, label, hit, cells)
end

-- checksum over a result of one answer column m by key columns: groups, the sum of m and
-- the sum of rank * m, the groups in key order (strings bytewise, false before true), so
-- that means given to the wrong groups differ; numbers as %.17g
local function key_less(a, b)
    for k = 1, #a.key do
        local x, y = a.key[k], b.key[k]
        if x ~= y then
            if type(x) == "boolean" then return not x end
            return x < y
        end
    end
    return false
end
local function means_sum(r, keys)
    local g = {}
    for i = 1, r:nrow() do
        local key = {}
        for k, col in ipairs(keys) do key[k] = r:get(i, col) end
        g[#g + 1] = { key = key, m = r:get(i, "m") }
    end
    table.sort(g, key_less)
    local s, w = 0, 0
    for i, x in ipairs(g) do
        s = s + x.m
        w = w + i * x.m
    end
    return string.format("groups:%d,sum:%.17g,ranked:%.17g", #g, s, w)
end

local ops = {
    { "multi_freq",
      function() return ds:frequency("areas") end,
      function(r) return count_sum(r, { "value" }, { "rescue" }, "rescue") end },
    { "state_x_multi",
      function() return ds:crosstab("state", "areas") end,
      function(r) return count_sum(r, { "row", "col" }, { "Assam", "rescue" }, "Assam/rescue") end },
    { "mean_by_group",
      function() return ds:group_by("state"):summarise{ m = { "mean", "income" } } end,
      function(r)
          local states, mean = {}, {}
          for i = 1, r:nrow() do
              local s = r:get(i, "state")
              states[#states + 1] = s
              mean[s] = r:get(i, "m")
          end
          table.sort(states)
          local sum = 0
          for _, s in ipairs(states) do sum = sum + mean[s] end
          return string.format("groups:%d,sum_means:%.6f", #states, sum)
      end },
    { "median_by_group",
      function() return ds:group_by("state"):summarise{ m = { "median", "income" } } end,
      function(r) return means_sum(r, { "state" }) end },
    { "mean_by_two_keys",
      function() return ds:group_by("state", "consent"):summarise{ m = { "mean", "income" } } end,
      function(r) return means_sum(r, { "state", "consent" }) end },
    { "filter_group_mean",
      function()
          return ds:filter("age", ">=", 40):group_by("state"):summarise{ m = { "mean", "income" } }
      end,
      function(r) return means_sum(r, { "state" }) end },
}

local want = {}
for i = 2, #arg do want[arg[i]] = true end
dofile((arg[0]:match("^(.*)/") or ".") .. "/timing.lua")(ops, runs, clock, want)
