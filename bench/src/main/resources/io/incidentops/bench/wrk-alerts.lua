-- The request loop of (a), (b), (c) for wrk (LuaJIT): builds each request body from the pieces Java cut out of its
-- own bodies (Alerts.template, written above as P by WrkScript) and writes wrk's figures as JSON when it is done.
--
-- Request r of a run (r = counter * threads + thread id, so threads never share one) carries the alerts
-- base + r * per .. base + r * per + per - 1, or with a pool the alert r % pool, over and over.
-- base comes from the command line (wrk ... -- <base>): the measured run starts where the warm-up stopped.

local bxor, tohex, format, concat = bit.bxor, bit.tohex, string.format, table.concat
local FNV_OFFSET, FNV_PRIME = 14695981039346656037ULL, 1099511628211ULL

-- FNV-1a 64 over s, from h (Prometheus' label-set fingerprint, as Alerts.fingerprint)
local function fnv(h, s)
  for i = 1, #s do
    h = bxor(h, s:byte(i)) * FNV_PRIME
  end
  return h
end

local function fingerprint(pieces, number)
  local h = FNV_OFFSET
  for i = 1, #pieces do
    local p = pieces[i]
    h = fnv(h, p == NUMBER and number or p)
  end
  return tohex(h, 16)
end

local buf, nbuf = {}, 0
local function put(s)
  nbuf = nbuf + 1
  buf[nbuf] = s
end

-- Alerts.BodyTemplate.render
local function body(first)
  nbuf = 0
  put(P.opens[first % P.services + 1])
  for m = first, first + P.per - 1 do
    if m > first then put(P.separator) end
    local s = m % P.services + 1
    local number = format("%d", m)
    local pieces = P.alerts[s]
    for i = 1, #pieces do
      local p = pieces[i]
      if p == NUMBER then
        put(number)
      elseif p == FINGERPRINT then
        put(fingerprint(P.fingerprints[s], number))
      else
        put(p)
      end
    end
  end
  put(P.close)
  return concat(buf, "", 1, nbuf)
end

-- main state (setup, done): the threads, to number them and read their counters at the end
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

-- thread state: requests built so far, and the first alert number no request of this thread has used
counter, next_alert = 0, 0
local base = 0
local pooled = {}

function init(args)
  base = tonumber(args[1]) or 0
  next_alert = base
end

function request()
  local r = counter * P.threads + id
  counter = counter + 1
  if P.pool > 0 then
    local n = r % P.pool
    local req = pooled[n]
    if not req then
      req = wrk.format(P.method, P.path, P.headers, body(n))
      pooled[n] = req
    end
    return req
  end
  local first = base + r * P.per
  next_alert = first + P.per
  return wrk.format(P.method, P.path, P.headers, body(first))
end

-- a number for JSON: wrk gives NaN or huge values when nothing was answered
local function n(x)
  if x ~= x or x == math.huge or x >= 2 ^ 63 then return 0 end
  return x
end

function done(summary, latency, requests)
  local built, next_free = 0, 0
  for _, t in ipairs(threads) do
    built = built + (t:get("counter") or 0)
    next_free = math.max(next_free, t:get("next_alert") or 0)
  end
  local e = summary.errors
  local f = assert(io.open(P.out, "w"))
  f:write(format('{"durationMicros":%.0f,"requests":%.0f,"bytes":%.0f,'
      .. '"errors":{"connect":%.0f,"read":%.0f,"write":%.0f,"status":%.0f,"timeout":%.0f},'
      .. '"latencyMicros":{"min":%.0f,"mean":%.1f,"max":%.0f,"p50":%.0f,"p90":%.0f,"p99":%.0f,"p999":%.0f},'
      .. '"requestsBuilt":%.0f,"nextAlert":%.0f}\n',
      n(summary.duration), n(summary.requests), n(summary.bytes),
      n(e.connect), n(e.read), n(e.write), n(e.status), n(e.timeout),
      n(latency.min), n(latency.mean), n(latency.max), n(latency:percentile(50)), n(latency:percentile(90)),
      n(latency:percentile(99)), n(latency:percentile(99.9)),
      built, next_free))
  f:close()
end
