-- test_banner.lua - banner tables against counts, percentages and letters
-- worked out by hand on synthetic data.
local h = require("helper")
local coda = require("coda")
local eq = h.assert_eq

local T = {}

-- 42 synthetic answers to q (yes/no) by sex (F/M) and age (old/young):
--   F yes 15 (8 old, 7 young), F no 5 (2 old, 3 young),
--   M yes 5 (3 old, 2 young),  M no 15 (7 old, 8 young),
--   one F old with q missing, one young "yes" with sex missing.
local function answers()
    local rows = {}
    local function add(n, sex, age, q)
        for _ = 1, n do
            rows[#rows + 1] = { sex = sex, age = age, q = q }
        end
    end
    add(8, "F", "old", "yes"); add(7, "F", "young", "yes")
    add(2, "F", "old", "no"); add(3, "F", "young", "no")
    add(3, "M", "old", "yes"); add(2, "M", "young", "yes")
    add(7, "M", "old", "no"); add(8, "M", "young", "no")
    add(1, "F", "old", nil); add(1, nil, "young", "yes")
    return coda.dataset(rows, { "sex", "age", "q" })
end

local function col(b, name)
    return h.values(b, name)
end

local function near(got, want, what)
    for i = 1, want.n do
        h.assert_true(got[i] == want[i] or math.abs(got[i] - want[i]) < 1e-9,
                      what .. "[" .. i .. "]: " .. tostring(got[i]) .. " ~= "
                      .. tostring(want[i]))
    end
end

function T.counts_percentages_and_bases()
    local b = answers():banner("q", { "sex", "age" })
    eq(b:names(), { "row", "Total n", "Total %", "sex: F n", "sex: F %",
                    "sex: M n", "sex: M %", "age: old n", "age: old %",
                    "age: young n", "age: young %" })
    eq(col(b, "row"), { "Base", "no", "yes", n = 3 })
    eq(col(b, "Total n"), { 41, 20, 21, n = 3 })
    near(col(b, "Total %"), { 100, 100 * 20 / 41, 100 * 21 / 41, n = 3 }, "Total %")
    eq(col(b, "sex: F n"), { 20, 5, 15, n = 3 })
    near(col(b, "sex: F %"), { 100, 25, 75, n = 3 }, "F %")
    eq(col(b, "sex: M n"), { 20, 15, 5, n = 3 })
    eq(col(b, "age: old n"), { 20, 9, 11, n = 3 })
    eq(col(b, "age: young n"), { 21, 11, 10, n = 3 })
    near(col(b, "age: young %"), { 100, 100 * 11 / 21, 100 * 10 / 21, n = 3 }, "young %")
end

-- F yes 15/20 against M yes 5/20: pooled p 0.5, z = 0.5 / sqrt(0.25 *
-- 0.1) = 3.16, p = 0.0016: F (A) is above M (B) in yes, M above F in no.
-- old 11/20 against young 10/21: pooled p 21/41, z = 0.47, p = 0.64: no
-- letters.
function T.letters_as_column_proportion_tests()
    local b = answers():banner("q", { "sex", "age" }, { letters = true })
    eq(b:names()[4], "sex: F n")
    eq(b:names()[6], "sex: F sig")
    eq(col(b, "sex: F sig"), { "A", "", "B", n = 3 })
    eq(col(b, "sex: M sig"), { "B", "A", "", n = 3 })
    eq(col(b, "age: old sig"), { "A", "", "", n = 3 })
    eq(col(b, "age: young sig"), { "B", "", "", n = 3 })
    local z = answers():ztest_columns("q", "sex")
    eq(h.values(z, "above"), { "", "A", "B", "", n = 4 }) -- no F, no M, yes F, yes M
end

function T.letters_at_a_stricter_level()
    -- p = 0.0016 is below 0.01, and below 0.01 after Bonferroni's x1
    local b = answers():banner("q", { "sex" }, { letters = true, level = 0.999 })
    eq(col(b, "sex: F sig"), { "A", "", "", n = 3 })
    local b2 = answers():banner("q", "sex", { letters = true, level = 0.99,
                                              bonferroni = true })
    eq(col(b2, "sex: F sig"), { "A", "", "B", n = 3 })
end

function T.without_total_and_one_column_variable()
    local b = answers():banner("q", "age", { total = false })
    eq(b:names(), { "row", "age: old n", "age: old %", "age: young n",
                    "age: young %" })
end

-- A multi row variable: a row counts under each of its labels, so the
-- percentages of a column can sum past 100.
function T.multi_row_variable()
    local d = coda.dataset({
        { areas = { "a", "b" }, g = "X" }, { areas = { "a" }, g = "X" },
        { areas = { "b" }, g = "Y" }, { g = "Y" },
    }, { "areas", "g" })
    local b = d:banner("areas", { "g" })
    eq(col(b, "row"), { "Base", "a", "b", n = 3 })
    eq(col(b, "Total n"), { 3, 2, 2, n = 3 })
    eq(col(b, "g: X n"), { 2, 2, 1, n = 3 })
    near(col(b, "g: X %"), { 100, 100, 50, n = 3 }, "X %")
    eq(col(b, "g: Y n"), { 1, 0, 1, n = 3 })
end

function T.numbers_as_row_and_column_values()
    local d = coda.dataset({ { r = 1, c = 2.5 }, { r = 2, c = 2.5 } }, { "r", "c" })
    local b = d:banner("r", { "c" })
    eq(col(b, "row"), { "Base", "1", "2", n = 3 })
    eq(b:names()[4], "c: 2.5 n")
end

function T.errors()
    local d = answers()
    h.assert_error(function() d:banner("qq", { "sex" }) end, "qq", true)
    h.assert_error(function() d:banner("q", { "sex", "agee" }) end, "agee", true)
    h.assert_error(function() d:banner("q", { "sex" }, { letter = true }) end,
                   "unknown option", true)
    h.assert_error(function() d:banner("q", {}, { total = false }) end,
                   "banner: no columns", true)
    h.assert_error(function() d:banner("q", { "sex", "age", "sex" }) end,
                   'banner: column variable "sex" given twice', true)
    h.assert_error(function() d:banner("q", { "sex" }, { level = 2 }) end,
                   "level must be between 0 and 1", true)
    local m = coda.dataset({ { a = "x", m = { "p", "q" } } }, { "a", "m" })
    h.assert_error(function() m:banner("a", { "m" }, { letters = true }) end,
                   'letters need columns that are not multi ("m" is', true)
    eq(m:banner("a", { "m" }):names()[4], "m: p n")
end

function T.empty_dataset()
    local b = coda.dataset({}, { "q", "sex" }):banner("q", { "sex" })
    eq(b:nrow(), 1)
    eq(b:names(), { "row", "Total n", "Total %" })
    eq(col(b, "Total n"), { 0, n = 1 })
    eq(col(b, "Total %"), { nil, n = 1 })
end

return T
