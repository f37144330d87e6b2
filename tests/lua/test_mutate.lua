-- test_mutate.lua - ds:mutate with expressions computed in C: values on
-- small hand-computed tables, missing values as R treats NA, errors with
-- their position, and the strict rows of the Lua-callback mutate.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

-- Synthetic people: weight (kg), height (cm), a group, a note, a date.
local function people()
    return coda.dataset({
        { id = 1, weight = 70, height = 175, grp = "a", note = " Hi There ",
          day = "2024-02-29", score = 2.5 },
        { id = 2, weight = 80, grp = "b", note = "x", day = "2023-02-29",
          score = -1.5 },
        { id = 3, height = 160, day = "1999-12-31T10:00", score = 0.5 },
        { id = 4, weight = 45, height = 150, grp = "a", note = "AbC",
          day = "2020-01-05" },
    }, { "id", "weight", "height", "grp", "note", "day", "score" })
end

local function col(ds, name)
    return h.values(ds, name)
end

function T.bmi_by_hand()
    local ds = people():mutate("bmi", "weight / (height / 100)^2")
    eq(ds:type("bmi"), "number")
    -- 70 / 1.75^2 = 22.857142..., 45 / 1.5^2 = 20
    local v = col(ds, "bmi")
    h.assert_true(math.abs(v[1] - 70 / 1.75 ^ 2) < 1e-12)
    eq({ v[2], v[3], v[4] }, { nil, nil, 20.0 })
    eq(ds:names(), { "id", "weight", "height", "grp", "note", "day", "score",
                     "bmi" })
end

function T.integers_stay_integers()
    local ds = people():mutate{ a = "weight + 1", b = "weight * 2 - id",
                                c = "weight / 2", d = "weight + 0.5" }
    eq(ds:type("a"), "integer")
    eq(ds:type("b"), "integer")
    eq(ds:type("c"), "number")
    eq(ds:type("d"), "number")
    eq(col(ds, "b"), { 139, 158, nil, 86, n = 4 })
    eq(col(ds, "c"), { 35.0, 40.0, nil, 22.5, n = 4 })
end

-- R: 7 %/% -2 is -4, -7 %% 3 is 2, 7.5 %% -2 is -0.5, 5L %/% 0L is NA,
-- 5 / 0 is Inf, 0 / 0 is NaN (is.na), -2^2 is -4, NA^0 and 1^NA are 1.
function T.arithmetic_as_r()
    local ds = coda.dataset({ { x = 1 } }, { "x" }):mutate{
        a = "7 // -2", b = "-7 % 3", c = "7.5 % -2", d = "5 // 0",
        e = "5 / 0", f = "0 / 0", g = "-2^2", i = "missing ^ 0",
        j = "1 ^ missing", k = "2 ^ 3 ^ 2", l = "1 - 2 - 3", m = "2 * 3 + 4 * 5",
        n = "5 % 0" }
    eq(h.contents(ds).cols, {
        { 1, n = 1 }, { -4, n = 1 }, { 2, n = 1 }, { -0.5, n = 1 },
        { n = 1 }, { math.huge, n = 1 }, { n = 1 }, { -4.0, n = 1 },
        { 1.0, n = 1 }, { 1.0, n = 1 }, { 512.0, n = 1 }, { -4, n = 1 },
        { 26, n = 1 }, { n = 1 } })
end

function T.integer_overflow_is_missing()
    local ds = coda.dataset({ { x = math.maxinteger }, { x = 1 } }, { "x" })
    eq(col(ds:mutate("y", "x + 1"), "y"), { nil, 2, n = 2 })
    eq(col(ds:mutate("y", "-(x + 1) * 2"), "y"), { nil, -4, n = 2 })
end

-- R's three-valued logic: NA & FALSE is FALSE, NA | TRUE is TRUE.
function T.three_valued_logic()
    local ds = people():mutate{
        a = "weight > 60 and height > 170", b = "weight > 60 or height > 170",
        c = "not (weight > 60)", d = "is_missing(weight) or weight < 50" }
    eq(col(ds, "a"), { true, nil, false, false, n = 4 })
    eq(col(ds, "b"), { true, true, nil, false, n = 4 })
    eq(col(ds, "c"), { false, false, nil, true, n = 4 })
    eq(col(ds, "d"), { false, false, true, true, n = 4 })
end

function T.comparisons()
    local ds = people():mutate{ a = "grp == 'a'", b = "grp ~= 'a'",
                                c = "note < 'b'", d = "score >= id - 2",
                                e = "weight != 80" }
    eq(col(ds, "a"), { true, false, nil, true, n = 4 })
    eq(col(ds, "b"), { false, true, nil, false, n = 4 })
    eq(col(ds, "c"), { true, false, nil, true, n = 4 })  -- " Hi", "x", "AbC"
    eq(col(ds, "d"), { true, false, false, nil, n = 4 })
    eq(col(ds, "e"), { true, false, nil, true, n = 4 })
end

function T.if_else_and_case_when()
    local ds = people():mutate{
        a = "if_else(weight > 60, 'heavy', 'light')",
        b = "if_else(weight > 60, 'heavy', 'light', 'unknown')",
        c = "if_else(grp == 'a', weight, score)",
        d = "case_when(weight < 50, 'low', weight < 75, 'mid', 'high')",
        e = "case_when(weight < 50, 1, weight < 75, 2)" }
    eq(col(ds, "a"), { "heavy", "heavy", nil, "light", n = 4 })
    eq(col(ds, "b"), { "heavy", "heavy", "unknown", "light", n = 4 })
    eq(ds:type("c"), "number")
    eq(col(ds, "c"), { 70.0, -1.5, nil, 45.0, n = 4 })
    -- a missing condition is not true: row 3 falls to the default
    eq(col(ds, "d"), { "mid", "high", "high", "low", n = 4 })
    eq(col(ds, "e"), { 2, nil, nil, 1, n = 4 })
end

function T.coalesce_and_is_missing()
    local ds = people():mutate{ a = "coalesce(weight, height, 0)",
                                b = "coalesce(grp, 'none')",
                                c = "is_missing(grp)" }
    eq(col(ds, "a"), { 70, 80, 160, 45, n = 4 })
    eq(col(ds, "b"), { "a", "b", "none", "a", n = 4 })
    eq(col(ds, "c"), { false, false, true, false, n = 4 })
end

-- R: cut(c(70, 80, NA, 45), c(0, 50, 75, Inf)) gives (50,75] (75,Inf] NA
-- (0,50]; a value on the lowest break is NA (include.lowest = FALSE).
function T.cut_as_r()
    local ds = people():mutate{
        a = "cut(weight, {0, 50, 75, inf})",
        b = "cut(weight, {45, 70, 100}, {'lo', 'hi'})",
        c = "cut(score, {-inf, 0, 1.25, 2.5})",
        d = "cut(score, {0.1, 0.1001, 3})" }
    eq(col(ds, "a"), { "(50,75]", "(75,Inf]", nil, "(0,50]", n = 4 })
    eq(col(ds, "b"), { "lo", "hi", nil, nil, n = 4 })
    eq(col(ds, "c"), { "(1.25,2.5]", "(-Inf,0]", "(0,1.25]", nil, n = 4 })
    -- 3 digits would print 0.1 twice: R widens to 0.1 and 0.1001
    eq(col(ds, "d"), { "(0.1001,3]", nil, "(0.1001,3]", nil, n = 4 })
end

function T.strings()
    local ds = people():mutate{ a = "lower(note)", b = "upper(trim(note))",
                                c = "trim(note)", d = "nchar(note)",
                                e = "contains(note, '^[A-Z]')",
                                f = "sub(note, '[aeiou]', '_')",
                                g = "gsub(note, '[aeiouAEIOU]', '')",
                                i = "sub(grp, '(a)', '<$1>')" }
    eq(col(ds, "a"), { " hi there ", "x", nil, "abc", n = 4 })
    eq(col(ds, "b"), { "HI THERE", "X", nil, "ABC", n = 4 })
    eq(col(ds, "c"), { "Hi There", "x", nil, "AbC", n = 4 })
    eq(col(ds, "d"), { 10, 1, nil, 3, n = 4 })
    eq(col(ds, "e"), { false, false, nil, true, n = 4 })
    eq(col(ds, "f"), { " H_ There ", "x", nil, "AbC", n = 4 })
    eq(col(ds, "g"), { " H Thr ", "x", nil, "bC", n = 4 })
    eq(col(ds, "i"), { "<a>", "b", nil, "<a>", n = 4 })
end

-- In an expression's string, \\ \' \" \n \t are escapes; any other
-- backslash stays (a pattern's \d).
function T.backslashes_in_strings()
    local ds = coda.dataset({ { s = "ab12c" }, { s = "it's" } }, { "s" })
    local m = ds:mutate{ a = [[gsub(s, '\d', '#')]], b = [[contains(s, '\'')]],
                         c = [[nchar('\\\n')]] }
    eq(col(m, "a"), { "ab##c", "it's", n = 2 })
    eq(col(m, "b"), { false, true, n = 2 })
    eq(col(m, "c"), { 2, 2, n = 2 })
end

function T.nchar_counts_characters()
    local ds = coda.dataset({ { s = "नमस्ते" }, { s = "" } }, { "s" })
    eq(col(ds:mutate("n", "nchar(s)"), "n"), { 6, 0, n = 2 })
    eq(col(ds:mutate("n", "contains(s, '^.{6}$')"), "n"), { true, false, n = 2 })
end

function T.date_parts()
    local ds = people():mutate{ y = "year(day)", m = "month(day)",
                                d = "day(day)" }
    -- 2023-02-29 is no date: missing
    eq(col(ds, "y"), { 2024, nil, 1999, 2020, n = 4 })
    eq(col(ds, "m"), { 2, nil, 12, 1, n = 4 })
    eq(col(ds, "d"), { 29, nil, 31, 5, n = 4 })
end

function T.math_functions()
    local ds = coda.dataset({ { x = -2.5 }, { x = 0.5 }, { x = 4 } }, { "x" })
        :mutate{ a = "abs(x)", b = "round(x)", c = "floor(x)", d = "ceil(x)",
                 e = "sqrt(x)", f = "round(x * 1.234, 2)" }
    eq(col(ds, "a"), { 2.5, 0.5, 4.0, n = 3 })
    eq(col(ds, "b"), { -2.0, 0.0, 4.0, n = 3 })   -- R rounds halves to even
    eq(col(ds, "c"), { -3.0, 0.0, 4.0, n = 3 })
    eq(col(ds, "d"), { -2.0, 1.0, 4.0, n = 3 })
    eq(col(ds, "e"), { nil, math.sqrt(0.5), 2.0, n = 3 })
    eq(col(ds, "f"), { -3.08, 0.62, 4.94, n = 3 })
end

function T.has_on_a_multi_column()
    local p = h.write("multi.csv", "id,areas\n1,prevention;rescue\n2,rescue\n"
                      .. "3,\n4,prosecution\n")
    local ds = coda.read_csv(p, { multi = { areas = ";" } })
    local m = ds:mutate{ r = "has(areas, 'rescue')", n = "has(areas, 'nothing')",
                         e = "is_missing(areas)" }
    local want = {}
    for r = 1, ds:nrow() do
        local set = ds:get(r, "areas")
        if set == nil then
            want[r] = nil
        else
            want[r] = false
            for _, l in ipairs(set) do
                want[r] = want[r] or l == "rescue"
            end
        end
    end
    want.n = 4
    eq(col(m, "r"), want)
    err(function() return ds:mutate("x", "areas == 'rescue'") end,
        "a multi column is only for has() and is_missing() at position 1", true)
end

-- The same arithmetic computed by a Lua callback: an independent answer on
-- a few hundred random rows with missing values.
function T.agrees_with_a_lua_callback()
    math.randomseed(15)
    local rows = {}
    for r = 1, 500 do
        rows[r] = { a = math.random() < 0.1 and nil or math.random(-50, 50),
                    b = math.random() < 0.1 and nil or math.random() * 20 - 10 }
    end
    local ds = coda.dataset(rows, { "a", "b" })
    local c = ds:mutate("y", "(a + 2 * b) / (1 + b^2) - a % 7")
    local l = ds:mutate("y", function(r)
        if r.a == nil or r.b == nil then return nil end
        return (r.a + 2 * r.b) / (1 + r.b ^ 2) - r.a % 7
    end)
    for r = 1, ds:nrow() do
        local x, y = c:get(r, "y"), l:get(r, "y")
        h.assert_true((x == nil and y == nil) or math.abs(x - y) < 1e-9,
                      "row " .. r)
    end
end

function T.sequential_entries_see_earlier_ones()
    local ds = people():mutate{ { "bmi", "weight / (height / 100)^2" },
                                { "obese", "bmi >= 30" },
                                { "band", "cut(bmi, {0, 18.5, 25, inf})" } }
    eq(col(ds, "obese"), { false, nil, nil, false, n = 4 })
    eq(col(ds, "band"), { "(18.5,25]", nil, nil, "(18.5,25]", n = 4 })
end

-- A bare column of each type is a copy of it (found by fuzzing: a number
-- column alone was read through the wrong pointer).
function T.a_bare_column_of_each_type()
    local ds = people():mutate{ a = "score", b = "weight", c = "grp",
                                d = "is_missing(grp)", e = "(score)" }
    eq(col(ds, "a"), col(ds, "score"))
    eq(col(ds, "b"), col(ds, "weight"))
    eq(col(ds, "c"), col(ds, "grp"))
    eq(col(ds, "d"), { false, false, true, false, n = 4 })
    eq(col(ds, "e"), { 2.5, -1.5, 0.5, nil, n = 4 })
end

function T.replaces_a_column_in_place()
    local ds = people():mutate("weight", "weight * 1000")
    eq(ds:names()[2], "weight")
    eq(col(ds, "weight"), { 70000, 80000, nil, 45000, n = 4 })
end

-- The new Dataset borrows the columns it did not compute: closing the
-- first one leaves it whole; a chain of mutates reads the same values.
function T.survives_closing_its_source()
    local ds = people()
    local m = ds:mutate("w2", "weight * 2"):mutate("w4", "w2 * 2")
    ds:close()
    collectgarbage()
    eq(col(m, "note"), { " Hi There ", "x", nil, "AbC", n = 4 })
    eq(col(m, "w4"), { 280, 320, nil, 180, n = 4 })
    eq(col(m:filter("w4", ">", 200), "id"), { 1, 2, n = 2 })
end

function T.empty_dataset()
    local ds = coda.read_csv(h.write("empty.csv", "x\n"),
                             { types = { x = "integer" } })
    local m = ds:mutate("y", "x * 2")
    eq(m:nrow(), 0)
    eq(m:names(), { "x", "y" })
end

function T.many_blocks()
    local rows = {}
    for r = 1, 5000 do
        rows[r] = { x = r }
    end
    local m = coda.dataset(rows, { "x" }):mutate("y", "if_else(x % 1000 == 0, "
                                                  .. "'k', lower(' N '))")
    local k = 0
    for r = 1, 5000 do
        local v = m:get(r, "y")
        k = k + (v == "k" and 1 or 0)
        h.assert_true(v == (r % 1000 == 0 and "k" or " n "), "row " .. r)
    end
    eq(k, 5)
end

-- Errors: what was wrong and where (1-based character position).
function T.errors_name_the_place()
    local ds = people()
    local function e(src, msg)
        local m = err(function() return ds:mutate("z", src) end, msg, true)
        h.assert_match(m, "test_mutate.lua:%d+: mutate: z: ")
    end
    e("weight / (hieght / 100)^2",
      'unknown column "hieght" (did you mean "height"?) at position 11')
    e("lowr(note)", 'unknown function "lowr" (did you mean "lower"?) at position 1')
    e("weight + grp", "+ needs numbers, not a string value at position 10")
    e("if_else(weight, 1, 2)", "if_else needs a true/false condition, not a "
      .. "integer value at position 9")
    e("if_else(weight > 1, 1, 'a')", "if_else: integer and string values do "
      .. "not mix at position 24")
    e("(weight + 1", "expected ')' for the '(' at 1 at position 12")
    e("weight +", "expected a value at position 9")
    e("weight 2", 'unexpected "2" after a complete expression at position 8')
    e("1 < weight < 3", "comparisons do not chain")
    e("'abc", "string not closed at position 1")
    e("weight $ 2", "unexpected character '$' at position 8")
    e("", "empty expression at position 1")
    e("missing", "always missing")
    e("cut(weight, {10, 5})", "the breaks of cut must increase at position 18")
    e("cut(weight, {0, 5}, {'a', 'b'})", "one label for each interval: 1")
    e("contains(note, '(')", 'pattern "("')
    e("lower(note, 1)", "lower takes 1 argument, not 2 at position 1")
    e("1 + {1, 2}", "a { list } is only for the breaks and labels of cut")
    e("grp > true", ">: string and boolean values do not mix at position 7")
    e("true < false", "does not order true and false")
    e("12abc", "malformed number at position 1")
    e("नाम + 1", 'unknown column "नाम" at position 1')
    e("1 + नाम", 'unknown column "नाम" at position 5')
end

-- Attacks: deep nesting, huge expressions, long chains.
function T.limits()
    local ds = people()
    err(function() return ds:mutate("z", string.rep("(", 10000) .. "1"
        .. string.rep(")", 10000)) end, "nested too deeply", true)
    err(function() return ds:mutate("z", string.rep("-", 10000) .. "1") end,
        "nested too deeply", true)
    err(function() return ds:mutate("z", string.rep("not ", 10000) .. "true")
        end, "nested too deeply", true)
    err(function() return ds:mutate("z", string.rep("weight + ", 5000) .. "1")
        end, "nested too deeply", true)
    err(function() return ds:mutate("z", "coalesce(" .. string.rep("1, ", 300)
        .. "1)") end, "more than 256 arguments", true)
    err(function() return ds:mutate("z", string.rep("x", 70000)) end,
        "longer than 65536 bytes", true)
    -- 60 levels are fine
    local m = ds:mutate("z", string.rep("(", 60) .. "id" .. string.rep(")", 60))
    eq(col(m, "z"), { 1, 2, 3, 4, n = 4 })
end

function T.pattern_match_limit_is_an_error()
    local ds = coda.dataset({ { s = string.rep("a", 30) .. "b" } }, { "s" })
    err(function() return ds:mutate("z", "contains(s, '^(a|a)+$')") end,
        "row 1", true)
end

function T.backticks_name_any_column()
    local ds = coda.dataset({ { ["body weight"] = 3, inf = 2 } },
                            { "body weight", "inf" })
    local m = ds:mutate("z", "`body weight` * `inf` + inf")
    eq(col(m, "z"), { math.huge, n = 1 })
end

function T.bad_arguments()
    local ds = people()
    err(function() return ds:mutate("z", 3) end, "an expression (a string) or "
        .. "a function, got number", true)
    err(function() return ds:mutate{ z = 3 } end, 'the expression for "z" must '
        .. "be a string, got number", true)
    err(function() return ds:mutate{ { 1, "id" } } end, "entry 1 needs a name "
        .. "first", true)
    err(function() return ds:mutate{ [10] = "id" } end, "keys must be column "
        .. "names", true)
    err(function() return ds:mutate("", "id") end, "a column name must not be "
        .. "empty", true)
    err(function() return ds:mutate("z", "id\0 + weight") end, 'the expression '
        .. 'for "z" holds a NUL byte', true)
    local closed = people()
    closed:close()
    err(function() return closed:mutate("z", "id") end, "closed Dataset", true)
end

-- The Lua-callback mutate reads only columns: a misspelt name raises.
function T.callback_row_is_strict()
    local ds = people()
    err(function()
        return ds:mutate("bmi", function(r) return r.weight / r.Heigth end)
    end, 'no column "Heigth" in mutate (did you mean "height"?)', true)
    err(function()
        return ds:filter(function(r) return r.gpr == "a" end)
    end, 'no column "gpr" in filter (did you mean "grp"?)', true)
    -- a column missing in a row still reads as nil
    local m = ds:mutate("w", function(r) return r.weight end)
    eq(col(m, "w"), { 70, 80, nil, 45, n = 4 })
end

return T
