-- phrases_fgd.lua - what survivors and facilitators say in the synthetic
-- focus groups.  Each service, challenge and self-perception has several
-- phrasings; codebooks/fgd.csv is written to find exactly these.
--   pos    a participant says the group received it (codes the group)
--   neg    a participant mentions it negated (the codebook's exclude
--          pattern vetoes it: the group is NOT coded from this line)
--   probe  the facilitator asks about it (coders skip the facilitator),
--          followed by a reply that mentions nothing codable
--   deva   a Devanagari phrasing; only used in groups that also say it in
--          English, so an ASCII-only \b (grep -P) gives the same result
-- Fillers and replies must not contain any codebook keyword.

local P = {}

local S = {}
P.service = S

S["socio_economic.skill_training"] = {
    pos = {
        "Didi's sanstha taught us tailoring for six months, at the centre near the bus stand.",
        "I did the beautician course, threading, facial, all that.",
        "We learnt stitching, blouse, petticoat, salwar suit. Now I can cut the cloth myself.",
        "My training was in thread work and embroidery, we made cushion covers for a shop in the city.",
        "They sent three of us for a skill training in the block, sewing machine work.",
        "Silai ka course kiya, tailoring, three months, and they gave a certificate also.",
        "I joined the beauty parlour course last winter, my mother was against it but I went.",
    },
    neg = {
        "Nobody gave us any skill training here, they only took our names and photos.",
        "There was talk of a tailoring course, but it never started.",
    },
    probe = { "Did anyone get some training, like tailoring or beauty parlour?" },
    deva = { "मैंने सिलाई सीखी, अब घर पर कपड़े सिलती हूँ।" },
}

S["socio_economic.resumed_school"] = {
    pos = {
        "My daughter went back to school after two years, she is in class seven now.",
        "I resumed my studies through open school, my tenth exam is next year.",
        "The sanstha got my admission in the school again, the headmaster agreed after two visits.",
        "Now I am going to school again, the government girls' school near the market.",
        "I rejoined school in class nine. The teacher is good to me.",
    },
    neg = {
        "My younger sister could not go back to school, the fees were too much.",
        "Nobody helped with admission in school for my son, we tried for one year.",
    },
    probe = { "Has anyone gone back to school, or to open school?" },
    deva = { "मेरी बेटी फिर से स्कूल जाने लगी है।" },
}

S["socio_economic.enterprise_employment"] = {
    pos = {
        "I opened a small kirana shop in front of my house, my son sits there in the evening.",
        "Now I run my own tea stall at the chowk, from six in the morning.",
        "I got a job in a garment factory in {city}, I send money home every month.",
        "Two of us found work at the packaging unit, monthly salary, not daily wage.",
        "Naukri mil gayi, at a hotel in the city, housekeeping.",
        "We started a papad business with four women from the basti.",
    },
    neg = {
        "None of us got a job in the factory, they said no vacancy.",
    },
    probe = { "Has anyone opened a shop or got a job in a factory?" },
    deva = { "अब मेरी अपनी छोटी सी दुकान है।" },
}

S["socio_economic.bank_account"] = {
    pos = {
        "We all have a bank account now, the passbook stays with me.",
        "Didi helped us open savings accounts at the gramin bank.",
        "My Jan Dhan account was opened in the camp, I withdraw money myself now.",
        "I have my own account in the bank, I keep my wages there.",
    },
    neg = {
        "Nobody helped us open a bank account, we went to the bank three times and came back.",
    },
    probe = { "Did anyone help you open a bank account?" },
    deva = { "बैंक में मेरा खाता खुल गया है।" },
}

S["social.entitlements"] = {
    pos = {
        "We got our ration cards made, now we get rice and wheat every month.",
        "My mother gets the widow pension now, the sanstha filled the form.",
        "They got voter IDs and caste certificates made for all of us.",
        "I got a labour card, so now I get the benefit when I work on construction sites.",
        "Through the camp we got our entitlements, ration card and all.",
    },
    neg = {
        "We are still waiting for the widow pension, two years now.",
        "We have no ration card even now, the dealer sends us away.",
    },
    probe = { "What about ration cards, pension, voter ID?" },
    deva = { "हमारा राशन कार्ड बन गया।" },
}

S["social.leadership_groups"] = {
    pos = {
        "I am part of our survivor collective, we meet every second Sunday.",
        "We formed our own sangathan, thirty women are members now.",
        "Now I am in the survivors' forum at the district level.",
        "The leadership group meets at the community hall, I keep the register.",
    },
    neg = {
        "There is no survivor group in our block, we are all scattered.",
    },
    probe = { "Is there a survivor collective or sangathan here?" },
}

S["social.engage_officials"] = {
    pos = {
        "Now we go to the BDO ourselves and put our demands.",
        "Last month I spoke in the gram sabha in front of everyone.",
        "I met the SDM with our applications, he listened to us.",
        "We went to the tehsildar office together, five of us.",
    },
    neg = {
        "Earlier we could never go to the BDO alone.",
    },
    probe = { "Has anyone gone to the BDO, or spoken in the gram sabha?" },
}

S["social.legal_action"] = {
    pos = {
        "We filed a case against the agent, it is going on in the court.",
        "The FIR was registered and the dalal was arrested.",
        "My case is in the court in the district, the lawyer from DLSA comes for every date.",
        "The trafficker got convicted last year, seven years.",
    },
    neg = {
        "Nobody filed a case against him, he still roams in the village.",
    },
    probe = { "Did anyone file a case or an FIR against the people who took you?" },
}

-- Replies to a probe: a plain no, with nothing codable in it.
P.probe_reply = {
    "No didi, not in our group.",
    "Not yet, didi.",
    "No, nobody from here.",
    "We have to see, didi. Nothing so far.",
    "No. (pause) Nothing like that.",
    "Hmm, no.",
}

P.challenge = {
    ["challenge.family_community.panchayat_negligence"] = {
        "The panchayat says there is no trafficking in our village, they say the girls go on their own.",
        "When my sister was taken, the sarpanch did nothing.",
        "The mukhiya ignored us, he said it is not his business.",
        "Panchayat members say this is not their problem.",
    },
    ["challenge.family_community.panchayat_discrimination"] = {
        "The ward member would not let my daughter sit with the other children.",
        "The sarpanch took money from my father to sign one paper.",
        "Panchayat people insult our families in front of everyone.",
        "At the panchayat meeting they made us sit separate, at the back.",
    },
    ["challenge.family_community.family_forced_retrafficking"] = {
        "Her own family sent her back to the same agent for money.",
        "My uncle wanted to sell me again, I ran to didi at night.",
        "Some families push the girls back into it when money is short.",
        "My husband forced me to go back to that place.",
    },
    ["challenge.admin_policy.police_behaviour"] = {
        "At the thana the constable shouted at us and laughed.",
        "The police asked for money even to read our application.",
        "The daroga was very rude, he said bad words about us.",
        "Policemen threatened my brother, they said keep quiet.",
    },
    ["challenge.admin_policy.police_unwilling_register"] = {
        "The thana refused to register our complaint, they said settle it at home.",
        "Police would not write the FIR, three days we sat there.",
        "They put the wrong sections, and the dalal paid and walked out.",
    },
    ["challenge.admin_policy.scheme_benefits_access"] = {
        "The victim compensation is pending for three years.",
        "For the insurance money we keep running around the offices.",
        "I never got the compensation that the judge ordered.",
    },
    ["challenge.organisation.no_money_education"] = {
        "There is no money to continue studies after tenth.",
        "For college fees nobody gives any support.",
        "My studies may stop again, there is no money for the fees.",
    },
    ["challenge.organisation.no_money_enterprise"] = {
        "I want to start a small shop but there is no money for it.",
        "There is no capital to start anything, the sanstha gave only the training.",
        "For a business you need money, no loan from anywhere.",
    },
    ["challenge.organisation.no_jobs_after_training"] = {
        "We finished the tailoring course but no one gives us work.",
        "After the beautician course I am just sitting at home.",
        "There is no job even after the training.",
    },
    ["challenge.organisation.no_support_aht_work"] = {
        "I want to work against trafficking, but the sanstha never takes us along.",
        "We are ready to help other girls, but there is no support from the organisation for that.",
        "I wish to work with the organisation on this, but they do not take survivors as staff.",
    },
}

-- Said only where the group also reports police_unwilling_register: the
-- codebook has no code for it (no "FIR was filed" match: it was never filed).
P.no_fir = {
    "No FIR was ever filed, the thana sent us back.",
    "In my case no FIR was ever filed, they wrote only an application.",
}

P.before = {
    fear = {
        "Before, I was scared all the time, even of a knock on the door.",
        "At that time there was so much fear in me.",
        "Earlier I was afraid to step out of the house.",
        "Pehle bahut dar lagta tha, every night.",
    },
    shame = {
        "I felt ashamed to face my own relatives.",
        "There was so much shame, I would cover my face in the bazaar.",
        "People's talk, the stigma, it was very heavy on me.",
    },
    mistrust = {
        "I did not trust anyone, not even didi in the beginning.",
        "I trusted nobody, I thought everyone is an agent.",
        "We were suspicious of every person who came to the village.",
    },
    low_self_esteem = {
        "I thought I was worthless, good for nothing.",
        "I felt small in front of everyone.",
        "I used to think my life is bekaar.",
    },
}

P.after = {
    confident = {
        "Now I am confident, I speak in the meetings.",
        "I feel confident when I travel alone now.",
        "I am not scared anymore, I feel confident when I speak.",
        "There is confidence in me now. Ab himmat hai.",
    },
    empowered = {
        "Now I feel empowered, I take my own decisions.",
        "I have power now over my own life.",
        "I make my own decisions about money and the children.",
    },
    resilient = {
        "Whatever happens, I stood up again.",
        "Many times I fell, but I did not break.",
        "Now I can face anything that comes.",
    },
    independent = {
        "I am independent now, I earn and spend my own money.",
        "Now there is no shame in me, I stand on my own feet.",
        "I don't depend on anyone for anything.",
    },
}

P.before_deva = { fear = { "पहले बहुत डर लगता था।" } }
P.after_deva = { confident = { "अब मुझमें हिम्मत आ गई है।" } }

-- The survivor testimony of the report, paraphrased (not a quotation).
P.testimony = "When I came out of sex work, people gave me so much stigma, I felt shame even to "
    .. "go to the well. With the sanstha's help we started our own CBO, and today I help many other "
    .. "survivors. I feel confident and empowered now."

-- The planted disagreements (see fgd.lua).
P.plant = {
    x = "Didi took our photos and papers to the bank office. After that we don't know what happened.",
    y_bank = "And I forgot to say, in that camp my Jan Dhan account also got opened.",
    y_entitle = "The sarpanch keeps promising the ration card, it never came.",
    z = "The widow pension started coming last year, my neighbour filled the form for me.",
}

P.filler = {
    "My village is near the river, in the rains the road gets cut off.",
    "I have two children, the elder one is eleven.",
    "We came by the morning bus, it took two hours.",
    "(laughs) She always talks about her goats.",
    "Our house is kaccha, the roof leaks every monsoon.",
    "There is no hospital nearby, for everything we go to the district.",
    "My mother-in-law looks after the little one when I come to these meetings.",
    "The tea here is very sweet, didi.",
    "Last week there was a wedding in the village, everyone was busy with that.",
    "My husband is in {city}, he comes twice a year.",
    "In our area the water problem is very bad in summer.",
    "Wait, wait, let her finish. (overlapping talk)",
    "Sorry, my phone. (pause) Yes, go on.",
    "Matlab, what I am saying is, it is not easy, you know.",
    "[inaudible] ... in Bhadon month it was.",
    "This year the paddy was good, at least.",
    "The CWC madam called my mother two times, then nothing.",
}

P.deva_filler = {
    "हमारे गाँव में पानी की बहुत दिक्कत है।",
    "बच्चे अभी छोटे हैं, सास देखती है।",
    "दीदी, चाय ठंडी हो गई।",
    "सब लोग खेत में काम करते हैं।",
    "बारिश में रास्ता बंद हो जाता है।",
}

-- Others chiming in (nothing codable).
P.agree = {
    "Haan, same with me.",
    "Yes, yes. (several voices)",
    "Sahi baat hai.",
    "Mine also, same thing.",
    "Hmm. (nods)",
    "That is true, didi.",
}

P.consent = {
    "Haan didi, theek hai.",
    "Yes, we agree. No names, na?",
    "Okay. (others nod)",
}

P.closing_reply = {
    "Thank you didi. Come again.",
    "Dhanyavaad. Next time come to our village.",
    "Thank you. (laughter)",
}

P.facilitator = {
    greet = {
        "Namaste everyone. Thank you for coming. We will not write anyone's name, and you can stop any time. Is that okay?",
        "Namaste. This talk is only for our study, no names will be written. You can leave any time. Shall we start?",
    },
    intro = {
        "First, tell us a little about yourselves, your village, your family.",
        "Let us go around once. Just say where you are from.",
    },
    services = {
        "After you came back, what help or support did you get?",
        "What has changed for you since you came back? What support came?",
        "Tell us about the support you got, from the sanstha or anyone.",
    },
    challenges = {
        "What difficulties have you faced, at home, in the village, at the thana or the office?",
        "What are the problems you still face? With family, police, the panchayat, the organisation?",
    },
    self = {
        "How did you feel about yourself before, and how do you feel now?",
        "If you think of yourself then, and yourself today, what is different?",
    },
    close = {
        "Thank you all for your time. We will share what we learn.",
        "That is all from our side. Thank you for trusting us with this.",
    },
}

P.cities = { "Tiruppur", "Surat", "Delhi", "Jaipur", "Kolkata", "Mumbai", "Bengaluru", "Hyderabad" }

P.state_names = {
    RJ = "Rajasthan", BR = "Bihar", UP = "Uttar Pradesh", TN = "Tamil Nadu", KA = "Karnataka",
    WB = "West Bengal", MH = "Maharashtra", AP = "Andhra Pradesh", TG = "Telangana",
    JH = "Jharkhand", OD = "Odisha", AS = "Assam", DL = "Delhi", MP = "Madhya Pradesh",
    GA = "Goa", CG = "Chhattisgarh",
}

return P
