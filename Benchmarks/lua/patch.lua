-- PATCH /articles/{id} with a JSON Merge Patch of "summary", rotating over the
-- existing ids listed (one a line) in the file GAZETTE_BENCH_IDS.
--   GAZETTE_BENCH_TOKEN   bearer token (required)
--   GAZETTE_BENCH_IDS     file of article ids (required)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local token = os.getenv("GAZETTE_BENCH_TOKEN") or error("GAZETTE_BENCH_TOKEN is not set")
local idsFile = os.getenv("GAZETTE_BENCH_IDS") or error("GAZETTE_BENCH_IDS is not set")
local ids = {}
for line in io.lines(idsFile) do
  if line ~= "" then table.insert(ids, line) end
end
if #ids == 0 then error("no ids in " .. idsFile) end

local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/merge-patch+json",
}

local threads = {}
local counter = 0
local offset = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  -- threads start at different places in the list
  offset = ((tid or 1) - 1) * 7919
end

function request()
  counter = counter + 1
  local id = ids[((offset + counter) % #ids) + 1]
  local body = string.format('{"summary":"Tóm tắt đã sửa lần %d (luồng %d)."}', counter, tid or 1)
  return wrk.format("PATCH", "/articles/" .. id, headers, body)
end
