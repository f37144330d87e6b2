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
        coda.merge({ shard("1/3"), shard("2/3"), shard("2/3") })
    end, "merge: shard 2/3 is given twice (partials 2 and 3)", true)
    h.assert_error(function()
        coda.merge({ shard("1/3"), shard("3/3") })
    end, "merge: shard 2/3 is missing (2 of 3 given)", true)
    h.assert_error(function()
        coda.merge({ shard("1/3"), shard("1/2") })
    end, "merge: partial 2 is shard 1/2, of 2 shards, but an earlier one "
        .. "is of 3", true)
    h.assert_error(function()
        coda.merge({ shard("1/2"), DS:frequency("g", { partial = true }) })
    end, "merge: 1 of the 2 partials have a shard label and the others none",
        true)
    for _, bad in ipairs({ "0/3", "4/3", "3", "a/b", "1/2x" }) do
        h.assert_error(function() shard(bad) end,
                       'frequency: partial shard must be "K/N" with 1 <= K '
                       .. '<= N (e.g. "3/8"), not ' .. bad, true)
    end
    local tiny, many = generate(3, 5), {}
    for i = 1, 300 do
        many[i] = tiny:frequency("k", { partial = { shard = (i == 151 and 150 or i) .. "/300" } })
    end
    h.assert_error(function() coda.merge(many) end,
                   "merge: shard 150/300 is given twice (partials 150 and 151)", true)
    many[151] = tiny:frequency("k", { partial = { shard = "151/300" } })
    h.assert_eq(coda.merge(many):get(1, "count"), 300 * tiny:frequency("k"):get(1, "count"))
    local parts = splits(DS)[1]
    local ps = {}
    for i, p in ipairs(parts) do
        ps[i] = p:frequency("g", { partial = { shard = i .. "/3" } })
    end
    h.assert_eq(h.contents(coda.merge(ps)), h.contents(DS:frequency("g")))
end

function T.merge_bad_arguments()
    local a = DS:frequency("g", { partial = true })
    h.assert_error(function() coda.merge({}) end,
                   "merge: no partials (a list of partials expected)", true)
    h.assert_error(function() coda.merge({ a, DS }) end,
                   "merge: item 2 is a coda.Dataset, not a partial", true)
    h.assert_error(function() coda.merge({ a, "x" }) end,
                   "merge: item 2 is a string, not a partial", true)
    h.assert_error(function() coda.merge(a) end, "table expected")
    h.assert_error(function() coda.merge({ a }, { partial = 1, x = 1 }) end,
                   'merge: unknown option "x" (options: partial)', true)
    h.assert_error(function()
        DS:frequency("g", { partial = { shard = "1/2", k = 1 } })
    end, 'frequency: unknown option "k" (options: shard)', true)
    h.assert_error(function() DS:frequency("g", { partial = "yes" }) end,
                   'frequency: partial must be true or { shard = "K/N" }',
                   true)
    local b = DS:frequency("g", { partial = true })
    b:close()
    h.assert_error(function() coda.merge({ a, b }) end,
                   "merge: item 2 is a closed partial", true)
    h.assert_eq(tostring(b), "Partial (closed)")
    h.assert_eq(tostring(a), 'Partial frequency of "g": 5 keys')
    local closed = generate(5, 1)
    closed:close()
    h.assert_error(function() closed:frequency("g", { partial = true }) end,
                   "closed Dataset")
end

function T.merged_partial_merges_again()
    local parts = splits(DS)[2]
    local verb = function(p) return p:frequency("g", { partial = true }) end

    local left = coda.merge({ verb(parts[1]), verb(parts[2]) },
                            { partial = true })
    local right = coda.merge({ verb(parts[3]), verb(parts[4]), verb(parts[5]) },
                             { partial = true })
    h.assert_eq(tostring(left):match("^Partial frequency"), "Partial frequency")
    h.assert_eq(h.contents(coda.merge({ left, right })),
                h.contents(DS:frequency("g")))
end


function T.crosstab_merges_exactly()
    for _, ab in ipairs({ { "g", "k" }, { "k", "g" }, { "m", "g" },
                          { "g", "m" }, { "m", "m" } }) do
        for _, opts in ipairs({ {}, { ci = "clopper-pearson", level = 0.9 },
                                { weight = "w" } }) do
            check_exact(DS, function(p, partial)
                local o = { partial = partial }
                for k, v in pairs(opts) do
                    o[k] = v
                end
                return p:crosstab(ab[1], ab[2], o)
            end, "crosstab " .. ab[1] .. " by " .. ab[2] .. " " .. h.show(opts))
        end
    end
end

function T.weighted_crosstab_any_weights()
    check_any_bits(function(p, partial)
        return p:crosstab("g", "m", { weight = "u", partial = partial })
    end, "weighted crosstab")
end

function T.crosstab_refusals()
    local a = DS:crosstab("g", "k", { partial = true })
    h.assert_error(function()
        coda.merge({ a, DS:frequency("g", { partial = true }) })
    end, "merge: partial 2 is of frequency, partial 1 of crosstab", true)
    h.assert_error(function()
        coda.merge({ a, DS:crosstab("k", "g", { partial = true }) })
    end, 'merge: partial 2 is of columns "k", "g", partial 1 of "g", "k"',
        true)
    h.assert_error(function()
        coda.merge({ a, DS:crosstab("g", "k", { partial = true, level = 0.9 }) })
    end, "merge: partial 2 was made with option level = 0.9", true)
    h.assert_error(function() DS:crosstab("g", "k", { partial = 3 }) end,
                   'crosstab: partial must be true or { shard = "K/N" }', true)
end


-- Summaries whose sums are exact in any order (counts, integers, eighths,
-- extremes): identical to the ordinary summarise.
local EXACT = { { "n", "count" }, { "nd", "count", "d" }, { "sk", "sum", "k" },
                { "sd_", "sum", "d" }, { "md", "mean", "d" },
                { "lo", "min", "x" }, { "hi", "max", "y" }, { "lk", "min", "k" },
                { "hk", "max", "k" }, { "ny", "count", "y" } }

function T.summarise_merges_exactly()
    for _, keys in ipairs({ { "g" }, { "g", "k" }, {} }) do
        check_exact(DS, function(p, partial)
            local src = #keys > 0 and p:group_by(keys) or p
            return src:summarise(EXACT, { partial = partial })
        end, "summarise by " .. table.concat(keys, ", "))
    end
    check_exact(DS, function(p, partial)
        return p:group_by("k"):summarise({ { "s", "sum", "d" }, { "m", "mean", "d" },
                                           { "t", "wcount" }, { "n", "count" } },
                                         { weight = "w", partial = partial })
    end, "weighted summarise")
end

-- Sums of any bits: every split gives the one partial's summaries bit for
-- bit, and the ordinary summarise's (row-order sums, Welford's sd) to 1e-12.
function T.summarise_mean_sd_any_bits()
    local specs = { { "s", "sum", "y" }, { "m", "mean", "y" },
                    { "sd", "sd", "y" }, { "v", "var", "y" }, { "n", "count" } }
    for _, opts in ipairs({ {}, { weight = "u" } }) do
        check_any_bits(function(p, partial)
            return p:group_by("g"):summarise(specs, { weight = opts.weight,
                                                      partial = partial })
        end, "summarise " .. h.show(opts))
    end
end

-- Anscombe's y1 (R's datasets::anscombe): mean and variance worked in
-- exact integers (hundredths), rounded once, and R's.
function T.summarise_against_exact_arithmetic()
    local y = { 804, 695, 758, 881, 833, 996, 724, 426, 1084, 482, 568 }
    local rows, s, sq = {}, 0, 0
    for i, v in ipairs(y) do
        rows[i] = { id = i, y = v / 100 }
        s, sq = s + v, sq + v * v
    end
    local ds = coda.dataset(rows, { "id", "y" })
    local n = #y
    local mean = s / (100 * n)
    local var = (n * sq - s * s) / (n * (n - 1) * 10000)
    local parts = split(ds, 3, function(id) return id % 3 + 1 end)
    local m = merged(parts, function(p, partial)
        return p:summarise({ { "m", "mean", "y" }, { "v", "var", "y" },
                             { "sd", "sd", "y" } }, { partial = partial })
    end)
    for _, c in ipairs({ { "m", mean }, { "v", var }, { "sd", math.sqrt(var) } }) do
        local got = m:get(1, c[1])
        h.assert_true(math.abs(got - c[2]) <= 1e-15 * c[2],
                      c[1] .. ": " .. string.format("%.17g vs %.17g", got, c[2]))
    end
    -- R 4: mean, var, sd of anscombe$y1, printed with %.17g
    local R = { m = 7.500909090909091, v = 4.127269090909091, sd = 2.0315681359258151 }
    for name, want in pairs(R) do
        h.assert_true(math.abs(m:get(1, name) - want) <= 1e-12 * want, "R " .. name)
    end
end

-- The exact type 7 quantile of sorted values v at p, and the bound: 0.5%
-- of the larger magnitude of the two order statistics it interpolates.
local function exact_quantile(v, p)
    local hpos = p * (#v - 1)
    local k = math.floor(hpos)
    local lo, hi = v[k + 1], v[math.min(k + 2, #v)]
    return lo + (hpos - k) * (hi - lo), 0.005 * math.max(math.abs(lo), math.abs(hi))
end

function T.summarise_quantiles_within_bound()
    local ps = { 0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1 }
    local specs = { { "med", "median", "x" }, { "iqr", "iqr", "y" } }
    for i, p in ipairs(ps) do
        specs[#specs + 1] = { "q" .. i, "quantile", "x", p }
    end
    local verb = function(p, partial)
        return p:group_by("k"):summarise(specs, { partial = partial })
    end
    local whole = h.contents(coda.merge({ verb(DS, true) }))
    for s, parts in ipairs(splits(DS)) do  -- the same sketch whatever the split
        h.assert_eq(h.contents(merged(parts, verb)), whole, "split " .. s)
    end
    local m = coda.merge({ verb(DS, true) })
    for r = 1, m:nrow() do
        local k, xs, ys = m:get(r, "k"), {}, {}
        for i = 1, DS:nrow() do
            if DS:get(i, "k") == k then
                xs[#xs + 1] = DS:get(i, "x")
                ys[#ys + 1] = DS:get(i, "y")
            end
        end
        table.sort(xs)
        table.sort(ys)
        for i, p in ipairs(ps) do
            local q, bound = exact_quantile(xs, p)
            local got = m:get(r, "q" .. i)
            h.assert_true(math.abs(got - q) <= bound * (1 + 1e-9),
                          "k " .. k .. " p " .. p .. ": " .. got .. " vs " .. q)
        end
        local q, b = exact_quantile(xs, 0.5)
        h.assert_true(math.abs(m:get(r, "med") - q) <= b * (1 + 1e-9), "median")
        local q3, b3 = exact_quantile(ys, 0.75)
        local q1, b1 = exact_quantile(ys, 0.25)
        h.assert_true(math.abs(m:get(r, "iqr") - (q3 - q1)) <= (b3 + b1) * (1 + 1e-9),
                      "iqr")
    end
end

function T.summarise_refusals()
    local g = DS:group_by("g")
    h.assert_error(function()
        g:summarise({ { "u", "n_distinct", "k" } }, { partial = true })
    end, 'summarise: "u": this summary has no partial result (it needs the '
        .. "values themselves)", true)
    h.assert_error(function()
        g:summarise({ { "m", "median", "x" } }, { partial = true, weight = "w" })
    end, 'summarise: "m": this summary has no weighted partial result', true)
    h.assert_error(function()
        g:summarise({ { "m", "median", "x", type = 6 } }, { partial = true })
    end, 'summarise: "m": this summary is R\'s type 7 in a partial result', true)
    h.assert_error(function()
        g:summarise({ { "lo", "min", "g" } }, { partial = true })
    end, "of a column that is not numeric has no partial result", true)
    h.assert_error(function()
        DS:group_by("m"):summarise({ { "n", "count" } }, { partial = true })
    end, 'summarise: a partial result cannot be grouped by a multi column ("m")',
        true)
    local a = g:summarise({ { "n", "count" } }, { partial = true })
    h.assert_error(function()
        coda.merge({ a, g:summarise({ { "n", "count", "x" } }, { partial = true }) })
    end, "merge: partial 2 was made with other summaries than partial 1", true)
    h.assert_error(function()
        coda.merge({ a, DS:group_by("k"):summarise({ { "n", "count" } },
                                                   { partial = true }) })
    end, 'merge: partial 2 is of columns "k", partial 1 of "g"', true)
    h.assert_error(function()
        coda.merge({ a, g:summarise({ { "n", "count" } }, { partial = true,
                                                           weight = "w" }) })
    end, 'merge: partial 2 was made with option weight = "w", partial 1 with '
        .. "weight = nil", true)
    h.assert_error(function()
        g:summarise({ { "n", "count" } }, { partial = true, wieght = "w" })
    end, 'summarise: unknown option "wieght" (options: weight, partial)', true)
end


-- Every kind of partial, as the files of its parts would carry it (part i
-- of 5).
local function kinds(p, i)
    return {
        p:frequency("g", { partial = true, weight = "u" }),
        p:frequency("m", { partial = { shard = i .. "/5" }, all_labels = true }),
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
