-- test_tests.lua - tests of significance against published answers: the
-- chi-square of Agresti's party identification table and the Welch t test
-- of the sleep data (both R's own documentation examples), Fisher's tea
-- tasting, column proportion letters worked by hand, and the errors.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

local function near(got, want, tol, what)
    if type(got) ~= "number" or math.abs(got - want) > tol then
        error((what or "value") .. ": expected " .. tostring(want) .. ", got "
            .. tostring(got), 2)
    end
end

-- Rows of { a, b } repeated n times.
local function table_of(cells)
    local rows = {}
    for _, c in ipairs(cells) do
        for _ = 1, c[3] do
            rows[#rows + 1] = { a = c[1], b = c[2] }
        end
    end
    return coda.dataset(rows, { "a", "b" })
end

-- ?chisq.test: Agresti (2007) p. 39, gender by party identification:
-- X-squared = 30.07, df = 2, p-value = 2.954e-07.
function T.chisq_agresti()
    local ds = table_of{ { "F", "Democrat", 762 }, { "F", "Independent", 327 },
                         { "F", "Republican", 468 }, { "M", "Democrat", 484 },
                         { "M", "Independent", 239 }, { "M", "Republican", 477 } }
    local test, cells = ds:chisq("a", "b")
    near(test:get(1, "statistic"), 30.07015, 5e-6, "X-squared")
    eq({ test:get(1, "df"), test:get(1, "n") }, { 2.0, 2757.0 })
    near(test:get(1, "p"), 2.953589e-07, 5e-13, "p")
    -- expected F, Democrat: 1557 * 1246 / 2757; stdres printed by R: 4.5020535
    near(cells:get(1, "expected"), 1557 * 1246 / 2757, 1e-9)
    near(cells:get(1, "stdres"), 4.5020535, 5e-7, "stdres")
    near(cells:get(1, "residual"), (762 - 1557 * 1246 / 2757) / math.sqrt(1557 * 1246 / 2757), 1e-12)
end

-- Yates: a 2x2 table worked by hand, E = 15 everywhere, |O - E| = 5:
-- (5 - 0.5)^2 / 15 * 4 = 5.4 corrected, 100 / 15 * 4 / ... uncorrected 6.6667.
function T.chisq_yates()
    local ds = table_of{ { "x", "p", 20 }, { "x", "q", 10 }, { "y", "p", 10 }, { "y", "q", 20 } }
    near(ds:chisq("a", "b"):get(1, "statistic"), 4.5 ^ 2 / 15 * 4, 1e-12)
    near(ds:chisq("a", "b", { correct = false }):get(1, "statistic"), 25 / 15 * 4, 1e-12)
    assert(ds:chisq("a", "b"):get(1, "method"):find("Yates", 1, true))
end

-- ?fisher.test: the lady tasting tea, 3 of 4 right: two-sided p = 34/70.
function T.fisher_tea()
    local ds = table_of{ { "milk", "milk", 3 }, { "milk", "tea", 1 },
                         { "tea", "milk", 1 }, { "tea", "tea", 3 } }
    local f = ds:fisher("a", "b")
    near(f:get(1, "p"), 34 / 70, 1e-12, "p")
    eq({ f:get(1, "statistic"), f:get(1, "n") }, { 9.0, 8.0 })
end

-- ?t.test: t.test(extra ~ group, data = sleep): t = -1.8608,
-- df = 17.776, p-value = 0.07939, interval -3.3654832 0.2054832.
local SLEEP = { 0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0,
                1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4 }

function T.ttest_sleep()
    local rows = {}
    for i, x in ipairs(SLEEP) do
        rows[i] = { extra = x, group = i <= 10 and 1 or 2 }
    end
    local ds = coda.dataset(rows, { "extra", "group" })
    local t = ds:ttest("extra", { by = "group" })
    near(t:get(1, "statistic"), -1.860813, 5e-7, "t")
    near(t:get(1, "df"), 17.77647, 5e-6, "df")
    near(t:get(1, "p"), 0.07939414, 5e-9, "p")
    near(t:get(1, "ci_low"), -3.3654832, 5e-8, "ci_low")
    near(t:get(1, "ci_high"), 0.2054832, 5e-8, "ci_high")
    near(t:get(1, "estimate"), 0.75 - 2.33, 1e-12, "estimate")
    -- var.equal = TRUE: t = -1.8608, df = 18, p-value = 0.07919
    local p = ds:ttest("extra", { by = "group", var_equal = true })
    eq(p:get(1, "df"), 18.0)
    near(p:get(1, "p"), 0.07918671, 5e-9, "pooled p")
end

-- Columns A 30/100, B 50/100, C 32/100 of "yes": B is above A
-- (z = -2.887, p = 0.0039) and C (z = 2.588, p = 0.0097); "no" mirrors it.
function T.ztest_letters()
    local ds = table_of{ { "yes", "A", 30 }, { "yes", "B", 50 }, { "yes", "C", 32 },
                         { "no", "A", 70 }, { "no", "B", 50 }, { "no", "C", 68 } }
    local z = ds:ztest_columns("a", "b")
    eq(z:names(), { "row", "col", "letter", "count", "col_base", "col_pct", "above" })
    local above = {}
    for r = 1, z:nrow() do
        above[#above + 1] = z:get(r, "row") .. z:get(r, "letter") .. "=" .. z:get(r, "above")
    end
    eq(above, { "noA=B", "noB=", "noC=B", "yesA=", "yesB=AC", "yesC=" })
    -- Bonferroni at 99%: 0.0039 * 3 and 0.0097 * 3 are both above 0.01
    local b = ds:ztest_columns("a", "b", { bonferroni = true, level = 0.99 })
    eq(b:get(5, "above"), "")
    eq(ds:ztest_columns("a", "b", { level = 0.99 }):get(5, "above"), "AC")
end

function T.test_errors()
    local ds = coda.read_csv(h.write("m.csv", "a,b,y,m\nx,p,1,u;v\ny,q,2,u\nx,q,3,v\n"),
                             { multi = { m = ";" } })
    err(function() return ds:chisq("m", "b") end,
        "chisq: a multi column counts a row more than once", true)
    err(function() return ds:chisq("a", "a", { yates = true }) end, 'chisq: unknown option "yates"', true)
    local one = coda.read_csv(h.write("o.csv", "a,b\nx,p\nx,q\n"))
    err(function() return one:chisq("a", "b") end,
        "chisq: the table is 1 x 2; a test needs two values on each side", true)
    err(function() return ds:fisher("a", "y") end,
        "fisher: the table is 2 x 3; Fisher's exact test here is of a 2 x 2 table", true)
    err(function() return ds:ttest("a") end, 'ttest: column "a" is string, not a number', true)
    err(function() return ds:ttest("y", { by = "y" }) end,
        'ttest: column "y" has 3 values where "y" is present; a two-sample test needs two', true)
    err(function() return ds:ztest_columns("a", "m") end,
        'ztest_columns: the columns ("m") cannot be multi', true)
    local d = coda.design(ds)
    err(function() return d:chisq("a", "m") end, "chisq: a multi column", true)
    err(function() return d:ttest("y", { by = "y" }) end, "a two-sample test needs two", true)
    err(function() return d:ttest("y", { var_equal = true }) end, 'ttest: unknown option "var_equal"', true)
end

return T
