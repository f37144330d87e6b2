-- test_serial.lua - lib.serial: what load() gives back equals what was
-- dumped, to the bit and the byte (the suite's worker processes answer
-- through it).
local serial = require("lib.serial")
local h = require("helper")
local eq = h.assert_eq

local T = {}

function T.numbers_exact()
    for _, v in ipairs({ 0, -7, math.maxinteger, math.mininteger, 0.1, 1 / 3, -2.5e-300,
                         1e308, math.huge, -math.huge }) do
        local back = serial.load(serial.dump(v))
        eq(back, v, tostring(v))
        eq(math.type(back), math.type(v), "type of " .. tostring(v))
    end
    local nan = serial.load(serial.dump(0 / 0))
    h.assert_true(nan ~= nan, "NaN stays NaN")
end

function T.strings_and_tables()
    local v = { "a\0b\n\"c\"", { x = 1.5, [3] = "three", ["two words"] = true },
                figures = { ["ia.prevention"] = { count = 53, base = 59 } } }
    local back = serial.load(serial.dump(v))
    eq(back[1], v[1])
    eq(back[2].x, 1.5)
    eq(back[2][3], "three")
    eq(back[2]["two words"], true)
    eq(back.figures["ia.prevention"].count, 53)
    eq(serial.dump(v), serial.dump(back), "the same text again")
end

function T.refuses_what_it_cannot_write()
    h.assert_error(function() serial.dump({ f = print }) end, "a function cannot be written", true)
    h.assert_error(function() serial.load("os.exit(3)") end, "attempt to index")
end

return T
