-- test_errors.lua - what read_csv and the Dataset methods say when something
-- is wrong: the file, the physical line, and what was expected.
local coda = require("coda")
local h = require("helper")
local eq, err, esc = h.assert_eq, h.assert_error, h.escape

local T = {}

-- The message read_csv raises for a file holding text, without the script
-- position; it must begin with the file name.
local function load_error(name, text, opts)
    local p = h.write(name, text)
    local ok, e = pcall(coda.read_csv, p, opts)
    if ok then
        error("expected an error, but " .. name .. " loaded: " .. tostring(e), 2)
    end
    e = err(function() coda.read_csv(p, opts) end)
    local rest = e:match("^.-test_errors%.lua:%d+: (.*)$")
    h.assert_true(rest, "script position prefix in " .. h.show(e))
    h.assert_match(rest, "^" .. esc(p), false, "message names the file")
    return rest:sub(#p + 1), p
end

function T.too_many_fields()
    local m = load_error("many.csv", "a,b,c\n1,2,3\n4,5,6,7\n")
    eq(m, ":3: expected 3 fields (as in the header), found 4")
end

function T.too_few_fields()
    local m = load_error("few.csv", "a,b,c\n1,2,3\n4,5\n")
    eq(m, ":3: expected 3 fields (as in the header), found 2")
end

function T.line_counts_newlines_inside_quotes()
    local m = load_error("few2.csv", 'a,b,c\n1,"x\ny",3\n4,"p\n\nq",6\n7,8\n')
    eq(m, ":7: expected 3 fields (as in the header), found 2")
end

function T.line_counts_a_multiline_header()
    local m = load_error("few3.csv", 'a,"b\nb",c\n1,2,3\n4,5\n')
    eq(m, ":4: expected 3 fields (as in the header), found 2")
end

function T.line_counts_blank_lines()
    local m = load_error("few4.csv", "\na,b,c\n\n1,2,3\n\n\n4,5\n")
    eq(m, ":7: expected 3 fields (as in the header), found 2")
end

function T.line_counts_crlf_as_one_line_end()
    local m = load_error("few5.csv", "a,b,c\r\n1,2,3\r\n\r\n4,5\r\n")
    eq(m, ":4: expected 3 fields (as in the header), found 2")
end

function T.line_of_a_bad_record_far_down()
    local lines = { "a,b" }
    for i = 1, 999 do
        lines[#lines + 1] = i .. ",x"
    end
    lines[#lines + 1] = "1000"
    local m = load_error("far.csv", table.concat(lines, "\n") .. "\n")
    eq(m, ":1001: expected 2 fields (as in the header), found 1")
end

-- An opening quote never closed: the rest of the file would become one
-- field.  The message must say so and name the line the quote opened on.
function T.unterminated_quote()
    local m = load_error("unterm.csv", 'a,b,c\n1,2,3\n4,5,"x\n6,7,8\n')
    h.assert_match(m, "^:3: .*unterminated quoted field")
end

function T.unterminated_quote_at_end_of_file()
    local m = load_error("unterm2.csv", 'a,b\n1,"x')
    h.assert_match(m, "^:2: .*unterminated quoted field")
end

function T.unterminated_quote_with_field_count_off()
    local m = load_error("unterm3.csv", 'a,b,c\n1,2,3\n4,"x\n5,6\n')
    h.assert_match(m, "^:3: .*unterminated quoted field")
end

function T.unterminated_quote_in_the_header()
    local m = load_error("unterm4.csv", 'a,b,"c\n1,2,3\n')
    h.assert_match(m, "^:1: .*unterminated quoted field")
end

function T.invalid_utf8()
    local m = load_error("latin1.csv", "a,b\n1,ok\n2,caf\233\n")
    h.assert_match(m, '^:3: column "b" %(field 2%): bytes that are not UTF%-8')
    h.assert_match(m, "0xE9", true)
end

function T.invalid_utf8_line_inside_a_multiline_field()
    local m = load_error("latin2.csv", 'a,b\n1,"one\ntwo \255\nthree"\n')
    h.assert_match(m, '^:3: column "b" %(field 2%): bytes that are not UTF%-8')
end

function T.invalid_utf8_in_the_header()
    local m = load_error("latin3.csv", "a,b\255\n1,2\n")
    h.assert_match(m, "^:1: header: .*column 2.*not UTF%-8")
end

function T.invalid_utf8_overlong_and_surrogate()
    h.assert_match(load_error("overlong.csv", "a\nx\n\192\175\n"),
                   "^:3: .*not UTF%-8")
    h.assert_match(load_error("surrogate.csv", "a\nx\n\237\160\128\n"),
                   "^:3: .*not UTF%-8")
end

function T.duplicate_header()
    local m = load_error("dup.csv", "id,name,id\n1,2,3\n")
    eq(m, ':1: header: duplicate column name "id" (columns 1 and 3)')
end

function T.empty_header_name()
    local m = load_error("emptyname.csv", "a,,c\n1,2,3\n")
    eq(m, ":1: header: column 2 has an empty name")
    local m2 = load_error("emptyname2.csv", '\n\na,""\n1,2\n')
    eq(m2, ":3: header: column 2 has an empty name")
end

function T.empty_file()
    local m = load_error("empty.csv", "")
    h.assert_match(m, "^: empty file")
    local m2 = load_error("blank.csv", "\n\r\n\n")
    h.assert_match(m2, "^: empty file")
end

function T.missing_file()
    local p = h.path("no-such-file.csv")
    local e = err(function() coda.read_csv(p) end)
    h.assert_match(e, esc(p) .. ": cannot open")
end

function T.a_directory()
    local d = h.mkdir("a-folder.csv")
    local e = err(function() coda.read_csv(d) end)
    h.assert_match(e, esc(d) .. ": .*directory")
end

function T.value_that_does_not_fit_an_overridden_type()
    local m = load_error("type.csv", "a,b\n1,2\n3,x\n", { types = { b = "integer" } })
    eq(m, ':3: column "b" (field 2): expected integer, found "x"')
    local m2 = load_error("type2.csv", "a\ntrue\nmaybe\n", { types = { a = "boolean" } })
    eq(m2, ':3: column "a" (field 1): expected boolean, found "maybe"')
end

-- An error raised from a script carries the script's position first:
-- "test_errors.lua:NN: file.csv:3: ...".
function T.script_position_prefix()
    local p = h.write("prefix.csv", "a,b,c\n1,2,3\n4,5\n")
    local line
    local ok, e = pcall(function() line = debug.getinfo(1, "l").currentline; coda.read_csv(p) end)
    eq(ok, false)
    h.assert_match(e, "^[^:]*test_errors%.lua:" .. line .. ": " .. esc(p)
                   .. ":3: expected 3 fields")
end

function T.script_position_prefix_on_method_errors()
    local ds = coda.read_csv(h.write("prefix2.csv", "a\n1\n"))
    local line
    local ok, e = pcall(function() line = debug.getinfo(1, "l").currentline; ds:filter("a", "==", "x") end)
    eq(ok, false)
    h.assert_match(e, "^[^:]*test_errors%.lua:" .. line .. ": ")
    h.assert_match(e, "cannot compare", true)
end

local function sample()
    return coda.read_csv(h.write("sample.csv",
        "x,n,s,b,m\n1,1.5,a,true,p;q\n2,,b,false,q\n"), { multi = { m = ";" } })
end

function T.get_row_out_of_range()
    local ds = sample()
    err(function() ds:get(0, "x") end, "row 0 out of range (1..2)", true)
    err(function() ds:get(99, "x") end, "row 99 out of range (1..2)", true)
    err(function() ds:get(-1, "x") end, "out of range", true)
    err(function() ds:get(1.5, "x") end, "integer", true)
    err(function() ds:get("one", "x") end, "number expected", true)
end

function T.unknown_column()
    local ds = sample()
    err(function() ds:get(1, "nope") end, 'no column "nope"', true)
    err(function() ds:type("nope") end, 'no column "nope"', true)
    err(function() ds:column("nope") end, 'no column "nope"', true)
    err(function() ds:select("x", "nope") end, 'no column "nope"', true)
    err(function() ds:filter("nope", "==", 1) end, 'no column "nope"', true)
    err(function() ds:get(1, 0) end, "column 0 out of range (1..5)", true)
    err(function() ds:get(1, 6) end, "column 6 out of range (1..5)", true)
end

function T.filter_wrong_types()
    local ds = sample()
    err(function() ds:filter("x", "==", "1") end,
        'column "x" is integer; cannot compare it with a string', true)
    err(function() ds:filter("n", ">", true) end, "cannot compare", true)
    err(function() ds:filter("s", "==", 1) end,
        'column "s" is string; cannot compare it with a number', true)
    err(function() ds:filter("b", "==", "true") end, "cannot compare", true)
    err(function() ds:filter("b", "<", true) end, "cannot compare", true)
    err(function() ds:filter("x", "in", { 1, "2" }) end, "cannot compare", true)
    err(function() ds:filter("m", "has", 1) end, "cannot compare", true)
    err(function() ds:filter("x", "==", {}) end, "wrong number of values", true)
    err(function() ds:filter("x", "==", { 1, 2 }) end, "wrong number of values", true)
    err(function() ds:filter("x", "==", print) end,
        "number, string or boolean expected", true)
end

function T.filter_wrong_operators()
    local ds = sample()
    err(function() ds:filter("x", "=", 1) end, 'unknown operator "="', true)
    err(function() ds:filter("m", "==", "p") end, 'use "has" or "in"', true)
    err(function() ds:filter("s", "has", "a") end, '"has" needs a multi column', true)
    err(function() ds:filter("x", "in", {}) end, "wrong number of values", true)
    err(function() ds:filter("x", "missing", 1) end, "wrong number of values", true)
    err(function() ds:filter("x") end, "string expected", true)
end

function T.closed_dataset()
    local ds = sample()
    ds:close()
    err(function() ds:nrow() end, "closed", true)
    err(function() ds:ncol() end, "closed", true)
    err(function() ds:names() end, "closed", true)
    err(function() ds:get(1, "x") end, "closed", true)
    err(function() ds:column("x") end, "closed", true)
    err(function() ds:filter("x", "==", 1) end, "closed", true)
    err(function() ds:select("x") end, "closed", true)
    err(function() ds:head() end, "closed", true)
    err(function() ds:rows() end, "closed", true)
    err(function() ds:write_csv(h.path("closed.csv")) end, "closed", true)
    err(function() return #ds end, "closed", true)
    h.assert_match(tostring(ds), "closed", true)
    ds:close() -- closing twice is harmless
end

function T.close_variable_closes_the_dataset()
    local keep
    do
        local ds <close> = sample()
        keep = ds
        eq(keep:nrow(), 2)
    end
    err(function() keep:nrow() end, "closed", true)
end

-- A rows() iterator kept past ds:close() must fail cleanly, naming the
-- closed Dataset (not a pseudo-index such as "bad argument #-1001001").
function T.rows_iterator_of_a_closed_dataset()
    local ds = sample()
    local it = ds:rows()
    eq(it(), 1)
    ds:close()
    local e = err(function() it() end, "closed", true)
    h.assert_no_match(e, "#-", true, "argument number")
end

function T.methods_check_self()
    local ds = sample()
    err(function() ds.nrow({}) end, "coda.Dataset expected", true)
    err(function() ds.get(nil, 1, "x") end, "coda.Dataset expected", true)
end

function T.negative_counts()
    local ds = sample()
    err(function() ds:head(-1) end, "must not be negative", true)
    err(function() ds:show(-1) end, "must not be negative", true)
end

function T.read_csv_arguments()
    err(function() coda.read_csv() end, "string expected", true)
    err(function() coda.read_csv({}) end, "string expected", true)
end

-- Every "no column" error: the column, the method, the closest name, and
-- no argument number (the wrong one, #7, was given for a summary).
function T.no_column_names_the_method_and_the_closest_column()
    local ds = coda.dataset({ { Pulse = 70, state = "Assam", wt = 1.5 } },
                            { "Pulse", "state", "wt" })
    local function e(fn, msg)
        local m = err(fn, msg, true)
        h.assert_no_match(m, "bad argument", true)
    end
    e(function() return ds:group_by("state"):summarise{ m = { "mean", "Pulsee" } } end,
      'no column "Pulsee" in summarise (did you mean "Pulse"?)')
    e(function() return ds:summarise({ n = { "sum", "Pulse" } }, { weight = "w" }) end,
      'no column "w" in summarise (did you mean "wt"?)')
    e(function() return ds:group_by("stat") end,
      'no column "stat" in group_by (did you mean "state"?)')
    e(function() return ds:frequency("STATE") end,
      'no column "STATE" in frequency (did you mean "state"?)')
    e(function() return ds:crosstab("state", "plse") end,
      'no column "plse" in crosstab (did you mean "Pulse"?)')
    e(function() return ds:select("state", "zzzz") end, 'no column "zzzz" in select')
    e(function() return ds:sort("-Pluse") end,
      'no column "Pluse" in sort (did you mean "Pulse"?)')
    e(function() return ds:filter("sate", "==", "Assam") end,
      'no column "sate" in filter (did you mean "state"?)')
    e(function() return ds:get(1, "pulse") end,
      'no column "pulse" in get (did you mean "Pulse"?)')
    e(function() return ds:select(9) end, "column 9 out of range (1..3) in select")
    h.assert_no_match(err(function() return ds:select("xyz") end), "did you mean",
                      true, "nothing close")
end

return T
