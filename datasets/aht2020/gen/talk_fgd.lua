-- talk_fgd.lua - writes one synthetic focus-group transcript.
--
-- The transcript says exactly the services of the group's TEXT coding
-- (fgd.lua), each at least once in English; it adds facilitator-only probes
-- and negated mentions for services the group did not receive, which the
-- codebook must not count.  Challenges and self-perceptions follow the
-- human coding exactly.

local P = require("phrases_fgd")
local S = require("sets")
local talk = require("talk")

local M = {}

local function participant(rng, g)
    return "P" .. rng:int(1, g.n_participants)
end

local function vars()
    return { city = P.cities }
end

local function line(rng, g, text, codes)
    return { participant(rng, g), talk.fill(rng, text, vars()), codes }
end

-- g.deal holds the document's decks (no filler said twice in a group).
local function filler(rng, g)
    if rng:chance(1, 4) then
        return line(rng, g, g.deal.deva())
    end
    return line(rng, g, g.deal.filler())
end

local function backchannel(rng)
    return { "Facilitator", rng:pick({ "Achha.", "Hmm. Go on.", "And then?", "Okay, okay.",
                                       "Take your time." }) }
end

-- One block per service both codings give: one or two English mentions,
-- and sometimes a Devanagari one.  A service only the text gives (a planted
-- disagreement) is said only by its plant line, so the human coder's miss
-- stays believable.
local function service_blocks(rng, g)
    local blocks = {}
    local agreed = S.where(g.services_text, function(c) return S.has(g.services_received, c) end)
    for _, code in ipairs(agreed) do
        local phr = P.service[code]
        local said = talk.some(rng, phr.pos, rng:chance(1, 3) and 2 or 1)
        local block = {}
        for _, text in ipairs(said) do
            block[#block + 1] = line(rng, g, text)
        end
        if phr.deva and rng:chance(1, 3) then
            block[#block + 1] = line(rng, g, rng:pick(phr.deva))
        end
        if rng:chance(1, 4) then
            table.insert(block, 2, backchannel(rng))
        end
        blocks[#blocks + 1] = block
    end
    return blocks
end

-- Probes and negated mentions, only for services neither coding gives.
local function absent_blocks(rng, g, services)
    local absent = S.where(services, function(code)
        return not S.has(g.services_text, code) and not S.has(g.services_received, code)
    end)
    local blocks = {}
    for _, code in ipairs(talk.some(rng, absent, rng:int(0, 2))) do
        blocks[#blocks + 1] = { { "Facilitator", rng:pick(P.service[code].probe) },
                                line(rng, g, rng:pick(P.probe_reply)) }
    end
    if #absent > 0 and rng:chance(2, 3) then
        local code = rng:pick(absent)
        blocks[#blocks + 1] = { line(rng, g, rng:pick(P.service[code].neg)) }
    end
    return blocks
end

local function plant_blocks(rng, g)
    local lines = { x = { P.plant.x }, y = { P.plant.y_bank, P.plant.y_entitle }, z = { P.plant.z } }
    local blocks = {}
    for _, text in ipairs(lines[g.plant] or {}) do
        blocks[#blocks + 1] = { line(rng, g, text) }
    end
    return blocks
end

-- Blocks in random order; now and then someone agrees, or the facilitator
-- asks for more.
local function say_shuffled(rng, t, blocks, g)
    for _, block in ipairs(rng:shuffled(blocks)) do
        t:say_block(block)
        if rng:chance(1, 5) then
            t:say_block({ line(rng, g, g.deal.agree()) })
        elseif rng:chance(1, 8) then
            t:say("Facilitator", rng:pick({ "Who else? Anyone?", "Others?", "Anything more on this?" }))
        end
    end
end

local function challenges(rng, t, g)
    local blocks = {}
    for _, code in ipairs(g.challenges) do
        blocks[#blocks + 1] = { line(rng, g, rng:pick(P.challenge[code]), { code }) }
        if code:find("police_unwilling_register") and rng:chance(1, 2) then
            blocks[#blocks + 1] = { line(rng, g, rng:pick(P.no_fir)) }
        end
    end
    if rng:chance(1, 2) then
        blocks[#blocks + 1] = { filler(rng, g) }
    end
    say_shuffled(rng, t, blocks, g)
end

local function perceptions(rng, t, g)
    local covered = {}
    if g.testimony then
        t:say(participant(rng, g), P.testimony, { "self_perception.before.shame",
              "self_perception.after.confident", "self_perception.after.empowered" })
        covered = { shame = true, confident = true, empowered = true }
    end
    for _, side in ipairs({ "before", "after" }) do
        local bank, deva = P[side], P[side .. "_deva"]
        for _, v in ipairs(g["self_perception_" .. side]) do
            if not covered[v] then
                local code = "self_perception." .. side .. "." .. v
                t:say_block({ line(rng, g, rng:pick(bank[v]), { code }) })
                if deva[v] and rng:chance(1, 3) then
                    t:say_block({ line(rng, g, rng:pick(deva[v]), { code }) })
                end
            end
        end
    end
end

-- services: the eight service codes, in the order of published_figures.csv.
function M.write(rng, g, state_name, services)
    local t = talk.new("fgd", g.fgd_id)
    g.deal = { filler = talk.deck(rng, P.filler), deva = talk.deck(rng, P.deva_filler),
               agree = talk.deck(rng, P.agree) }
    t:say("Note", string.format("SYNTHETIC transcript for the coda AHT 2020 reconstruction, "
        .. "not a real discussion. %s, %s, %d participants, facilitated with %s.",
        g.fgd_id, state_name, g.n_participants, g.org_id))
    t:say("Facilitator", rng:pick(P.facilitator.greet))
    t:say_block({ line(rng, g, rng:pick(P.consent)) })
    t:say("Facilitator", rng:pick(P.facilitator.intro))
    for _ = 1, rng:int(2, 3) do
        t:say_block({ filler(rng, g) })
    end
    t:say("Facilitator", rng:pick(P.facilitator.services))
    local blocks = service_blocks(rng, g)
    for _, list in ipairs({ absent_blocks(rng, g, services), plant_blocks(rng, g) }) do
        table.move(list, 1, #list, #blocks + 1, blocks)
    end
    for _ = 1, rng:int(1, 2) do
        blocks[#blocks + 1] = { filler(rng, g) }
    end
    say_shuffled(rng, t, blocks, g)
    t:say("Facilitator", rng:pick(P.facilitator.challenges))
    challenges(rng, t, g)
    t:say("Facilitator", rng:pick(P.facilitator.self))
    perceptions(rng, t, g)
    t:say("Facilitator", rng:pick(P.facilitator.close))
    t:say_block({ line(rng, g, rng:pick(P.closing_reply)) })
    return t
end

return M
