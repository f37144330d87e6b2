-- org_themes.lua - which organisations carry each qualitative theme of
-- dataset_design.md section 7 (leader interviews).  The report gives no
-- numbers for these, so the counts are small and assumed; `where` keeps each
-- theme with the orgs it makes sense for (an org cannot describe its sting
-- operations without doing any).  n = "all" takes every candidate.
--   same_as:     exactly the orgs of an earlier theme
--   pin_first:   the first org picked is placed in that state
--   include:     always include the first org of an earlier theme

local Q = require("query")
local S = require("sets")
local does, in_area = Q.does, Q.in_area

local function act(p, code)
    return function(o) return does(o, p, code) end
end

local function area(p)
    return function(o) return in_area(o, p) end
end

local function any()
    return true
end

return {
    { code = "emerging.prev.street_theatre_ventriloquism", n = 4, where = act("prev", "awareness") },
    { code = "emerging.prev.alt_local_protection_structures", n = 4,
      where = act("prev", "systems.local_protective") },
    { code = "emerging.prev.holistic_individual_development", n = 4, where = act("prev", "awareness") },
    { code = "emerging.prev.response_official_capacity", n = 4,
      where = act("prev", "systems.capacity_officials") },
    { code = "emerging.resc.sms_tipoff_reporting", n = 2, where = act("resc", "system.helplines") },
    { code = "emerging.resc.sting_ops_media", n = "all", where = act("resc", "ops.sting") },
    { code = "emerging.resc.community_groups", n = 3,
      where = function(o) return in_area(o, "resc") and not o.resc_ceased end },
    { code = "emerging.pros.inhouse_lawyers", n = "all", where = function(o) return o.pros_inhouse_lawyer end },
    { code = "emerging.pros.protest_petitions_network", n = "all",
      where = function(o) return in_area(o, "pros") and o.org_type == "technical_resource_org" end },
    { code = "emerging.pros.legal_cells_volunteer_lawyers", n = 2,
      where = function(o) return does(o, "pros", "legal_support") and not o.pros_inhouse_lawyer end },
    { code = "challenge.pros.interstate_info_gap", n = 4, where = area("pros") },
    { code = "finding.pros.resource_constraints", n = "all", where = area("pros") },
    { code = "emerging.rehab.transit_plus_community", n = 4, where = act("rehab", "provide.community_based") },
    { code = "challenge.rehab.home_unavailability", same_as = "emerging.rehab.transit_plus_community" },
    { code = "emerging.rehab.mental_health_focus", n = 5, where = act("rehab", "activities.counselling") },
    { code = "emerging.reint.community_group_tracking", n = 4, where = area("reint") },
    { code = "emerging.reint.market_aligned_skills_partnership", n = 2, pin_first = "KA",
      where = function(o) return does(o, "reint", "economic.skills") and o.forms_scope ~= "labour" end },
    { code = "effective.market_aligned_skills", n = 3, include = "emerging.reint.market_aligned_skills_partnership",
      where = act("reint", "economic.skills") },
    { code = "finding.reint.survivor_not_changemaker", n = 6,
      where = function(o) return in_area(o, "reint") and not does(o, "reint", "social.changemakers") end },
    { code = "finding.ra.statutory_body_engagement", n = 6, where = act("ra", "advocacy") },
    { code = "finding.ra.forums_govt_funder", n = 5, where = function(o) return o.ra_networks end },
    { code = "finding.ra.macro_system_comfort", n = 4, where = function(o) return o.ra_networks end },
    { code = "effective.cross_state_forums", n = 3,
      where = function(o) return S.has(o.ra_network_names, "rajasthan_cross_state_forum") end },
    { code = "effective.survivor_led_groups", n = 4, where = act("reint", "social.changemakers") },
    { code = "ineffective.non_tailored_multisector", n = 4, where = any },
    { code = "ineffective.relying_on_existing_systems", n = 5, where = function(o) return o.system_strengthening end },
    { code = "leadership.dilemmas_ambiguity", n = 10, where = any },
    { code = "leadership.energy_ideology", n = 10, where = any },
    { code = "leadership.systems_engagement", n = 8, where = any },
    { code = "leadership.satisfaction_self_systems", n = 9, where = any },
    { code = "forms.emerging_forms", n = "all", where = Q.has_emerging_form },
    { code = "forms.decentralised_venues", n = "all", where = function(o) return #o.venues_reported > 0 end },
    { code = "forms.organ_mentioned", n = "all", where = function(o) return o.organ_trafficking_reported_in_region end },
    { code = "finding.resc.retrafficking", n = "all", where = area("resc") },
    { code = "finding.resc.ceased_rescue", n = "all", where = function(o) return o.resc_ceased end },
}
