-- generate.lua - the synthetic household survey of the "household" study:
-- ./coda run datasets/household/generate.lua [FOLDER]  (default: this
-- folder) writes households.csv.  Deterministic: a fixed linear
-- congruential generator, so every run writes the same bytes.
--
-- Design: 4 regions x 2 settings (urban, rural) = 8 strata; 3 villages or
-- wards (clusters) a stratum, 10 households a cluster: 240 households.  A
-- household's weight is its stratum's households in the population over
-- the 30 sampled.  Everything is invented; no row describes a real
-- household.
local coda = require("coda")

local out = (arg and arg[1]) or (arg[0]:match("^(.*)/[^/]*$") or ".")

local seed = 20261202
local function rand(n)          -- 1..n
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end

local REGIONS = { "north", "south", "east", "west" }
local POPULATION = { urban = { 9000, 7500, 6000, 8200 }, rural = { 12000, 15000, 10500, 9900 } }
local WATER = { urban = { "piped", "piped", "piped", "tubewell", "well" },
                rural = { "tubewell", "tubewell", "well", "piped", "surface" } }
local INCOME = { "low", "low", "middle", "middle", "high" }
local ANSWERS = {
  "The water comes only twice a week and we queue for hours.",
  "Water is too costly; the tanker charges more every month.",
  "The children fall sick with diarrhoea after the rains.",
  "We walk two kilometres to the well, it takes the whole morning.",
  "No problem, the supply is fine.",
  "पानी की कमी है, the tap is dry most days.",
  "Tanker water is expensive and often dirty, people get sick.",
  "",
}

local rows, id = {}, 0
for r, region in ipairs(REGIONS) do
  for _, setting in ipairs({ "urban", "rural" }) do
    local stratum = region .. "_" .. setting
    local weight = POPULATION[setting][r] / 30
    for c = 1, 3 do
      local cluster = ("%s_%d"):format(stratum, c)
      for _ = 1, 10 do
        id = id + 1
        local water = WATER[setting][rand(5)]
        rows[#rows + 1] = {
          household = ("HH%03d"):format(id), region = region, setting = setting,
          stratum = stratum, cluster = cluster, weight = weight,
          population = POPULATION[setting][r],
          members = 2 + rand(6), water_source = water,
          has_toilet = (setting == "urban" and rand(10) <= 8 or rand(10) <= 5) and 1 or 0,
          income = INCOME[rand(5)],
          monthly_water_cost = water == "piped" and 150 + 10 * rand(20) or 40 * rand(5),
          biggest_problem = ANSWERS[rand(#ANSWERS)],
        }
      end
    end
  end
end

coda.dataset(rows, { "household", "region", "setting", "stratum", "cluster", "weight",
                     "population", "members", "water_source", "has_toilet", "income",
                     "monthly_water_cost", "biggest_problem" })
  :write_csv(out .. "/households.csv")
print(("%d households written to %s/households.csv"):format(#rows, out))
