#!/usr/bin/env python3
"""Command latency for a participant with a short and with a long journey (local only).

    python3 docs/benchmarks/long_journey_latency.py --events 10 5000 --samples 50

For each size N: enrols a synthetic participant, records N-1 milestones in life order (one request each, session
cookie kept), then times --samples more milestone commands, one at a time. Prints median, p95 and max.
"""
import argparse
import base64
import datetime
import http.client
import json
import statistics
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8080)
parser.add_argument("--events", type=int, nargs="+", default=[10, 5000])
parser.add_argument("--samples", type=int, default=50)
parser.add_argument("--user", default="caseworker:caseworker-demo")
args = parser.parse_args()

conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
cookie = {}


def post(path, body):
    headers = {"Content-Type": "application/json",
               "Authorization": "Basic " + base64.b64encode(args.user.encode()).decode()}
    if "c" in cookie:
        headers["Cookie"] = cookie["c"]
    conn.request("POST", path, json.dumps(body), headers)
    response = conn.getresponse()
    data = response.read()
    if response.getheader("Set-Cookie"):
        cookie["c"] = response.getheader("Set-Cookie").split(";")[0]
    if response.status != 201:
        raise RuntimeError(f"{path}: {response.status} {data[:300]}")
    return json.loads(data)


today = datetime.date.today()
for size in args.events:
    days = 3000
    start = today - datetime.timedelta(days=days)
    pid = post("/api/v1/participants", {"chosenName": f"Long journey {size}", "enrolledOn": str(start)})["participantId"]
    total = size - 1 + args.samples
    started = time.perf_counter()
    for i in range(size - 1):
        day = start + datetime.timedelta(days=1 + i * (days - 10) // total)
        post(f"/api/v1/participants/{pid}/milestones", {"occurredOn": str(day), "type": "HEALTH"})
    build = time.perf_counter() - started
    latencies = []
    for i in range(size - 1, total):
        day = start + datetime.timedelta(days=1 + i * (days - 10) // total)
        t = time.perf_counter()
        post(f"/api/v1/participants/{pid}/milestones", {"occurredOn": str(day), "type": "HEALTH"})
        latencies.append(time.perf_counter() - t)
    latencies.sort()
    print(f"journey of {size} events (built in {build:.1f} s): command latency over {args.samples} commands: "
          f"median {1000 * statistics.median(latencies):.1f} ms, p95 {1000 * latencies[int(0.95 * len(latencies)) - 1]:.1f} ms, "
          f"max {1000 * latencies[-1]:.1f} ms")
