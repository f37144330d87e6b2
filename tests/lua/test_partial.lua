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
-- m (multi: sets of labels).
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
        }
    end
    return coda.dataset(rows, { "id", "g", "k", "x", "w", "u", "m" })
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

-- Weights of any bits: a merged sum is rounded once from the exact sum,
-- so every split gives the one partial's result bit for bit; the
-- ordinary frequency adds in row order, within rounding of it.
function T.weighted_frequency_any_weights()
    local verb = function(p, partial)
        return p:frequency("g", { weight = "u", partial = partial })
    end
    local one = h.contents(coda.merge({ verb(DS, true) }))
    for s, parts in ipairs(splits(DS)) do
        h.assert_eq(h.contents(merged(parts, verb)), one, "split " .. s)
    end
    assert_close(coda.merge({ verb(DS, true) }), verb(DS), 1e-12,
                 "against the ordinary frequency")
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
    local verb = function(p, partial)
        return p:crosstab("g", "m", { weight = "u", partial = partial })
    end
    local one = h.contents(coda.merge({ verb(DS, true) }))
    for s, parts in ipairs(splits(DS)) do
        h.assert_eq(h.contents(merged(parts, verb)), one, "split " .. s)
    end
    assert_close(coda.merge({ verb(DS, true) }), verb(DS), 1e-12,
                 "against the ordinary crosstab")
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

return T
