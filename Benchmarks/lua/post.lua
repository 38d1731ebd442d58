-- POST /articles with a small valid article; every request has its own id and
-- title, so none is answered 409.
--   GAZETTE_BENCH_TOKEN   bearer token (required)
--   GAZETTE_BENCH_NONCE   makes ids unique across runs and phases (warm-up vs measured)
-- Ids look like "bench-<nonce>-<thread>-<n>".
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local token = os.getenv("GAZETTE_BENCH_TOKEN") or error("GAZETTE_BENCH_TOKEN is not set")
local nonce = os.getenv("GAZETTE_BENCH_NONCE") or tostring(os.time())
local headers = {
  ["Authorization"] = "Bearer " .. token,
  ["Content-Type"] = "application/json",
}

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local id = string.format("bench-%s-%d-%d", nonce, tid or 1, counter)
  local body = string.format(
    '{"id":"%s","title":"Bài đo hiệu năng %s","summary":"Bài viết ngắn để đo tốc độ ghi của máy chủ.",' ..
    '"body":["Đoạn thứ nhất của bài đo %d.","Đoạn thứ hai."],"publishedOn":"2025-03-21",' ..
    '"province":"Sơn La","tags":["đo hiệu năng"]}',
    id, id, counter)
  return wrk.format("POST", "/articles", headers, body)
end
