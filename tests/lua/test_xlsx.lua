-- test_xlsx.lua - Excel workbooks: what openpyxl wrote (survey.xlsx, made by
-- tests/fixtures/formats/make_xlsx.py) must read as its .cells files say;
-- what coda writes reads back, as openpyxl read it once
-- (coda_written.xlsx.cells); damaged and hostile workbooks are refused.
local coda = require("coda")
local h = require("helper")
local fc = require("fmt_cells")
local eq = h.assert_eq
local text, vals, check_cells = fc.text, fc.vals, fc.check_cells

local T = {}
local DIR = fc.DIR

function T.reads_what_openpyxl_wrote()
    local ds = coda.read_xlsx(DIR .. "survey.xlsx")
    check_cells(ds, "survey.xlsx.survey.cells")
    eq({ ds:type("id"), ds:type("income"), ds:type("consent"), ds:type("visit"),
         ds:type("mixed"), ds:type("ratio") },
       { "integer", "number", "boolean", "string", "string", "number" })
    check_cells(coda.read_xlsx(DIR .. "survey.xlsx", { sheet = "by state" }),
                "survey.xlsx.by_state.cells")
    check_cells(coda.read(DIR .. "survey.xlsx", { sheet = 2 }),
                "survey.xlsx.by_state.cells")
end

function T.header_false_keeps_the_first_row()
    local ds = coda.read_xlsx(DIR .. "survey.xlsx", { sheet = 2, header = false })
    eq(ds:names(), { "A", "B" })
    eq(vals(ds, "A"), { "state", "Assam", "Bihar" })
    eq(vals(ds, "B"), { "n", "10", "20" })
end

function T.no_such_sheet()
    h.assert_error(function() coda.read_xlsx(DIR .. "survey.xlsx", { sheet = "nope" }) end,
                   'survey.xlsx: no sheet "nope" (sheets: "survey", "by state")', true)
    h.assert_error(function() coda.read_xlsx(DIR .. "survey.xlsx", { sheet = 3 }) end,
                   "survey.xlsx: no sheet 3: the workbook has 2", true)
    h.assert_error(function() coda.read_xlsx(DIR .. "survey.xlsx", { sheet = 0 }) end,
                   "option sheet must be", true)
    h.assert_error(function() coda.read_xlsx(DIR .. "survey.xlsx", { sheets = 1 }) end,
                   'read_xlsx: unknown option "sheets"', true)
end

-- coda's workbook as openpyxl read it: the same values in every cell, and
-- percentages shown as percentages.
function T.openpyxl_read_coda_workbook()
    local sheets = { survey = coda.read_xlsx(DIR .. "coda_written.xlsx"),
                     areas = coda.read_xlsx(DIR .. "coda_written.xlsx", { sheet = "areas" }) }
    local n = 0
    for line in io.lines(DIR .. "coda_written.xlsx.cells") do
        local sheet, col, row, value, format =
            line:match("^([^\t]*)\t([^\t]*)\t(%d+)\t([^\t]*)\t(.*)$")
        value = value:gsub("\\(.)", { n = "\n", ["\\"] = "\\" })
        eq(text(sheets[sheet]:get(tonumber(row), col)), value, sheet .. " " .. col .. row)
        local pct = col == "pct" or col == "ci_low" or col == "ci_high"
        eq(format, pct and '0.0"%"' or "General", sheet .. " " .. col .. " format")
        n = n + 1
    end
    eq(n, 12 * 7 + 6 * 6)
end

local function unzip(path, entry)
    local p = assert(io.popen("unzip -p " .. h.quote(path) .. " " .. entry))
    local s = p:read("a")
    p:close()
    return s
end

function T.roundtrip_and_formats()
    local ds = coda.dataset({
        { name = "अ ब", n = 1, x = 0.5, ok = true, pct = 12.5 },
        { name = "b,\"c\"", n = -7, x = nil, ok = false, pct = 100.0 },
        { name = nil, n = 3, x = 1e-9, ok = nil, pct = 0.125 },
    }, { "name", "n", "x", "ok", "pct" })
    local path = h.path("rt.xlsx")
    coda.write_xlsx(path, { { "first", ds }, { "second", ds:select("n"), { n = "#,##0" } } })
    local back = coda.read_xlsx(path)
    eq(back:names(), ds:names())
    for _, col in ipairs(ds:names()) do
        eq(back:type(col), ds:type(col), col)
        eq(vals(back, col), vals(ds, col), col)
    end
    eq(vals(coda.read_xlsx(path, { sheet = "second" }), "n"), { 1, -7, 3 })
    local styles = unzip(path, "xl/styles.xml")
    h.assert_match(styles, 'formatCode="0.0&quot;%&quot;"', true)
    h.assert_match(styles, 'formatCode="#,##0"', true)
    local book = unzip(path, "xl/workbook.xml")
    h.assert_match(book, 'name="first".*name="second"')
end

function T.levels_and_labels_are_written_as_text()
    local s = coda.read_sav(DIR .. "survey.sav")
    local path = h.path("s.xlsx")
    s:write_xlsx(path, { sheet = "Survey data" })
    local back = coda.read_xlsx(path, { sheet = "Survey data" })
    eq(vals(back, "agree"), vals(s, "agree"))
    eq(vals(back, "visit"), vals(s, "visit"))
end

-- A workbook with entry replaced by text, made with zip.
local function doctored(name, entry, text)
    local dir = h.mkdir(name .. ".d")
    local file = dir .. "/" .. entry
    assert(os.execute("mkdir -p " .. h.quote(file:match("^(.*)/"))))
    local f = assert(io.open(file, "wb"))
    f:write(text)
    f:close()
    local out = h.path(name .. ".xlsx")
    assert(os.execute("cp " .. DIR .. "survey.xlsx " .. h.quote(out) ..
                      " && cd " .. h.quote(dir) .. " && zip -q " ..
                      h.quote(out) .. " " .. h.quote(entry)))
    return out
end

local SHEET = "xl/worksheets/sheet1.xml"
local NS = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'

function T.hostile_workbooks_are_refused()
    local doctype = doctored("doctype", SHEET, '<?xml version="1.0"?>\n' ..
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' .. NS .. '<sheetData/></worksheet>')
    h.assert_error(function() coda.read_xlsx(doctype) end,
                   "doctype.xlsx: xl/worksheets/sheet1.xml has a DOCTYPE", true)
    local deep = doctored("deep", SHEET, NS .. string.rep("<a>", 5000) ..
                          string.rep("</a>", 5000) .. "</worksheet>")
    h.assert_error(function() coda.read_xlsx(deep) end,
                   "deep.xlsx: xl/worksheets/sheet1.xml nests elements deeper than", true)
    local huge = doctored("huge", SHEET, NS .. '<sheetData><row r="1"><c r="A1"><v>1</v></c>' ..
        '</row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>')
    h.assert_error(function() coda.read_xlsx(huge) end,
                   "huge.xlsx: xl/worksheets/sheet1.xml: more than 268435456 cells", true)
    local outside = doctored("outside", SHEET, NS .. '<sheetData><row r="1">' ..
        '<c r="XFE1"><v>1</v></c></row></sheetData></worksheet>')
    h.assert_error(function() coda.read_xlsx(outside) end,
                   'a cell reference "XFE1" outside a sheet', true)
    local sst = doctored("sst", SHEET, NS .. '<sheetData><row r="1">' ..
        '<c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>')
    h.assert_error(function() coda.read_xlsx(sst) end,
                   'sst.xlsx: xl/worksheets/sheet1.xml, cell A1: no shared string "99"', true)
    local broken = doctored("broken", SHEET, NS .. '<sheetData><row>')
    h.assert_error(function() coda.read_xlsx(broken) end,
                   "broken.xlsx: xl/worksheets/sheet1.xml is not XML coda can read", true)
    local num = doctored("num", SHEET, NS .. '<sheetData><row r="1">' ..
        '<c r="A1"><v>12abc</v></c></row></sheetData></worksheet>')
    h.assert_error(function() coda.read_xlsx(num) end,
                   'cell A1: a number cell holds "12abc"', true)
end

function T.files_that_are_no_workbook()
    local csv = h.write("renamed.xlsx", "a,b\n1,2\n")
    h.assert_error(function() coda.read_xlsx(csv) end,
                   "renamed.xlsx: not a zip archive (a .xlsx is one)", true)
    local f = assert(io.open(DIR .. "survey.xlsx", "rb"))
    local cut = h.write("cut.xlsx", f:read(900))
    f:close()
    h.assert_error(function() coda.read_xlsx(cut) end, "cut.xlsx: not a zip archive", true)
    local dir = h.mkdir("z.d")
    assert(io.open(dir .. "/a.txt", "w")):close()
    local zip = h.path("nobook.xlsx")
    assert(os.execute("cd " .. h.quote(dir) .. " && zip -q " .. h.quote(zip) .. " a.txt"))
    h.assert_error(function() coda.read_xlsx(zip) end,
                   "nobook.xlsx: no xl/workbook.xml in the archive: not an Excel workbook", true)
    local fifo = h.path("fifo.xlsx")
    assert(os.execute("mkfifo " .. h.quote(fifo)))
    h.assert_error(function() coda.read_xlsx(fifo) end, "fifo.xlsx: not a regular file", true)
end

function T.writer_refuses_what_excel_cannot_hold()
    local ds = coda.dataset({ { a = 1 } }, { "a" })
    local path = h.path("w.xlsx")
    h.assert_error(function() coda.write_xlsx(path, { { "a/b", ds } }) end,
                   'w.xlsx: write_xlsx: sheet "a/b"', true)
    h.assert_error(function() coda.write_xlsx(path, { { "s", ds }, { "S", ds } }) end,
                   'write_xlsx: sheet "S"', true)
    h.assert_error(function() ds:write_xlsx(path, { formats = { b = "0.0" } }) end,
                   'a format for "b", which sheet "Sheet1" has no column of', true)
    h.assert_error(function() coda.write_xlsx(path, {}) end, "no sheets to write", true)
    h.assert_error(function() ds:write_xlsx("/dev/stdout") end,
                   "a workbook is a zip archive, written whole to a file", true)
    local long = coda.dataset({ { t = string.rep("क", 40000) } }, { "t" })
    h.assert_error(function() long:write_xlsx(path) end,
                   "a text longer than Excel's 32767 characters", true)
    eq(h.exists(path), false)
    eq(#h.listdir(h.tmpdir()) > 0, true)
    for _, name in ipairs(h.listdir(h.tmpdir())) do
        h.assert_no_match(name, "tmp%-")         -- no temporary file left
    end
end

return T
