-- test_agg.lua - the aggregation face: frequency, crosstab, where,
-- count_if, group_by/summarise, sort, rename, join, unnest, nest, mutate,
-- the JSON and Markdown writers, coda.round, coda.stats.ci and
-- coda.stats.agreement: every option, the error for each bad one, chains.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

-- Six cases; areas row 3 is missing, row 4 the empty set; team row 6 is
-- missing, age row 3, score row 2, consent row 4.
local SURVEY = "id,state,age,score,consent,areas,team\n"
    .. "1,Assam,30,2.5,true,prevention;rescue,x\n"
    .. "2,Bihar,41,,false,rescue,y\n"
    .. "3,Assam,,1.5,true,,x\n"
    .. '4,Odisha,25,3.5,,"",y\n'
    .. "5,Bihar,52,0.5,true,prevention;research,x\n"
    .. "6,Assam,30,2.5,false,prevention,\n"

local function survey()
    return coda.read_csv(h.write("survey.csv", SURVEY), { multi = { areas = ";" } })
end

local function csv(text, opts)
    return coda.read_csv(h.write("t.csv", text), opts)
end

-- The columns names of ds as an array of rows (arrays), nil kept as nil
-- in a table with n.
local function rows(ds, names)
    local out = {}
    for r = 1, ds:nrow() do
        local row = {}
        for i, name in ipairs(names) do
            row[i] = ds:get(r, name)
        end
        out[r] = row
    end
    return out
end

-- Numbers within 1e-9 relative (or to `places` decimals when given).
local function near(got, want, what, places)
    local tol = places and 0.5 * 10 ^ -places or 1e-9 * math.max(1, math.abs(want))
    if type(got) ~= "number" or math.abs(got - want) > tol then
        error((what or "value") .. ": expected " .. tostring(want) .. ", got "
            .. tostring(got), 2)
    end
end

local function near_col(ds, col, want, places)
    eq(ds:nrow(), #want, col .. " rows")
    for r = 1, #want do
        if want[r] == false then
            eq(ds:get(r, col), nil, col .. " row " .. r)
        else
            near(ds:get(r, col), want[r], col .. " row " .. r, places)
        end
    end
end

-- --- frequency -----------------------------------------------------------

function T.frequency_default_columns_and_values()
    local f = survey():frequency("state")
    eq(f:names(), { "value", "count", "base", "pct", "ci_low", "ci_high" })
    eq({ f:type(1), f:type(2), f:type(3), f:type(4) },
       { "string", "integer", "integer", "number" })
    eq(rows(f, { "value", "count", "base" }),
       { { "Assam", 3, 6 }, { "Bihar", 2, 6 }, { "Odisha", 1, 6 } })
    near_col(f, "pct", { 50, 100 / 3, 100 / 6 })
    for r = 1, f:nrow() do
        local lo, hi = coda.stats.ci(f:get(r, "count"), 6)
        eq({ f:get(r, "ci_low"), f:get(r, "ci_high") }, { lo, hi }, "ci row " .. r)
    end
end

function T.frequency_multi_bases()
    local ds = survey()
    local cases = ds:frequency("areas")
    eq(rows(cases, { "value", "count", "base" }),
       { { "prevention", 3, 5 }, { "rescue", 2, 5 }, { "research", 1, 5 } })
    near_col(cases, "pct", { 60, 40, 20 })
    eq(h.values(ds:frequency("areas", { base = "cases" }), "base"),
       { 5, 5, 5, n = 3 })
    local resp = ds:frequency("areas", { base = "responses" })
    eq(h.values(resp, "base"), { 6, 6, 6, n = 3 })
    near_col(resp, "pct", { 50, 100 / 3, 100 / 6 })
    local fixed = ds:frequency("areas", { base = 10 })
    eq(h.values(fixed, "base"), { 10, 10, 10, n = 3 })
    near_col(fixed, "pct", { 30, 20, 10 })
    local lo, hi = coda.stats.ci(3, 10)
    eq({ fixed:get(1, "ci_low"), fixed:get(1, "ci_high") }, { lo, hi })
end

function T.frequency_single_types_and_orders()
    local ds = survey()
    eq(rows(ds:frequency("age"), { "value", "count", "base" }),
       { { 30, 2, 5 }, { 25, 1, 5 }, { 41, 1, 5 }, { 52, 1, 5 } })
    eq(h.values(ds:frequency("age", { order = "value" }), "value"),
       { 25, 30, 41, 52, n = 4 })
    eq(h.values(ds:frequency("age", { order = "count" }), "value"),
       { 30, 25, 41, 52, n = 4 })
    eq(rows(ds:frequency("score"), { "value", "count" }),
       { { 2.5, 2 }, { 0.5, 1 }, { 1.5, 1 }, { 3.5, 1 } })
    eq(rows(ds:frequency("consent", { order = "value" }), { "value", "count", "base" }),
       { { false, 2, 5 }, { true, 3, 5 } })
end

function T.frequency_within()
    local ds = survey()
    local f = ds:frequency("areas", { within = { "team", "==", "x" } })
    eq(rows(f, { "value", "count", "base" }),
       { { "prevention", 2, 2 }, { "rescue", 1, 2 }, { "research", 1, 2 } })
    near_col(f, "pct", { 100, 50, 50 })
    local g = ds:frequency("state", { within = { "age", ">", 28 } })
    eq(rows(g, { "value", "count", "base" }),
       { { "Assam", 2, 4 }, { "Bihar", 2, 4 } })
    eq(ds:nrow(), 6) -- the Dataset itself is untouched
end

function T.frequency_order_given_and_all_labels()
    local ds = survey()
    eq(h.values(ds:frequency("areas", { order = { "research", "rescue" } }), "value"),
       { "research", "rescue", "prevention", n = 3 })
    -- team y has rescue once and the empty set: the rest of the vocabulary
    -- comes with count 0, ties by value
    local y = ds:frequency("areas", { within = { "team", "==", "y" }, all_labels = true })
    eq(rows(y, { "value", "count", "base" }),
       { { "rescue", 1, 2 }, { "prevention", 0, 2 }, { "research", 0, 2 } })
    local no = ds:frequency("areas", { within = { "team", "==", "y" } })
    eq(no:nrow(), 1)
    local st = ds:frequency("state", { all_labels = { "Kerala", "Assam" } })
    eq(rows(st, { "value", "count" }),
       { { "Assam", 3 }, { "Bihar", 2 }, { "Odisha", 1 }, { "Kerala", 0 } })
    local byv = ds:frequency("state", { all_labels = { "Goa" }, order = "value" })
    eq(h.values(byv, "value"), { "Assam", "Bihar", "Goa", "Odisha", n = 4 })
end

function T.frequency_zero_base_leaves_pct_missing()
    local none = survey():frequency("areas", { within = { "id", ">", 100 },
                                               all_labels = true })
    eq(rows(none, { "value", "count", "base", "pct", "ci_low", "ci_high" }),
       { { "prevention", 0, 0 }, { "rescue", 0, 0 }, { "research", 0, 0 } })
end

function T.frequency_intervals()
    local ds = survey()
    local cp = ds:frequency("state", { ci = "clopper-pearson", level = 0.9 })
    local lo, hi = coda.stats.ci(3, 6, { method = "clopper-pearson", level = 0.9 })
    eq({ cp:get(1, "ci_low"), cp:get(1, "ci_high") }, { lo, hi })
    local none = ds:frequency("state", { ci = "none" })
    eq({ none:get(1, "ci_low"), none:get(1, "ci_high"), none:get(1, "pct") },
       { nil, nil, 50.0 })
    local w = ds:frequency("state", { ci = "wilson", level = 0.99 })
    lo, hi = coda.stats.ci(3, 6, { level = 0.99 })
    eq({ w:get(1, "ci_low"), w:get(1, "ci_high") }, { lo, hi })
end

function T.frequency_bad_options()
    local ds = survey()
    local function f(opts)
        return function() return ds:frequency("state", opts) end
    end
    err(f({ bogus = 1 }), 'frequency: unknown option "bogus"', true)
    err(f({ within = { "team", "==", "x" }, Order = "value" }),
        'unknown option "Order"', true)
    err(f({ ci = "exact" }), 'unknown interval "exact" (wilson, clopper-pearson, none)', true)
    err(f({ level = 1.5 }), "level must be between 0 and 1", true)
    err(f({ level = 0 }), "level must be between 0 and 1", true)
    err(f({ base = 0 }), "frequency: base must be a positive whole number", true)
    err(f({ base = -3 }), "frequency: base must be a positive whole number", true)
    err(f({ base = "all" }), 'frequency: base must be "cases", "responses" or a positive whole number, not "all"', true)
    err(f({ base = true }), 'frequency: base must be "cases", "responses" or a positive whole number, not "true"', true)
    err(f({ order = "alpha" }), 'frequency: order must be "count", "value" or an array of labels, not "alpha"', true)
    err(f({ order = 2 }), 'frequency: order must be "count", "value" or an array of labels, not "2"', true)
    err(f({ within = { "nope", "==", 1 } }), 'no column "nope"', true)
    err(f({ within = { "team", "=", "x" } }), 'unknown operator "="', true)
    err(function() return ds:frequency("nope") end, 'no column "nope"', true)
end

-- A fractional fixed base is refused in frequency's own words.
function T.frequency_fractional_base()
    err(function() return survey():frequency("state", { base = 2.5 }) end,
        "frequency: base must be a positive whole number", true)
end

-- A declared label of another type than the column is an error, not a
-- row holding 0.
function T.frequency_label_of_wrong_type()
    local ds = survey()
    local e = err(function() return ds:frequency("age", { all_labels = { "old" } }) end,
                  "label")
    h.assert_match(e, '"age"', true)
    err(function() return ds:frequency("state", { order = { 1 } }) end, '"state"', true)
end

-- The coda executable: beside tests/ (the runner is tests/lua/run.lua),
-- else the one running this script.
local function coda_exe()
    local root = (arg and arg[0] or ""):match("^(.*)/tests/lua/[^/]*$") or "."
    if h.exists(root .. "/coda") then
        return root .. "/coda"
    end
    return assert(io.popen("readlink /proc/$PPID/exe")):read("l")
end

-- Run code in a child coda (on the survey as `ds`), so that a crash fails
-- one test instead of ending the run; returns its output, raising when it
-- did not exit 0.
local function in_child(code)
    local exe = coda_exe()
    local script = h.write("child.lua", 'local coda = require("coda")\n'
        .. "local ds = coda.read_csv(" .. string.format("%q", h.write("survey.csv", SURVEY))
        .. ", { multi = { areas = ';' } })\n" .. code)
    local p = assert(io.popen(h.quote(exe) .. " run " .. h.quote(script) .. " 2>&1"))
    local out = p:read("a")
    local ok, how, status = p:close()
    if not ok then
        error("the child " .. (how == "signal" and "died of signal " or "exited ")
            .. tostring(status) .. ": " .. out, 2)
    end
    return out
end

-- Long lists of labels or values are not limited by the Lua stack.
function T.frequency_and_filter_with_many_values()
    local out = in_child([[
local labels = {}
for i = 1, 3000 do labels[i] = "label " .. i end
labels[1500] = "Bihar"
local f = ds:frequency("state", { order = labels }):filter("count", ">", 0)
for r = 1, f:nrow() do io.write(f:get(r, "value"), "=", f:get(r, "count"), " ") end
io.write(ds:filter("state", "in", labels):nrow(), " ")
io.write(ds:count_if{ all = { { "state", "in", labels } } }, " ")
io.write(ds:frequency("state", { all_labels = labels }):nrow(), "\n")
]])
    eq(out, "Bihar=2 Assam=3 Odisha=1 2 2 3002\n")
end

-- --- crosstab -------------------------------------------------------------

function T.crosstab_single_by_multi()
    local x = survey():crosstab("state", "areas")
    eq(x:names(), { "row", "col", "count", "row_base", "row_pct", "col_base",
                    "col_pct", "total_pct", "ci_low", "ci_high" })
    eq(rows(x, { "row", "col", "count", "row_base", "col_base" }), {
        { "Assam", "prevention", 2, 2, 3 }, { "Assam", "rescue", 1, 2, 2 },
        { "Assam", "research", 0, 2, 1 }, { "Bihar", "prevention", 1, 2, 3 },
        { "Bihar", "rescue", 1, 2, 2 }, { "Bihar", "research", 1, 2, 1 },
        { "Odisha", "prevention", 0, 1, 3 }, { "Odisha", "rescue", 0, 1, 2 },
        { "Odisha", "research", 0, 1, 1 } })
    near_col(x, "row_pct", { 100, 50, 0, 50, 50, 50, 0, 0, 0 })
    near_col(x, "col_pct", { 200 / 3, 50, 0, 100 / 3, 50, 100, 0, 0, 0 })
    near_col(x, "total_pct", { 40, 20, 0, 20, 20, 20, 0, 0, 0 })
    for r = 1, x:nrow() do
        local lo, hi = coda.stats.ci(x:get(r, "count"), x:get(r, "row_base"))
        eq({ x:get(r, "ci_low"), x:get(r, "ci_high") }, { lo, hi })
    end
end

function T.crosstab_options()
    local ds = survey()
    local x = ds:crosstab("consent", "team", { ci = "none" })
    -- both present: 1 (true,x) 2 (false,y) 3 (true,x) 5 (true,x) 6 missing team
    eq(rows(x, { "row", "col", "count", "row_base", "col_base", "ci_low" }), {
        { false, "x", 0, 1, 3 }, { false, "y", 1, 1, 1 },
        { true, "x", 3, 3, 3 }, { true, "y", 0, 3, 1 } })
    local cp = ds:crosstab("consent", "team", { ci = "clopper-pearson", level = 0.9 })
    local lo, hi = coda.stats.ci(3, 3, { method = "clopper-pearson", level = 0.9 })
    eq({ cp:get(3, "ci_low"), cp:get(3, "ci_high") }, { lo, hi })
    err(function() return ds:crosstab("state", "areas", { base = 5 }) end,
        'crosstab: unknown option "base"', true)
    err(function() return ds:crosstab("state", "areas", { ci = "x" }) end,
        'unknown interval "x"', true)
    err(function() return ds:crosstab("state", "areas", { level = 2 }) end,
        "level must be between 0 and 1", true)
    err(function() return ds:crosstab("state", "nope") end, 'no column "nope"', true)
end

-- --- chaining --------------------------------------------------------------

function T.results_chain_like_any_dataset()
    local ds = survey()
    local top = ds:frequency("areas"):filter("count", ">=", 2):select("value", "pct")
    eq(top:names(), { "value", "pct" })
    eq(rows(top, { "value", "pct" }), { { "prevention", 60.0 }, { "rescue", 40.0 } })
    local again = ds:frequency("state"):frequency("count")
    eq(rows(again, { "value", "count" }), { { 1, 1 }, { 2, 1 }, { 3, 1 } })
    local x = ds:crosstab("state", "areas"):filter("count", ">", 0)
        :sort("-count", "row"):select("row", "col", "count")
    eq(rows(x, { "row", "col", "count" }), {
        { "Assam", "prevention", 2 }, { "Assam", "rescue", 1 },
        { "Bihar", "prevention", 1 }, { "Bihar", "rescue", 1 },
        { "Bihar", "research", 1 } })
end

-- --- where and count_if -----------------------------------------------------

function T.where_and_count_if()
    local ds = survey()
    local n, base = ds:count_if{
        all = { { "areas", "has", "prevention" } },
        none = { { "state", "==", "Bihar" } },
    }
    eq({ n, base }, { 2, 6 })
    eq({ ds:count_if{ any = { { "age", ">", 40 }, { "consent", "==", false } } } }, { 3, 6 })
    eq({ ds:count_if{} }, { 6, 6 })
    eq({ ds:count_if{ any = {} } }, { 0, 6 })
    local w = ds:where{
        all = { { "score", "present" } },
        any = { { "state", "in", { "Assam", "Odisha" } }, { "age", ">=", 50 } },
        none = { { "areas", "missing" } },
    }
    eq(h.values(w, "id"), { 1, 4, 5, 6, n = 4 })
    eq(w:names(), ds:names())
    eq(ds:where{ all = { { "id", ">", 99 } } }:nrow(), 0)
    err(function() return ds:where{ all = { { "id", "=", 1 } } } end,
        'unknown operator "="', true)
    err(function() return ds:count_if{ all = { { "nope", "==", 1 } } } end,
        'no column "nope"', true)
    err(function() return ds:where{ all = { { "state", "==", 1 } } } end, "state", true)
end

-- --- group_by and summarise -------------------------------------------------

function T.summarise_every_function()
    local s = survey():group_by("state"):summarise{
        { "n", "count" }, { "n_age", "count", "age" }, { "mean_age", "mean", "age" },
        { "med_score", "median", "score" }, { "sd_age", "sd", "age" },
        { "min_age", "min", "age" }, { "max_age", "max", "age" },
        { "sum_age", "sum", "age" }, { "sum_score", "sum", "score" },
        { "nd_age", "n_distinct", "age" }, { "first_team", "min", "team" },
        { "any_yes", "max", "consent" },
    }
    eq(s:names(), { "state", "n", "n_age", "mean_age", "med_score", "sd_age",
                    "min_age", "max_age", "sum_age", "sum_score", "nd_age",
                    "first_team", "any_yes" })
    eq({ s:type("n"), s:type("mean_age"), s:type("min_age"), s:type("sum_age"),
         s:type("sum_score"), s:type("nd_age"), s:type("first_team"),
         s:type("any_yes") },
       { "integer", "number", "integer", "integer", "number", "integer",
         "string", "boolean" })
    eq(rows(s, { "state", "n", "n_age", "min_age", "max_age", "sum_age",
                 "nd_age", "first_team", "any_yes" }), {
        { "Assam", 3, 2, 30, 30, 60, 1, "x", true },
        { "Bihar", 2, 2, 41, 52, 93, 2, "x", true },
        { "Odisha", 1, 1, 25, 25, 25, 1, "y" } })
    near_col(s, "mean_age", { 30, 46.5, 25 })
    near_col(s, "med_score", { 2.5, 0.5, 3.5 })
    near_col(s, "sd_age", { 0, math.sqrt(60.5), false })
    near_col(s, "sum_score", { 6.5, 0.5, 3.5 })
end

function T.summarise_named_entries_and_missing_key_last()
    local ds = survey()
    local s = ds:group_by("team"):summarise{ z = { "count" }, a = { "sum", "age" } }
    eq(s:names(), { "team", "a", "z" })
    eq(rows(s, { "team", "a", "z" }), { { "x", 82, 3 }, { "y", 66, 2 }, { nil, 30, 1 } })
    local mixed = ds:group_by{ "team", "consent" }:summarise{
        { "n", "count" }, ids = { "n_distinct", "id" } }
    eq(mixed:names(), { "team", "consent", "n", "ids" })
    eq(rows(mixed, { "team", "consent", "n" }), {
        { "x", true, 3 }, { "y", false, 1 }, { "y", nil, 1 }, { nil, false, 1 } })
    eq(tostring(ds:group_by("team", "consent")), "# Grouped Dataset by team, consent")
end

function T.summarise_whole_dataset_and_empty()
    local ds = survey()
    local s = ds:summarise{ { "n", "count" }, { "mean", "mean", "score" },
                            { "hi", "max", "state" } }
    eq(rows(s, { "n", "hi" }), { { 6, "Odisha" } })
    near(s:get(1, "mean"), 2.1)
    local empty = ds:filter("id", ">", 10)
    eq(rows(empty:summarise{ { "n", "count" }, { "s", "sum", "age" }, { "m", "mean", "age" } },
            { "n", "s", "m" }), { { 0, 0 } })
    eq(empty:group_by("state"):summarise{ n = { "count" } }:nrow(), 0)
end

function T.summarise_errors()
    local ds = survey()
    local g = ds:group_by("state")
    err(function() return g:summarise{ x = { "avg", "age" } } end,
        'summarise: "x": unknown summary "avg" (count, sum, mean, median, min, max, sd, var, quantile, iqr, n_distinct, wcount, cor, r2)', true)
    err(function() return g:summarise{ x = { "mean", "state" } } end,
        'summarise: cannot take the mean of column "state" (string)', true)
    err(function() return g:summarise{ x = { "median", "areas" } } end,
        'cannot take the median of column "areas" (multi)', true)
    err(function() return g:summarise{ x = { "min", "areas" } } end,
        'cannot take the min of column "areas" (multi)', true)
    err(function() return g:summarise{ x = { "mean" } } end,
        'summarise: mean of "x" needs a column', true)
    err(function() return g:summarise{ x = { "mean", "nope" } } end, 'no column "nope"', true)
    err(function() return g:summarise{ state = { "count" } } end,
        'summarise: duplicate column name "state"', true)
    err(function() return g:summarise{ { "n", "count" }, n = { "count" } } end,
        'duplicate column name "n"', true)
    err(function() return g:summarise{ [5] = { "count" } } end, "summarise: keys must be names", true)
    err(function() return ds:group_by() end, "at least one column expected", true)
    err(function() return ds:group_by("nope") end, 'no column "nope"', true)
end

-- Many array entries do not run past the Lua stack.
function T.summarise_many_entries()
    local out = in_child([[
local specs = {}
for i = 1, 200 do specs[i] = { "n" .. i, "count" } end
local s = ds:group_by("state"):summarise(specs)
print(s:ncol(), s:get(1, "n200"), s:get(3, "n200"))
]])
    eq(out, "201\t3\t1\n")
end

-- Group a: x 1..5, y 2 4 5 4 5 (r = 6 / sqrt(60), r^2 = 0.6) and rows
-- without y or x left out; b: r = -1; c: y constant, so no r.
function T.summarise_cor_r2()
    local ds = csv("g,x,y\na,1,2\na,2,4\na,3,5\na,4,4\na,5,5\na,6,\na,,100\n"
                   .. "b,1,3\nb,2,2\nb,3,1\nc,1,5\nc,2,5\n")
    local s = ds:group_by("g"):summarise{ { "r", "cor", "x", "y" }, { "r2", "r2", "x", "y" } }
    eq({ s:type("r"), s:type("r2") }, { "number", "number" })
    near_col(s, "r", { 6 / math.sqrt(60), -1, false })
    near_col(s, "r2", { 0.6, 1, false })
    err(function() return ds:summarise{ r = { "cor", "x" } } end,
        'summarise: cor of "r" needs two columns', true)
    err(function() return ds:summarise{ r = { "r2", "x", "g" } } end,
        'summarise: cannot take the r2 of column "g" (string)', true)
    err(function() return ds:summarise{ r = { "r2", "x", "nope" } } end, 'no column "nope"', true)
end

-- Ages by state: Assam 30 (id 1), missing (3), 30 (6); Bihar 41 (2), 52
-- (5); Odisha 25 (4). Scores: 2.5, missing, 1.5, 3.5, 0.5, 2.5.
function T.slice_max_and_min()
    local ds = survey()
    local top = ds:group_by("state"):slice_max("age")
    eq(top:names(), ds:names())
    eq(h.values(top, "id"), { 1, 5, 4, n = 3 })
    eq(h.values(ds:group_by("state"):slice_min("age", 2), "id"), { 1, 6, 2, 5, 4, n = 5 })
    -- groups (x, true): ids 1 3 5; (y, false): 2, whose score is missing; (y, -): 4; (-, false): 6
    eq(h.values(ds:group_by("team", "consent"):slice_max("score", 5), "id"), { 1, 3, 5, 4, 6, n = 5 })
    eq(h.values(ds:slice_max("score", 2), "id"), { 4, 1, n = 2 })
    eq(h.values(ds:slice_min("score", 3), "id"), { 5, 3, 1, n = 3 })
    eq(ds:group_by("state"):slice_max("age", 0):nrow(), 0)
    err(function() return ds:group_by("state"):slice_max("state", 2) end,
        'slice_max: column "state" is string, not a number', true)
    err(function() return ds:slice_min("age", -1) end, "a number of rows (0 or more) expected", true)
    err(function() return ds:slice_min("nope") end, 'no column "nope"', true)
end

-- --- sort, rename -------------------------------------------------------------

function T.sort_keys_and_directions()
    local ds = survey()
    eq(h.values(ds:sort("age"), "id"), { 4, 1, 6, 2, 5, 3, n = 6 })
    eq(h.values(ds:sort("-age"), "id"), { 5, 2, 1, 6, 4, 3, n = 6 })
    eq(h.values(ds:sort("state", { "age", "desc" }), "id"), { 1, 6, 3, 5, 2, 4, n = 6 })
    eq(h.values(ds:sort{ "state", "-id" }, "id"), { 6, 3, 1, 5, 2, 4, n = 6 })
    eq(h.values(ds:sort{ { "team", "desc" }, { "id", "asc" } }, "id"), { 2, 4, 1, 3, 5, 6, n = 6 })
    eq(h.values(ds:sort("consent", "id"), "id"), { 2, 6, 1, 3, 5, 4, n = 6 })
    eq(h.values(ds:sort(3), "id"), { 4, 1, 6, 2, 5, 3, n = 6 })
    eq(ds:sort("age"):names(), ds:names())
    err(function() return ds:sort("state", { "age", "up" }) end,
        'sort: direction must be "asc" or "desc", not "up"', true)
    err(function() return ds:sort() end, "at least one sort key expected", true)
    err(function() return ds:sort("-nope") end, 'no column "nope"', true)
end

function T.rename_both_forms_and_clash()
    local ds = survey()
    eq(ds:rename("state", "region"):names(),
       { "id", "region", "age", "score", "consent", "areas", "team" })
    local r = ds:rename{ state = "region", age = "years" }
    eq(r:names(), { "id", "region", "years", "score", "consent", "areas", "team" })
    eq(r:get(2, "years"), 41)
    eq(ds:names()[2], "state")
    err(function() return ds:rename("state", "age") end,
        'rename: there is already a column "age"', true)
    err(function() return ds:rename("nope", "x") end, 'no column "nope"', true)
end

-- --- join ---------------------------------------------------------------------

local ZONES = "state,zone,pop\nAssam,east,31\nBihar,east,104\nKerala,south,33\n"

function T.join_inner_left_and_keys()
    local ds, zones = survey(), csv(ZONES)
    local inner = ds:join(zones, { on = "state" })
    eq(inner:names(), { "id", "state", "age", "score", "consent", "areas", "team",
                        "zone", "pop" })
    eq(h.values(inner, "id"), { 1, 2, 3, 5, 6, n = 5 })
    local left = ds:join(zones, { on = { "state" }, how = "left", validate = "many_to_one" })
    eq(rows(left, { "id", "zone", "pop" }), {
        { 1, "east", 31 }, { 2, "east", 104 }, { 3, "east", 31 }, { 4 },
        { 5, "east", 104 }, { 6, "east", 31 } })
    local renamed = zones:rename("state", "region")
    local mapped = ds:join(renamed, { on = { state = "region" }, how = "inner" })
    eq(mapped:names(), inner:names())
    eq(h.values(mapped, "zone"), h.values(inner, "zone"))
    -- two keys; a missing key never matches
    local pairs_ = csv("team,consent,tag\nx,true,xt\ny,false,yf\n,false,nf\n")
    local two = ds:join(pairs_, { on = { "team", "consent" }, how = "left" })
    eq(h.values(two, "tag"), { "xt", "yf", "xt", nil, "xt", nil, n = 6 })
end

function T.join_suffix_and_empty_right()
    local ds, zones = survey(), csv(ZONES)
    local extra = csv("state,age\nAssam,99\n")
    local j = ds:join(extra, { on = "state", suffix = "_z", how = "left" })
    eq(j:names(), { "id", "state", "age", "score", "consent", "areas", "team", "age_z" })
    eq(h.values(j, "age_z"), { 99, nil, 99, nil, nil, 99, n = 6 })
    eq(ds:join(extra, { on = "state" }):names()[8], "age_y")
    local none = zones:filter("pop", ">", 1000)
    eq(ds:join(none, { on = "state" }):nrow(), 0)
    local l = ds:join(none, { on = "state", how = "left" })
    eq(l:nrow(), 6)
    eq(h.values(l, "zone"), { n = 6 })
    eq(l:type("pop"), "integer")
end

function T.join_validate_errors()
    local ds, zones = survey(), csv(ZONES)
    err(function() return ds:join(zones, { on = "state", validate = "one_to_one" }) end,
        'join: key state = "Assam" occurs 3 times in the left table, but the join was declared one_to_one', true)
    err(function() return ds:join(zones, { on = "state", validate = "one_to_many" }) end,
        'key state = "Assam" occurs 3 times in the left table', true)
    local twice = csv(ZONES .. "Assam,north-east,1\n")
    err(function() return ds:join(twice, { on = "state", validate = "many_to_one" }) end,
        'key state = "Assam" occurs 2 times in the right table, but the join was declared many_to_one', true)
    eq(ds:join(twice, { on = "state", validate = "many_to_many" }):nrow(), 8)
    local ids = csv("id,v\n1,a\n1,b\n")
    err(function() return ds:join(ids, { on = "id", validate = "one_to_one" }) end,
        "key id = 1 occurs 2 times in the right table", true)
end

function T.join_bad_options()
    local ds, zones = survey(), csv(ZONES)
    err(function() return ds:join(zones, {}) end, "join: option on must name the key column(s)", true)
    err(function() return ds:join(zones, { on = "zone" }) end, 'no column "zone"', true)
    err(function() return ds:join(zones, { on = "state", how = "outer" }) end,
        "how", true)
    err(function() return ds:join(zones, { on = "state", how = "outer" }) end,
        '"outer"', true)
    err(function() return ds:join(zones, { on = "state", validate = "unique" }) end,
        "validate", true)
    err(function() return ds:join(csv("state\n1\n"), { on = "state" }) end,
        'join: key "state" is string on the left and "state" is integer on the right', true)
    err(function() return ds:join(zones) end, "table expected", true)
end

function T.join_unknown_option()
    local ds, zones = survey(), csv(ZONES)
    err(function() return ds:join(zones, { on = "state", hwo = "left" }) end,
        'join: unknown option "hwo"', true)
end

-- --- unnest, nest, mutate -------------------------------------------------------

function T.unnest_nest_round_trip()
    local ds = survey():select("id", "areas")
    local u = ds:unnest("areas")
    eq(u:type("areas"), "string")
    eq(rows(u, { "id", "areas" }), {
        { 1, "prevention" }, { 1, "rescue" }, { 2, "rescue" }, { 5, "prevention" },
        { 5, "research" }, { 6, "prevention" } })
    local k = ds:unnest("areas", { keep_empty = true })
    eq(h.values(k, "id"), { 1, 1, 2, 3, 4, 5, 5, 6, n = 8 })
    eq(h.values(k, "areas"), { "prevention", "rescue", "rescue", nil, nil, "prevention",
                               "research", "prevention", n = 8 })
    local back = u:nest("areas")
    eq(back:type("areas"), "multi")
    eq(rows(back, { "id", "areas" }), {
        { 1, { "prevention", "rescue" } }, { 2, { "rescue" } },
        { 5, { "prevention", "research" } }, { 6, { "prevention" } } })
    eq(h.values(k:nest("areas"), "areas"), {
        { "prevention", "rescue" }, { "rescue" }, {}, {}, { "prevention", "research" },
        { "prevention" }, n = 6 })
    eq(h.contents(back),
       h.contents(ds:filter(function(r) return r.areas and #r.areas > 0 end)))
    err(function() return ds:unnest("id") end, 'unnest: column "id" is integer, not multi', true)
    err(function() return ds:nest("areas") end, 'nest: column "areas" is multi, not string', true)
end

function T.unnest_unknown_option()
    err(function() return survey():unnest("areas", { keepempty = true }) end,
        'unnest: unknown option "keepempty"', true)
end

function T.mutate_kinds()
    local ds = survey()
    local m = ds:mutate("decade", function(r) return r.age and r.age // 10 * 10 end)
        :mutate("half", function(r) return r.id / 2 end)
        :mutate("tag", function(r) return r.state:lower() end)
        :mutate("old", function(r) return r.age ~= nil and r.age > 40 end)
        :mutate("set", function(r) return r.age and { r.state, "all", r.state } end)
    eq({ m:type("decade"), m:type("half"), m:type("tag"), m:type("old"), m:type("set") },
       { "integer", "number", "string", "boolean", "multi" })
    eq(h.values(m, "decade"), { 30, 40, nil, 20, 50, 30, n = 6 })
    eq(m:get(1, "half"), 0.5)
    eq(m:get(2, "half"), 1.0)
    eq(m:get(1, "set"), { "Assam", "all" })
    eq(m:get(3, "set"), nil)
    eq(rows(m:frequency("set", { order = "value" }), { "value", "count" }),
       { { "Assam", 2 }, { "Bihar", 2 }, { "Odisha", 1 }, { "all", 5 } })
    local mixed = ds:mutate("n", function(r) return r.id > 3 and 1.5 or 2 end)
    eq(mixed:type("n"), "number")
    eq(h.values(ds:mutate("state", function() return 1 end), "state"),
       { 1, 1, 1, 1, 1, 1, n = 6 })
    err(function() return ds:mutate("x", function(r) return r.id > 3 and "a" or 1 end) end,
        "different kinds", true)
    err(function() return ds:mutate("x", function() return print end) end,
        "mutate: row 1: cannot store a function", true)
end

-- --- writers ------------------------------------------------------------------

local JSONCSV = 'name,n,x,ok,tags\n"say ""hi""\\",1,0.5,true,a;b\n'
    .. '"tab\tx",,1.25,false,""\n,3,,,\n'

function T.to_json_and_write_json()
    local ds = csv(JSONCSV, { multi = { tags = ";" } })
    local want = "[\n"
        .. '  {"name": "say \\"hi\\"\\\\", "n": 1, "x": 0.5, "ok": true, "tags": ["a", "b"]},\n'
        .. '  {"name": "tab\\tx", "n": null, "x": 1.25, "ok": false, "tags": []},\n'
        .. '  {"name": null, "n": 3, "x": null, "ok": null, "tags": null}\n'
        .. "]\n"
    eq(ds:to_json(), want)
    local p = h.path("out.json")
    eq(rawequal(ds:write_json(p), ds), true)
    eq(h.read(p), want)
    eq(ds:filter("n", ">", 5):to_json(), "[]\n")
    err(function() return ds:write_json(h.path("no/such/dir.json")) end, "no/such", true)
end

function T.to_markdown_and_write_markdown()
    local f = survey():frequency("state"):select("value", "count", "base", "pct")
    local one = "| value  | count | pct  |\n"
        .. "| ------ | ----: | ---: |\n"
        .. "| Assam  |     3 | 50.0 |\n"
        .. "| Bihar  |     2 | 33.3 |\n"
        .. "| Odisha |     1 | 16.7 |\n"
        .. "\nBase: n = 6\n"
    local zero = "| value  | count | pct |\n"
        .. "| ------ | ----: | --: |\n"
        .. "| Assam  |     3 |  50 |\n"
        .. "| Bihar  |     2 |  33 |\n"
        .. "| Odisha |     1 |  17 |\n"
        .. "\nBase: n = 6\n"
    eq(f:to_markdown(), one)
    eq(f:to_markdown{ digits = 1 }, one)
    eq(f:to_markdown{ digits = 0 }, zero)
    local p = h.path("out.md")
    eq(rawequal(f:write_markdown(p, { digits = 0 }), f), true)
    eq(h.read(p), zero)
    f:write_markdown(p)
    eq(h.read(p), one)
    -- a varying base stays a column; "|" and line breaks escaped
    local t = csv('k,base,share\n"a|b",5,12.25\n"two\nlines",6,0.05\n')
    eq(t:to_markdown{ digits = 1 },
       "| k            | base | share |\n"
       .. "| ------------ | ---: | ----: |\n"
       .. "| a\\|b         |    5 |  12.3 |\n"
       .. "| two<br>lines |    6 |   0.1 |\n")
    err(function() return f:to_markdown{ digits = 21 } end, "digits must be between 0 and 20", true)
    err(function() return f:to_markdown{ digits = -1 } end, "digits must be between 0 and 20", true)
    err(function() return f:write_markdown(h.path("no/such/x.md")) end, "no/such", true)
end

function T.to_markdown_unknown_option()
    local f = survey():frequency("state")
    err(function() return f:to_markdown{ places = 2 } end,
        'to_markdown: unknown option "places"', true)
    err(function() return f:write_markdown(h.path("x.md"), { places = 2 }) end,
        'write_markdown: unknown option "places"', true)
end

-- --- coda.round and coda.stats.ci -------------------------------------------------

function T.round_half_up()
    eq(coda.round(12.5), "13")
    eq(coda.round(2.675, 2), "2.68")
    eq(coda.round(0.125, 2), "0.13")
    eq(coda.round(-0.5), "-1")
    eq(coda.round(99.995, 2), "100.00")
    eq(coda.round(100 / 3, 1), "33.3")
    eq(coda.round(7), "7")
    eq(coda.round(-0.04, 1), "0.0")
    eq(coda.round(0 / 0), "NA")
    eq(coda.round(math.huge), "Inf")
    err(function() return coda.round(1, 21) end, "digits between 0 and 20", true)
    err(function() return coda.round(1, -1) end, "digits between 0 and 20", true)
    err(function() return coda.round("x") end, "number expected", true)
end

function T.stats_ci()
    local lo, hi = coda.stats.ci(3, 59)
    eq({ coda.round(lo, 2), coda.round(hi, 2) }, { "1.74", "13.92" })
    lo, hi = coda.stats.ci(13, 59, { method = "wilson" })
    eq({ coda.round(lo, 2), coda.round(hi, 2) }, { "13.35", "34.13" })
    lo, hi = coda.stats.ci(0, 10, { method = "clopper-pearson" })
    eq(lo, 0.0)
    near(hi, 100 * (1 - 0.025 ^ 0.1))
    lo, hi = coda.stats.ci(10, 10)
    eq(hi, 100.0)
    local l9, h9 = coda.stats.ci(3, 59, { level = 0.9 })
    local l99, h99 = coda.stats.ci(3, 59, { level = 0.99 })
    h.assert_true(l99 < l9 and h9 < h99, "a higher level is wider")
    eq({ coda.stats.ci(3, 59, { method = "none" }) }, { 0 / 0, 0 / 0 })
    err(function() return coda.stats.ci(11, 10) end, "need 0 <= x <= n, n > 0", true)
    err(function() return coda.stats.ci(0, 0) end, "need 0 <= x <= n, n > 0", true)
    err(function() return coda.stats.ci(1, 10, { method = "exact" }) end,
        'ci: unknown method "exact"', true)
    err(function() return coda.stats.ci(1, 10, { level = 1 }) end, "level between 0 and 1", true)
    err(function() return coda.stats.ci(1.5, 10) end, "number has no integer representation", true)
end

function T.stats_ci_unknown_option()
    err(function() return coda.stats.ci(1, 10, { mehtod = "wilson" }) end,
        'ci: unknown option "mehtod"', true)
end

-- --- coda.stats.agreement ---------------------------------------------------------

-- Krippendorff's binary example: coder A 0 1 0 0 0 0 0 0 1 0, coder B
-- 1 1 1 0 0 1 0 0 0 0.
local function coders()
    local a, b = { "id,codes" }, { "id,codes" }
    local A = { 0, 1, 0, 0, 0, 0, 0, 0, 1, 0 }
    local B = { 1, 1, 1, 0, 0, 1, 0, 0, 0, 0 }
    for i = 1, 10 do
        a[#a + 1] = i .. "," .. (A[i] == 1 and "c" or '""')
        b[#b + 1] = i .. "," .. (B[i] == 1 and "c" or '""')
    end
    local opts = { multi = { codes = ";" } }
    return csv(table.concat(a, "\n") .. "\n", opts), csv(table.concat(b, "\n") .. "\n", opts)
end

function T.agreement_krippendorff_example()
    local a, b = coders()
    local ag = coda.stats.agreement(a, b)
    eq(ag:names(), { "code", "n", "both", "a_only", "b_only", "neither", "agreement",
                     "kappa", "alpha", "precision", "recall", "f1" })
    eq(rows(ag, { "code", "n", "both", "a_only", "b_only", "neither" }),
       { { "c", 10, 1, 1, 3, 5 } })
    eq(ag:get(1, "agreement"), 60.0)
    eq(coda.round(ag:get(1, "alpha"), 3), "0.095")
    near(ag:get(1, "alpha"), 2 / 21)
    near(ag:get(1, "kappa"), 0.04 / 0.44)
    eq(coda.round(ag:get(1, "kappa"), 7), "0.0909091")
    eq({ ag:get(1, "precision"), ag:get(1, "recall") }, { 0.5, 0.25 })
    near(ag:get(1, "f1"), 1 / 3)
end

function T.agreement_options()
    local a = csv('unit,who,tags\n1,x,p;q\n2,x,p\n3,x,""\n', { multi = { tags = ";" } })
    local b = csv('tags,unit\np,3\np;q,2\nq,1\n', { multi = { tags = ";" } })
    local ag = coda.stats.agreement(a, b, { id = "unit", codes = "tags" })
    eq(rows(ag, { "code", "both", "a_only", "b_only", "neither" }),
       { { "p", 1, 1, 1, 0 }, { "q", 1, 0, 1, 1 } })
    local given = coda.stats.agreement(a, b, { id = "unit", labels = { "q", "z" } })
    eq(rows(given, { "code", "n", "both", "neither", "alpha" }),
       { { "q", 3, 1, 1, given:get(1, "alpha") }, { "z", 3, 0, 3 } })
    near(given:get(1, "agreement"), 200 / 3)
    near(given:get(1, "kappa"), 0.4)
    near(given:get(1, "f1"), 2 / 3)
    err(function() return coda.stats.agreement(a, b) end, "is integer on the left", true)
    err(function() return coda.stats.agreement(a, b, { id = "nope" }) end, 'no column "nope"', true)
    local s = csv("unit,who\n1,p\n2,p\n3,q\n")
    err(function() return coda.stats.agreement(a, s, { id = "unit", codes = "who" }) end,
        "agreement: the codes columns must be multi columns", true)
    local plain = csv("id,v\n1,2\n")
    err(function() return coda.stats.agreement(plain, plain) end,
        "agreement: no multi column found; name it with option codes", true)
end

function T.agreement_unmatched()
    local a, b = coders()
    local more = csv("id,codes\n1,c\n2,c\n99,c\n", { multi = { codes = ";" } })
    err(function() return coda.stats.agreement(more, b) end,
        'agreement: 1 case of the first table (by "id") is not in the other; pass unmatched = "drop" to leave them out', true)
    err(function() return coda.stats.agreement(a, more) end,
        'agreement: 8 cases of the first table (by "id") are not in the other', true)
    err(function() return coda.stats.agreement(a:filter("id", "<=", 2), more) end,
        '1 case of the second table (by "id") is not in the other', true)
    local d = coda.stats.agreement(more, b, { unmatched = "drop" })
    eq(rows(d, { "code", "n", "both", "a_only", "b_only", "neither" }), { { "c", 2, 2, 0, 0, 0 } })
    eq(coda.stats.agreement(a, b, { unmatched = "error" }):get(1, "n"), 10)
    err(function() return coda.stats.agreement(a, b, { unmatched = "ignore" }) end,
        "unmatched", true)
    err(function() return coda.stats.agreement(a, b, { unmatched = "ignore" }) end,
        '"ignore"', true)
end

function T.agreement_unknown_option()
    local a, b = coders()
    err(function() return coda.stats.agreement(a, b, { lables = { "c" } }) end,
        'agreement: unknown option "lables"', true)
end

return T
