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

return T
