-- test_prompt.lua - the prompt's session (scripts/lib/prompt.lua): locals
-- kept from line to line, and what Tab completes.
local h = require("helper")
local coda = require("coda")
local prompt = require("lib.prompt")
local eq = h.assert_eq

local T = {}

-- Run each input in one session, as lines typed one after another; the
-- results of the last.
local function run(session, ...)
    local out
    for _, code in ipairs({ ... }) do
        local f = assert(session:load(code))
        out = table.pack(f())
    end
    return table.unpack(out, 1, out.n)
end

function T.rewrite_keeps_columns_and_lines()
    local cases = {
        { "local y = 5", "      y = 5", { "y" } },
        { "local a, b <const> = 1, 2", "      a, b         = 1, 2", { "a", "b" } },
        { "local z", "      z = nil", { "z" } },
        { "local function f() end", "      function f() end", { "f" } },
        { "do local q = 1 end", "do local q = 1 end", {} },
        { "f = function() local q = 1 end", "f = function() local q = 1 end", {} },
        { "x = 'local y'", "x = 'local y'", {} },
        { "s = [[\nlocal t]] local u", "s = [[\nlocal t]]       u = nil", { "u" } },
        { "-- local c\nlocal d = 1", "-- local c\n      d = 1", { "d" } },
        { "local", "local", {} },
    }
    for _, c in ipairs(cases) do
        local src, names = prompt.rewrite(c[1])
        eq(src, c[2], c[1])
        eq(names, c[3], c[1])
    end
end

function T.local_survives_to_the_next_line()
    local s = prompt.new()
    eq(run(s, "local y = 5", "y * 2"), 10)
    eq(rawget(_G, "y"), nil)
end

function T.local_function_recurses_and_survives()
    local s = prompt.new()
    eq(run(s, "local function fact(n) return n < 2 and 1 or n * fact(n - 1) end",
           "fact(5)"), 120)
    eq(rawget(_G, "fact"), nil)
end

function T.local_redeclared_reads_its_old_value()
    local s = prompt.new()
    eq(run(s, "local n = 1", "local n = n + 1", "n"), 2)
end

function T.local_shadowing_a_global_reads_the_global()
    local s = prompt.new()
    eq(run(s, "local print2 = print", "print2 == print"), true)
end

function T.assignment_to_an_undeclared_name_is_global()
    local s = prompt.new()
    run(s, "prompt_test_global = 7")
    eq(rawget(_G, "prompt_test_global"), 7)
    prompt_test_global = nil
end

function T.unfinished_input_says_eof()
    local s = prompt.new()
    for _, code in ipairs({ "for i = 1, 2 do", "local t = {", "local" }) do
        local f, err = s:load(code)
        eq(f, nil, code)
        h.assert_match(err, "<eof>$", false, code)
    end
end

function T.complete_methods_of_a_dataset()
    local s = prompt.new()
    s.declared.ds = true
    s.values.ds = coda.dataset({ { age = 1, state = "x" } }, { "age", "state" })
    eq(s:complete("ds:nr", "ds:nr"), { "ds:nrow" })
    eq(s:complete("ds:pivot_w", "ds:pivot_w"), { "ds:pivot_wider" })
end

function T.complete_columns_inside_a_method_string()
    local s = prompt.new()
    s.declared.ds = true
    s.values.ds = coda.dataset({ { age = 1, area = "a", state = "x" } },
                               { "age", "area", "state" })
    eq(s:complete('ds:select("st', "st"), { "state" })
    eq(s:complete('ds:select("age", "a', "a"), { "age", "area" })
    eq(s:complete('ds:pivot_wider{ names_from = "a', "a"), { "age", "area" })
    eq(s:complete('print("a', "a"), {})   -- not a Dataset's method
    eq(s:complete('x = "a', "a"), {})
end

function T.complete_globals_keywords_and_fields()
    local s = prompt.new()
    s.declared.my_local = true
    eq(s:complete("my_lo", "my_lo"), { "my_local" })
    eq(s:complete("whi", "whi"), { "while" })
    eq(s:complete("string.forma", "string.forma"), { "string.format" })
    eq(s:complete("coda.read_cs", "coda.read_cs"), {})  -- coda: not a global here
    s.values.c = coda
    s.declared.c = true
    eq(s:complete("c.read_cs", "c.read_cs"), { "c.read_csv" })
end

return T
