-- fmt_cells.lua - what test_formats.lua and test_xlsx.lua share: the
-- expected contents of a file that another program wrote or read
-- (tests/fixtures/formats/*.cells: column, row, value; "NA" for missing),
-- compared with what coda read.
local h = require("helper")
local eq = h.assert_eq

local M = { DIR = "tests/fixtures/formats/" }
local DIR = M.DIR

-- The expected cells: { col = { [row] = text } } ("NA" for missing).
local function cells(file)
    local want, order = {}, {}
    for line in io.lines(DIR .. file) do
        local col, row, value = line:match("^([^\t]*)\t(%d+)\t(.*)$")
        if not want[col] then
            want[col] = {}
            order[#order + 1] = col
        end
        want[col][tonumber(row)] = value
    end
    return want, order
end

-- The values of a column (missing ones are holes).
function M.vals(ds, col)
    local t = {}
    for r = 1, ds:nrow() do t[r] = ds:get(r, col) end
    return t
end

function M.text(v)
    if v == nil then
        return "NA"
    elseif math.type(v) == "float" then
        return string.format("%.15g", v)
    end
    return tostring(v)
end

-- Every cell of ds as the expected file has it, and the columns in order.
function M.check_cells(ds, file)
    local want, order = cells(file)
    eq(ds:names(), order, file .. ": columns")
    for _, col in ipairs(order) do
        eq(ds:nrow(), #want[col], file .. ": rows")
        for r = 1, ds:nrow() do
            eq(M.text(ds:get(r, col)), want[col][r], file .. ": " .. col .. " row " .. r)
        end
    end
end

return M
