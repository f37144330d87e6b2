-- groupby_coda.lua - coda's side of the db-benchmark group-by questions: load once, time each in-process.
-- Run as: ./coda run bench/groupby_coda.lua FILE [QUESTION ...]   (q1 .. q10; default all).
-- GB_RUNS (default 3) timed runs after 1 warm-up; prints the best as
-- "op=qN seconds=S result=CHECKSUM", one line per question. Load time goes to stderr.
-- The checksum is db-benchmark's: the result's rows and the sum of each answer column
-- (integers exact, numbers as %.17g).
local coda = require("coda")
local clock = coda.clock
local file = assert(arg[1], "usage: groupby_coda.lua FILE [QUESTION ...]")
local runs = tonumber(os.getenv("GB_RUNS") or "3")

local t0 = clock()
local x = coda.read_csv(file)
io.stderr:write(string.format("agg: tool=coda version=%s load_s=%.3f rows=%d\n",
                               coda.version, clock() - t0, x:nrow()))

-- "rows:N,col:sum,..." over the answer columns of result r
local function chk(r, cols)
    local out = { "rows:" .. r:nrow() }
    for _, c in ipairs(cols) do
        local s = 0
        for i = 1, r:nrow() do s = s + r:get(i, c) end
        out[#out + 1] = c .. ":" .. (math.type(s) == "integer" and s or string.format("%.17g", s))
    end
    return table.concat(out, ",")
end

local qs = {
    { "q1", function() return x:group_by("id1"):summarise{ v1 = { "sum", "v1" } } end, { "v1" } },
    { "q2", function() return x:group_by("id1", "id2"):summarise{ v1 = { "sum", "v1" } } end, { "v1" } },
    { "q3", function() return x:group_by("id3"):summarise{ v1 = { "sum", "v1" }, v3 = { "mean", "v3" } } end,
      { "v1", "v3" } },
    { "q4", function()
          return x:group_by("id4"):summarise{ v1 = { "mean", "v1" }, v2 = { "mean", "v2" }, v3 = { "mean", "v3" } }
      end, { "v1", "v2", "v3" } },
    { "q5", function()
          return x:group_by("id6"):summarise{ v1 = { "sum", "v1" }, v2 = { "sum", "v2" }, v3 = { "sum", "v3" } }
      end, { "v1", "v2", "v3" } },
    { "q6", function()
          return x:group_by("id4", "id5"):summarise{ median_v3 = { "median", "v3" }, sd_v3 = { "sd", "v3" } }
      end, { "median_v3", "sd_v3" } },
    { "q7", function()
          return x:group_by("id3"):summarise{ max_v1 = { "max", "v1" }, min_v2 = { "min", "v2" } }
                  :mutate("range_v1_v2", "max_v1 - min_v2")
      end, { "range_v1_v2" } },
    { "q8", function() return x:group_by("id6"):slice_max("v3", 2) end, { "v3" } },
    { "q9", function() return x:group_by("id2", "id4"):summarise{ r2 = { "r2", "v1", "v2" } } end, { "r2" } },
    { "q10", function()
          return x:group_by("id1", "id2", "id3", "id4", "id5", "id6")
                  :summarise{ v3 = { "sum", "v3" }, count = { "count" } }
      end, { "v3", "count" } },
}

local want = {}
for i = 2, #arg do want[arg[i]] = true end
for _, q in ipairs(qs) do
    local cols = q[3]
    q[3] = function(r) return chk(r, cols) end
end
dofile((arg[0]:match("^(.*)/") or ".") .. "/timing.lua")(qs, runs, clock, want)
