-- test_survey.lua - designs against R's survey package: every number of
-- tests/golden/survey/expected.csv (written by tests/oracle/survey.R from
-- the api data and a generated design) recomputed by coda to 1e-8
-- relative; then domains, groups and the errors of bad designs.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

-- make oracle points these at what R has just written.
local API = os.getenv("CODA_SURVEY_DATA") or "datasets/api/"
local EXPECTED = os.getenv("CODA_SURVEY_EXPECTED") or "tests/golden/survey/expected.csv"

local function api(name)
    return coda.read_csv(API .. name .. ".csv")
end

-- A multi-select column flags: the labels of awards, comp.imp and both
-- that are "Yes", or "none" (survey.R's indicators).
local function with_flags(ds)
    return ds:mutate("flags", function(r)
        local l = {}
        for _, c in ipairs({ "awards", "comp.imp", "both" }) do
            if r[c] == "Yes" then l[#l + 1] = c end
        end
        return #l > 0 and l or { "none" }
    end)
end

-- The designs of survey.R, by name (with the flags column when flags).
local function design_of(name, flags)
    local specs = {
        srs = { "apisrs", { weights = "pw", fpc = "fpc" } },
        srs_wr = { "apisrs", { weights = "pw" } },
        srs_fpc_only = { "apisrs", { fpc = "fpc" } },
        strat = { "apistrat", { weights = "pw", strata = "stype", fpc = "fpc" } },
        clus1 = { "apiclus1", { weights = "pw", cluster = "dnum", fpc = "fpc" } },
        clus1_wr = { "apiclus1", { weights = "pw", cluster = "dnum" } },
        clus2_wr = { "apiclus2", { weights = "pw", cluster = "dnum" } },
        clus2 = { "apiclus2", { cluster = { "dnum", "snum" }, fpc = { "fpc1", "fpc2" } } },
    }
    if specs[name] then
        local ds = api(specs[name][1])
        return coda.design(flags and with_flags(ds) or ds, specs[name][2])
    end
    if name == "data" then
        return api("apistrat")
    end
    local lonely3, frac = name:match("^gen3_(%a+)(.*)$")
    if lonely3 then
        local fpc = frac ~= "" and { "f1", "f2", "f3" } or { "N1", "N2", "N3" }
        return coda.design(api("gen3"), { strata = "stratum", cluster = { "psu", "ssu", "hh" },
                                          fpc = fpc, lonely_psu = lonely3 })
    end
    local lonely, fpc = name:match("^gen_(%a+)(.*)$")
    return coda.design(api("gen"), { weights = "w", strata = "stratum", cluster = "psu",
                                     fpc = fpc ~= "" and "N" or nil, lonely_psu = lonely })
end

-- The Dataset coda gives for one call of expected.csv, and the name of
-- its estimate column.
local function compute(d, call)
    local verb, arg = call:match("^([%w_]+):(.*)$")
    if verb == "mean" or verb == "total" then
        return d[verb](d, arg, { deff = true }), verb
    elseif verb == "var" then
        return d:var(arg), "var"
    elseif verb == "by_var" then
        local y, g = arg:match("^(.-)~(.*)$")
        return d:group_by(g):var(y), "var", g
    elseif verb == "ratio" then
        local y, x = arg:match("^(.-)/(.*)$")
        return d:ratio(y, x, { deff = true }), "ratio"
    elseif verb == "freq" or verb == "multi" then
        return d:frequency(arg, { deff = true }), "pct"
    elseif verb == "by_mean" or verb == "by_total" then
        local y, g = arg:match("^(.-)~(.*)$")
        local what = verb:sub(4)
        return d:group_by(g)[what](d:group_by(g), y, { deff = true }), what, g
    elseif verb == "by_freq" then
        local y, g = arg:match("^(.-)~(.*)$")
        return d:group_by(g):frequency(y, { deff = true }), "pct", g
    elseif verb == "sub_mean" then
        local y, col, value = arg:match("^(.-)|(.-)=(.*)$")
        return d:subset(col, "==", value):mean(y, { deff = true }), "mean"
    elseif verb == "xtab" then
        local a, b = arg:match("^(.-)%*(.*)$")
        return d:crosstab(a, b, { deff = true }), "row_pct"
    elseif verb == "quantile" then
        return d:quantile(arg, { 0.25, 0.5, 0.75 }), "quantile"
    elseif verb == "by_quantile" then
        local y, g = arg:match("^(.-)~(.*)$")
        return d:group_by(g):quantile(y, 0.5), "quantile", g
    elseif verb == "wquantile" then
        local s = d:summarise({ { "0.1", "quantile", arg, 0.1 }, { "0.25", "quantile", arg, 0.25 },
                                { "0.5", "quantile", arg, 0.5 }, { "0.9", "quantile", arg, 0.9 } },
                              { weight = "pw" })
        return s, "wq"
    elseif verb == "svychisq" or verb == "chisq" or verb == "fisher" then
        local a, b, flag = arg:match("^(.-)%*([^:]*):?(.*)$")
        if verb == "fisher" then
            return d:fisher(a, b), "statistic"
        end
        if verb == "svychisq" then
            return d:chisq(a, b, flag ~= "" and { statistic = flag } or nil), "statistic"
        end
        local test, cells = d:chisq(a, b, { correct = flag == "" })
        return test, "statistic", nil, cells
    elseif verb == "svyttest" or verb == "ttest" then
        local y, by, mu = arg:match("^([^~=:]*)~?([^=:]*)=?([^:]*)")
        return d:ttest(y, { by = by ~= "" and by or nil, mu = tonumber(mu),
                            var_equal = arg:find(":pooled") and true or nil }), "estimate"
    end
    error("unknown call " .. call)
end

-- The row of res that an expected line names by group (the key column)
-- or level (a value, "row|col", or a quantile's p).
local function find_row(res, key, group, level)
    local first, names = res:names()[1], table.concat(res:names(), " ")
    local key_only = level == "" or not (" " .. names .. " "):find(" value ", 1, true)
    for r = 1, res:nrow() do
        local at
        if key then
            at = tostring(res:get(r, key)) == group and (key_only or res:get(r, "value") == level)
        elseif level == "" then
            at = true
        elseif first == "variable" then
            at = tostring(res:get(r, "p")) == level
        elseif first == "value" then
            at = res:get(r, "value") == level
        elseif first == "row" then
            at = res:get(r, "row") .. "|" .. res:get(r, "col") == level
        end
        if at then
            return r
        end
    end
    error("no row for " .. group .. " " .. level)
end

local function value_of(d, cache, e)
    local id = e.design .. " " .. e.call
    if not cache[id] then
        cache[id] = { compute(d, e.call) }
    end
    local res, est, key, cells = table.unpack(cache[id])
    if e.level ~= "" and cells then
        res = cells
    end
    if est == "wq" then
        return res:get(1, e.level)
    end
    local r = find_row(res, key, e.group, e.level)
    if e.quantity == "deff_replace" then
        return d:mean(e.call:match(":(.*)"), { deff = "replace" }):get(1, "deff")
    end
    local col = e.quantity == "est" and est or e.quantity
    return res:get(r, col)
end

-- Relative difference, with an absolute floor for numbers R makes 0.
local function rel(got, want)
    return math.abs(got - want) / math.max(math.abs(want), 1e-6)
end

function T.against_r_survey()
    local ex = coda.read_csv(EXPECTED,
                             { types = { group = "string", level = "string" } })
    local designs, cache, n = {}, {}, 0
    local worst = { interval = 0, other = 0, zero = 0 } -- logit intervals; the rest; R's zeros
    for r = 1, ex:nrow() do
        local e = { design = ex:get(r, "design"), call = ex:get(r, "call"),
                    group = ex:get(r, "group") or "", level = ex:get(r, "level") or "",
                    quantity = ex:get(r, "quantity"), value = ex:get(r, "value") }
        local multi = e.call:match("^multi:") ~= nil
        local id = e.design .. (multi and "+flags" or "")
        designs[id] = designs[id] or design_of(e.design, multi)
        local got = value_of(designs[id], cache, e)
        local d = rel(got or 0 / 0, e.value)
        if not (d <= 1e-8) then
            error(string.format("%s %s %s %s %s: coda %.17g, R %.17g", e.design, e.call,
                                e.group, e.level, e.quantity, got or 0 / 0, e.value))
        end
        local logit = e.call:match("^freq:") or e.call:match("^multi:")
        local kind = e.value == 0 and "zero" or logit and e.quantity:match("^ci_")
            and "interval" or "other"
        worst[kind] = math.max(worst[kind], kind == "zero" and math.abs(got) or d)
        n = n + 1
    end
    eq(n, ex:nrow())
    if os.getenv("CODA_SURVEY_REPORT") then
        print(string.format("%d numbers; max relative difference %.3g (logit intervals "
            .. "%.3g); where R gives 0, coda within %.3g", n, worst.other, worst.interval, worst.zero))
    end
    assert(n > 700, "expected the whole oracle file")
end

function T.design_errors()
    local g = api("gen")
    err(function() return coda.design(g, { strata = "stratum", cluster = "psu", weights = "w" }) end,
        'design: stratum s3 (column "stratum") has only one PSU (row 206); lonely_psu = '
        .. '"remove", "certainty", "adjust" or "average" says what it adds to a variance', true)
    err(function() return coda.design(g, { weights = "y" }) end,
        'design: weight column "y" is missing at row 31 (every row needs a weight)', true)
    err(function() return coda.design(g, { weights = "g" }) end,
        'design: weight column "g" is string, not a number', true)
    err(function() return coda.design(g, { strata = "nope" }) end, 'no column "nope"', true)
    err(function() return coda.design(g, { stratum = "g" }) end, 'design: unknown option "stratum"', true)
    err(function() return coda.design(g, { lonely_psu = "drop" }) end,
        'design: lonely_psu must be "fail", "remove", "certainty", "adjust" or "average"', true)
    local small = coda.dataset({ { s = "a", c = 1, f = 10 }, { s = "a", c = 2, f = 12 },
                                 { s = "b", c = 3, f = 0.5 }, { s = "b", f = 0.5 } },
                               { "s", "c", "f" })
    err(function() return coda.design(small, { strata = "s", cluster = "c" }) end,
        'design: cluster column "c" is missing at row 4', true)
    err(function() return coda.design(small, { strata = "s", fpc = "f" }) end,
        'design: fpc column "f" varies within a stratum (12 at row 2, 10 before)', true)
    local mixed = coda.dataset({ { s = "a", f = 10 }, { s = "a", f = 10 }, { s = "b", f = 0.5 },
                                 { s = "b", f = 0.5 } }, { "s", "f" })
    err(function() return coda.design(mixed, { strata = "s", fpc = "f" }) end,
        'design: fpc column "f" mixes population sizes (> 1) and sampling fractions (< 1)', true)
    local over = coda.dataset({ { f = 1.5 }, { f = 1.5 } }, { "f" })
    err(function() return coda.design(over, { fpc = "f" }) end,
        'design: fpc column "f" gives a population of 1.5 PSUs to a stratum with 2 in the sample', true)
    local d = coda.design(g, { weights = "w", strata = "stratum", cluster = "psu", lonely_psu = "remove" })
    err(function() return d:mean("g") end, 'design: cannot take the mean of column "g" (string)', true)
    err(function() return d:ratio("y", { "x", "w" }) end, "as many denominators as numerators", true)
    err(function() return d:mean("y", { level = 2 }) end, "level must be between 0 and 1", true)
    err(function() return d:mean("y", { deff = "yes" }) end, 'design: deff must be "replace" or a boolean, not "yes"', true)
    err(function() return d:mean("y", { deff = 1 }) end, 'design: deff must be "replace" or a boolean, not "1"', true)
    err(function() return d:mean("y", { leve = 0.9 }) end, 'design: unknown option "leve"', true)
    err(function() return d:subset("g", "=~", "a") end, 'unknown operator "=~"', true)
    err(function() return d:group_by() end, "one to eight columns expected", true)
    err(function() return d:quantile("y", { 0.5, 1.5 }) end,
        "quantile: the probability 1.5 is not between 0 and 1", true)
    err(function() return d:quantile("g", 0.5) end,
        'design: cannot take the quantile of column "g" (string)', true)
    err(function() return d:quantile("y", 0.5, { deff = true }) end, "quantile: deff is not available", true)
    err(function() return d:var("y", { deff = true }) end, "var: deff is not available", true)
    err(function() return d:var("g") end, 'design: cannot take the variance of column "g" (string)', true)
end

function T.multistage()
    local c2 = api("apiclus2")
    -- without an fpc the later stages add nothing: the ultimate clusters
    local two = coda.design(c2, { weights = "pw", cluster = { "dnum", "snum" } }):mean("api00")
    local one = coda.design(c2, { weights = "pw", cluster = "dnum" }):mean("api00")
    eq({ two:get(1, "mean"), two:get(1, "se") }, { one:get(1, "mean"), one:get(1, "se") })
    -- the weights follow from the fpcs: N1/n1 * N2/n2 is apiclus2's pw
    local d = coda.design(c2, { cluster = { "dnum", "snum" }, fpc = { "fpc1", "fpc2" } })
    local w = coda.design(c2, { weights = "pw", cluster = { "dnum", "snum" }, fpc = { "fpc1", "fpc2" } })
    local a, b = d:total("enroll"), w:total("enroll")
    assert(math.abs(a:get(1, "total") - b:get(1, "total")) < 1e-6 * b:get(1, "total"))
    assert(math.abs(a:get(1, "se") - b:get(1, "se")) < 1e-6 * b:get(1, "se"))
    -- and the second stage adds to the first's variance
    assert(d:mean("api00"):get(1, "se") > coda.design(c2, { cluster = "dnum", fpc = "fpc1",
        weights = "pw" }):mean("api00"):get(1, "se"))
    local g = api("gen3")
    local spec = { strata = "stratum", cluster = { "psu", "ssu", "hh" } }
    local function with(extra)
        local s = {}
        for k, v in pairs(spec) do s[k] = v end
        for k, v in pairs(extra) do s[k] = v end
        return function() return coda.design(g, s) end
    end
    err(with({ fpc = { "N1", "N2", "N3" } }), 'design: cluster 1 (column "psu") has only one cluster '
        .. 'of column "ssu" sampled (row 1); lonely_psu = "remove", "certainty", "adjust" or '
        .. '"average" says what it adds to a variance', true)
    err(with({ fpc = { "N1", "N2" } }), "design: fpc names 2 columns for 3 stages of clusters; "
        .. "give one a stage, or none", true)
    err(with({ fpc = "N1" }), "design: fpc names 1 column for 3 stages of clusters; give one a "
        .. "stage, or none", true)
    err(with({ fpc = { "N1", "f2", "N3" } }), 'design: fpc columns mix population sizes (> 1, '
        .. '"N1") and sampling fractions (< 1, "f2")', true)
    err(with({ fpc = { "N1", "g", "N3" } }), 'design: fpc column "g" is string, not a number', true)
    err(with({ fpc = { "N1", "N3", "N2" }, lonely_psu = "remove" }),
        'design: fpc column "N3" varies within a cluster of the stage above', true)
    err(with({ cluster = {} }), "design: cluster names 1 to 4 columns (one a stage)", true)
    err(with({ cluster = { "psu", "ssu", "hh", "x", "y" } }), "design: cluster names 1 to 4 columns", true)
    err(with({ cluster = { "psu", "nope" } }), 'no column "nope"', true)
    local holes = g:mutate("ssu", function(r) if r.y > 28 then return nil end return r.ssu end)
        :mutate("N2", function(r) if r.y < 15 then return nil end return r.N2 end)
    err(function() return coda.design(holes, { strata = "stratum", cluster = { "psu", "ssu", "hh" } }) end,
        'design: cluster column "ssu" is missing at row', true)
    err(function() return coda.design(holes, { strata = "stratum", cluster = { "psu", "hh" },
                                               fpc = { "N1", "N2" }, lonely_psu = "remove" }) end,
        'design: fpc column "N2" is missing at row', true)
    -- no rows: no estimate, no error
    local none = coda.design(g:filter("y", ">", 1000), { strata = "stratum", cluster = { "psu", "ssu", "hh" },
                                                         fpc = { "N1", "N2", "N3" } })
    eq({ none:mean("y"):get(1, "n"), none:mean("y"):get(1, "mean") }, { 0, nil })
    -- "average" with a lonely cluster at a later stage: no variance, as R
    local avg = with({ fpc = { "N1", "N2", "N3" }, lonely_psu = "average" })():mean("y")
    eq({ avg:get(1, "n"), avg:get(1, "se") }, { 139, nil })
end

function T.census_stratum()
    -- stratum b's one PSU is all of its population (fpc 1): no variance
    -- and no lonely-PSU error, whatever the rule (R's onestrat); stratum
    -- a: weights 5/3, PSU totals 5/3, 20/3, 10, scale (1 - 3/5) 3/2
    local ds = coda.dataset({ { h = "a", p = 1, y = 1, N = 5 }, { h = "a", p = 2, y = 4, N = 5 },
                              { h = "a", p = 3, y = 6, N = 5 }, { h = "b", p = 4, y = 10, N = 1 } },
                            { "h", "p", "y", "N" })
    local t, m = { 5 / 3, 20 / 3, 10 }, 55 / 9
    local ss = 0
    for _, v in ipairs(t) do ss = ss + (v - m) ^ 2 end
    for _, rule in ipairs({ "fail", "remove", "adjust", "average" }) do
        local d = coda.design(ds, { strata = "h", cluster = "p", fpc = "N", lonely_psu = rule })
        local tot = d:total("y")
        assert(math.abs(tot:get(1, "total") - (55 / 3 + 10)) < 1e-12, rule)
        assert(math.abs(tot:get(1, "se") - math.sqrt(0.6 * ss)) < 1e-12, rule)
    end
end

function T.chisq_statistics()
    local d = coda.design(api("apiclus1"), { weights = "pw", cluster = "dnum", fpc = "fpc" })
    local f, c = d:chisq("sch.wide", "stype"), d:chisq("sch.wide", "stype", { statistic = "Chisq" })
    eq(c:get(1, "chisq"), f:get(1, "chisq"))
    eq({ c:get(1, "ndf"), c:get(1, "ddf") }, { 2.0, nil })
    eq(c:get(1, "method"), "Pearson's X^2: Rao & Scott adjustment (first order)")
    local w, aw = d:chisq("sch.wide", "stype", { statistic = "Wald" }),
        d:chisq("sch.wide", "stype", { statistic = "adjWald" })
    eq({ w:get(1, "ndf"), w:get(1, "ddf"), aw:get(1, "ddf") }, { 2.0, 14.0, 13.0 })
    -- adjWald is Wald scaled by (nu - m + 1) / nu
    assert(math.abs(aw:get(1, "statistic") - w:get(1, "statistic") * 13 / 14) < 1e-12)
    err(function() return d:chisq("sch.wide", "stype", { statistic = "wald" }) end,
        'chisq: statistic must be "F", "Chisq", "Wald" or "adjWald"', true)
    err(function() return d:chisq("sch.wide", "stype", { stat = "Wald" }) end,
        'chisq: unknown option "stat"', true)
    local x = d:crosstab("stype", "sch.wide", { deff = true })
    eq(x:names()[13], "row_deff")
    eq(#x:names(), 15)
    eq(#d:crosstab("stype", "sch.wide"):names(), 12)
end

function T.domains_and_groups()
    local d = coda.design(api("apiclus1"), { weights = "pw", cluster = "dnum", fpc = "fpc" })
    -- a domain is the groups' row: subset E equals group E
    local by = d:group_by("stype"):mean("api00")
    eq({ by:get(1, "stype"), by:get(2, "stype"), by:get(3, "stype") }, { "E", "H", "M" })
    local e = d:subset("stype", "==", "E"):mean("api00")
    eq({ e:get(1, "mean"), e:get(1, "se") }, { by:get(1, "mean"), by:get(1, "se") })
    -- subsets chain as one "in" subset; groups of a subset keep its rows
    local two = d:subset("stype", "in", { "E", "M" }):subset("stype", "~=", "M"):mean("api00")
    eq(two:get(1, "se"), e:get(1, "se"))
    local gs = d:subset("stype", "~=", "H"):group_by("stype"):mean("api00")
    eq(gs:nrow(), 2)
    eq(gs:get(2, "se"), by:get(3, "se"))
    -- an empty domain: no rows, no estimate
    local none = d:subset("stype", "==", "X")
    eq({ none:mean("api00"):get(1, "n"), none:mean("api00"):get(1, "mean") }, { 0, nil })
    eq(none:frequency("stype"):nrow(), 0)
    eq(none:group_by("stype"):mean("api00"):nrow(), 0)
    assert(tostring(d:subset("stype", "==", "E"):group_by("sch.wide")):find(
        "a domain of 144 rows; by sch.wide", 1, true))
end

function T.constant_and_zero_weights()
    -- a constant column has no variance; zero weights count as rows
    local c = coda.dataset({ { x = 5, w = 0, h = "a" }, { x = 5, w = 2, h = "a" },
                             { x = 5, w = 3, h = "b" }, { x = 5, w = 1, h = "b" } },
                           { "x", "w", "h" })
    local d = coda.design(c, { weights = "w", strata = "h" })
    local m = d:mean("x", { deff = true })
    eq({ m:get(1, "n"), m:get(1, "mean"), m:get(1, "se"), m:get(1, "deff") }, { 4, 5.0, 0.0, nil })
    local f = d:frequency("x")
    eq({ f:get(1, "n"), f:get(1, "count"), f:get(1, "pct"), f:get(1, "ci_low") },
       { 4, 6.0, 100.0, 100.0 })
end

function T.design_outlives_nothing()
    local ds = api("apisrs")
    local d = coda.design(ds, { weights = "pw" })
    ds:close()
    err(function() return d:mean("api00") end, "closed", true)
end

return T
