-- examples.lua - runs every Lua example in the docs and checks its output.
--
-- In a Markdown file, a ```lua block followed by a ```text block is an
-- example: the code runs as `coda run` from the repository root and what
-- it prints must equal the text block.  With --update the text blocks are
-- rewritten from the real output instead.
--   coda run tests/docs/examples.lua [--update] FILE.md ...

local update = arg[1] == "--update"
local files = {}
for i = update and 2 or 1, #arg do files[#files + 1] = arg[i] end

local coda_bin = "./coda"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function run(code)
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "wb"))
  f:write(code)
  f:close()
  local p = io.popen(coda_bin .. " run " .. tmp .. " 2>&1", "r")
  local out = p:read("a")
  local ok = p:close()
  os.remove(tmp)
  return out, ok
end

-- The examples of a Markdown text: { code, expected, s, e } where s..e is
-- the span of the expected block's body.
local function examples(md)
  local list = {}
  local pos = 1
  while true do
    local cs, ce, code = md:find("```lua\n(.-)```\n", pos)
    if not cs then break end
    local ts, te, body = md:find("^%s*```text\n(.-)```\n", ce + 1)
    if ts then
      local bs = md:find("\n", ts + md:sub(ts):find("```text") - 1) + 1
      list[#list + 1] = { code = code, expected = body, s = bs,
                          e = bs + #body - 1 }
      pos = te + 1
    else
      pos = ce + 1
    end
  end
  return list
end

local passed, failed = 0, 0
os.execute("mkdir -p out")
for _, path in ipairs(files) do
  local md = read(path)
  local list = examples(md)
  for i = #list, 1, -1 do
    local ex = list[i]
    local got, ok = run(ex.code)
    if got == ex.expected and ok then
      passed = passed + 1
    elseif update and ok then
      md = md:sub(1, ex.s - 1) .. got .. md:sub(ex.e + 1)
      passed = passed + 1
    else
      failed = failed + 1
      io.stderr:write(("FAIL %s example %d\n--- expected\n%s--- got\n%s"):format(
        path, i, ex.expected, got))
    end
  end
  if update then
    local f = assert(io.open(path, "wb"))
    f:write(md)
    f:close()
  end
end
print(("examples: %d passed, %d failed"):format(passed, failed))
os.exit(failed == 0 and 0 or 1)
