-- test_callbacks.lua - objects closed inside the Lua functions coda's
-- methods call back (mutate, filter, a string.find the speaker option
-- uses): the close is refused or noticed, never a use of freed memory.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

local function three()
    return coda.dataset({ { x = 1 }, { x = 2 }, { x = 3 } }, { "x" })
end

local REFUSED = "cannot close a Dataset while one of its methods runs"

function T.close_inside_mutate_is_refused()
    local d = three()
    err(function() d:mutate("y", function() d:close() return 1 end) end, REFUSED, true)
    eq(d:nrow(), 3)                               -- still open and whole
    eq(d:mutate("y", function(r) return r.x * 2 end):get(3, "y"), 6)
end

function T.close_inside_filter_is_refused()
    local d = three()
    err(function() d:filter(function() d:close() return true end) end, REFUSED, true)
    eq(d:filter(function(r) return r.x > 1 end):nrow(), 2)
end

function T.a_to_be_closed_variable_inside_is_refused()
    local d = three()
    err(function()
        d:mutate("y", function() local z <close> = d return 1 end)
    end, REFUSED, true)
    eq(d:nrow(), 3)
end

function T.an_error_in_the_callback_leaves_it_closable()
    local d = three()
    err(function() d:mutate("y", function() error("boom") end) end, "boom", true)
    d:close()
    err(function() d:nrow() end, "closed Dataset", true)
end

function T.a_string_find_that_closes_the_corpus_or_codebook()
    local cb = coda.read_codebook("tests/fixtures/coding/codebook.csv")
    local corpus = coda.read_corpus("tests/fixtures/coding/fgd")
    local find = string.find
    local ok, msg = pcall(function()
        string.find = function(...) corpus:close() return find(...) end
        return cb:code(corpus, { speakers = "R%d" })
    end)
    string.find = find
    eq(ok, false)
    h.assert_match(msg, REFUSED, true)
    eq(corpus:nrow(), 10)
    ok, msg = pcall(function()
        string.find = function(...) cb:close() return find(...) end
        return cb:code(corpus, { speakers = "R%d" })
    end)
    string.find = find
    eq(ok, false)
    h.assert_match(msg, "closed Codebook", true)
end

function T.options_with_a_metatable_are_refused()
    local d = three()
    err(function() d:frequency("x", setmetatable({}, { __index = function() d:close() end })) end,
        "options must be a plain table", true)
    eq(d:nrow(), 3)
end

-- A finalizer runs at any allocation, even in the middle of a method of
-- the object it closes: that close marks the object closed and leaves its
-- memory to the collector, so the method in progress reads no freed memory.
-- call(obj) is repeated, with a finalizer due before each, until one has
-- closed obj (the collector set to run at nearly every allocation).
local function closed_by_a_finalizer(obj, call)
    collectgarbage("incremental", 1, 1000, 0)
    local closed = false
    for _ = 1, 500 do
        setmetatable({}, { __gc = function() obj:close() closed = true end })
        local ok, msg = pcall(call, obj)
        if not ok then h.assert_match(msg, "closed", true) end
        if closed then break end
    end
    collectgarbage("incremental", 200, 100, 13)
    collectgarbage()
    eq(closed, true)
end

function T.a_finalizer_that_closes_a_dataset_mid_method()
    local rows = {}
    for i = 1, 2000 do rows[i] = { x = i, s = "v" .. i } end
    local names = {}
    for i = 1, 50 do names[i] = "x" end
    local d = coda.dataset(rows, { "x", "s" })
    closed_by_a_finalizer(d, function(x) return x:select(names):sort("x") end)
    err(function() d:nrow() end, "closed Dataset", true)
end

function T.a_finalizer_that_closes_a_codebook_or_project_mid_method()
    local cb = coda.read_codebook("tests/fixtures/coding/codebook.csv")
    local corpus = coda.read_corpus("tests/fixtures/coding/fgd")
    closed_by_a_finalizer(cb, function(x) return x:code(corpus) end)
    err(function() cb:size() end, "closed Codebook", true)
    local p = coda.project(h.path("fin.coda"), { create = true })
    closed_by_a_finalizer(p, function(x) return x:documents() end)
    err(function() p:documents() end, "closed", true)
end

return T
