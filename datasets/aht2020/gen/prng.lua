-- prng.lua - a small deterministic random number generator (splitmix64).
--
-- Integer arithmetic only (Lua 5.4 integers wrap around modulo 2^64), so the
-- sequence is the same on every machine.  Each part of the generator draws
-- from its own named stream: changing how FGDs are built never reshuffles
-- the organisations.

local M = {}

local Rng = {}
Rng.__index = Rng

-- FNV-1a hash of a stream name, to derive the stream's starting state.
local function fnv1a(s)
    local h = 0xcbf29ce484222325
    for i = 1, #s do
        h = (h ~ s:byte(i)) * 0x100000001b3
    end
    return h
end

function M.stream(seed, name)
    return setmetatable({ s = seed ~ fnv1a(name) }, Rng)
end

-- The next 64-bit value (splitmix64, Steele, Lea and Flood 2014).
function Rng:next()
    self.s = self.s + 0x9e3779b97f4a7c15
    local z = self.s
    z = (z ~ (z >> 30)) * 0xbf58476d1ce4e5b9
    z = (z ~ (z >> 27)) * 0x94d049bb133111eb
    return z ~ (z >> 31)
end

-- A whole number in lo..hi (or 1..lo when hi is absent).  The modulo bias
-- is below 2^-50 for the small ranges used here.
function Rng:int(lo, hi)
    if not hi then
        lo, hi = 1, lo
    end
    return lo + (self:next() >> 1) % (hi - lo + 1)
end

-- true with probability num/den.
function Rng:chance(num, den)
    return self:int(1, den) <= num
end

function Rng:pick(arr)
    return arr[self:int(1, #arr)]
end

-- A shuffled copy of an array (Fisher-Yates).
function Rng:shuffled(arr)
    local t = table.move(arr, 1, #arr, 1, {})
    for i = #t, 2, -1 do
        local j = self:int(1, i)
        t[i], t[j] = t[j], t[i]
    end
    return t
end

-- k distinct elements of arr, returned in ascending order.
function Rng:sample(arr, k)
    assert(k <= #arr, "sample: asked for " .. k .. " of " .. #arr)
    local t = self:shuffled(arr)
    local out = table.move(t, 1, k, 1, {})
    table.sort(out)
    return out
end

-- An index chosen with the given integer weights.
function Rng:weighted(weights)
    local total = 0
    for _, w in ipairs(weights) do
        total = total + w
    end
    local r = self:int(1, total)
    for i, w in ipairs(weights) do
        r = r - w
        if r <= 0 then
            return i
        end
    end
end

return M
