-- sets.lua - sets of whole numbers (organisation / group indexes) as
-- { [i] = true } tables, always listed in ascending order so that nothing
-- depends on the order of pairs().

local S = {}

function S.of(arr)
    local s = {}
    for _, v in ipairs(arr) do
        s[v] = true
    end
    return s
end

-- The members of a set over 1..n, ascending.
function S.list(set, n)
    local out = {}
    for i = 1, n do
        if set[i] then
            out[#out + 1] = i
        end
    end
    return out
end

function S.count(set, n)
    return #S.list(set, n)
end

-- The elements of arr that satisfy pred, in order.
function S.where(arr, pred)
    local out = {}
    for _, v in ipairs(arr) do
        if pred(v) then
            out[#out + 1] = v
        end
    end
    return out
end

function S.range(n)
    local out = {}
    for i = 1, n do
        out[i] = i
    end
    return out
end

-- Sorted, duplicate-free copy of an array of strings (a multi cell).
function S.codes(arr)
    local seen, out = {}, {}
    for _, v in ipairs(arr) do
        if not seen[v] then
            seen[v] = true
            out[#out + 1] = v
        end
    end
    table.sort(out)
    return out
end

function S.has(arr, v)
    for _, x in ipairs(arr or {}) do
        if x == v then
            return true
        end
    end
    return false
end

return S
