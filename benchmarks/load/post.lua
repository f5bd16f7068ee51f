-- The cached case: every request POSTs the same body, so after the first one the gateway answers
-- from its in-memory response cache. Counts responses by status and how many said "cached": true.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"challenge":"reduce loneliness among older residents in rural villages","council":"CON","limit":10}'

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   statuses = {}
   cached = 0
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if body and string.find(body, '"cached":true', 1, true) then
      cached = cached + 1
   end
end

function done(summary, latency, requests)
   local totals, hits = {}, 0
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
      hits = hits + thread:get("cached")
   end
   local line = "responses by status:"
   for status, count in pairs(totals) do
      line = line .. string.format(" %d=%d", status, count)
   end
   io.write(line .. string.format("; bodies saying \"cached\":true: %d\n", hits))
   io.write(string.format("latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %d requests, errors connect %d read %d write %d timeout %d status %d\n",
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
