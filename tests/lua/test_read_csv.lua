-- test_read_csv.lua - coda.read_csv: sizes, names, types, values, options.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

-- One column of each type (tags is multi when asked for).
local TYPES = "id,score,name,ok,tags\n"
    .. "1,1.5,Alice,true,labour;sex\n"
    .. "2,,Bob,false,\n"
    .. "3,2,Chandra,TRUE,sex; labour ;sex\n"
    .. "-4,-0.25,Dev,False,begging\n"

local function types_ds(opts)
    return coda.read_csv(h.write("types.csv", TYPES), opts)
end

function T.sizes_and_names()
    local ds = types_ds()
    eq(ds:nrow(), 4)
    eq(ds:ncol(), 5)
    eq(ds:names(), { "id", "score", "name", "ok", "tags" })
end

function T.names_is_a_fresh_table()
    local ds = types_ds()
    local n = ds:names()
    n[1] = "changed"
    eq(ds:names()[1], "id")
end

function T.type_of_each_column()
    local ds = types_ds({ multi = { tags = ";" } })
    eq(ds:type("id"), "integer")
    eq(ds:type("score"), "number")
    eq(ds:type("name"), "string")
    eq(ds:type("ok"), "boolean")
    eq(ds:type("tags"), "multi")
    -- a column may also be named by its 1-based number
    eq(ds:type(1), "integer")
    eq(ds:type(5), "multi")
end

function T.without_multi_option_the_column_is_text()
    local ds = types_ds()
    eq(ds:type("tags"), "string")
    eq(h.values(ds, "tags"),
       { "labour;sex", nil, "sex; labour ;sex", "begging", n = 4 })
end

function T.get_integer()
    local ds = types_ds()
    eq(ds:get(1, "id"), 1)
    eq(ds:get(4, "id"), -4)
    eq(math.type(ds:get(2, "id")), "integer")
end

function T.get_number()
    local ds = types_ds()
    eq(ds:get(1, "score"), 1.5)
    eq(ds:get(3, "score"), 2.0) -- "2" in a number column is a float
    eq(ds:get(4, "score"), -0.25)
end

function T.get_string()
    local ds = types_ds()
    eq(h.values(ds, "name"), { "Alice", "Bob", "Chandra", "Dev", n = 4 })
end

function T.get_boolean()
    local ds = types_ds()
    eq(h.values(ds, "ok"), { true, false, true, false, n = 4 })
end

function T.get_multi_is_an_array_of_labels_in_order()
    local ds = types_ds({ multi = { tags = ";" } })
    eq(ds:get(1, "tags"), { "labour", "sex" })
    -- spaces around labels trimmed, a repeat within the row dropped
    eq(ds:get(3, "tags"), { "sex", "labour" })
    eq(ds:get(4, "tags"), { "begging" })
end

function T.get_multi_returns_a_fresh_table()
    local ds = types_ds({ multi = { tags = ";" } })
    local t = ds:get(1, "tags")
    t[1] = "changed"
    eq(ds:get(1, "tags"), { "labour", "sex" })
end

function T.missing_is_nil_in_every_type()
    local ds = types_ds({ multi = { tags = ";" } })
    eq(ds:get(2, "score"), nil)
    eq(ds:get(2, "tags"), nil)
    local p = h.write("allmissing.csv", "i,n,s,b,m\n1,1.5,x,true,a\n,,,,\n")
    local d = coda.read_csv(p, { multi = { m = ";" } })
    for c = 1, 5 do
        eq(d:get(2, c), nil, "column " .. c)
    end
end

function T.column_with_no_value_is_string()
    local d = coda.read_csv(h.write("empty-col.csv", "a,b\n1,\n2,\n"))
    eq(d:type("b"), "string")
    eq(h.values(d, "b"), { n = 2 })
end

function T.header_only_gives_no_rows()
    local d = coda.read_csv(h.write("header-only.csv", "a,b,c\n"))
    eq(d:nrow(), 0)
    eq(d:names(), { "a", "b", "c" })
    eq(d:type("a"), "string")
end

function T.quoted_commas_newlines_and_doubled_quotes()
    local p = h.write("quoted.csv", 'text,n\n'
        .. '"x,y",1\n'
        .. '"line1\nline2",2\n'
        .. '"say ""hi""",3\n'
        .. '"""",4\n'
        .. '"a\r\nb",5\n')
    local d = coda.read_csv(p)
    eq(d:nrow(), 5)
    eq(h.values(d, "text"),
       { "x,y", "line1\nline2", 'say "hi"', '"', "a\r\nb", n = 5 })
    eq(h.values(d, "n"), { 1, 2, 3, 4, 5, n = 5 })
end

function T.spaces_are_kept()
    local p = h.write("spaces.csv", 's,t\n  lead,trail  \n"  both  ", x y \n')
    local d = coda.read_csv(p)
    eq(h.values(d, "s"), { "  lead", "  both  ", n = 2 })
    eq(h.values(d, "t"), { "trail  ", " x y ", n = 2 })
end

function T.quoted_empty_is_empty_string_unquoted_empty_is_missing()
    local p = h.write("empty.csv", 's,n\nx,1\n"",2\n,3\n')
    local d = coda.read_csv(p)
    eq(d:get(2, "s"), "")
    eq(d:get(3, "s"), nil)
end

-- A quoted empty field is "the empty string in a string column" (csv.h),
-- wherever in the column it comes: also before the first text value.
function T.quoted_empty_before_the_first_text_is_empty_string()
    local d = coda.read_csv(h.write("empty-first.csv", 's,n\n"",1\nx,2\n,3\n'))
    eq(d:type("s"), "string")
    eq(h.values(d, "s"), { "", "x", nil, n = 3 })
end

function T.quoted_empty_in_a_number_column_is_missing()
    local d = coda.read_csv(h.write("empty-num.csv", 'n\n1\n""\n3\n'))
    eq(d:type("n"), "integer")
    eq(h.values(d, "n"), { 1, nil, 3, n = 3 })
end

function T.infer_false_keeps_exact_text()
    local p = h.write("exact.csv", 'code,n,b,x\n007, 1,true,1.50\n"",,FALSE,-0\n')
    local d = coda.read_csv(p, { infer = false })
    for _, c in ipairs(d:names()) do
        eq(d:type(c), "string", c)
    end
    eq(d:get(1, "code"), "007")
    eq(d:get(1, "n"), " 1")
    eq(d:get(1, "b"), "true")
    eq(d:get(1, "x"), "1.50")
    eq(d:get(2, "code"), "")
    eq(d:get(2, "n"), nil)
    eq(d:get(2, "x"), "-0")
end

function T.infer_true_reads_numbers()
    local p = h.write("exact2.csv", 'code,n\n007, 1\n')
    local d = coda.read_csv(p, { infer = true })
    eq(d:get(1, "code"), 7)
    -- a space makes it text: fields are never trimmed
    eq(d:type("n"), "string")
    eq(d:get(1, "n"), " 1")
end

function T.types_override()
    local p = h.write("override.csv", "x,y,z,w\n007,1,1,true\n010,2,0,false\n")
    local d = coda.read_csv(p, { types = { x = "string", y = "number",
                                           z = "integer", w = "string" } })
    eq(d:type("x"), "string")
    eq(h.values(d, "x"), { "007", "010", n = 2 })
    eq(d:type("y"), "number")
    eq(h.values(d, "y"), { 1.0, 2.0, n = 2 })
    eq(h.values(d, "z"), { 1, 0, n = 2 })
    eq(h.values(d, "w"), { "true", "false", n = 2 })
end

function T.types_boolean_and_infer_false_together()
    local p = h.write("override2.csv", "a,b\n1,true\n2,False\n")
    local d = coda.read_csv(p, { infer = false, types = { b = "boolean" } })
    eq(d:type("a"), "string")
    eq(h.values(d, "a"), { "1", "2", n = 2 })
    eq(h.values(d, "b"), { true, false, n = 2 })
end

function T.multi_option()
    local p = h.write("multi.csv", 'id,forms,areas\n'
        .. '1,labour;sex,a|b\n'
        .. '2,,c\n'
        .. '3,"",\n'
        .. '4," sex ; ;labour;",b|b|a\n'
        .. '5,"forced, bonded;sex",a\n')
    local d = coda.read_csv(p, { multi = { forms = ";", areas = "|" } })
    eq(d:type("forms"), "multi")
    eq(d:type("areas"), "multi")
    eq(d:get(1, "forms"), { "labour", "sex" })
    eq(d:get(2, "forms"), nil)     -- empty, unquoted: missing
    eq(d:get(3, "forms"), {})      -- quoted empty: the empty set
    eq(d:get(4, "forms"), { "sex", "labour" }) -- empty labels dropped
    eq(d:get(5, "forms"), { "forced, bonded", "sex" })
    eq(d:get(1, "areas"), { "a", "b" })
    eq(d:get(3, "areas"), nil)
    eq(d:get(4, "areas"), { "b", "a" })
end

function T.multi_with_a_longer_separator()
    local p = h.write("multi2.csv", "m\na / b\nc/d / e\n")
    local d = coda.read_csv(p, { multi = { m = " / " } })
    eq(h.values(d, "m"), { { "a", "b" }, { "c/d", "e" }, n = 2 })
end

function T.na_option()
    local p = h.write("na.csv", "a,b,c\nNA,x,1\n-,NA,2\n3,-,n/a\n")
    local d = coda.read_csv(p, { na = { "NA", "-" } })
    eq(d:type("a"), "integer")
    eq(h.values(d, "a"), { nil, nil, 3, n = 3 })
    eq(h.values(d, "b"), { "x", nil, nil, n = 3 })
    -- only exact matches are missing
    eq(h.values(d, "c"), { "1", "2", "n/a", n = 3 })
end

function T.na_option_as_one_string()
    local p = h.write("na1.csv", "a,b\nNA,x\n2,NA\n")
    local d = coda.read_csv(p, { na = "NA" })
    eq(h.values(d, "a"), { nil, 2, n = 2 })
    eq(h.values(d, "b"), { "x", nil, n = 2 })
end

function T.without_na_option_NA_is_text()
    local d = coda.read_csv(h.write("na2.csv", "a\nNA\n1\n"))
    eq(d:type("a"), "string")
    eq(h.values(d, "a"), { "NA", "1", n = 2 })
end

function T.semicolon_separated()
    local p = h.write("semi.csv", 'a;b;c\n1;x,y;2,5\n2;"p;q";3\n')
    local d = coda.read_csv(p, { sep = ";" })
    eq(d:ncol(), 3)
    eq(d:names(), { "a", "b", "c" })
    eq(h.values(d, "a"), { 1, 2, n = 2 })
    eq(h.values(d, "b"), { "x,y", "p;q", n = 2 })
    -- a decimal comma is not a number
    eq(h.values(d, "c"), { "2,5", "3", n = 2 })
end

function T.tab_separated()
    local d = coda.read_csv(h.write("tabs.tsv", "a\tb\n1\tx y\n"), { sep = "\t" })
    eq(d:names(), { "a", "b" })
    eq(d:get(1, "b"), "x y")
end

function T.semicolon_file_read_with_comma_is_one_column()
    local d = coda.read_csv(h.write("semi2.csv", "a;b\n1;2\n"))
    eq(d:names(), { "a;b" })
    eq(d:get(1, 1), "1;2")
end

function T.unknown_option_names_the_option()
    local p = h.write("opt.csv", "a\n1\n")
    err(function() coda.read_csv(p, { seperator = ";" }) end,
        'unknown option "seperator"', true)
    err(function() coda.read_csv(p, { Infer = false }) end,
        'unknown option "Infer"', true)
end

function T.line_column_gives_each_rows_first_line()
    local p = h.write("lines.csv", 'id,note\n1,"two\nlines"\n\n2,x\r\n3,y\n')
    local d = coda.read_csv(p, { line_column = "line" })
    eq(d:names(), { "id", "note", "line" })
    eq(d:type("line"), "integer")
    eq(d:column("line"), { 2, 5, 6, n = 3 })
    err(function() coda.read_csv(p, { line_column = "note" }) end,
        'line column "note" would replace a column the header has', true)
    err(function() coda.read_csv(p, { line_column = 1 }) end,
        "line_column must be a column name", true)
    err(function() coda.read_csv(p, { line_column = "" }) end,
        "line_column must be a column name", true)
end

function T.bad_type_names_raise()
    local p = h.write("opt2.csv", "a,b\n1,2\n")
    err(function() coda.read_csv(p, { types = { a = "int" } }) end,
        'unknown type "int" for column "a"', true)
    err(function() coda.read_csv(p, { types = { a = "multi" } }) end,
        'unknown type "multi"', true)
    err(function() coda.read_csv(p, { types = { a = "" } }) end,
        "unknown type", true)
end

function T.bad_option_values_raise()
    local p = h.write("opt3.csv", "a,b\n1,2\n")
    err(function() coda.read_csv(p, { sep = ";;" }) end, "one character", true)
    err(function() coda.read_csv(p, { sep = "" }) end, "one character", true)
    err(function() coda.read_csv(p, { multi = { a = "" } }) end, "empty", true)
    err(function() coda.read_csv(p, { na = { "x", 1 } }) end, "option na", true)
    err(function() coda.read_csv(p, { threads = -1 }) end, "threads", true)
    err(function() coda.read_csv(p, 5) end, "table expected", true)
end

-- A sep that is not a string must not be ignored silently (the file would
-- be parsed with "," instead).
function T.sep_of_the_wrong_type_raises()
    local p = h.write("opt4.csv", "a;b\n1;2\n")
    err(function() coda.read_csv(p, { sep = { ";" } }) end, "sep", true)
    err(function() coda.read_csv(p, { sep = false }) end, "sep", true)
end

-- An option given a value of the wrong kind is named in the message.
function T.option_of_the_wrong_type_names_the_option()
    local p = h.write("opt5.csv", "a,b\n1,2\n")
    err(function() coda.read_csv(p, { types = "integer" }) end, "types", true)
    err(function() coda.read_csv(p, { multi = ";" }) end, "multi", true)
    err(function() coda.read_csv(p, { threads = "many" }) end, "threads", true)
end

function T.option_naming_an_absent_column_raises()
    local p = h.write("opt6.csv", "a,b\n1,2\n")
    err(function() coda.read_csv(p, { types = { zz = "integer" } }) end,
        'option types names column "zz"', true)
    err(function() coda.read_csv(p, { multi = { zz = ";" } }) end,
        'option multi names column "zz"', true)
end

function T.integer_limits()
    local p = h.write("big.csv", "a\n9223372036854775807\n-9223372036854775808\n")
    local d = coda.read_csv(p)
    eq(d:type("a"), "integer")
    eq(h.values(d, "a"), { math.maxinteger, math.mininteger, n = 2 })
    -- a whole number past 64 bits stays text: as a double it would be its
    -- neighbour (12345678901234567891 and ...890 are one double)
    local d2 = coda.read_csv(h.write("big2.csv", "a\n9223372036854775808\n"
                                                 .. "12345678901234567891\n"))
    eq(d2:type("a"), "string")
    eq(d2:get(2, "a"), "12345678901234567891")
    -- so does a number out of a double's range
    local d3 = coda.read_csv(h.write("big3.csv", "a,b\n1e400,1\n-1e400,1e-400\n"))
    eq({ d3:type("a"), d3:type("b") }, { "string", "string" })
    eq(d3:get(2, "b"), "1e-400")
    err(function() coda.read_csv(h.write("big4.csv", "a\n1e400\n"), { types = { a = "number" } }) end,
        "1e400", true)
end

function T.write_csv_refuses_non_finite_numbers()
    local p = h.path("nan.csv")
    err(function() coda.dataset({ { x = 0 / 0 } }, { "x" }):write_csv(p) end,
        'column "x", row 1 holds NaN', true)
    err(function() coda.dataset({ { x = 1.5 }, { x = -1 / 0 } }, { "x" }):write_csv(p) end,
        'column "x", row 2 holds infinity', true)
    eq(h.exists(p), false)
end

function T.number_syntax()
    local p = h.write("nums.csv", "a\n1e3\n.5\n5.\n+3\n-2.5E-1\n")
    local d = coda.read_csv(p)
    eq(d:type("a"), "number")
    eq(h.values(d, "a"), { 1000.0, 0.5, 5.0, 3.0, -0.25, n = 5 })
    for _, text in ipairs({ "0x10", "inf", "nan", "1e", "1.2.3", "--1", "1_000" }) do
        local e = coda.read_csv(h.write("nonnum.csv", "a\n" .. text .. "\n"))
        eq(e:type("a"), "string", text)
        eq(e:get(1, "a"), text)
    end
end

function T.decimals_read_exactly()
    local d = coda.read_csv(h.write("dec.csv", "a\n0.1\n0.3\n123456.789\n"))
    eq(h.values(d, "a"), { 0.1, 0.3, 123456.789, n = 3 })
end

function T.boolean_words()
    local p = h.write("bools.csv", "a,b\ntrue,yes\nFALSE,no\nTrue,yes\nfalse,no\n")
    local d = coda.read_csv(p)
    eq(d:type("a"), "boolean")
    eq(h.values(d, "a"), { true, false, true, false, n = 4 })
    eq(d:type("b"), "string")
end

function T.mixed_types_widen()
    local p = h.write("mixed.csv", "i,n,s,t\n1,1,1,true\n2,2.5,x,1\n")
    local d = coda.read_csv(p)
    eq(d:type("i"), "integer")
    eq(d:type("n"), "number")
    eq(h.values(d, "n"), { 1.0, 2.5, n = 2 })
    -- text after a number: the column is text, every field its own text
    eq(d:type("s"), "string")
    eq(h.values(d, "s"), { "1", "x", n = 2 })
    eq(d:type("t"), "string")
    eq(h.values(d, "t"), { "true", "1", n = 2 })
end

function T.late_text_turns_a_long_column_to_text()
    local lines = { "a,b" }
    for i = 1, 600 do
        lines[#lines + 1] = i .. "," .. (i == 599 and "late" or tostring(i * 2))
    end
    local d = coda.read_csv(h.write("late.csv", table.concat(lines, "\n") .. "\n"))
    eq(d:nrow(), 600)
    eq(d:type("a"), "integer")
    eq(d:type("b"), "string")
    eq(d:get(1, "b"), "2")
    eq(d:get(599, "b"), "late")
    eq(d:get(600, "b"), "1200")
end

function T.crlf_bom_and_blank_lines()
    local p = h.write("crlf.csv", "\239\187\191id,name\r\n1,a\r\n\r\n2,b\r\n\n")
    local d = coda.read_csv(p)
    eq(d:names(), { "id", "name" })
    eq(h.values(d, "id"), { 1, 2, n = 2 })
    eq(h.values(d, "name"), { "a", "b", n = 2 })
end

function T.no_newline_at_end()
    local d = coda.read_csv(h.write("noeol.csv", "a,b\n1,x"))
    eq(d:nrow(), 1)
    eq(d:get(1, "b"), "x")
end

function T.utf8_text_and_names()
    local p = h.write("hindi.csv", "राज्य,संगठन\nबिहार,\"मानव, तस्करी\"\nकेरल,x\n")
    local d = coda.read_csv(p)
    eq(d:names(), { "राज्य", "संगठन" })
    eq(d:get(1, "राज्य"), "बिहार")
    eq(d:get(1, "संगठन"), "मानव, तस्करी")
end

function T.quoted_header_names()
    local d = coda.read_csv(h.write("qh.csv", '"a,b","say ""x""", c \n1,2,3\n'))
    eq(d:names(), { "a,b", 'say "x"', " c " })
end

-- The loader splits a file into parts parsed on threads; small options
-- force that on a small file.  The result must not depend on the split.
local PARALLEL = "id,n,x,s,m\n"
    .. '1,10,1,a,"p;q"\n'
    .. '2,,2,"two\nlines",\n'
    .. '3,30,3.5,c,q\n'
    .. '4,40,,"x,y",""\n'
    .. "\n"
    .. '5,50,5,"""q""",p;r\n'
    .. "6,60,6,,p\n"
    .. '7,70,7,"g",r\n'
    .. "8,80,8.25,last,q;p\n"

function T.parallel_parse_matches_sequential()
    local p = h.write("parallel.csv", PARALLEL)
    local opts = { multi = { m = ";" }, threads = 1 }
    local want = h.contents(coda.read_csv(p, opts))
    eq(want.types, { "integer", "integer", "number", "string", "multi" })
    eq(want.cols[2], { 10, nil, 30, 40, 50, 60, 70, 80, n = 8 })
    eq(want.cols[3], { 1.0, 2.0, 3.5, nil, 5.0, 6.0, 7.0, 8.25, n = 8 })
    eq(want.cols[4], { "a", "two\nlines", "c", "x,y", '"q"', nil, "g", "last", n = 8 })
    eq(want.cols[5], { { "p", "q" }, nil, { "q" }, {}, { "p", "r" }, { "p" },
                       { "r" }, { "q", "p" }, n = 8 })
    for _, threads in ipairs({ 2, 3, 4 }) do
        for _, block in ipairs({ 1, 7, 64 }) do
            local d = coda.read_csv(p, { multi = { m = ";" }, threads = threads,
                                         min_chunk = 1, block = block })
            eq(h.contents(d), want, "threads " .. threads .. ", block " .. block)
        end
    end
end

-- The same with quoted empty strings in a text column: a part may begin
-- with one (see quoted_empty_before_the_first_text_is_empty_string).
function T.parallel_parse_matches_sequential_with_quoted_empty()
    local text = "id,s\n"
    for i = 1, 12 do
        text = text .. i .. "," .. (i % 3 == 0 and "word" .. i or '""') .. "\n"
    end
    local p = h.write("parallel-empty.csv", text)
    local want = h.contents(coda.read_csv(p, { threads = 1 }))
    eq(want.cols[2], { "", "", "word3", "", "", "word6", "", "", "word9", "",
                       "", "word12", n = 12 })
    for _, threads in ipairs({ 2, 3, 4 }) do
        local d = coda.read_csv(p, { threads = threads, min_chunk = 1 })
        eq(h.contents(d), want, "threads " .. threads)
    end
end

function T.parallel_parse_reports_the_same_line()
    local p = h.write("parallel-bad.csv", PARALLEL .. "9,90,9\n10,100,10,t,p\n")
    local first = err(function() coda.read_csv(p, { threads = 1 }) end,
                      ":12: expected 5 fields", true)
    for _, threads in ipairs({ 2, 4 }) do
        local e = err(function()
            coda.read_csv(p, { threads = threads, min_chunk = 1, block = 5 })
        end, ":12: expected 5 fields", true)
        -- the same message after the script position
        eq(e:gsub("^.-:%d+: ", ""), (first:gsub("^.-:%d+: ", "")))
    end
end

-- A European export (synthetic): ';' between fields, decimal commas,
-- '.' between thousands, -99 for a missing age.
local EURO = "tests/fixtures/csv/european.csv"

function T.european_numbers_load_as_numbers()
    local ds = coda.read_csv(EURO, { decimal = ",", thousands = ".",
                                    na = { "NA", age = { "-99", "" } } })
    eq(ds:type("income"), "number")
    eq(h.values(ds, "income"), { 1234.5, 12345678.9, 999.0, -0.5, 1e6, n = 5 })
    eq(h.values(ds, "weight"), { 0.5, 1.25, 2.0, 1000.0, 0.125, n = 5 })
    eq(h.values(ds, "age"), { 34, nil, nil, nil, 41, n = 5 })
    eq(h.values(ds, "note"), { "a;b", "x", nil, "7,5", "", n = 5 })
    eq(h.values(ds, "region")[2], "Süd")
end

function T.european_at_every_block_size()
    local whole = coda.read_csv(EURO, { decimal = ",", thousands = "." })
    local size = #h.read(EURO)
    for block = 1, size, 7 do
        local ds = coda.read_csv(EURO, { decimal = ",", thousands = ".",
                                        block = block })
        eq(h.contents(ds), h.contents(whole), "block " .. block)
    end
end

function T.decimal_comma_alone()
    local p = h.write("dec.csv", "a;b\n1,5;2\n-0,25;3,0\n")
    local ds = coda.read_csv(p, { decimal = "," })    -- sep ";" by default
    eq(h.values(ds, "a"), { 1.5, -0.25, n = 2 })
    eq(h.values(ds, "b"), { 2.0, 3.0, n = 2 })
    -- without the option the same file is text
    eq(coda.read_csv(p, { sep = ";" }):type("a"), "string")
end

function T.a_broken_group_keeps_the_column_text()
    local p = h.write("grp.csv", "a;b\n1.234,5;1\n1.23;2\n")
    local ds = coda.read_csv(p, { decimal = ",", thousands = "." })
    eq(ds:type("a"), "string")
    eq(h.values(ds, "a"), { "1.234,5", "1.23", n = 2 })
    err(function()
        return coda.read_csv(p, { decimal = ",", thousands = ".",
                                  types = { a = "number" } })
    end, 'grp.csv:3: column "a" (field 1): expected number, found "1.23"', true)
end

function T.na_per_column_only_there()
    local p = h.write("na.csv", "a,b\n-99,-99\n1,.\n")
    local ds = coda.read_csv(p, { na = { ".", a = "-99" } })
    eq(h.values(ds, "a"), { nil, 1, n = 2 })
    eq(h.values(ds, "b"), { -99, nil, n = 2 })
end

function T.marks_errors()
    err(function() return coda.read_csv(EURO, { decimal = ";" }) end,
        'read_csv: option decimal must be "." or ","', true)
    err(function() return coda.read_csv(EURO, { thousands = "x" }) end,
        "read_csv: option thousands must be", true)
    err(function() return coda.read_csv(EURO, { decimal = ",", sep = "," }) end,
        "the decimal mark and the separator are both ','", true)
    err(function() return coda.read_csv(EURO, { sep = ";", na = { aeg = "1" } }) end,
        'option na names column "aeg", which the header does not have '
        .. '(did you mean "age"?)', true)
    err(function() return coda.read_csv(EURO, { sep = ";", na = { [5] = "x" } }) end,
        "option na: keys must be column names", true)
    err(function() return coda.read_csv(EURO, { sep = ";", na = { age = { 1 } } }) end,
        "option na must be a string or an array of strings", true)
end

return T
