/* gen_corpus.c - deterministic interview-transcript corpus for the coding benchmark.
 *
 * Usage: gen_corpus DOCS OUTDIR
 * Writes OUTDIR/doc00001.txt .. docNNNNN.txt, each ~20-30 KB (mean ~25 KB) of `Speaker: text`
 * turns separated by blank lines: one-to-one interviews (Interviewer, Respondent) and focus
 * groups (Interviewer, P1..P4), a header line first. Sentences come from the phrase lists
 * below, so the codes of bench/code_codebook.csv match at realistic rates (family, work,
 * money, employer common; most codes rare). About 1% of lines are Devanagari (Hindi).
 * Every English line ends in `.`, `?` or `!` and every Hindi line in `।`, so no code's match
 * can run across a line end: line-oriented (ripgrep), turn-oriented (coda) and
 * document-oriented (Python, R, DuckDB) matching count the same matches.
 * Deterministic: document i is generated from its own fixed seed, so the same i gives the same
 * bytes whatever DOCS is (the first 2,000 documents of the full corpus are its "tenth").
 * Build: cc -std=c11 -O2 -o bench/data/gen_corpus bench/gen_corpus.c
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

/* splitmix64: small, fast, and the same on every platform */
static uint64_t next(void) {
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
static unsigned pick(unsigned n) { return (unsigned)(next() % n); } /* [0, n) */
static int chance(unsigned per_mille) { return pick(1000) < per_mille; }

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* slot fillers: %R relative, %C city, %N small number, %A age, %M money, %W workplace */
static const char *rel[] = {"mother", "father", "sister", "brother", "husband", "uncle",
                            "aunt", "son", "daughter", "cousin", "grandmother", "neighbour"};
static const char *city[] = {"Delhi", "Mumbai", "Kolkata", "Chennai", "Surat", "Bengaluru",
                             "Jaipur", "Ludhiana", "Patna", "Hyderabad"};
static const char *num[] = {"two", "three", "four", "five", "six", "eight", "ten", "twelve"};
static const char *work[] = {"a brick kiln", "a garment factory", "a house", "a hotel",
                             "a farm", "a construction site", "a spinning mill", "a shop"};

/* respondent filler: everyday narrative, mostly the common codes or none */
static const char *fill[] = {
    "We lived in a small village near the river.", "We did not have much land.",
    "My %R worked as a daily labourer.", "There were %N of us in the house.",
    "I was the eldest of the children.", "The harvest was bad that year.",
    "My %R used to sell vegetables in the market.", "I don't remember the exact date.",
    "It was maybe %N years ago.", "Yes, that is right.", "I think so, but I am not sure.",
    "The rains came late and the crops failed.", "There was no electricity in our area.",
    "We had to walk %N kilometres to reach the road.", "My %R was not well at that time.",
    "After that we went to %C.", "I worked in %W for %N months.",
    "The work started early in the morning.", "We stayed in one room with %N other girls.",
    "The owner lived in the big house next to %W.", "My %R said it was a good opportunity.",
    "We were paid %M rupees a month, sometimes less.", "The supervisor was very strict.",
    "I sent money home when I could.", "My %R and I talked on the phone once a month.",
    "The food was not enough for all of us.", "There was a temple near the place.",
    "At first everything seemed fine.", "I was %A years old then, maybe a little older.",
    "Nobody in my family had gone to school.", "I studied up to class %N in the village school.",
    "We did not know anyone in %C.", "The other workers came from Bihar and Odisha.",
    "We cooked our own food in the evening.", "I learned to stitch in the first week.",
    "The manager kept a register of who came late.", "Sometimes we got Sunday off.",
    "My %R got married the next year.", "We took a loan for my %R's wedding.",
    "It is difficult to talk about it.", "I still think about those days.",
    "Now I live with my %R in the village.", "Things are better now, slowly.",
    "I have two children now and they go to school.", "My %R helps me with the work at home.",
    "The employer gave us an advance before we left.", "We travelled by train for two days.",
    "The bus left us at the station in the night.", "The contractor counted us at the station.",
    "We worked in the fields for the landlord.", "My %R had a small debt with the moneylender.",
    "I went to the hospital once when I had fever.", "The doctor gave me some medicine.",
    "The agent came to our village every year.", "He told us the salary would be good.",
    "We were hungry most of the time.", "The wages were paid to the contractor, not to us.",
    "We worked twelve hours every day.", "There was no rest on festival days.",
    "My %R was the one who decided everything.", "People in the village talk a lot.",
    "I did not tell anyone at first.", "Later I told my %R everything.",
    "The police station was far from our village.", "The owner's son also worked there.",
    "I want my children to study.", "I do not want any other girl to go through this.",
    "We had to repay everything before we could leave.", "We were %N families from our block.",
    "The social worker visited us twice.", "I got some help from the panchayat.",
    "The job was in %W near %C.", "I earned %M rupees in the whole season.",
};

/* interviewer questions and prompts */
static const char *ask[] = {
    "Can you tell me about your family?", "Where did you grow up?",
    "How did you first hear about the job?", "Who arranged the work for you?",
    "What happened after you reached %C?", "How much were you paid?",
    "Did anyone help you at that time?", "Did you go to the police?",
    "How many hours did you work in a day?", "Were you allowed to leave the place?",
    "What did your family say when you came back?", "Did you take any loan or advance?",
    "Can you describe a normal day there?", "How were you treated by the owner?",
    "Did you get any support after that?", "What would you like to happen now?",
    "Was anyone else from your village there?", "Did you go to school?",
    "How did you travel there?", "Did you have a phone with you?",
    "Did you have enough food?", "Were you ever sick while you were there?",
    "Please tell me more about that.", "What happened next?", "How did you feel about it?",
    "Did the agent say anything about the wages?", "Was a case filed?",
};
static const char *ack[] = {"I see.", "Okay.", "Thank you.", "Hmm, go on.", "Yes.",
                            "That must have been hard.", "I understand."};

/* events: sentences for the rarer codes, drawn for about 1 respondent sentence in 10 */
static const char *event[] = {
    "The police refused to register our complaint.", "We went to the police but they refused to listen.",
    "The police at the thana did not listen to us.", "Nobody filed an FIR.",
    "There was no FIR and no case.", "We never made a complaint because we were afraid.",
    "The owner took our documents and kept them in his office.", "He kept our Aadhaar cards and papers.",
    "They seized my ID card on the first day.", "The owner beat my %R in front of everyone.",
    "The supervisor hit us when we were slow.", "He slapped me and kicked my brother.",
    "He threatened to kill my family.", "They warned us not to talk to outsiders.",
    "We were locked in at night.", "We were not allowed to leave the compound.",
    "We could not leave because of the debt.", "We were not paid for six months.",
    "The owner withheld our wages and said we owed him.", "We worked day and night with no rest.",
    "There was no holiday, not even on Diwali.", "Some of the children were only 11 years old.",
    "There were minors working on the looms.", "They forced her to marry an older man.",
    "My parents married me off when I was 14 years old.", "The man paid a bride price to my uncle.",
    "She was sexually abused by the manager.", "One girl was raped and nobody did anything.",
    "We were rescued during a raid by the labour department.", "The NGO people freed us.",
    "We stayed in a shelter home for three months.", "A counsellor talked to me every week.",
    "I called the helpline number from a shop.", "The case is still in court.",
    "The magistrate gave us a release certificate.", "I have not received any compensation yet.",
    "The lawyer said the hearing is next month.", "They took our phones when we arrived.",
    "I was not allowed to call my family.", "People taunted us because of our caste.",
    "In the village there was a lot of gossip and shame.", "I felt ashamed to go out.",
    "Our family is Dalit and we had no land.", "Many Adivasi girls were there.",
    "I ran away one night with two other girls.", "We escaped when the gate was open.",
    "Finally I came back to my village.", "I returned home after two years.",
    "They promised a good job in the city.", "The agent lied to my parents.",
    "We were cheated by the broker.", "The dalal took a commission from the owner.",
    "My sister was sold for 40,000 rupees to a man in Haryana.",
    "They bought the girls for 20,000 rupees each.", "We migrated because there was no work.",
    "We left the village in the night.", "I came to Delhi with my cousin.",
    "I had an injury on my hand from the machine.", "Many of us were sick with fever.",
    "We had only one meal a day.", "The karz kept growing every month.",
};

/* Hindi (Devanagari) sentences, some with the codebook's Hindi words */
static const char *hindi[] = {
    "मेरे पिता खेत में काम करते थे।", "हमारे गाँव में कोई स्कूल नहीं था।",
    "एजेंट ने कहा कि शहर में अच्छी नौकरी मिलेगी।", "मेरी जबरन शादी की गई।",
    "वे हमें मारते थे।", "पुलिस ने कुछ नहीं किया।", "हमने साहूकार से कर्ज़ लिया था।",
    "घर पर बहुत उधार था।", "मैं वहाँ दो साल रही।", "फिर मैं भाग गई।",
    "किसी ने हमारी मदद नहीं की।", "मेरी माँ बहुत बीमार थी।", "वहाँ रोज़ मारपीट होती थी।",
    "मालिक ने पैसे नहीं दिए।", "रात दिन कामों में लगे रहते थे।", "उसने मुझे मारा।",
    "पुलिस वाले आए और चले गए।", "मेरी बहन की शादी करा दी गई।", "हम बहुत डरे हुए थे।",
    "अब मैं अपने गाँव में रहती हूँ।",
};

static char *out;  /* the document being built */
static size_t len; /* its length */

static void put(const char *s) {
    size_t n = strlen(s);
    memcpy(out + len, s, n);
    len += n;
}

/* append a template with its slots filled */
static void sentence(const char *t) {
    char buf[32];
    for (; *t; t++) {
        if (*t != '%') { out[len++] = *t; continue; }
        switch (*++t) {
        case 'R': put(rel[pick(N(rel))]); break;
        case 'C': put(city[pick(N(city))]); break;
        case 'N': put(num[pick(N(num))]); break;
        case 'W': put(work[pick(N(work))]); break;
        case 'A': snprintf(buf, sizeof buf, "%u", 9 + pick(20)); put(buf); break;
        case 'M': snprintf(buf, sizeof buf, "%u", 500 * (2 + pick(30))); put(buf); break;
        default: out[len++] = *t;
        }
    }
}

/* one line of a respondent's answer: 1-6 sentences, or 2-4 Hindi ones (~2% of such lines) */
static void answer_line(void) {
    if (chance(20)) {
        for (unsigned i = 0, k = 2 + pick(3); i < k; i++) {
            if (i) put(" ");
            put(hindi[pick(N(hindi))]);
        }
        return;
    }
    for (unsigned i = 0, k = 1 + pick(6); i < k; i++) {
        if (i) put(" ");
        sentence(chance(100) ? event[pick(N(event))] : fill[pick(N(fill))]);
    }
}

/* build document number d (1-based) in out; its size target is 20-30 KB */
static void document(unsigned d) {
    rng_state = 0x5eed2024c0da0000u ^ ((uint64_t)d * 0x9e3779b97f4a7c15u); /* per-document seed */
    unsigned target = 20000 + pick(10001), group = chance(300);
    char buf[128];
    len = 0;
    snprintf(buf, sizeof buf, "Transcript %05u, %s, %s, recorded in 2019.\n\n", d,
             group ? "focus group" : "interview", city[pick(N(city))]);
    put(buf);
    while (len < target) {
        put("Interviewer: ");
        if (chance(300)) { put(ack[pick(N(ack))]); put(" "); }
        sentence(ask[pick(N(ask))]);
        put("\n\n");
        for (unsigned a = 0, na = group ? 1 + pick(3) : 1; a < na; a++) { /* 1-3 answers */
            if (group) { snprintf(buf, sizeof buf, "P%u: ", 1 + pick(4)); put(buf); }
            else put("Respondent: ");
            answer_line();
            for (unsigned p = 0; p < 4 && chance(80); p++) { put("\n"); answer_line(); } /* more paragraphs */
            put("\n\n");
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: gen_corpus DOCS OUTDIR\n");
        return 2;
    }
    unsigned docs = (unsigned)strtoul(argv[1], NULL, 10);
    char path[4096];
    out = malloc(64 * 1024); /* a document stops within one turn (< 16 KB) past 30 KB */
    if (!out) return 1;
    for (unsigned d = 1; d <= docs; d++) {
        document(d);
        snprintf(path, sizeof path, "%s/doc%05u.txt", argv[2], d);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(out, 1, len, f) != len || fclose(f) != 0) {
            perror(path);
            return 1;
        }
    }
    return 0;
}
