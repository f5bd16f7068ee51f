-- The uncached case: every request carries a challenge text no earlier request used (a scenario
-- from the list plus a run, thread and request number), so the gateway's memory cache and the
-- recommender's Redis cache both miss and every request is ranked afresh. The run number matters:
-- Redis keeps cached rankings across app restarts (AOF), so a fixed text would hit on a second run.
local scenarios = {
   "reduce loneliness among older residents in rural villages",
   "cut the number of families in temporary accommodation",
   "improve school attendance for children with special educational needs",
   "get more young people into work or training",
   "reduce emergency hospital admissions for frail older people",
   "increase recycling rates on estates with communal bins",
   "help tenants in cold damp private rented homes",
   "reduce reoffending among young adults leaving custody",
   "support carers who are close to breaking point",
   "reduce rough sleeping in the town centre",
   "make walking and cycling to school safer",
   "help small businesses on the high street survive",
}
local councils = { "CON", "NFK", "MAN", "HCK", "GLG", "CRF", "BFS", "WOK" }

local threads = {}
local counter = 0

local run = os.time()

function setup(thread)
   thread:set("id", #threads)
   thread:set("run", run)
   table.insert(threads, thread)
end

function init(args)
   statuses = {}
   cached = 0
end

function request()
   counter = counter + 1
   local body = string.format('{"challenge":"%s (request %d-%d-%d)","council":"%s","limit":10}',
      scenarios[(counter % #scenarios) + 1], run, id, counter, councils[(counter % #councils) + 1])
   return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
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
