-- targets.lua - the target counts, read from published_figures.csv.
--
-- Figure ids name their data (dataset_design.md section 4):
--   ia.<area>               orgs in an area (all 59 orgs)
--   <p>.<activity>.total    orgs with an activity (base: the area's orgs)
--   <p>.<activity>.<sub>    orgs with a sub-activity
--   surv.<group>.<item>     FGD groups that received a service
-- plus a few single flags (resc.ceased_rescue, ra.text.networks, ...).

local coda = require("coda")

local M = {}

-- Area prefix -> the area code used in the `areas` column.
M.AREA = {
    prev = "prevention", resc = "rescue", pros = "prosecution",
    rehab = "rehabilitation", reint = "reintegration", ra = "research_advocacy",
}
M.PREFIXES = { "prev", "resc", "pros", "rehab", "reint", "ra" }

function M.load(path)
    local ds = coda.read_csv(path)
    local t = { count = {}, base = {}, ids = {}, acts = {}, subs = {} }
    for _, p in ipairs(M.PREFIXES) do
        t.acts[p], t.subs[p] = {}, {}
    end
    for r = 1, ds:nrow() do
        local id = ds:get(r, "figure_id")
        t.ids[#t.ids + 1] = id
        t.count[id] = ds:get(r, "count")
        t.base[id] = ds:get(r, "base_n")
        local p, a, s = id:match("^(%a+)%.([%w_]+)%.([%w_]+)$")
        if p and t.acts[p] and a ~= "text" then
            if s == "total" then
                table.insert(t.acts[p], a)
                t.subs[p][a] = {}
            else
                table.insert(t.subs[p][a], s)
            end
        end
    end
    -- The size of each area: the base of its block.
    t.area_n = {}
    for _, p in ipairs(M.PREFIXES) do
        t.area_n[p] = t.base[p .. "." .. t.acts[p][1] .. ".total"]
    end
    t.services = {}
    for _, id in ipairs(t.ids) do
        local code = id:match("^surv%.(.+)$")
        if code then
            t.services[#t.services + 1] = code
        end
    end
    return t
end

return M
