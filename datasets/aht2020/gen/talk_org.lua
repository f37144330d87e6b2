-- talk_org.lua - writes one synthetic leader interview.
--
-- The leader (Respondent), sometimes joined by a staff member (Staff),
-- describes the org's forms of trafficking, each area with its activities,
-- and says each qualitative theme the org carries (orgs.lua).  Interviewer
-- probes and negated mentions give the codebook things it must not count.

local P = require("phrases_org")
local Q = require("query")
local S = require("sets")
local T = require("targets")
local talk = require("talk")

local M = {}

-- Where in the interview a theme is said.
local function section_of(code)
    local area = code:match("^%a+%.(%a+)%.")
    if code:find("^forms%.") then
        return "forms"
    elseif code:find("^effective%.") or code:find("^ineffective%.") then
        return "works"
    elseif code:find("^leadership%.") then
        return "leader"
    end
    return area
end

local function themes_in(o, section)
    return S.where(o.themes, function(c) return section_of(c) == section end)
end

-- A turn by the leader, or now and then by the staff member present.
local function turn(rng, ctx, text, codes)
    local who = ctx.staff and rng:chance(1, 5) and "Staff" or "Respondent"
    return { who, text, codes }
end

local function theme_turns(rng, ctx, codes)
    local block = {}
    for _, code in ipairs(codes) do
        local text
        if code == "forms.decentralised_venues" then
            local words = {}
            for _, v in ipairs(ctx.o.venues_reported) do
                words[#words + 1] = P.venue_words[v]
            end
            text = talk.fill(ctx.rng, ctx.rng:pick(P.venue_lines), { venues = talk.join(words) })
        else
            text = rng:pick(P.theme[code].pos)
        end
        block[#block + 1] = turn(rng, ctx, text, { code })
    end
    return block
end

local function forms(rng, t, ctx)
    local words = {}
    for _, f in ipairs(ctx.o.forms) do
        words[#words + 1] = P.form_words[f]
    end
    t:say("Interviewer", P.interviewer.forms)
    t:say("Respondent", "Mostly " .. talk.join(words) .. ".")
    t:say_block(theme_turns(rng, ctx, themes_in(ctx.o, "forms")))
end

-- Negated mentions an org may make about work it does not do.
local function negations(rng, ctx, p)
    local o, out = ctx.o, {}
    local function maybe(cond, code)
        if cond and rng:chance(1, 3) then
            out[#out + 1] = turn(rng, ctx, rng:pick(P.theme[code].neg))
        end
    end
    if p == "prev" then
        maybe(Q.does(o, "prev", "awareness")
              and not Q.has_theme(o, "emerging.prev.street_theatre_ventriloquism"),
              "emerging.prev.street_theatre_ventriloquism")
    elseif p == "resc" then
        maybe(not o.resc_ceased, "finding.resc.ceased_rescue")
        maybe(not Q.has_theme(o, "emerging.resc.sting_ops_media"), "emerging.resc.sting_ops_media")
    elseif p == "pros" then
        maybe(Q.does(o, "pros", "legal_support.lawyer_access") and not o.pros_inhouse_lawyer,
              "emerging.pros.inhouse_lawyers")
        if rng:chance(1, 2) then
            out[#out + 1] = turn(rng, ctx, rng:pick(P.no_fir))
        end
    end
    return out
end

local function area(rng, t, ctx, p)
    local o = ctx.o
    if rng:chance(2, 3) then
        t:say("Interviewer", P.area_question[p])
    end
    local prose = {}
    for _, code in ipairs(o[p .. "_sub"]) do
        prose[#prose + 1] = P.act[p][code]
    end
    if #prose > 0 then
        -- items that hold commas read better separated by semicolons
        local list = table.concat(prose, ";"):find(",") and table.concat(prose, "; ")
            or talk.join(prose)
        local text = talk.fill(rng, rng:pick(P.area_open[p]), { list = list })
        t:say_block({ turn(rng, ctx, text) })
        if rng:chance(1, 6) then
            t:say("Interviewer", rng:pick({ "Can you give an example?", "For instance?" }))
            t:say_block({ turn(rng, ctx, ctx.anecdote()) })
        end
    end
    if p == "ra" and o.ra_networks then
        local words = {}
        for _, n in ipairs(o.ra_network_names) do
            words[#words + 1] = P.network_words[n]
        end
        t:say("Respondent", "We are part of " .. talk.join(words) .. ".")
    end
    local block = theme_turns(rng, ctx, themes_in(o, p))
    local neg = negations(rng, ctx, p)
    table.move(neg, 1, #neg, #block + 1, block)
    for _, x in ipairs(rng:shuffled(block)) do
        t:say_block({ x })
    end
    if rng:chance(1, 4) then
        t:say("Respondent", rng:chance(1, 3) and ctx.deva() or ctx.filler())
    end
end

local function closing_sections(rng, t, ctx)
    local o = ctx.o
    if not Q.has_theme(o, "emerging.prev.street_theatre_ventriloquism") and rng:chance(1, 3) then
        t:say("Interviewer", P.theme["emerging.prev.street_theatre_ventriloquism"].probe[1])
        t:say("Respondent", rng:pick(P.replies))
    end
    for _, s in ipairs({ { "works", P.interviewer.works, P.works_none },
                         { "leader", P.interviewer.leader, P.leader_none } }) do
        t:say("Interviewer", s[2])
        local block = theme_turns(rng, ctx, themes_in(o, s[1]))
        if #block == 0 then
            block = { { "Respondent", rng:pick(s[3]) } }
        end
        t:say_block(rng:shuffled(block))
    end
    if ctx.staff then
        t:say("Staff", rng:pick(P.staff_filler))
    end
    t:say("Interviewer", P.interviewer.close)
    t:say("Respondent", rng:pick(P.close_reply))
end

-- staff: the role of a staff member present, or nil.
function M.write(rng, o, state_name, staff)
    local t = talk.new("org_interview", o.org_id)
    local ctx = { rng = rng, o = o, staff = staff, filler = talk.deck(rng, P.filler),
                  deva = talk.deck(rng, P.deva_filler), anecdote = talk.deck(rng, P.anecdote) }
    t:say("Note", string.format("SYNTHETIC transcript for the coda AHT 2020 reconstruction, "
        .. "not a real interview. %s (%s), %s; the head of the organisation%s.",
        o.org_id, o.org_name, state_name, staff and (" with a " .. staff:gsub("_", " ")) or ""))
    t:say("Interviewer", rng:pick(P.interviewer.greet))
    t:say("Respondent", talk.fill(rng, rng:pick(P.origin), { year = rng:int(1986, 2012) }))
    if rng:chance(1, 3) then
        t:say("Respondent", ctx.deva())
    end
    forms(rng, t, ctx)
    t:say("Interviewer", P.interviewer.areas)
    local names = {}
    for _, p in ipairs(T.PREFIXES) do
        if Q.in_area(o, p) then
            names[#names + 1] = P.area_name[T.AREA[p]]
        end
    end
    t:say("Respondent", "We work in " .. talk.join(names) .. ".")
    for _, p in ipairs(T.PREFIXES) do
        if Q.in_area(o, p) then
            area(rng, t, ctx, p)
        end
    end
    if rng:chance(1, 2) then
        t:say("Respondent", ctx.filler())
    end
    closing_sections(rng, t, ctx)
    return t
end

return M
