-- test_formats.lua - SPSS, Stata and SAS files: what R's haven wrote
-- (tests/fixtures/formats/, made by make_stat_files.R) must read as haven
-- reads it back (the .cells and .meta files beside them), and what coda
-- writes must read back the same; levels order what is sorted and counted.
local coda = require("coda")
local h = require("helper")
local fc = require("fmt_cells")
local eq = h.assert_eq
local vals, check_cells = fc.vals, fc.check_cells

local T = {}
local DIR = fc.DIR

-- Labels, value labels and missing codes as the .meta file lists them.
local function check_meta(ds, file)
    local label, values, missing = {}, {}, {}
    for line in io.lines(DIR .. file) do
        local f = {}
        for part in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = part end
        local col, what = f[1], f[2]
        if what == "label" then
            label[col] = f[3] ~= "" and f[3] or nil
        elseif what == "value" then
            values[col] = values[col] or {}
            values[col][math.tointeger(tonumber(f[3])) or tonumber(f[3])] = f[4]
        else
            missing[col] = missing[col] or {}
            table.insert(missing[col], math.tointeger(tonumber(f[3])))
        end
    end
    for _, col in ipairs(ds:names()) do
        eq(ds:label(col), label[col], file .. ": label of " .. col)
        eq(ds:labels(col), values[col], file .. ": labels of " .. col)
        eq(ds:missing_codes(col), missing[col], file .. ": missing of " .. col)
    end
end

function T.sav_as_haven_reads_it()
    local ds = coda.read_sav(DIR .. "survey.sav")
    check_cells(ds, "survey.sav.cells")
    check_meta(ds, "survey.sav.meta")
end

function T.dta_as_haven_reads_it()
    local ds = coda.read_dta(DIR .. "survey.dta")
    check_cells(ds, "survey.dta.cells")
    check_meta(ds, "survey.dta.meta")
end

function T.sas7bdat_as_haven_reads_it()
    check_cells(coda.read_sas7bdat(DIR .. "survey.sas7bdat"),
                "survey.sas7bdat.cells")
end

function T.read_dispatches_on_the_extension()
    eq(coda.read(DIR .. "survey.sav"):ncol(), 7)
    eq(coda.read(DIR .. "survey.dta"):get(5, "agree"), "Don't know")
    eq(coda.read(DIR .. "survey.sas7bdat"):ncol(), 4)
    eq(coda.read("datasets/examples/survey.csv"):nrow(), 12)
    local tsv = h.write("a.TSV", "x\ty\n1\tz\n")
    eq(coda.read(tsv):get(1, "y"), "z")
    h.assert_error(function() coda.read(h.write("a.txt", "x\n")) end,
                   "unknown file type", true)
end

-- A labelled column whose every value has a label reads as its labels,
-- ordered by code; a partly labelled one keeps its numbers.
function T.labelled_columns_are_ordered_categories()
    local ds = coda.read_sav(DIR .. "survey.sav")
    eq(ds:type("agree"), "string")
    eq(ds:levels("agree"), { "Strongly disagree", "Disagree", "Neutral",
                             "Agree", "Strongly agree" })
    eq(ds:levels("sex"), { "Male", "Female" })
    eq(ds:type("age"), "integer")
    eq(ds:levels("age"), nil)
    h.assert_match(tostring(ds), "<factor>", true)
end

function T.frequency_and_crosstab_follow_the_levels()
    local ds = coda.read_sav(DIR .. "survey.sav")
    local f = ds:frequency("agree")
    eq(vals(f, "value"), { "Strongly disagree", "Disagree", "Neutral",
                               "Agree", "Strongly agree" })
    eq(vals(f, "count"), { 2, 1, 1, 1, 1 })
    eq(f:get(1, "base"), 6)     -- the two user-missing rows are no value
    eq(vals(ds:frequency("agree", { order = "count" }), "value")[1],
       "Strongly disagree")
    local x = ds:crosstab("agree", "sex")
    eq(vals(x, "row"), { "Strongly disagree", "Strongly disagree",
                             "Disagree", "Disagree", "Neutral", "Neutral",
                             "Agree", "Agree", "Strongly agree",
                             "Strongly agree" })
    eq(vals(x, "col"), { "Male", "Female", "Male", "Female", "Male",
                             "Female", "Male", "Female", "Male", "Female" })
end

function T.levels_set_order_for_sort_group_by_and_frequency()
    local ds = coda.dataset({ { size = "Low" }, { size = "High" },
                              { size = "Medium" }, { size = "High" },
                              { size = nil } }, { "size" })
    eq(vals(ds:sort("size"), "size"), { "High", "High", "Low", "Medium", nil })
    local o = ds:levels("size", { "Low", "Medium", "High" })
    eq(ds:levels("size"), nil)          -- a new Dataset; ds is unchanged
    eq(o:levels("size"), { "Low", "Medium", "High" })
    eq(vals(o:sort("size"), "size"), { "Low", "Medium", "High", "High", nil })
    eq(vals(o:sort{ "-size" }, "size")[1], "High")
    eq(vals(o:frequency("size"), "value"), { "Low", "Medium", "High" })
    local g = o:group_by("size"):summarise{ { "n", "count" } }
    eq(vals(g, "size"), { "Low", "Medium", "High", nil })
    eq(vals(g, "n"), { 1, 1, 2, 1 })
    eq(g:levels("size"), { "Low", "Medium", "High" })
    eq(vals(o:frequency("size", { all_labels = true }), "count"), { 1, 1, 2 })
    eq(o:filter("size", "==", "High"):levels("size"), { "Low", "Medium", "High" })
end

function T.levels_unused_and_refused()
    local ds = coda.dataset({ { a = "x" }, { a = "y" } }, { "a" })
    local o = ds:levels("a", { "z", "y", "x" })
    eq(vals(o:frequency("a", { all_labels = true }), "value"), { "z", "y", "x" })
    eq(vals(o:frequency("a", { all_labels = true }), "count"), { 0, 1, 1 })
    h.assert_error(function() ds:levels("a", { "x" }) end,
                   'levels: value "y" of column "a" (row 2) is not among the levels given', true)
    h.assert_error(function() ds:levels("a", { "x", "y", "x" }) end,
                   '"x" is given twice', true)
    local n = coda.dataset({ { k = 1 } }, { "k" })
    h.assert_error(function() n:levels("k", { "1" }) end,
                   'column "k" is integer; levels order a string column', true)
    h.assert_error(function() ds:levels("a", { "x", 2 }) end, "level 2 is number", true)
end

function T.labels_and_label_can_be_set()
    local ds = coda.dataset({ { q = 1 }, { q = 2 }, { q = 1 } }, { "q" })
    local l = ds:labels("q", { [1] = "Yes", [2] = "No" }):label("q", "Agreed?")
    eq(l:labels("q"), { [1] = "Yes", [2] = "No" })
    eq(l:label("q"), "Agreed?")
    eq(ds:label("q"), nil)
    eq(l:label("q", nil):label("q"), nil)
    local path = h.path("q.sav")
    l:write_sav(path)
    local back = coda.read_sav(path)
    eq(back:levels("q"), { "Yes", "No" })
    eq(vals(back, "q"), { "Yes", "No", "Yes" })
    eq(back:label("q"), "Agreed?")
end

-- Levels set in coda become value labels 1, 2, 3 ... in the file, and
-- the same levels when read back; a value that is not a level is refused.
function T.levels_are_written_as_labelled_codes()
    local ds = coda.dataset({ { r = "High" }, { r = "Low" }, { r = nil } }, { "r" })
    local o = ds:levels("r", { "Low", "Medium", "High" })
    for _, ext in ipairs{ "sav", "dta" } do
        local path = h.path("levels." .. ext)
        o["write_" .. ext](o, path)
        local back = coda.read(path)
        eq(back:levels("r"), { "Low", "Medium", "High" }, ext)
        eq(vals(back, "r"), { "High", "Low", nil }, ext)
        eq(back:labels("r"), { [1] = "Low", [2] = "Medium", [3] = "High" }, ext)
    end
end

-- What coda writes reads back as the original did.
local function roundtrip(ext, write, read, metafile)
    local ds = read(DIR .. "survey." .. ext)
    local path = h.path("back." .. ext)
    write(ds, path)
    local back = read(path)
    eq(back:levels("agree"), ds:levels("agree"))
    check_meta(back, metafile)
    -- strings have no missing value in SPSS or Stata: a missing text (the
    -- date no one gave) comes back empty
    for _, col in ipairs(ds:names()) do
        for r = 1, ds:nrow() do
            local want = ds:get(r, col)
            if want == nil and ds:type(col) == "string" and not ds:levels(col) then
                want = ""
            end
            eq(back:get(r, col), want, ext .. ": " .. col .. " row " .. r)
        end
    end
end

function T.sav_roundtrip()
    roundtrip("sav", function(ds, p) ds:write_sav(p) end, coda.read_sav,
              "survey.sav.meta")
end

function T.dta_roundtrip()
    roundtrip("dta", function(ds, p) ds:write_dta(p) end, coda.read_dta,
              "survey.dta.meta")
end

-- coda's own files (write_coda_files.lua) as haven read them
-- (read_coda_files.R): the same cells and labels coda reads.
function T.haven_reads_coda_files_as_coda_does()
    for _, ext in ipairs{ "sav", "dta" } do
        local ds = coda.read(DIR .. "coda_written." .. ext)
        check_cells(ds, "coda_written." .. ext .. ".cells")
        check_meta(ds, "coda_written." .. ext .. ".meta")
    end
end

-- Bad input: a clear error naming the file, and nothing written.
local function copy_head(from, name, bytes)
    local f = assert(io.open(DIR .. from, "rb"))
    local data = f:read(bytes or "a")
    f:close()
    return h.write(name, data)
end

function T.bad_files_are_refused_by_name()
    local csv = copy_head("../../../datasets/examples/survey.csv", "renamed.sav")
    h.assert_error(function() coda.read_sav(csv) end,
                   "renamed.sav: not an SPSS .sav file coda can read", true)
    for _, ext in ipairs{ "sav", "dta", "sas7bdat" } do
        local cut = copy_head("survey." .. ext, "cut." .. ext, 300)
        h.assert_error(function() coda.read(cut) end,
                       "cut." .. ext .. ": the file ends before its data does", true)
    end
    h.assert_error(function() coda.read_dta(h.write("empty.dta", "")) end,
                   "empty.dta: the file ends before its data does", true)
    h.assert_error(function() coda.read_dta(DIR .. "survey.sav") end,
                   "survey.sav: not a Stata .dta file", true)
    h.assert_error(function() coda.read_sav(h.path("none.sav")) end,
                   "none.sav: cannot open: No such file", true)
    h.assert_error(function() coda.read_sav(h.tmpdir()) end,
                   "not a regular file", true)
    local fifo = h.path("fifo.sav")
    assert(os.execute("mkfifo " .. h.quote(fifo)))
    h.assert_error(function() coda.read_sav(fifo) end, "fifo.sav: not a regular file", true)
    h.assert_error(function() coda.read_sav(DIR .. "survey.sav", { x = 1 }) end,
                   'read_sav: unknown option "x"', true)
end

function T.writers_refuse_what_the_format_cannot_hold()
    local ds = coda.dataset({ { ["my col"] = 1 } }, { "my col" })
    local path = h.path("bad.sav")
    h.assert_error(function() ds:write_sav(path) end,
                   'bad.sav: write_sav: column "my col": A provided name contains an illegal character', true)
    eq(h.exists(path), false)
    local long = coda.dataset({ { s = string.rep("x", 3000) } }, { "s" })
    h.assert_error(function() long:write_dta(h.path("long.dta")) end,
                   "column \"s\" holds a text of 3000 bytes; Stata's limit is 2045", true)
    eq(h.exists(h.path("long.dta")), false)
    local frac = coda.dataset({ { q = 1.5 } }, { "q" }):labels("q", { [1.5] = "half" })
    h.assert_error(function() frac:write_dta(h.path("frac.dta")) end,
                   "Stata labels whole numbers only, not 1.5", true)
    local keep = h.write("keep.sav", "precious")
    h.assert_error(function() ds:write_sav(keep) end, "illegal character", true)
    eq(h.read(keep), "precious")
end

function T.multi_and_boolean_columns_are_written_as_text_and_numbers()
    local m = coda.read_csv("datasets/examples/survey.csv", { multi = { areas = ";" } })
    local path = h.path("m.sav")
    m:write_sav(path)
    local back = coda.read_sav(path)
    eq(back:get(1, "areas"), "prevention;rescue")
    eq(back:type("consent"), "integer")
    eq(vals(back, "consent")[3], 0)
    eq(vals(back, "age")[4], nil)
end

return T
