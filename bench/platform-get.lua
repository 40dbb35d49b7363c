-- platform-get.lua — wrk script: GETs as many users (a token each, in turn)
--
-- Copyright 2026 The Textdesk authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- wrk -t T -c C -d D -s platform-get.lua URL -- TOKENS-FILE PATH [PATH...]
-- The platform limits the rate per token; the requests take the tokens
-- and the paths in turn, as the traffic of many signed-in users would.

local threads = {}

function setup (thread)
  table.insert(threads, thread)
end

function init (args)
  tokens = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      tokens[#tokens + 1] = line
    end
  end
  paths = {}
  for i = 2, #args do
    paths[#paths + 1] = args[i]
  end
  n = 0
  failures = 0
end

function request ()
  n = n + 1
  return wrk.format("GET", paths[n % #paths + 1], {
    ["Authorization"] = "Bearer " .. tokens[n % #tokens + 1],
    ["Accept"] = "application/json",
  })
end

function response (status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done (summary, latency, requests)
  local failures_total = 0
  for _, thread in ipairs(threads) do
    failures_total = failures_total + thread:get("failures")
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f non200=%d p50_ms=%.2f p99_ms=%.2f errors=%d\n",
                         summary.requests, summary.duration / 1e6, failures_total,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         summary.errors.connect + summary.errors.read +
                         summary.errors.write + summary.errors.timeout))
end
