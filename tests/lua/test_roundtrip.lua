-- test_roundtrip.lua - what write_csv writes, read_csv reads back: random
-- Datasets of every type (integers to their limits, numbers, text with
-- quotes, separators, line breaks, spaces and Devanagari, booleans, multi
-- sets, missing values anywhere) written and read again must be equal in
-- types, values and missing.  Text includes values that look like numbers
-- or booleans (007, true, 1e5, -0, " 12"), and some text columns hold
-- nothing else: write_csv quotes them and read_csv keeps them text.
local coda = require("coda")
local h = require("helper")
local eq = h.assert_eq

local T = {}

local PIECES = { "a", "Z", "é", "क्ष", "শিশু", " ", ",", "\"", "\n", "x y",
                 "'", ";", "|", "0", "7", "-", ".", "e", "true" }
local LABELS = { "labour", "sex", "forced marriage", "शादी", "a,b", "q\"t" }

local LOOKS_TYPED = { "007", "true", "1e5", "-0", " 12", "FALSE", "3.25",
                      "-12", "0", "9223372036854775807", "1e400", "True" }

local function text(rnd)
    local t = { ({ "a", "म", "Q" })[rnd(3)] }       -- always a letter
    for _ = 1, rnd(6) - 1 do t[#t + 1] = PIECES[rnd(#PIECES)] end
    return table.concat(t)
end

local GEN = {
    integer = function(rnd)
        local k = rnd(5)
        return k == 1 and math.maxinteger or k == 2 and math.mininteger
            or rnd(2000001) - 1000001
    end,
    number = function(rnd)
        local k = rnd(4)
        return k == 1 and (rnd(2001) - 1001) / 8 or k == 2 and 1 / 3 * rnd(100)
            or k == 3 and -(rnd(1000) * 1.0e-7) or rnd(50) * 1.5e12
    end,
    string = function(rnd)
        local k = rnd(10)
        return k == 1 and "" or k <= 4 and LOOKS_TYPED[rnd(#LOOKS_TYPED)]
            or text(rnd)
    end,
    numerals = function(rnd) return LOOKS_TYPED[rnd(#LOOKS_TYPED)] end,
    boolean = function(rnd) return rnd(2) == 1 end,
    multi = function(rnd)
        local set, seen = {}, {}
        for _ = 1, rnd(4) - 1 do
            local l = LABELS[rnd(#LABELS)]
            if not seen[l] then seen[l], set[#set + 1] = true, l end
        end
        table.sort(set)
        return set
    end,
}
local TYPES = { "integer", "number", "string", "boolean", "multi" }

-- A random Dataset: nrow rows, one column of each type (and some more);
-- every column holds at least one value so that its type can be told.
local function random_dataset(rnd)
    local nrow, names, kinds = rnd(12), {}, {}
    for i = 1, 5 + rnd(3) do
        names[i] = "c" .. i
        kinds[i] = TYPES[(i - 1) % 5 + 1]
    end
    -- a text column of values that each look typed
    local k = #names + 1
    names[k], kinds[k] = "n" .. k, "numerals"
    local rows = {}
    for r = 1, nrow do
        local row = {}
        for i, name in ipairs(names) do
            if r == 1 or rnd(5) > 1 then row[name] = GEN[kinds[i]](rnd) end
        end
        rows[r] = row
    end
    return coda.dataset(rows, names), names, kinds
end

local function sorted(v)
    if type(v) ~= "table" then return v end
    local c = { table.unpack(v) }
    table.sort(c)
    return c
end

function T.random_datasets_read_back_as_written()
    local state = 7
    for seed = 1, 200 do
        local function rnd(n)        -- a small LCG: the same cases every run
            state = (state * 1103515245 + 12345 + seed) % 2147483648
            return state % n + 1
        end
        local ds, names = random_dataset(rnd)
        local path = h.path("rt" .. seed .. ".csv")
        ds:write_csv(path)
        local multi = {}
        for _, n in ipairs(names) do
            if ds:type(n) == "multi" then multi[n] = ";" end
        end
        local back = coda.read_csv(path, { multi = multi })
        eq(back:names(), names, "seed " .. seed)
        for _, n in ipairs(names) do
            eq(back:type(n), ds:type(n), "seed " .. seed .. " type of " .. n)
            for r = 1, ds:nrow() do
                local a, b = ds:get(r, n), back:get(r, n)
                if ds:type(n) == "multi" and a and #a == 0 then
                    -- an empty set is written "" and read as an empty set
                    eq(b, {}, "seed " .. seed .. " " .. n .. " row " .. r)
                else
                    eq(sorted(b), sorted(a), "seed " .. seed .. " " .. n .. " row " .. r)
                end
            end
        end
    end
end

return T
