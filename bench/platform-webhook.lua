-- platform-webhook.lua — wrk script: replays pregenerated signed webhooks
--
-- Copyright 2026 The Textdesk authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- wrk -t T -c C -d D -s platform-webhook.lua URL -- REQUESTS-FILE T
-- Each thread takes every T-th line of the file (PATH TAB SIGNATURE TAB
-- BODY), so that no two requests share a MessageSid. A thread that runs
-- out of lines says so at the end: its later requests were redeliveries.

local threads = {}
local counter = 0

function setup (thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init (args)
  local file, nthreads = args[1], tonumber(args[2])
  requests = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      local path, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = sig,
      }, body)
    end
    i = i + 1
  end
  index = 0
  wrapped = 0
  failures = 0
end

function request ()
  index = index + 1
  if index > #requests then
    index = 1
    wrapped = wrapped + 1
  end
  return requests[index]
end

function response (status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done (summary, latency, requests)
  local wrapped_total, failures_total = 0, 0
  for _, thread in ipairs(threads) do
    wrapped_total = wrapped_total + thread:get("wrapped")
    failures_total = failures_total + thread:get("failures")
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f non200=%d wrapped=%d " ..
                         "p50_ms=%.2f p99_ms=%.2f errors=%d\n",
                         summary.requests, summary.duration / 1e6, failures_total,
                         wrapped_total, latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000,
                         summary.errors.connect + summary.errors.read +
                         summary.errors.write + summary.errors.timeout))
end
