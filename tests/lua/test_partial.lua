-- test_partial.lua - partial results that merge: a generated Dataset
-- split into parts several ways, each part's partial merged, against the
-- verb over the whole (identical where sums are exact, else against the
-- one partial of all rows bit for bit and the ordinary verb to 1e-12);
-- refusals of partials made otherwise, shards twice or missing.
local coda = require("coda")
local h = require("helper")

local T = {}

-- A deterministic generator (a linear congruential one is enough here).
local function prng(seed)
    local s = seed
    return function(n)
        s = (s * 6364136223846793005 + 1442695040888963407)
        return ((s >> 33) % n) + 1
    end
end

-- Synthetic data: id 1..n, g (strings, some missing), k (integers), x
-- (numbers of mixed magnitude and sign, some missing), w (weights in
-- quarters: their sums are exact in any order), u (weights of any bits),
-- m (multi: sets of labels), y (positive numbers of any bits, some
-- missing), d (eighths: sums exact in any order).
local function generate(n, seed)
    local r = prng(seed)
    local rows = {}
    local labels = { "red", "green", "blue", "grey" }
    for i = 1, n do
        local m = {}
        for _ = 1, r(3) - 1 do
            m[#m + 1] = labels[r(4)]
        end
        rows[i] = {
            id = i,
            g = r(9) > 1 and ("g" .. r(5)) or nil,
            k = r(4),
            x = r(10) > 1 and (r(2000) - 700) / 7 * 10 ^ (r(5) - 3) or nil,
            w = r(16) / 4,
            u = r(1000000) / 997,
            m = m,
            y = r(10) > 1 and r(1000000) / 7 + 1e6 or nil,
            d = r(4000) / 8 - 250,
        }
    end
    return coda.dataset(rows, { "id", "g", "k", "x", "w", "u", "m", "y", "d" })
end

-- The parts of ds by part(id) in 1..n (some may be empty).
local function split(ds, n, part)
    local ids = {}
    for i = 1, n do
        ids[i] = { 0 }          -- id 0 never occurs: an empty part stays so
    end
    for r = 1, ds:nrow() do
        local id = ds:get(r, "id")
        local p = ids[part(id)]
        p[#p + 1] = id
    end
    local parts = {}
    for i = 1, n do
        parts[i] = ds:filter("id", "in", ids[i])
    end
    return parts
end

-- Splits: contiguous, round robin, random with an empty part, one part.
local function splits(ds)
    local n, r = ds:nrow(), prng(7)
    return {
        split(ds, 3, function(id) return (id - 1) * 3 // n + 1 end),
        split(ds, 5, function(id) return id % 5 + 1 end),
        split(ds, 4, function() return r(3) end),
        split(ds, 1, function() return 1 end),
    }
end

local function merged(parts, verb)
    local ps = {}
    for i, part in ipairs(parts) do
        ps[i] = verb(part, true)
    end
    return coda.merge(ps)
end

-- Number columns of a and b equal to rel relatively, the rest identical.
local function assert_close(a, b, rel, what)
    local ca, cb = h.contents(a), h.contents(b)
    h.assert_eq(ca.names, cb.names, what)
    h.assert_eq(ca.types, cb.types, what)
    for c, col in ipairs(ca.cols) do
        for i = 1, ca.nrow do
            local x, y = col[i], cb.cols[c][i]
            if type(x) == "number" and math.type(x) == "float" then
                h.assert_true(y and math.abs(x - y) <= rel * math.abs(y),
                              what .. ": " .. ca.names[c] .. " row " .. i
                              .. ": " .. tostring(x) .. " vs " .. tostring(y))
            else
                h.assert_eq(x, y, what .. ": " .. ca.names[c] .. " row " .. i)
            end
        end
    end
end

-- Each split of ds merged against whole(ds) exactly.
local function check_exact(ds, verb, what)
    local whole = h.contents(verb(ds))
    for s, parts in ipairs(splits(ds)) do
        h.assert_eq(h.contents(merged(parts, verb)), whole,
                    what .. ", split " .. s)
    end
end

local DS = generate(600, 42)

-- Sums of any bits: every split merged gives the one partial's result bit
-- for bit, and the ordinary verb's (sums in row order) to 1e-12.
local function check_any_bits(verb, what)
    local one = h.contents(coda.merge({ verb(DS, true) }))
    for s, parts in ipairs(splits(DS)) do
        h.assert_eq(h.contents(merged(parts, verb)), one, what .. ", split " .. s)
    end
    assert_close(coda.merge({ verb(DS, true) }), verb(DS), 1e-12,
                 what .. " against the ordinary verb")
end


function T.frequency_merges_exactly()
    for _, opts in ipairs({ {}, { ci = "clopper-pearson", level = 0.9 },
                            { order = "value" }, { base = "responses" },
                            { base = 1000 }, { order = { "g3", "g9" } },
                            { all_labels = { "g1", "none" } },
                            { within = { "k", ">", 1 } } }) do
        check_exact(DS, function(p, partial)
            local o = {}
            for k, v in pairs(opts) do
                o[k] = v
            end
            o.partial = partial
            return p:frequency("g", o)
        end, "frequency " .. h.show(opts))
    end
end

function T.frequency_of_integers_and_multi()
    for _, col in ipairs({ "k", "m" }) do
        check_exact(DS, function(p, partial)
            return p:frequency(col, { partial = partial })
        end, "frequency of " .. col)
    end
    check_exact(DS, function(p, partial)
        return p:frequency("m", { partial = partial, all_labels = true,
                                  base = "responses" })
    end, "frequency of m, all labels")
end

function T.weighted_frequency_merges_exactly()
    check_exact(DS, function(p, partial)
        return p:frequency("g", { weight = "w", partial = partial })
    end, "weighted frequency")
    check_exact(DS, function(p, partial)
        return p:frequency("m", { weight = "w", partial = partial,
                                  base = "responses" })
    end, "weighted frequency of m")
end

-- Weights of any bits: a merged sum is rounded once from the exact sum.
function T.weighted_frequency_any_weights()
    check_any_bits(function(p, partial)
        return p:frequency("g", { weight = "u", partial = partial })
    end, "weighted frequency")
end

function T.merge_refuses_partials_made_otherwise()
    local a = DS:frequency("g", { partial = true })
    h.assert_error(function()
        coda.merge({ a, DS:frequency("g", { partial = true, ci = "none" }) })
    end, 'merge: partial 2 was made with option ci = "none", partial 1 '
        .. "with ci = nil", true)
    h.assert_error(function()
        coda.merge({ a, DS:frequency("k", { partial = true }) })
    end, 'merge: partial 2 is of columns "k", partial 1 of "g"', true)
    h.assert_error(function()
        coda.merge({ a, DS:frequency("g", { partial = true, weight = 5 }) })
    end, 'partial 2 was made with option weight = "w", partial 1 with '
        .. "weight = nil", true)
    h.assert_error(function()
        coda.merge({ a, DS:frequency("g", { partial = true, order = "value" }),
                     a })
    end, 'partial 2 was made with option order = "value"', true)
end

local function shard(s)
    return DS:frequency("g", { partial = { shard = s } })
end

function T.merge_reports_shards()
    h.assert_error(function()
        coda.merge({ shard("0/3"), shard("1/3"), shard("1/3") })
    end, "merge: shard 1/3 is given twice (partials 2 and 3)", true)
    h.assert_error(function()
        coda.merge({ shard("0/3"), shard("2/3") })
    end, "merge: shard 1/3 is missing (2 of 3 given)", true)
    h.assert_error(function()
        coda.merge({ shard("1/3"), shard("2/3") })
    end, "merge: shard 0/3 is missing (2 of 3 given)", true)
    h.assert_error(function()
        coda.merge({ shard("0/3"), shard("1/3") })
    end, "merge: shard 2/3 is missing (2 of 3 given)", true)
    h.assert_error(function()
        coda.merge({ shard("0/3"), shard("1/2") })
    end, "merge: partial 2 is shard 1/2, of 2 shards, but an earlier one "
        .. "is of 3", true)
    h.assert_error(function()
        coda.merge({ shard("0/2"), DS:frequency("g", { partial = true }) })
    end, "merge: 1 of the 2 partials have a shard label and the others none",
        true)
    for _, bad in ipairs({ "3/3", "-1/3", "0/0", "3", "a/b", "1/2x" }) do
        h.assert_error(function() shard(bad) end,
                       'frequency: partial shard must be "K/N" with 0 <= K '
                       .. '< N (e.g. "3/8"), not ' .. bad, true)
    end
    local tiny, many = generate(3, 5), {}
    for i = 1, 300 do
        many[i] = tiny:frequency("k", { partial = { shard = (i == 151 and 149 or i - 1) .. "/300" } })
    end
    h.assert_error(function() coda.merge(many) end,
                   "merge: shard 149/300 is given twice (partials 150 and 151)", true)
    many[151] = tiny:frequency("k", { partial = { shard = "150/300" } })
    h.assert_eq(coda.merge(many):get(1, "count"), 300 * tiny:frequency("k"):get(1, "count"))
    local parts = splits(DS)[1]
    local ps = {}
    for i, p in ipairs(parts) do
        ps[i] = p:frequency("g", { partial = { shard = (i - 1) .. "/" .. #parts } })
    end
    h.assert_eq(h.contents(coda.merge(ps)), h.contents(DS:frequency("g")))
end

-- Every kind of partial, as the files of its parts would carry it (part i
-- of 5).
local function kinds(p, i)
    return {
        p:frequency("g", { partial = true, weight = "u" }),
        p:frequency("m", { partial = { shard = (i - 1) .. "/5" }, all_labels = true }),
        p:crosstab("g", "m", { partial = true, weight = "u", level = 0.9 }),
        p:group_by("g", "k"):summarise({ { "m", "mean", "y" }, { "sd", "sd", "x" },
                                         { "q", "quantile", "x", 0.3 },
                                         { "lo", "min", "d" }, { "n", "count" } },
                                       { partial = true }),
        p:summarise({ { "s", "sum", "u" }, { "t", "wcount" } },
                    { weight = "w", partial = true }),
    }
end

-- Written and read back: the same merged result bit for bit, the same
-- file when written again, and merged with partials never written.
function T.files_round_trip_bit_for_bit()
    local parts = splits(DS)[2]
    for k = 1, #kinds(DS, 1) do
        local direct, read = {}, {}
        for i, part in ipairs(parts) do
            local p = kinds(part, i)[k]
            local path = h.path("p" .. k .. "_" .. i .. ".json")
            p:write(path)
            direct[i], read[i] = p, coda.read_partial(path)
            read[i]:write(path .. ".again")
            h.assert_eq(h.read(path .. ".again"), h.read(path), "rewritten")
            h.assert_eq(read[i]:info(), p:info(), "info")
        end
        local want = h.contents(coda.merge(direct))
        h.assert_eq(h.contents(coda.merge(read)), want, "kind " .. k)
        read[1] = direct[1]
        h.assert_eq(h.contents(coda.merge(read)), want, "mixed, kind " .. k)
    end
end

function T.bad_files_named()
    local good = h.path("good.json")
    DS:frequency("g", { partial = true }):write(good)
    local text = h.read(good)
    local cases = {
        { "{ not json", "bad.json:1:" },
        { "", "bad.json" },
        { "[1, 2]", 'bad.json: not a partial coda wrote: no "format": "coda partial 1"' },
        { (text:gsub('"format":"coda partial 1"', '"format":"coda partial 9"')),
          'not a partial coda wrote: no "format"' },
        { (text:gsub('"nsum":2', '"nsum":3')), "not a partial coda wrote: the number of keys" },
        { (text:gsub('"0x', '"0y', 1)), "not a partial coda wrote: sums" },
        { (text:gsub('"verb":"frequency"', '"verb":"median"')),
          "bad.json: not a partial coda wrote: no verb" },
        { (text:gsub('"columns":%[[^]]*%]', '"columns":3')),
          "bad.json: not a partial coda wrote: no columns, options" },
        { (text:gsub('"types":%["string"%]', '"types":["multi"]')),
          "not a partial coda wrote: the keys" },
        { (text:gsub('"rows":5', '"rows":7')), "not a partial coda wrote" },
    }
    for i, c in ipairs(cases) do
        local path = h.write("bad.json", c[1])
        h.assert_error(function() coda.read_partial(path) end, c[2], true,
                       "case " .. i)
    end
    h.assert_error(function() coda.read_partial(h.path("none.json")) end,
                   "none.json", true)
    h.assert_error(function() coda.read_partial(h.path("")) end, "")
    h.assert_error(function() coda.read_partial("a\0b") end, "NUL")
    local p = DS:frequency("g", { partial = true })
    h.assert_error(function() p:write(h.tmpdir()) end, h.tmpdir(), true)
    h.assert_error(function() p:write(h.path("no/such/dir/p.json")) end,
                   "p.json", true)
    p:close()
    h.assert_error(function() p:write(good) end, "closed partial", true)
    h.assert_eq(h.read(good), text, "a failed write leaves the file")
end


function T.partials_outlive_their_dataset()
    local ds = generate(50, 3)
    local ps = { ds:frequency("g", { partial = true }),
                 ds:group_by("g"):summarise({ { "n", "count" } }, { partial = true }),
                 ds:crosstab("g", "k", { partial = true }) }
    local want = { h.contents(ds:frequency("g")),
                   h.contents(ds:group_by("g"):summarise({ { "n", "count" } })),
                   h.contents(ds:crosstab("g", "k")) }
    ds:close()
    ds = nil
    collectgarbage()
    collectgarbage()
    for i, p in ipairs(ps) do
        h.assert_eq(h.contents(coda.merge({ p })), want[i], "kind " .. i)
    end
end

function T.files_where_coda_does_not_write()
    local csv = h.write("in.csv", "a,b\n1,x\n2,y\n")
    local ds = coda.read_csv(csv)
    local p = ds:frequency("b", { partial = true })
    h.assert_error(function() p:write(csv) end, "in.csv", true)
    h.assert_eq(h.read(csv), "a,b\n1,x\n2,y\n", "the input is kept")
    p:write("/dev/null")
    h.assert_error(function() coda.read_partial("/dev/null") end, "/dev/null", true)
    local info = p:info()
    info.options.weight = "b"           -- a copy: the partial keeps its own
    h.assert_eq(p:info().options, {})
    h.assert_eq(info.verb, "frequency")
    h.assert_eq(info.keys, 2)
end


-- An ordered category keeps its order through a merge and a file, and
-- partials of other levels are refused.
function T.levels_kept()
    local ds = coda.dataset({ { id = 1, r = "Low" }, { id = 2, r = "High" },
                              { id = 3, r = "Medium" }, { id = 4, r = "High" } },
                            { "id", "r" }):levels("r", { "Low", "Medium", "High" })
    local a = ds:filter("id", "<=", 2):frequency("r", { partial = true })
    local b = ds:filter("id", ">", 2):frequency("r", { partial = true })
    local path = h.path("levels.json")
    a:write(path)
    local want = h.contents(ds:frequency("r"))
    h.assert_eq(want.cols[1], { "Low", "Medium", "High", n = 3 })
    h.assert_eq(h.contents(coda.merge({ coda.read_partial(path), b })), want)
    h.assert_eq(coda.read_partial(path):info(), a:info())
    local other = ds:levels("r", { "High", "Medium", "Low" }):frequency("r", { partial = true })
    h.assert_error(function() coda.merge({ a, other }) end,
                   "merge: partial 2's key \"value\" has other levels than partial 1's",
                   true)
    h.assert_error(function()
        coda.merge({ a, coda.dataset({ { r = "Low" } }, { "r" }):frequency("r", { partial = true }) })
    end, "has other levels", true)
    h.assert_error(function()
        coda.merge({ a, coda.dataset({ { r = 1 } }, { "r" }):frequency("r", { partial = true }) })
    end, 'merge: partial 2\'s key "value" is integer, partial 1\'s is string', true)
end

return T
