-- helper.lua - assertions and temporary files for the Lua tests.
--
--   local h = require("helper")
--   h.assert_eq(got, expected [, what])   deep compare, integer ~= float
--   h.assert_error(fn, pattern [, plain]) fn must raise; returns the message
--   h.write(name, text)                   a file in the run's temp folder
--
-- The temp folder is made on first use under a fresh os.tmpname() name and
-- removed by h.cleanup() (the runner calls it before exiting).

local h = {}

-- Shell quoting for the few os.execute / io.popen calls.
function h.quote(s)
    return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

-- Escape the magic characters of a Lua pattern.
function h.escape(s)
    return (tostring(s):gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0"))
end

-- A readable, deterministic rendering of a value (tables sorted by key).
local function show(v, seen)
    local t = type(v)
    if t == "string" then
        return (string.format("%q", v):gsub("\\\n", "\\n"))
    elseif t == "number" then
        if math.type(v) == "integer" then
            return tostring(v)
        end
        return string.format("%.17g", v) .. " (float)"
    elseif t ~= "table" then
        return tostring(v)
    end
    seen = seen or {}
    if seen[v] then
        return "<cycle>"
    end
    seen[v] = true
    local keys = {}
    for k in pairs(v) do
        keys[#keys + 1] = k
    end
    table.sort(keys, function(a, b)
        local ta, tb = type(a), type(b)
        if ta ~= tb then
            return ta < tb
        end
        if ta == "number" or ta == "string" then
            return a < b
        end
        return tostring(a) < tostring(b)
    end)
    local parts = {}
    for _, k in ipairs(keys) do
        local key = math.type(k) == "integer" and "[" .. k .. "]"
            or (type(k) == "string" and k:match("^[%a_][%w_]*$")) and k
            or "[" .. show(k, seen) .. "]"
        parts[#parts + 1] = key .. " = " .. show(v[k], seen)
    end
    seen[v] = nil
    return "{" .. table.concat(parts, ", ") .. "}"
end
h.show = show

-- nil when a and b are deeply equal, else the path where they differ.
-- Numbers must agree in subtype (integer vs float); NaN equals NaN.
local function diff(a, b, path, seen)
    if type(a) ~= type(b) then
        return path
    end
    if type(a) == "number" then
        if math.type(a) ~= math.type(b) then
            return path
        end
        if a ~= a and b ~= b then
            return nil
        end
        if a == b then
            return nil
        end
        return path
    end
    if type(a) ~= "table" then
        if rawequal(a, b) then
            return nil
        end
        return path
    end
    if rawequal(a, b) then
        return nil
    end
    seen = seen or {}
    if seen[a] == b then
        return nil
    end
    seen[a] = b
    for k, v in pairs(a) do
        local p = diff(v, rawget(b, k), path .. "[" .. show(k) .. "]", seen)
        if p then
            return p
        end
    end
    for k in pairs(b) do
        if rawget(a, k) == nil then
            return path .. "[" .. show(k) .. "]"
        end
    end
    return nil
end

function h.equal(a, b)
    return diff(a, b, "") == nil
end

function h.assert_eq(got, expected, what)
    local p = diff(got, expected, "")
    if p then
        local msg = (what and what .. ": " or "") .. "expected "
            .. show(expected) .. ", got " .. show(got)
        if p ~= "" then
            msg = msg .. " (they differ at " .. p .. ")"
        end
        error(msg, 2)
    end
end

function h.assert_true(v, what)
    if not v then
        error((what or "assertion") .. " failed (got " .. show(v) .. ")", 2)
    end
    return v
end

-- s must contain a match of pattern (or the plain text when plain is true).
function h.assert_match(s, pattern, plain, what)
    if type(s) ~= "string" or not s:find(pattern, 1, plain) then
        error((what and what .. ": " or "") .. "expected a string "
            .. (plain and "containing " or "matching ") .. show(pattern)
            .. ", got " .. show(s), 2)
    end
    return s
end

function h.assert_no_match(s, pattern, plain, what)
    if type(s) == "string" and s:find(pattern, 1, plain) then
        error((what and what .. ": " or "") .. "did not expect "
            .. show(pattern) .. " in " .. show(s), 2)
    end
    return s
end

-- fn(...) must raise an error whose message matches pattern (a string
-- error; plain = true for a plain-text search).  Returns the message.
function h.assert_error(fn, pattern, plain, ...)
    local ok, err = pcall(fn, ...)
    if ok then
        error("expected an error" .. (pattern and " matching " .. show(pattern)
            or "") .. ", but the call succeeded", 2)
    end
    if type(err) ~= "string" then
        error("expected an error message matching " .. show(pattern)
            .. ", got an error object " .. show(err), 2)
    end
    if pattern and not err:find(pattern, 1, plain) then
        error("expected an error matching " .. show(pattern) .. ", got "
            .. show(err), 2)
    end
    return err
end

-- The run's temporary folder, made on first use.
local tmpdir
function h.tmpdir()
    if not tmpdir then
        local base = os.tmpname() -- creates an empty file: make it a folder
        os.remove(base)
        local dir = base .. ".coda-test"
        assert(os.execute("mkdir -m 700 " .. h.quote(dir)),
               "cannot make the temp folder " .. dir)
        tmpdir = dir
    end
    return tmpdir
end

local counter = 0

-- A fresh path in the temp folder (not created).
function h.path(name)
    counter = counter + 1
    return h.tmpdir() .. "/" .. counter .. "-" .. (name or "file")
end

-- Write text to a fresh file in the temp folder; returns its path.
function h.write(name, text)
    local p = h.path(name)
    local f = assert(io.open(p, "wb"))
    assert(f:write(text))
    assert(f:close())
    return p
end

function h.read(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("a")
    f:close()
    return s
end

function h.exists(path)
    local f = io.open(path, "rb")
    if f then
        f:close()
        return true
    end
    return false
end

-- A fresh empty folder in the temp folder.
function h.mkdir(name)
    local p = h.path(name)
    assert(os.execute("mkdir " .. h.quote(p)), "cannot make " .. p)
    return p
end

-- The names in a folder (sorted, dot files too).
function h.listdir(dir)
    local names = {}
    local p = assert(io.popen("ls -A " .. h.quote(dir) .. " 2>/dev/null"))
    for line in p:lines() do
        names[#names + 1] = line
    end
    p:close()
    table.sort(names)
    return names
end

function h.cleanup()
    if tmpdir then
        os.execute("rm -rf " .. h.quote(tmpdir))
        tmpdir = nil
    end
end

-- The values of a Dataset column as an array with holes, plus n.
function h.values(ds, col)
    local t = { n = ds:nrow() }
    for r = 1, ds:nrow() do
        t[r] = ds:get(r, col)
    end
    return t
end

-- Every column's type and values: a plain table to compare two Datasets.
function h.contents(ds)
    local t = { names = ds:names(), types = {}, cols = {}, nrow = ds:nrow() }
    for i, name in ipairs(t.names) do
        t.types[i] = ds:type(i)
        t.cols[i] = h.values(ds, i)
    end
    return t
end

return h
