-- test_dataset.lua - the Dataset methods: column, rows, select, head,
-- filter, #, tostring, show, write_csv.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

-- Every type, with missing values; row 6's m is the empty set.
local SIX = "id,n,x,s,b,m\n"
    .. "1,10,1.5,apple,true,a;b\n"
    .. "2,20,,banana,false,b\n"
    .. "3,,2.5,cherry,,\n"
    .. "4,40,-1,,true,a\n"
    .. '5,50,2.5,Apple,false,"c;a;b"\n'
    .. '6,60,0,banana,true,""\n'

local function six()
    return coda.read_csv(h.write("six.csv", SIX), { multi = { m = ";" } })
end

-- The id column of a Dataset, as a plain array.
local function ids(ds)
    local t = {}
    for r = 1, ds:nrow() do
        t[r] = ds:get(r, "id")
    end
    return t
end

-- n rows "n,s" with values i and "v"..i.
local function numbered(n)
    local lines = { "n,s" }
    for i = 1, n do
        lines[#lines + 1] = i .. ",v" .. i
    end
    return coda.read_csv(h.write("numbered.csv", table.concat(lines, "\n") .. "\n"))
end

function T.fixture_types()
    local ds = six()
    eq({ ds:type("id"), ds:type("n"), ds:type("x"), ds:type("s"), ds:type("b"),
         ds:type("m") },
       { "integer", "integer", "number", "string", "boolean", "multi" })
end

function T.column_has_holes_and_n()
    local ds = six()
    eq(ds:column("n"), { 10, 20, nil, 40, 50, 60, n = 6 })
    eq(ds:column("x"), { 1.5, nil, 2.5, -1.0, 2.5, 0.0, n = 6 })
    eq(ds:column("s"), { "apple", "banana", "cherry", nil, "Apple", "banana", n = 6 })
    eq(ds:column("b"), { true, false, nil, true, false, true, n = 6 })
    eq(ds:column("m"), { { "a", "b" }, { "b" }, nil, { "a" }, { "c", "a", "b" }, {}, n = 6 })
    eq(ds:column(1), { 1, 2, 3, 4, 5, 6, n = 6 })
end

function T.column_with_trailing_missing()
    local d = coda.read_csv(h.write("trail.csv", "a,b\n1,x\n,y\n,z\n"))
    local c = d:column("a")
    eq(c, { 1, n = 3 })
    eq(#c <= 3, true)
end

function T.rows_gives_index_and_row_table()
    local ds = six()
    local seen = {}
    for i, row in ds:rows() do
        seen[#seen + 1] = i
        eq(row.id, i)
        if i == 1 then
            eq(row, { id = 1, n = 10, x = 1.5, s = "apple", b = true, m = { "a", "b" } })
        elseif i == 3 then
            eq(row, { id = 3, x = 2.5, s = "cherry" })
        elseif i == 6 then
            eq(row.m, {})
        end
    end
    eq(seen, { 1, 2, 3, 4, 5, 6 })
end

function T.rows_of_an_empty_dataset()
    local ds = six():head(0)
    for _ in ds:rows() do
        error("no row expected")
    end
end

function T.rows_break_early()
    local n = 0
    for i in six():rows() do
        n = i
        if i == 2 then
            break
        end
    end
    eq(n, 2)
end

function T.rows_iterator_keeps_the_dataset_alive()
    local it = six():rows() -- nothing else refers to the Dataset
    collectgarbage()
    collectgarbage()
    local got = {}
    while true do
        local i, row = it()
        collectgarbage()
        if i == nil then
            break
        end
        got[i] = row.s or "-"
    end
    eq(got, { "apple", "banana", "cherry", "-", "Apple", "banana" })
    eq(it(), nil) -- stays finished
end

function T.select_varargs_and_table()
    local ds = six()
    local a = ds:select("s", "id")
    eq(a:names(), { "s", "id" })
    eq(a:nrow(), 6)
    eq(a:column("id"), { 1, 2, 3, 4, 5, 6, n = 6 })
    local b = ds:select({ "m", "x", "id" })
    eq(b:names(), { "m", "x", "id" })
    eq(b:type("m"), "multi")
    eq(b:column("m"), ds:column("m"))
    eq(b:column("x"), ds:column("x"))
end

function T.select_by_number_and_repeats()
    local ds = six()
    local a = ds:select(4, 1, 4)
    eq(a:names(), { "s", "id", "s" })
    eq(a:ncol(), 3)
    eq(h.values(a, 1), h.values(a, 3))
    eq(a:get(5, 1), "Apple")
    local b = ds:select({ "id", "id" })
    eq(b:names(), { "id", "id" })
end

function T.select_nothing()
    local a = six():select()
    eq(a:ncol(), 0)
    eq(a:nrow(), 6)
end

function T.head_default_zero_and_larger()
    local ds = numbered(25)
    local a = ds:head()
    eq(a:nrow(), 10)
    eq(a:column("n"), { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, n = 10 })
    local z = ds:head(0)
    eq(z:nrow(), 0)
    eq(z:names(), { "n", "s" })
    eq(z:type("n"), "integer")
    local all = ds:head(100)
    eq(all:nrow(), 25)
    eq(all:get(25, "s"), "v25")
    eq(ds:head(3):column("s"), { "v1", "v2", "v3", n = 3 })
    eq(six():head(2):column("m"), { { "a", "b" }, { "b" }, n = 2 })
end

-- Derived Datasets share strings and labels with their source: they must
-- outlive it.
function T.derived_datasets_outlive_their_source()
    local ds = six()
    local sel, fil, top = ds:select("s", "m"), ds:filter("b", "==", true), ds:head(2)
    ds:close()
    ds = nil
    collectgarbage()
    collectgarbage()
    eq(sel:column("s"), { "apple", "banana", "cherry", nil, "Apple", "banana", n = 6 })
    eq(fil:column("m"), { { "a", "b" }, { "a" }, {}, n = 3 })
    eq(top:get(2, "s"), "banana")
end

local function check_filter(ds, col, op, value, want)
    local got = ids(ds:filter(col, op, value))
    if not h.equal(got, want) then
        error(col .. " " .. op .. " " .. h.show(value) .. ": expected rows "
              .. h.show(want) .. ", got " .. h.show(got), 2)
    end
end

function T.filter_integer()
    local ds = six()
    check_filter(ds, "n", "==", 20, { 2 })
    check_filter(ds, "n", "~=", 20, { 1, 4, 5, 6 })
    check_filter(ds, "n", "!=", 20, { 1, 4, 5, 6 })
    check_filter(ds, "n", "<", 40, { 1, 2 })
    check_filter(ds, "n", "<=", 40, { 1, 2, 4 })
    check_filter(ds, "n", ">", 40, { 5, 6 })
    check_filter(ds, "n", ">=", 40, { 4, 5, 6 })
    check_filter(ds, "n", "in", { 10, 50, 99 }, { 1, 5 })
    check_filter(ds, "n", "in", 20, { 2 })
    check_filter(ds, "n", "missing", nil, { 3 })
    check_filter(ds, "n", "present", nil, { 1, 2, 4, 5, 6 })
    -- floats compare with integers by value
    check_filter(ds, "n", ">", 39.5, { 4, 5, 6 })
    check_filter(ds, "n", "==", 20.0, { 2 })
    check_filter(ds, "n", "==", 20.5, {})
end

function T.filter_number()
    local ds = six()
    check_filter(ds, "x", "==", 2.5, { 3, 5 })
    check_filter(ds, "x", "~=", 2.5, { 1, 4, 6 })
    check_filter(ds, "x", "<", 1.5, { 4, 6 })
    check_filter(ds, "x", "<=", 1.5, { 1, 4, 6 })
    check_filter(ds, "x", ">", 0, { 1, 3, 5 })
    check_filter(ds, "x", ">=", 0, { 1, 3, 5, 6 })
    check_filter(ds, "x", "in", { 0, 1.5 }, { 1, 6 })
    check_filter(ds, "x", "==", -1, { 4 })
    check_filter(ds, "x", "missing", nil, { 2 })
    check_filter(ds, "x", "present", nil, { 1, 3, 4, 5, 6 })
end

function T.filter_string()
    local ds = six()
    check_filter(ds, "s", "==", "banana", { 2, 6 })
    check_filter(ds, "s", "~=", "banana", { 1, 3, 5 })
    check_filter(ds, "s", "==", "Apple", { 5 }) -- case matters
    -- bytewise order: "A" < "a" < "b"
    check_filter(ds, "s", "<", "b", { 1, 5 })
    check_filter(ds, "s", "<=", "banana", { 1, 2, 5, 6 })
    check_filter(ds, "s", ">", "banana", { 3 })
    check_filter(ds, "s", ">=", "banana", { 2, 3, 6 })
    check_filter(ds, "s", "<", "apple", { 5 })
    check_filter(ds, "s", "in", { "apple", "cherry" }, { 1, 3 })
    check_filter(ds, "s", "missing", nil, { 4 })
    check_filter(ds, "s", "present", nil, { 1, 2, 3, 5, 6 })
end

function T.filter_string_prefix_order()
    local d = coda.read_csv(h.write("prefix.csv", "id,s\n1,ab\n2,a\n3,abc\n4,\"\"\n"))
    check_filter(d, "s", "<", "ab", { 2, 4 })
    check_filter(d, "s", ">", "ab", { 3 })
    check_filter(d, "s", "==", "", { 4 })
end

function T.filter_boolean()
    local ds = six()
    check_filter(ds, "b", "==", true, { 1, 4, 6 })
    check_filter(ds, "b", "~=", true, { 2, 5 })
    check_filter(ds, "b", "==", false, { 2, 5 })
    check_filter(ds, "b", "in", { false }, { 2, 5 })
    check_filter(ds, "b", "in", { true, false }, { 1, 2, 4, 5, 6 })
    check_filter(ds, "b", "missing", nil, { 3 })
    check_filter(ds, "b", "present", nil, { 1, 2, 4, 5, 6 })
end

function T.filter_multi()
    local ds = six()
    check_filter(ds, "m", "has", "a", { 1, 4, 5 })
    check_filter(ds, "m", "has", { "a", "b" }, { 1, 5 }) -- all of them
    check_filter(ds, "m", "has", { "b", "c" }, { 5 })
    check_filter(ds, "m", "has", { "a", "zz" }, {})
    check_filter(ds, "m", "has", "zz", {})
    check_filter(ds, "m", "in", { "c", "zz" }, { 5 }) -- any of them
    check_filter(ds, "m", "in", { "a", "c" }, { 1, 4, 5 })
    check_filter(ds, "m", "in", "b", { 1, 2, 5 })
    check_filter(ds, "m", "missing", nil, { 3 })
    check_filter(ds, "m", "present", nil, { 1, 2, 4, 5, 6 })
end

-- Integers and floats compare exactly, as Lua compares them, also past
-- 2^53 where a float cannot hold every integer.
function T.filter_compares_large_integers_exactly()
    local d = coda.read_csv(h.write("big.csv", "id,big,num\n"
        .. "1,9007199254740993,9007199254740992.0\n"
        .. "2,9007199254740992,1.5\n"))
    eq(d:type("big"), "integer")
    eq(d:type("num"), "number")
    local two53 = 2.0 ^ 53
    check_filter(d, "big", ">", two53, { 1 })   -- 9007199254740993 > 2^53
    check_filter(d, "big", "==", two53, { 2 })
    check_filter(d, "big", "in", { two53 }, { 2 })
    check_filter(d, "num", "==", 9007199254740993, {})
    check_filter(d, "num", "<", 9007199254740993, { 1, 2 })
end

-- NaN equals nothing and is ordered with nothing, as in Lua.
function T.filter_with_nan()
    local ds = six()
    local nan = 0 / 0
    check_filter(ds, "x", "==", nan, {})
    check_filter(ds, "x", "<=", nan, {})
    check_filter(ds, "x", ">=", nan, {})
    check_filter(ds, "x", "~=", nan, { 1, 3, 4, 5, 6 })
    check_filter(ds, "n", "==", nan, {})
    check_filter(ds, "n", "in", { nan }, {})
end

function T.filter_missing_never_matches_a_comparison()
    local ds = six()
    for _, op in ipairs({ "==", "~=", "<", "<=", ">", ">=" }) do
        local got = ids(ds:filter("n", op, 30))
        for _, id in ipairs(got) do
            h.assert_true(id ~= 3, "row 3 (n missing) matched n " .. op .. " 30")
        end
        for _, id in ipairs(ids(ds:filter("s", op, "b"))) do
            h.assert_true(id ~= 4, "row 4 (s missing) matched s " .. op .. ' "b"')
        end
    end
    check_filter(ds, "b", "~=", false, { 1, 4, 6 })
end

function T.filter_keeps_columns_and_types()
    local f = six():filter("n", ">", 1000)
    eq(f:nrow(), 0)
    eq(f:names(), { "id", "n", "x", "s", "b", "m" })
    eq(f:type("m"), "multi")
    eq(f:filter("n", "present"):nrow(), 0)
end

-- A filter's result keeps its rows of the source, which closing the
-- source does not change; a summary of it reads only its own columns (keys,
-- the summaries', the weight), a second filter chooses rows of the same
-- source, and closing the result closes it.
function T.filter_then_summarise()
    local ds = six()
    local f = ds:filter("n", ">=", 20) -- rows 2, 4, 5, 6
    ds:close()
    collectgarbage()
    eq(f:nrow(), 4)
    eq(f:ncol(), 6)
    eq(f:type("x"), "number")
    -- b false: rows 2 (n 20, x missing), 5 (n 50, x 2.5); true: 4 (n 40, x -1), 6 (n 60, x 0)
    local s = f:group_by("b"):summarise({ { "k", "count" }, { "wx", "mean", "x" } }, { weight = "n" })
    eq(s:column("b"), { false, true, n = 2 })
    eq(s:column("k"), { 2, 2, n = 2 })
    eq(s:column("wx"), { 2.5, -0.4, n = 2 })
    -- x, n over rows 4, 5, 6: deviations (-1.5, 2, -0.5) and (-10, 0, 10): 10 / sqrt(6.5 * 200)
    local r = f:summarise{ { "r", "cor", "x", "n" } }:get(1, "r")
    h.assert_true(math.abs(r - 10 / math.sqrt(1300)) < 1e-12, "cor " .. r)
    local t = f:filter("b", "==", true)
    eq(t:group_by("s"):summarise{ { "top", "max", "id" } }:column("top"), { 6, 4, n = 2 })
    eq(ids(t), { 4, 6 })
    eq(ids(f), { 2, 4, 5, 6 })
    f:close()
    err(function() f:nrow() end, "closed Dataset", true)
    err(function() f:group_by("b") end, "closed Dataset", true)
    eq(t:column("m"), { { "a" }, {}, n = 2 })
end

function T.filter_with_a_function()
    local ds = six()
    eq(ids(ds:filter(function(row) return row.n and row.n > 15 and row.b end)), { 4, 6 })
    eq(ids(ds:filter(function(row) return row.m and #row.m == 0 end)), { 6 })
    eq(ids(ds:filter(function(row) return row.s == nil end)), { 4 })
    eq(ids(ds:filter(function() return 0 end)), { 1, 2, 3, 4, 5, 6 }) -- 0 is true
    eq(ids(ds:filter(function() end)), {})
end

function T.filter_function_errors_propagate()
    local ds = six()
    err(function() ds:filter(function(row) if row.id == 3 then error("stop at 3") end end) end,
        "stop at 3", true)
    eq(ds:nrow(), 6)
end

function T.chaining()
    local r = six():filter("n", "present"):filter("b", "==", true):select("id", "s")
    eq(r:names(), { "id", "s" })
    eq(r:column("id"), { 1, 4, 6, n = 3 })
    eq(r:column("s"), { "apple", nil, "banana", n = 3 })
    local r2 = six():filter("m", "has", "a"):filter("x", ">", 0):head(1)
    eq(ids(r2), { 1 })
end

function T.length_operator()
    eq(#six(), 6)
    eq(#six():head(0), 0)
    eq(#numbered(25), 25)
end

function T.tostring_small()
    local s = tostring(six())
    h.assert_match(s, "^# Dataset: 6 rows x 6 columns\n")
    for _, part in ipairs({ "id", "<integer>", "<number>", "<string>",
                            "<boolean>", "<multi>", "apple", "c;a;b", "<NA>" }) do
        h.assert_match(s, part, true)
    end
    h.assert_no_match(s, "more rows", true)
end

function T.tostring_long()
    local s = tostring(numbered(25))
    h.assert_match(s, "^# Dataset: 25 rows x 2 columns\n")
    h.assert_match(s, "n", true)
    h.assert_match(s, "<integer>", true)
    h.assert_match(s, "<string>", true)
    h.assert_match(s, "v10", true)
    h.assert_no_match(s, "v11", true)
    h.assert_match(s, "15 more rows", true)
    h.assert_no_match(s, "\n$", false, "trailing newline")
end

function T.tostring_wide()
    local names, values = {}, {}
    for i = 1, 30 do
        names[i] = "a_long_column_name_" .. i
        values[i] = tostring(i)
    end
    local d = coda.read_csv(h.write("wide.csv", table.concat(names, ",") .. "\n"
                                                .. table.concat(values, ",") .. "\n"))
    local s = tostring(d)
    h.assert_match(s, "more columns", true)
    h.assert_match(s, "a_long_column_name_1", true)
end

-- Call fn with print replaced; returns what print was given.
local function capture(fn)
    local got = {}
    local old = print
    print = function(...) got[#got + 1] = table.concat({ ... }, "\t") end
    local ok, e = pcall(fn)
    print = old
    if not ok then
        error(e, 0)
    end
    return got
end

function T.show()
    local ds = numbered(25)
    local out = capture(function() ds:show(2) end)
    eq(#out, 1)
    h.assert_match(out[1], "v2", true)
    h.assert_no_match(out[1], "v3", true)
    h.assert_match(out[1], "23 more rows", true)
    local out10 = capture(function() ds:show() end)
    eq(out10, { tostring(ds) })
    local all = capture(function() ds:show(25) end)
    h.assert_match(all[1], "v25", true)
    h.assert_no_match(all[1], "more rows", true)
end

-- Round trip: every type, with the texts that need quoting.
local ROUND = "i,x,s,b,m\n"
    .. "1,1.5,plain,true,labour;sex\n"
    .. '-2,,"comma, inside",false,\n'
    .. ',0.1,"quote ""q""",,""\n'
    .. '9223372036854775807,-2.5e-10,"two\nlines",true,"forced, bonded;x ""y"""\n'
    .. '0,123456.789,"  spaced  ",false,a\n'
    .. '7,1e300,"",true,बिहार\n'
    .. "8,3.25,,false,b;a\n"
    .. "9,-0.5,मानव तस्करी,true,a\n"

function T.write_csv_then_read_back()
    local opts = { multi = { m = ";" } }
    local ds = coda.read_csv(h.write("round.csv", ROUND), opts)
    eq(ds:column("s"), { "plain", "comma, inside", 'quote "q"', "two\nlines",
                         "  spaced  ", "", nil, "मानव तस्करी", n = 8 })
    eq(ds:column("m"), { { "labour", "sex" }, nil, {}, { "forced, bonded", 'x "y"' },
                         { "a" }, { "बिहार" }, { "b", "a" }, { "a" }, n = 8 })
    local out = h.path("round-out.csv")
    eq(rawequal(ds:write_csv(out), ds), true, "write_csv returns the Dataset")
    local back = coda.read_csv(out, opts)
    eq(h.contents(back), h.contents(ds))
end

function T.write_csv_text()
    local ds = coda.read_csv(h.write("round2.csv", ROUND), { multi = { m = ";" } })
    local out = h.path("text.csv")
    ds:write_csv(out)
    eq(h.read(out), "i,x,s,b,m\n"
        .. "1,1.5,plain,true,labour;sex\n"
        .. '-2,,"comma, inside",false,\n'
        .. ',0.1,"quote ""q""",,""\n'
        .. '9223372036854775807,-2.5e-10,"two\nlines",true,"forced, bonded;x ""y"""\n'
        .. '0,123456.789,"  spaced  ",false,a\n'
        .. '7,1e+300,"",true,बिहार\n'
        .. "8,3.25,,false,b;a\n"
        .. "9,-0.5,मानव तस्करी,true,a\n")
end

function T.write_csv_multi_separator()
    local opts = { multi = { m = "|" } }
    local ds = coda.read_csv(h.write("pipe.csv", "id,m\n1,a|b\n2,c;d|e\n"), opts)
    local out = h.path("pipe-out.csv")
    ds:write_csv(out, { sep = "|" })
    eq(h.read(out), "id,m\n1,a|b\n2,c;d|e\n")
    eq(h.contents(coda.read_csv(out, opts)), h.contents(ds))
end

function T.write_csv_derived_dataset()
    local ds = six():filter("b", "==", true):select("id", "m", "s")
    local out = h.path("derived.csv")
    ds:write_csv(out)
    eq(h.read(out), "id,m,s\n1,a;b,apple\n4,a,\n6,\"\",banana\n")
end

-- A number column whose values happen to be whole must read back as a
-- number column (and -0.0 keep its sign), not turn into integers.
function T.write_csv_whole_numbers_stay_numbers()
    local ds = coda.read_csv(h.write("whole.csv", "x\n1.0\n-0.0\n35e0\n"))
    eq(ds:type("x"), "number")
    eq(ds:column("x"), { 1.0, -0.0, 35.0, n = 3 })
    local out = h.path("whole-out.csv")
    ds:write_csv(out)
    local back = coda.read_csv(out)
    eq(back:type("x"), "number")
    eq(back:column("x"), { 1.0, -0.0, 35.0, n = 3 })
    eq(1 / back:get(2, "x"), -math.huge, "sign of -0.0")
end

-- With one column a missing value is an empty line, which the reader
-- skips: the row must not be lost.
function T.write_csv_one_column_with_a_missing_value()
    local ds = coda.read_csv(h.write("onecol.csv", "v,w\n1,a\n,b\n3,c\n")):select("v")
    eq(ds:column("v"), { 1, nil, 3, n = 3 })
    local out = h.path("onecol-out.csv")
    ds:write_csv(out)
    local back = coda.read_csv(out)
    eq(back:nrow(), 3)
    eq(back:column("v"), { 1, nil, 3, n = 3 })
end

function T.write_csv_to_a_missing_folder()
    local ds = six()
    local dir = h.tmpdir()
    local before = h.listdir(dir)
    local path = h.path("no-such-folder") .. "/out.csv"
    local e = err(function() ds:write_csv(path) end)
    h.assert_match(e, h.escape(path) .. ": cannot write")
    h.assert_match(e, "No such file or directory", true)
    eq(h.listdir(dir), before, "nothing left behind")
end

function T.outputs_never_replace_a_file_read()
    local p = h.write("input.csv", "a\n1\n2\n")
    local ds = coda.read_csv(p)
    local e = err(function() ds:head(1):write_csv(p) end)
    h.assert_match(e, h.escape(p) .. ": this run read the file as input")
    e = err(function() coda.write_file(p, "x") end)
    h.assert_match(e, "does not write over its inputs", true)
    eq(h.read(p), "a\n1\n2\n", "the input is untouched")
    eq(coda.protect_inputs(false), true, "on by default")
    ds:head(1):write_csv(p)              -- a script may choose to
    eq(h.read(p), "a\n1\n")
    eq(coda.protect_inputs(true), false)
    local q = h.path("fresh.csv")        -- a file written is no input
    ds:write_csv(q)
    ds:head(1):write_csv(q)
    eq(coda.read_csv(q):nrow(), 1)
end

function T.mkdir_makes_parents_then_write_csv()
    local base = h.path("made")
    eq(coda.mkdir(base .. "/a/b"), true)
    eq(coda.mkdir(base .. "/a/b/"), true, "already there is fine")
    eq(h.listdir(base), { "a" })
    six():write_csv(base .. "/a/b/out.csv")
    eq(coda.read_csv(base .. "/a/b/out.csv"):nrow(), 6)
    local file = h.write("plain", "x")
    local e = err(function() coda.mkdir(file .. "/sub") end)
    h.assert_match(e, h.escape(file .. "/sub") .. ": cannot create folder")
    h.assert_match(e, "Not a directory", true)
    eq(h.read(file), "x", "the file in the way is untouched")
end

function T.write_csv_over_a_folder()
    local ds = six()
    local dir = h.mkdir("out-folder")
    local parent = h.tmpdir()
    local before = h.listdir(parent)
    local e = err(function() ds:write_csv(dir) end)
    h.assert_match(e, h.escape(dir) .. ": cannot write")
    eq(h.listdir(parent), before, "no temporary file left")
    eq(h.listdir(dir), {}, "folder untouched")
end

function T.write_csv_replaces_an_existing_file_whole()
    local out = h.write("existing.csv", string.rep("old,old,old\n", 1000))
    numbered(25):write_csv(out)
    eq(select(2, h.read(out):gsub("\n", "")), 26)
    numbered(2):write_csv(out)
    eq(h.read(out), "n,s\n1,v1\n2,v2\n")
    local dir = out:match("^(.*)/")
    for _, name in ipairs(h.listdir(dir)) do
        h.assert_no_match(name, ".tmp-", true, "temporary file")
    end
end

function T.write_csv_empty_dataset()
    local out = h.path("empty-out.csv")
    six():head(0):write_csv(out)
    eq(h.read(out), "id,n,x,s,b,m\n")
    local back = coda.read_csv(out)
    eq(back:nrow(), 0)
    eq(back:names(), { "id", "n", "x", "s", "b", "m" })
end

function T.write_csv_quotes_header_names()
    local d = coda.read_csv(h.write("qnames.csv", '"a,b"," c",d\n1,2,3\n'))
    local out = h.path("qnames-out.csv")
    d:write_csv(out)
    eq(h.read(out), '"a,b"," c",d\n1,2,3\n')
end

return T
