-- talk.lua - a transcript under construction: one turn a line,
-- "Speaker: text", and the codes each turn was written to carry (they
-- become the rows of qual_codes.csv).

local M = {}

local Talk = {}
Talk.__index = Talk

function M.new(source_type, source_id)
    return setmetatable({ source_type = source_type, source_id = source_id,
                          lines = {}, coded = {} }, Talk)
end

-- codes: the qualitative codes this turn carries (nil for none).
function Talk:say(speaker, text, codes)
    assert(not text:find("\n"), "a turn is one line")
    self.lines[#self.lines + 1] = speaker .. ": " .. text
    for _, code in ipairs(codes or {}) do
        self.coded[#self.coded + 1] = { unit = #self.lines, speaker = speaker,
                                        code = code, excerpt = text }
    end
end

-- A block is an array of { speaker, text, codes }, said in order.
function Talk:say_block(block)
    for _, turn in ipairs(block) do
        self:say(turn[1], turn[2], turn[3])
    end
end

function Talk:text()
    return table.concat(self.lines, "\n") .. "\n"
end

-- Replace {key} in a template; a table value gives a random choice.
function M.fill(rng, template, vars)
    return (template:gsub("{(%w+)}", function(key)
        local v = vars and vars[key]
        assert(v ~= nil, "template needs {" .. key .. "}: " .. template)
        return type(v) == "table" and rng:pick(v) or tostring(v)
    end))
end

-- "a", "a and b", "a, b and c".
function M.join(items)
    if #items <= 1 then
        return items[1] or ""
    end
    return table.concat(items, ", ", 1, #items - 1) .. " and " .. items[#items]
end

-- A deck over arr: each call deals the next element of a shuffled copy,
-- reshuffling when it runs out, so a document does not repeat itself.
function M.deck(rng, arr)
    local cards, i = {}, 0
    return function()
        if i == #cards then
            cards, i = rng:shuffled(arr), 0
        end
        i = i + 1
        return cards[i]
    end
end

-- k different elements of arr in random order.
function M.some(rng, arr, k)
    return table.move(rng:shuffled(arr), 1, math.min(k, #arr), 1, {})
end

return M
