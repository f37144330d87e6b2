-- phrases_org.lua - what leaders (and staff who join them) say in the
-- synthetic organisation interviews.  Each qualitative theme of
-- dataset_design.md section 7 has several phrasings; codebooks/org.csv is
-- written to find exactly these.  pos / neg / probe as in phrases_fgd.lua:
-- neg is a negated mention the codebook's exclude vetoes, probe is asked by
-- the interviewer (not coded) and answered with nothing codable.
-- The activity prose names what an org does without any theme keyword.

local P = {}

P.theme = {
    ["emerging.prev.street_theatre_ventriloquism"] = {
        pos = {
            "Our team does street theatre in the weekly haat; people stop and watch, and then we talk about trafficking.",
            "We have a ventriloquist in the team, the children listen to the puppet more than to us.",
            "Nukkad natak works best for us, the whole village gathers and nobody feels lectured.",
        },
        neg = { "We do not do street plays any more, the permissions became difficult." },
        probe = { "Some groups use street theatre or puppets for awareness. Have you tried that?" },
    },
    ["emerging.prev.alt_local_protection_structures"] = {
        pos = {
            "We formed adolescent groups in each village; the girls themselves report when someone new comes asking for girls.",
            "There is a survivor response group in every gram panchayat now, they alert us the same day.",
            "The kishori samuh is our early warning, they know which family is planning to send a daughter.",
        },
    },
    ["emerging.prev.holistic_individual_development"] = {
        pos = {
            "With the girls we do life skills, reproductive health, their rights, not only trafficking.",
            "We added sex education and sessions on gender discrimination to the programme for girls.",
            "For us development means the whole girl, so life skill sessions, health, and knowing her rights.",
        },
    },
    ["emerging.prev.response_official_capacity"] = {
        pos = {
            "We did a vulnerability mapping of forty villages and gave it to the thana and the block office, so they know it is happening in their own area.",
            "We map the vulnerable hamlets and families, then sit with the officials and show them.",
            "Officials always say there is no trafficking here, so we put our vulnerability map in front of them.",
        },
    },
    ["emerging.resc.sms_tipoff_reporting"] = {
        pos = {
            "We set up a number where anyone can send a tip-off by SMS, even without giving a name.",
            "Most tip offs now come as text messages, from drivers, from shopkeepers at the station.",
        },
    },
    ["emerging.resc.sting_ops_media"] = {
        pos = {
            "When the police sat on the complaint, we did our own sting operation and gave the footage to the media.",
            "A local journalist helped us with the sting; after it came on the channel, the thana had to act.",
        },
        neg = { "We have never done a sting, that is for the police and the media." },
    },
    ["emerging.resc.community_groups"] = {
        pos = {
            "The crisis response team in each block moves the moment a girl is missing.",
            "Our CVCs come with us on every rescue, they know the lanes.",
            "The village vigilance committee members joined the raid at the brick kiln.",
        },
    },
    ["emerging.pros.inhouse_lawyers"] = {
        pos = {
            "Because the team knew little about the legal process, we hired an in-house lawyer who sits with the field staff.",
            "Now we have our own lawyer, she goes to the court with the girls and explains every step.",
        },
        neg = { "We cannot afford in-house lawyers, so we go through the DLSA panel." },
    },
    ["emerging.pros.protest_petitions_network"] = {
        pos = {
            "We train the partner NGOs in our network to file protest petitions when the police put the wrong sections.",
            "Most NGOs and even DLSA lawyers do not know what a protest petition is, so the case simply closes.",
        },
    },
    ["emerging.pros.legal_cells_volunteer_lawyers"] = {
        pos = {
            "We set up a legal cell with two senior advocates.",
            "Three lawyers volunteer with us, pro bono, only for the survivors' cases.",
        },
    },
    ["challenge.pros.interstate_info_gap"] = {
        pos = {
            "In interstate cases there is no coordination; the NGO on the other side does not share anything.",
            "When the girl is from another state, the NGOs there never reply, so the case falls.",
        },
    },
    ["finding.pros.resource_constraints"] = {
        pos = {
            "Legal work takes years and we are always short of funds and lawyers.",
            "The resource constraint is real, one lawyer for two hundred cases.",
            "There are not enough staff to follow every hearing.",
        },
    },
    ["emerging.rehab.transit_plus_community"] = {
        pos = {
            "What is needed is a transit home first and then community-based care, once the family is checked.",
            "We keep the girl in transit, followed by community-based rehabilitation when the village is safe.",
        },
    },
    ["challenge.rehab.home_unavailability"] = {
        pos = {
            "We went community-based because there is no rehabilitation home in our district. But honestly it is not always safe for the girl.",
            "Shelter homes are not available nearby, the nearest one is three hundred kilometres away.",
        },
    },
    ["emerging.rehab.mental_health_focus"] = {
        pos = {
            "We brought a psychologist to the home twice a week; recovery depends on it.",
            "Mental health is now our main focus, with a visiting psychiatrist.",
        },
    },
    ["emerging.reint.community_group_tracking"] = {
        pos = {
            "Our survivor groups and the village committee track each girl after she returns home, for two years.",
            "The community group members keep an eye on the girls after they go back.",
            "We follow up on every case post-reintegration through the local groups.",
        },
    },
    ["emerging.reint.market_aligned_skills_partnership"] = {
        pos = {
            "For the CBO of sex workers we partnered with a CSR and a skilling institute, so the courses match what employers want.",
            "We tied up with skilling organisations for courses that lead to real jobs.",
        },
    },
    ["finding.reint.survivor_not_changemaker"] = {
        pos = {
            "Honestly, we still see them only as survivors, not as changemakers.",
            "We look at the girls only as beneficiaries; that has to change.",
        },
    },
    ["finding.ra.statutory_body_engagement"] = {
        pos = {
            "We give our data to the state commission for child rights, and they take it to the national level.",
            "Statutory bodies listen when we bring evidence, and it goes up into national policy.",
            "The state women's commission asked for our study on the brick kilns.",
        },
    },
    ["finding.ra.forums_govt_funder"] = {
        pos = {
            "The forum we sit on was set up by the government, and all of us NGOs meet there every quarter.",
            "Our funder convened a platform of partner NGOs across three states.",
        },
    },
    ["finding.ra.macro_system_comfort"] = {
        pos = {
            "It is easier to talk to the department when we sit under the government's umbrella.",
            "Implementing NGOs feel more comfortable within a framework the funder has approved.",
        },
    },
    ["effective.cross_state_forums"] = {
        pos = {
            "The cross-state forum on rescue and repatriation is the one thing that really works, girls reach home and are followed up.",
            "Interstate collaboration through the forum has made repatriation much faster.",
        },
    },
    ["effective.market_aligned_skills"] = {
        pos = {
            "What works is market-aligned skills, a girl must earn from what she learns.",
            "Training must be in what the market wants, not only tailoring.",
        },
    },
    ["effective.survivor_led_groups"] = {
        pos = {
            "The survivor-led groups are the most effective, they stop trafficking in their own villages.",
            "Groups led by survivors bring others along, they become changemakers.",
        },
    },
    ["ineffective.non_tailored_multisector"] = {
        pos = {
            "When anti-trafficking is clubbed with education or WASH projects, nothing works, it becomes one size fits all.",
            "Generic programmes from disaster management or health do not understand trafficking.",
            "Non-tailored interventions waste money and the girls fall through.",
        },
    },
    ["ineffective.relying_on_existing_systems"] = {
        pos = {
            "Relying on existing systems did not work for us, so we started building our own.",
            "The existing structures do not work on their own, we had to strengthen them.",
        },
    },
    ["leadership.dilemmas_ambiguity"] = {
        pos = {
            "I am always caught between what the funder wants to see and what the girl in front of me needs.",
            "There are dilemmas every day, the system wants numbers and the survivor needs time.",
            "You feel pulled in two directions, and it is very frustrating.",
        },
    },
    ["leadership.energy_ideology"] = {
        pos = {
            "For me this is not a job, it is a calling.",
            "Ideology is what drives us. The staff, honestly, come for a salary, and I have not been able to change that.",
            "The face of one girl reaching home is what keeps me going.",
        },
    },
    ["leadership.systems_engagement"] = {
        pos = {
            "Negotiating with the department takes all my energy, and I cannot see things from their side.",
            "The system does not move unless someone from above calls.",
            "It is hard to work with the machinery, every officer changes in two years.",
        },
    },
    ["leadership.satisfaction_self_systems"] = {
        pos = {
            "I feel helpless, whatever we do, the gaps are in the larger system.",
            "It is the system's fault, not ours, that is what I tell my team.",
            "Everyone is reluctant to collaborate, we also, I admit it.",
        },
    },
    ["forms.emerging_forms"] = {
        pos = {
            "We are now seeing bride trafficking, girls from here are bought as brides in the north.",
            "Forced marriage is the new form in our district.",
            "On the coast it is sex tourism, foreigners and also domestic tourists.",
        },
    },
    ["forms.organ_mentioned"] = {
        pos = {
            "People talk of organ trafficking here, kidney cases, but we have not worked on it.",
            "There were two kidney cases in the news last year; no one is working on that.",
        },
    },
    ["finding.resc.retrafficking"] = {
        pos = {
            "We have seen re-trafficking, the same girl rescued twice from the same city.",
            "Many girls we rescued were re-trafficked within a year.",
            "Some girls get trafficked again because the family takes the advance again.",
        },
    },
    ["finding.resc.ceased_rescue"] = {
        pos = {
            "We stopped doing rescue two years ago; the frustration was too much, girls kept coming back.",
            "We no longer do rescues. After the third time the same girl was sold, we decided.",
        },
        neg = { "We never stopped rescue, even in the lockdown." },
    },
}

-- The venues of forms.decentralised_venues, as people name them.
P.venue_words = { bar = "bars", hotel = "hotels", mobile_van = "mobile vans", spa = "spas" }
P.venue_lines = {
    "It is not only the red-light area now, it has moved to {venues}.",
    "These days the girls are in {venues}, it is spread out, hard to trace.",
}

P.replies = {
    "Not really, we keep to house visits and meetings in the chaupal.",
    "No, not so far.",
    "Hmm. Not in our case, no.",
    "We have thought about it, but no.",
}

-- Activity prose, by area and sub-activity code.
P.act = {
    prev = {
        ["awareness.school_reenrolment"] = "bringing dropped-out children back into school",
        ["awareness.human_rights"] = "awareness on human rights and trafficking in the vulnerable villages",
        ["awareness.response_reporting"] = "telling people where to report, the child helpline number, the thana",
        ["awareness.hiv_aids"] = "HIV/AIDS awareness with sex workers and truck drivers on the highway",
        ["econ_empowerment.vocational_livelihood"] = "vocational skills and alternate livelihood for families at risk",
        ["econ_empowerment.govt_schemes"] = "linking families to government schemes",
        ["second_gen.education"] = "education for the children of sex workers",
        ["second_gen.safe_housing"] = "a safe hostel for the children of sex workers",
        ["systems.strengthen_mandated"] = "strengthening the mandated structures, the village and block child protection committees",
        ["systems.local_protective"] = "forming local protective committees in the villages",
        ["systems.capacity_officials"] = "training police and block officials on the JJ Act and ITPA",
        ["systems.safe_migration_tracking"] = "a migration register in each village so we know who has gone where",
    },
    resc = {
        ["system.helplines"] = "a helpline that is answered day and night",
        ["system.crisis_response"] = "a crisis response system with the district administration",
        ["ops.destination"] = "rescues at destination, in the cities",
        ["ops.source_transit"] = "rescues at source and in transit, at bus stands and railway stations",
        ["ops.sting"] = "sometimes sting operations",
        ["post.immediate_care"] = "immediate shelter, food and medical aid after a rescue",
    },
    pros = {
        ["legal_systems.sensitise_officials"] = "training to sensitise police, prosecutors and judges",
        ["legal_systems.legal_reform_advocacy"] = "advocacy for legal reform",
        ["legal_systems.evidence_gathering"] = "gathering evidence and helping the police identify and catch traffickers",
        ["legal_support.fir_filing"] = "helping survivors and families file FIRs with the right sections",
        ["legal_support.pil_pc_vc"] = "filing PILs, procedural corrections and victim compensation applications",
        ["legal_support.lawyer_access"] = "linking survivors to DLSA and SLSA panel lawyers",
        ["legal_support.witness_protection"] = "protection of survivors and witnesses during the trial",
    },
    rehab = {
        ["provide.transit_shelter"] = "a transit shelter",
        ["provide.short_term_home"] = "a short-stay home",
        ["provide.long_term_home"] = "a long-term home",
        ["provide.community_based"] = "community-based rehabilitation in the villages",
        ["activities.education_skills"] = "education, skill development and vocational training",
        ["activities.counselling"] = "counselling for every girl, also addiction counselling",
    },
    reint = {
        ["safe.family_counselling"] = "counselling the parents and the community so the girl is accepted",
        ["economic.school_enrolment"] = "enrolling children in school",
        ["economic.skills"] = "skill development and vocational training",
        ["economic.livelihood_market"] = "alternate livelihoods and market linkages",
        ["economic.job_placement"] = "job placement after training",
        ["economic.govt_schemes"] = "linkages to government schemes",
        ["social.medical_mental_health"] = "medical support and mental health counselling",
        ["social.changemakers"] = "helping survivors become change makers in their villages",
    },
    ra = {
        ["research.action_research"] = "action research on trafficking flows and on gaps in the support systems",
        ["research.data_on_flows"] = "building data on trafficking flows, source to destination",
        ["research.commons"] = "a shared database and resources that other NGOs can use",
        ["advocacy.stakeholder_sensitisation"] = "advocacy to sensitise stakeholders",
        ["advocacy.bolster_govt_systems"] = "supporting government systems and schemes to work better",
        ["advocacy.policy_advisory"] = "advising the government on new policies",
        ["advocacy.judicial_legal"] = "judicial and legal advocacy",
    },
}

-- How each area is introduced: {list} is the org's activity prose joined.
P.area_open = {
    prev = { "In prevention we do {list}.", "On the prevention side: {list}." },
    resc = { "Rescue, yes: {list}.", "On rescue, we have {list}." },
    pros = { "On prosecution we do {list}.", "Legally, our work is {list}." },
    rehab = { "For rehabilitation there is {list}.", "Rehabilitation: {list}." },
    reint = { "In reintegration we do {list}.", "After the girl goes home, {list}." },
    ra = { "On research and advocacy: {list}.", "Research and advocacy, yes: {list}." },
}

P.area_question = {
    prev = "Tell me about your prevention work.",
    resc = "And rescue?",
    pros = "What do you do on the legal side, prosecution?",
    rehab = "What about rehabilitation?",
    reint = "And reintegration, after the girl goes home?",
    ra = "Do you do research or advocacy?",
}

P.area_name = {
    prevention = "prevention", rescue = "rescue", prosecution = "prosecution",
    rehabilitation = "rehabilitation", reintegration = "reintegration",
    research_advocacy = "research and advocacy",
}

-- The org's own forms of trafficking.
P.form_words = {
    ["labour.bonded_labour"] = "bonded labour in brick kilns",
    ["labour.child_labour"] = "child labour",
    ["labour.domestic_servitude"] = "domestic work in the cities",
    ["labour.forced_begging"] = "forced begging",
    ["labour.forced_labour"] = "forced labour in spinning mills",
    ["sexual.commercial_sexual_exploitation"] = "commercial sexual exploitation",
}

-- Network membership, described without naming a real organisation.
P.network_words = {
    rajasthan_cross_state_forum = "the state government's rescue and repatriation group with partners in other states",
    freedom_fund_hotspot = "a funder's hotspot programme with other NGOs in the region",
    hln = "a national network of survivor and anti-trafficking groups",
    other = "a district NGO network",
}

P.origin = {
    "We started in {year}, a small group of teachers. One girl from our village went missing and nobody looked for her.",
    "The organisation began in {year} as a women's group, trafficking came later, when we saw what was happening.",
    "I came to this work in {year}, after working in a children's home. There was no one in the district doing it.",
    "We registered in {year}. Before that we were volunteers, going village to village.",
}

-- Stories told when the interviewer asks for an example (nothing codable).
P.anecdote = {
    "Last month a twelve-year-old from our block was found at the station; the railway police called us at two in the night.",
    "One mother walked forty kilometres to our office with a photo of her daughter. We found her in Pune after six weeks.",
    "A boy from the kiln told us there were twenty more like him, all from the same two villages.",
    "There was a girl, sixteen, who came back and was married off within three months. We could not stop it.",
}

P.no_fir = {
    "In one case last year no FIR was ever filed, the family settled it in the village.",
    "Even now, in half our cases, no FIR was ever filed.",
}

P.filler = {
    "Sorry, one minute, the electricity went. (pause) Yes.",
    "The roads here, you saw yourself, in monsoon we cannot reach half the villages.",
    "Our accountant left last month, so I am doing the reports also. (laughs)",
    "You must have tea before you go, the canteen makes good samosas.",
    "Where was I? Yes.",
    "My daughter is in college now, she says I should retire. (laughs)",
    "We are twelve people in the team now, earlier we were four.",
    "The anganwadi didis are our best friends in the villages, really.",
    "The CWC here sits only twice a week, and everything waits for its order.",
}

P.deva_filler = {
    "हम लोग गाँव-गाँव जाकर लोगों से बात करते हैं।",
    "सरकार से बात करना आसान नहीं है।",
    "यह काम दिल से होता है।",
    "बरसात में आधे गाँव कट जाते हैं।",
}

P.staff_filler = {
    "Sir is being modest, the team works very hard in the field.",
    "In my block we have thirty villages, I visit each one once a month.",
    "Madam asked me to add one thing about the field.",
}

P.interviewer = {
    greet = {
        "Namaste, thank you for your time. Can you tell us how the organisation started?",
        "Thank you for meeting us. First, how did the organisation begin?",
    },
    forms = "Which forms of trafficking do you see in your area?",
    areas = "Which areas do you work in, prevention, rescue, rehabilitation ...?",
    works = "In your experience, what works well, and what does not?",
    leader = "And for you personally, as the head of the organisation, what is hardest?",
    close = "Thank you, this was very useful.",
}

P.close_reply = {
    "Thank you. Do send us the report.",
    "Anytime. Come to the field next time.",
}

P.works_none = {
    "Everything works a little, nothing works fully. (laughs)",
    "What works is being in the village every week, that is all.",
}

P.leader_none = {
    "Funding, every year the same story.",
    "Keeping the team together. Good people leave for better salaries.",
}

return P
