#!/usr/bin/env python3
"""A simple load loop against a running journey platform (local only).

Each sequence enrols a synthetic participant, records a programme entry and a milestone: three commands, each a
separate HTTP request that waits for the event to be stored. Prints sequences per second and command latencies.

    python3 docs/benchmarks/load_loop.py --sequences 600 --threads 4

Only talks to 127.0.0.1. Bounded by --sequences; stops by itself.
"""
import argparse
import base64
import datetime
import http.client
import json
import statistics
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8080)
parser.add_argument("--sequences", type=int, default=600)
parser.add_argument("--threads", type=int, default=4)
parser.add_argument("--user", default="caseworker:caseworker-demo")
parser.add_argument("--admin", default="admin:admin-demo")
parser.add_argument("--session", action=argparse.BooleanOptionalAction, default=True,
                    help="keep the session cookie (default) or send only Basic credentials on every call")
args = parser.parse_args()


def auth(user):
    return "Basic " + base64.b64encode(user.encode()).decode()


def post(conn, path, body, user, cookies={}):
    headers = {"Content-Type": "application/json", "Authorization": auth(user)}
    if args.session and id(conn) in cookies:
        headers["Cookie"] = cookies[id(conn)]  # the session: BCrypt is checked once per connection, not per call
    conn.request("POST", path, json.dumps(body), headers)
    response = conn.getresponse()
    data = response.read()
    cookie = response.getheader("Set-Cookie")
    if cookie:
        cookies[id(conn)] = cookie.split(";")[0]
    if response.status != 201:
        raise RuntimeError(f"{path}: {response.status} {data[:200]}")
    return json.loads(data)


setup = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
programme = post(setup, "/api/v1/programmes", {"name": "Load test programme", "type": "OUTREACH"},
                 args.admin)["programmeId"]
today = datetime.date.today()
latencies = []
lock = threading.Lock()
counter = iter(range(args.sequences))


def worker():
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
    mine = []
    while True:
        with lock:
            n = next(counter, None)
        if n is None:
            break
        for step in range(3):
            started = time.perf_counter()
            if step == 0:
                pid = post(conn, "/api/v1/participants",
                           {"chosenName": f"Load {n}", "enrolledOn": str(today - datetime.timedelta(days=30))},
                           args.user)["participantId"]
            elif step == 1:
                post(conn, f"/api/v1/participants/{pid}/programme-entries",
                     {"programmeId": programme, "occurredOn": str(today - datetime.timedelta(days=20))}, args.user)
            else:
                post(conn, f"/api/v1/participants/{pid}/milestones",
                     {"occurredOn": str(today - datetime.timedelta(days=10)), "type": "STABLE_HOUSING"}, args.user)
            mine.append(time.perf_counter() - started)
    with lock:
        latencies.extend(mine)


started = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(args.threads)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - started
latencies.sort()
print(f"{args.sequences} sequences (3 commands each) with {args.threads} threads, "
      f"{'session cookie' if args.session else 'Basic on every call'}, in {elapsed:.1f} s: "
      f"{args.sequences / elapsed:.1f} sequences/s, {3 * args.sequences / elapsed:.1f} commands/s")
print(f"command latency ms: median {1000 * statistics.median(latencies):.1f}, "
      f"p95 {1000 * latencies[int(0.95 * len(latencies)) - 1]:.1f}, max {1000 * latencies[-1]:.1f}")
