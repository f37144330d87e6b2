-- test_weights.lua - weight = col in frequency, crosstab and summarise:
-- weighted counts beside the rows, weighted percentages, weighted means,
-- variances and quantiles worked by hand, and the errors for bad weights.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

-- Weights sum to 6 (a: 3, b: 3); squared weights to 8.5.
local DATA = "g,x,w,k,tag\n"
    .. "a,1,2,p,u;v\n"
    .. "a,3,1,q,u\n"
    .. "b,2,0.5,p,v\n"
    .. "b,,1,q,\n"
    .. "b,6,1.5,p,u\n"

local function data()
    return coda.read_csv(h.write("w.csv", DATA), { multi = { tag = ";" } })
end

local function near(got, want, what)
    if type(got) ~= "number" or math.abs(got - want) > 1e-12 * math.max(1, math.abs(want)) then
        error((what or "value") .. ": expected " .. tostring(want) .. ", got "
            .. tostring(got), 2)
    end
end

-- Wilson's interval in percent, written out here apart from coda's.
local function wilson(p, n)
    local z = 1.959963984540054
    local den = 1 + z * z / n
    local c = (p + z * z / (2 * n)) / den
    local half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return 100 * (c - half), 100 * (c + half)
end

function T.frequency_weighted()
    local f = data():frequency("g", { weight = "w", order = "value" })
    eq(f:names(), { "value", "n", "count", "base_n", "base", "pct", "ci_low",
                    "ci_high", "weight" })
    eq({ f:get(1, "value"), f:get(1, "n"), f:get(1, "base_n"), f:get(1, "weight") },
       { "a", 2, 5, "w" })
    near(f:get(1, "count"), 3)
    near(f:get(2, "count"), 3)
    near(f:get(1, "base"), 6)
    near(f:get(1, "pct"), 50)
    local lo, hi = wilson(0.5, 36 / 8.5) -- Kish: 6^2 / 8.5
    near(f:get(1, "ci_low"), lo, "ci_low")
    near(f:get(1, "ci_high"), hi, "ci_high")
end

function T.frequency_weighted_multi_and_order()
    -- tag: row 4 missing; u in rows 1, 2, 5 (w 2 + 1 + 1.5), v in 1, 3.
    local f = data():frequency("tag", { weight = "w" })
    eq({ f:get(1, "value"), f:get(1, "n"), f:get(1, "base_n") }, { "u", 3, 4 })
    near(f:get(1, "count"), 4.5)
    near(f:get(1, "base"), 5)
    near(f:get(1, "pct"), 90)
    near(f:get(2, "pct"), 50)
    local r = data():frequency("tag", { weight = "w", base = "responses" })
    near(r:get(1, "base"), 7)
    -- by weight, b (3) ties a (3): ties by value; k: p 4, q 2 though q has 2 rows
    local k = data():frequency("k", { weight = "w" })
    eq({ k:get(1, "value"), k:get(1, "n") }, { "p", 3 })
    near(k:get(1, "count"), 4)
end

function T.crosstab_weighted()
    local x = data():crosstab("g", "k", { weight = "w" })
    eq(x:names(), { "row", "col", "n", "count", "row_base_n", "row_base",
                    "row_pct", "col_base_n", "col_base", "col_pct",
                    "total_pct", "ci_low", "ci_high", "weight" })
    -- (b, p): rows 3 and 5, weight 2 of b's 3 and of p's 4; total 6
    eq({ x:get(3, "row"), x:get(3, "col"), x:get(3, "n"), x:get(3, "row_base_n") },
       { "b", "p", 2, 3 })
    near(x:get(3, "count"), 2)
    near(x:get(3, "row_pct"), 200 / 3)
    near(x:get(3, "col_pct"), 50)
    near(x:get(3, "total_pct"), 100 / 3)
    local lo = wilson(2 / 3, 9 / (0.25 + 1 + 2.25))
    near(x:get(3, "ci_low"), lo)
end

function T.summarise_weighted()
    local s = data():group_by("g"):summarise({
        { "n", "count" }, { "nx", "count", "x" }, { "wn", "wcount" },
        { "wx", "wcount", "x" }, { "sum", "sum", "x" }, { "mean", "mean", "x" },
        { "var", "var", "x" }, { "sd", "sd", "x" }, { "med", "median", "x" },
        { "q", "quantile", "x", 0.2 }, { "iqr", "iqr", "x" } }, { weight = "w" })
    eq({ s:get(1, "n"), s:get(1, "nx"), s:get(2, "n"), s:get(2, "nx") }, { 2, 2, 3, 2 })
    near(s:get(2, "wn"), 3)
    near(s:get(2, "wx"), 2)
    near(s:get(1, "sum"), 5)
    near(s:get(1, "mean"), 5 / 3)
    near(s:get(2, "mean"), 5)
    -- a: sum w (x - 5/3)^2 = 8/3, / 3, * 2/(2-1)
    near(s:get(1, "var"), 16 / 9)
    near(s:get(1, "sd"), 4 / 3)
    -- b: values 2 (w 0.5), 6 (w 1.5); mean 5; sum w d^2 = 6, / 2, * 2
    near(s:get(2, "var"), 6)
    eq({ s:get(1, "med"), s:get(2, "med"), s:get(1, "q"), s:get(2, "q") }, { 1.0, 6.0, 1.0, 2.0 })
    eq({ s:get(1, "iqr"), s:get(2, "iqr") }, { 2.0, 4.0 })
end

function T.summarise_quantile_types()
    local ds = coda.read_csv(h.write("q.csv", "x\n16\n2\n11\n4\n7\n9\n1\n20\n"))
    -- R: quantile(x, 0.3, type = t); IQR(x, type = 6)
    local s = ds:summarise{ { "q7", "quantile", "x", 0.3 },
                            { "q1", "quantile", "x", 0.3, type = 1 },
                            { "q6", "quantile", "x", 0.3, type = 6 },
                            { "iqr6", "iqr", "x", type = 6 }, { "v", "var", "x" } }
    near(s:get(1, "q7"), 4.3)
    eq(s:get(1, "q1"), 4.0)
    near(s:get(1, "q6"), 3.4)
    near(s:get(1, "iqr6"), 12.25)
    near(s:get(1, "v"), 315.5 / 7) -- mean 8.75, squares 315.5
end

function T.weight_errors()
    local ds = data()
    err(function() return ds:frequency("g", { weight = "g" }) end,
        'frequency: weight column "g" is string, not a number', true)
    err(function() return ds:frequency("g", { weight = "x" }) end,
        'frequency: weight column "x" is missing at row 4 (every row needs a weight)', true)
    local neg = coda.read_csv(h.write("n.csv", "g,w\na,1\nb,-2\n"))
    err(function() return neg:crosstab("g", "g", { weight = "w" }) end,
        'crosstab: weight column "w" has a negative weight -2 at row 2', true)
    err(function() return neg:summarise({ { "m", "mean", "w" } }, { weight = "w" }) end,
        'summarise: weight column "w" has a negative weight -2 at row 2', true)
    err(function() return ds:frequency("g", { weight = "nope" }) end, 'no column "nope"', true)
    err(function() return ds:frequency("g", { weight = "w", base = 10 }) end,
        "frequency: a fixed base cannot be weighted", true)
    err(function() return ds:summarise({ { "m", "median", "x", type = 2 } }, { weight = "w" }) end,
        'summarise: "m": a weighted quantile has one rule', true)
    err(function() return ds:summarise{ { "m", "wcount" } } end, 'summarise: "m": wcount needs a weight', true)
    err(function() return ds:summarise({ { "m", "count" } }, { wieght = "w" }) end,
        'summarise: unknown option "wieght"', true)
    err(function() return ds:summarise{ { "m", "quantile", "x" } } end,
        'summarise: "m": quantile needs a probability', true)
    err(function() return ds:summarise{ { "m", "mean", "x", 0.5 } } end,
        'summarise: "m": only a quantile takes a probability', true)
    err(function() return ds:summarise{ { "m", "iqr", "x", type = 0 } } end,
        'summarise: "m": type must be a whole number 1 to 9', true)
end

function T.zero_weights()
    -- every weight of b zero: its rows still count, its percentages are 0
    local z = coda.read_csv(h.write("z.csv", "g,w\na,1\nb,0\nb,0\n"))
    local f = z:frequency("g", { weight = "w", order = "value" })
    eq({ f:get(2, "n"), f:get(2, "count"), f:get(2, "pct") }, { 2, 0.0, 0.0 })
    local all0 = coda.read_csv(h.write("z0.csv", "g,w\na,0\n"))
    local f0 = all0:frequency("g", { weight = "w" })
    eq({ f0:get(1, "n"), f0:get(1, "pct"), f0:get(1, "ci_low") }, { 1, nil, nil })
    local s = all0:summarise({ { "m", "mean", "w" }, { "v", "var", "w" } }, { weight = "w" })
    eq({ s:get(1, "m"), s:get(1, "v") }, { nil, nil })
end

return T
