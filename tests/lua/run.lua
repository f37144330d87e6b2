-- run.lua - the Lua test runner (no external libraries).
--
--   ./coda run tests/lua/run.lua [NAME-PATTERN]
--
-- Loads every tests/lua/test_*.lua (each returns a table of named test
-- functions), runs each test in a protected call, prints one line a failure
-- ("FAIL file: name: message"), then "N passed, M failed", and exits 0 only
-- when nothing failed.  An optional Lua pattern picks the tests to run by
-- "file:name".

local dir = (arg and arg[0] or "tests/lua/run.lua"):match("^(.*)/[^/]*$") or "."
package.path = dir .. "/?.lua;" .. package.path

local h = require("helper")

local only = ...

local function test_files()
    local files = {}
    local p = assert(io.popen("ls -1 " .. h.quote(dir) .. " 2>/dev/null"))
    for name in p:lines() do
        if name:match("^test_[%w_]+%.lua$") then
            files[#files + 1] = name
        end
    end
    p:close()
    table.sort(files)
    return files
end

-- An error message on one line, with the position of a failed assertion.
local function one_line(err)
    local s = type(err) == "string" and err or h.show(err)
    return (s:gsub("\r?\n", "\\n"))
end

local passed, failed = 0, 0

local function fail(label, msg)
    failed = failed + 1
    print("FAIL " .. label .. ": " .. one_line(msg))
end

for _, file in ipairs(test_files()) do
    local chunk, lerr = loadfile(dir .. "/" .. file)
    local ok, tests = false, lerr
    if chunk then
        ok, tests = pcall(chunk)
    end
    if not ok or type(tests) ~= "table" then
        fail(file, ok and "the file did not return a table of tests" or tests)
    else
        local names = {}
        for name, fn in pairs(tests) do
            if type(fn) == "function" then
                names[#names + 1] = name
            end
        end
        table.sort(names)
        for _, name in ipairs(names) do
            local label = file:gsub("%.lua$", "") .. ": " .. name
            if not only or (file .. ":" .. name):find(only) then
                local tok, terr = pcall(tests[name])
                if tok then
                    passed = passed + 1
                else
                    fail(label, terr)
                end
                collectgarbage()
            end
        end
    end
end

h.cleanup()
print(string.format("%d passed, %d failed", passed, failed))
os.exit(failed == 0 and 0 or 1, true)
