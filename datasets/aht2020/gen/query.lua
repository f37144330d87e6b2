-- query.lua - questions asked of a built organisation (shared by the
-- builders and the transcript writers).

local S = require("sets")
local T = require("targets")

local Q = {}

-- Does org o do <p> activity a, or sub-activity "a.s"?
function Q.does(o, p, code)
    local col = code:find("%.") and (p .. "_sub") or (p .. "_activities")
    return S.has(o[col], code)
end

function Q.in_area(o, p)
    return S.has(o.areas, T.AREA[p] or p)
end

function Q.has_theme(o, code)
    return S.has(o.themes, code)
end

function Q.has_emerging_form(o)
    for _, f in ipairs(o.forms) do
        if f:find("^emerging%.") then
            return true
        end
    end
    return false
end

return Q
