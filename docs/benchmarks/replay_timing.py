#!/usr/bin/env python3
"""Times a full replay of every projection of a running journey platform (local only).

    python3 docs/benchmarks/replay_timing.py

Asks for the projections, starts a replay of each, then polls (every 50 ms, at most 10 minutes) until every one is
running, no longer replaying, and at the position it had before the replay. Prints the events in the store and the
time taken.
"""
import argparse
import base64
import http.client
import json
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8080)
parser.add_argument("--admin", default="admin:admin-demo")
args = parser.parse_args()
AUTH = {"Authorization": "Basic " + base64.b64encode(args.admin.encode()).decode()}
conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)


def call(method, path):
    conn.request(method, path, headers={**AUTH, "Content-Type": "application/json"})
    response = conn.getresponse()
    body = response.read()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path}: {response.status} {body[:200]}")
    return json.loads(body)


before = {p["name"]: p["position"] for p in call("GET", "/api/v1/admin/projections")}
head = max(before.values())
started = time.perf_counter()
for name in before:
    call("POST", f"/api/v1/admin/projections/{name}/replay")
deadline = started + 600
while time.perf_counter() < deadline:
    status = call("GET", "/api/v1/admin/projections")
    if all(p["running"] and not p["replaying"] and p["position"] >= before[p["name"]] for p in status):
        break
    time.sleep(0.05)
else:
    raise SystemExit("replay did not finish within 10 minutes")
elapsed = time.perf_counter() - started
print(f"replayed {len(before)} projections over {head} events in {elapsed:.2f} s ({head / elapsed:.0f} events/s)")
