-- csvout.lua - writing the dataset's CSV and text files.
--
-- Cell conventions (see README.md): nil is a missing value and is written as
-- an empty unquoted field; a Lua array is a multi-select cell, written as
-- its codes sorted and joined with ";", and an empty array is the empty set,
-- written as "" (coda reads a quoted empty field as an empty set).  Strings
-- are quoted when RFC 4180 needs it, and also when empty or when they begin
-- or end with a space, as coda's own writer does.

local S = require("sets")

local M = {}

local function quote(s)
    return '"' .. s:gsub('"', '""') .. '"'
end

function M.cell(v)
    if v == nil then
        return ""
    elseif type(v) == "table" then
        local s = table.concat(S.codes(v), ";")
        return s == "" and '""' or s
    elseif type(v) == "boolean" then
        return v and "1" or "0"
    end
    local s = tostring(v)
    if s == "" or s:find('[,"\r\n]') or s:find("^%s") or s:find("%s$") then
        return quote(s)
    end
    return s
end

-- columns: array of names; rows: array of tables keyed by column name.
function M.render(columns, rows)
    local out = { table.concat(columns, ",") }
    for _, row in ipairs(rows) do
        local cells = {}
        for i, c in ipairs(columns) do
            cells[i] = M.cell(row[c])
        end
        out[#out + 1] = table.concat(cells, ",")
    end
    return table.concat(out, "\n") .. "\n"
end

local function shell_quote(s)
    return "'" .. s:gsub("'", "'\\''") .. "'"
end

function M.mkdir(path)
    assert(os.execute("mkdir -p " .. shell_quote(path)), "cannot make " .. path)
end

-- Write a whole file under a temporary name, then rename it over the target,
-- so an interrupted run never leaves a half-written file.
function M.write(path, text)
    local tmp = path .. ".tmp-gen"
    local f = assert(io.open(tmp, "wb"))
    assert(f:write(text))
    assert(f:close())
    assert(os.rename(tmp, path))
end

function M.write_csv(path, columns, rows)
    M.write(path, M.render(columns, rows))
end

return M
