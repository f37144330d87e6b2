-- assign.lua - choose, for each of several codes, exactly `count` members.
--
-- This is how every published count is hit exactly: a code's members are
-- drawn at random, but the number drawn is the target.  Two extra rules
-- give the joint constraints of dataset_design.md section 5:
--   * cover: each listed member gets at least one of the codes (parent <=
--     sum of children: every org in an activity does >= 1 sub-activity);
--   * pool / must / forbid: where a code's members may come from.
-- The cover step gives each uncovered member the code with the most places
-- left, which never runs out while the counts add up to enough.

local S = require("sets")

local M = {}

-- specs: array of { code = , count = , pool = set?, must = array?,
--                   forbid = set? }.
-- members: ascending array of candidates; cover: array (may be nil).
-- Returns an array of sets, one per spec, in the order of specs.
function M.assign(rng, members, specs, cover)
    local chosen, left = {}, {}
    for i, sp in ipairs(specs) do
        chosen[i] = S.of(sp.must or {})
        left[i] = sp.count - #(sp.must or {})
        assert(left[i] >= 0, sp.code .. ": more required members than its count")
    end
    local function allowed(i, m)
        local sp = specs[i]
        return not chosen[i][m] and (not sp.pool or sp.pool[m])
            and not (sp.forbid and sp.forbid[m])
    end
    local function covered(m)
        for i = 1, #specs do
            if chosen[i][m] then
                return true
            end
        end
        return false
    end
    for _, m in ipairs(rng:shuffled(cover or {})) do
        if not covered(m) then
            local best = {}
            for i = 1, #specs do
                if allowed(i, m) and left[i] > 0 then
                    if #best == 0 or left[i] > left[best[1]] then
                        best = { i }
                    elseif left[i] == left[best[1]] then
                        best[#best + 1] = i
                    end
                end
            end
            assert(#best > 0, "cannot give member " .. m .. " any code")
            local i = rng:pick(best)
            chosen[i][m] = true
            left[i] = left[i] - 1
        end
    end
    for i, sp in ipairs(specs) do
        local cands = S.where(members, function(m) return allowed(i, m) end)
        assert(#cands >= left[i], sp.code .. ": not enough candidates")
        for _, m in ipairs(rng:sample(cands, left[i])) do
            chosen[i][m] = true
        end
    end
    return chosen
end

return M
