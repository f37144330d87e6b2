-- test_globals.lua - require("coda") leaves _G alone and gives one module.
local h = require("helper")
local eq = h.assert_eq

local T = {}

local function snapshot(t)
    local s = {}
    for k, v in pairs(t) do
        s[k] = v
    end
    return s
end

-- Load the module afresh (as the first require in a script would) and
-- compare _G before and after; the cached module is put back afterwards.
function T.require_writes_nothing_to_G()
    local cached = package.loaded.coda
    package.loaded.coda = nil
    local before = snapshot(_G)
    local ok, mod = pcall(require, "coda")
    local after = snapshot(_G)
    package.loaded.coda = cached
    h.assert_true(ok, "require failed: " .. tostring(mod))
    h.assert_true(type(mod) == "table", "require returns a table")
    for k, v in pairs(after) do
        h.assert_true(rawequal(before[k], v), "_G." .. tostring(k) .. " was set")
    end
    for k in pairs(before) do
        h.assert_true(after[k] ~= nil, "_G." .. tostring(k) .. " was removed")
    end
end

function T.coda_is_not_a_global_in_a_script()
    eq(rawget(_G, "coda"), nil)
    eq(rawget(_G, "Dataset"), nil)
end

function T.module_has_read_csv_and_version()
    local coda = require("coda")
    eq(type(coda.read_csv), "function")
    eq(type(coda.version), "string")
    h.assert_match(coda.version, "^%d+%.%d+%.%d+")
end

function T.second_require_gives_the_same_table()
    local a = require("coda")
    local b = require("coda")
    eq(rawequal(a, b), true)
    eq(rawequal(package.loaded.coda, a), true)
end

function T.datasets_share_one_metatable()
    local coda = require("coda")
    local p = h.write("g.csv", "a\n1\n")
    local x, y = coda.read_csv(p), coda.read_csv(p)
    eq(rawequal(getmetatable(x), getmetatable(y)), true)
    eq(type(getmetatable(x).__index), "table")
    eq(rawequal(getmetatable(x), getmetatable(x:head())), true)
end

-- The methods of each type, read from the files under docs/ (":name(" or
-- ":name{"):
-- the types have every documented method and no undocumented one.
local function documented()
    local names = {}
    local p = assert(io.popen("cat docs/*.md README.md"))
    for name in p:read("a"):gmatch(":([%a_][%w_]*)[({]") do names[name] = true end
    p:close()
    return names
end

function T.every_method_is_documented()
    local coda = require("coda")
    local docs = documented()
    local ds = coda.dataset({ { w = 1.0, y = 2 }, { w = 2.0, y = 3 } }, { "w", "y" })
    local objects = {
        Dataset = ds, Grouped = ds:group_by("y"),
        Codebook = coda.read_codebook("tests/fixtures/coding/codebook.csv"),
        Project = coda.project(h.path("m.coda"), { create = true }),
        Design = coda.design(ds, { weights = "w" }),
    }
    for tname, o in pairs(objects) do
        local n = 0
        for name in pairs(getmetatable(o).__index) do
            n = n + 1
            h.assert_true(docs[name], tname .. ":" .. name .. " is not documented")
        end
        h.assert_true(n > 0, tname .. " has methods")
    end
    for _, name in ipairs{ "frequency", "where", "write_kwic", "cases", "ztest_columns" } do
        eq(type(ds[name]), "function", "Dataset:" .. name)
    end
end

return T
