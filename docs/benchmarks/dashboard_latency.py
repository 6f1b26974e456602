#!/usr/bin/env python3
"""Dashboard latency over a programme with many synthetic journeys (local only).

    python3 docs/benchmarks/dashboard_latency.py --participants 1000 --events-per-participant 50 --threads 4

1. As administrator: registers a new programme and assigns the manager and the caseworker to it.
2. As caseworker, from --threads threads (one keep-alive connection and session cookie each): enrols --participants
   synthetic participants and records --events-per-participant events for each (her enrolment and first entry
   included), one request per event, in life order, dated over the past --years years: milestones, peer sessions,
   ORS readings, exits with reasons, re-entries, and relapses or returns after an exit. The same --seed gives the same
   journeys (her id is drawn by the server). Prints progress every 10%.
3. Waits for the programme-dashboard projection: its position (GET /api/v1/admin/projections/programme-dashboard) must
   reach the position it had before loading plus the number of events loaded (each new event takes a higher global
   index, so this is a lower bound of the last one), and then not change for 3 seconds. Then checks that the
   programme's dashboard over the whole period counts what was loaded (participants, entries, re-entries, exits,
   milestones, peer sessions; cells suppressed as small are not compared).
4. As manager (one connection, session cookie kept): --warmup untimed requests, then --requests timed ones, of the
   programme's dashboard and then of the all-programmes dashboard, over the same period. Prints median, p95, p99 and
   max, and the headline figures so the size of the data is plain.

Only talks to 127.0.0.1. Bounded by its arguments and by --wait-timeout; stops by itself. Each run adds a programme
and its participants to the event store: run it against a throwaway database.
"""
import argparse
import base64
import datetime
import http.client
import json
import math
import random
import statistics
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8080)
parser.add_argument("--participants", type=int, default=1000)
parser.add_argument("--events-per-participant", type=int, default=50,
                    help="events per participant, her enrolment and first entry included (at least 2)")
parser.add_argument("--threads", type=int, default=4)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--years", type=float, default=4, help="the journeys are dated over this many past years")
parser.add_argument("--requests", type=int, default=200, help="timed requests per dashboard")
parser.add_argument("--warmup", type=int, default=10, help="untimed requests per dashboard first")
parser.add_argument("--wait-timeout", type=float, default=1800,
                    help="seconds to wait at most for the dashboard projection to catch up")
parser.add_argument("--admin", default="admin:admin-demo")
parser.add_argument("--caseworker", default="caseworker:caseworker-demo")
parser.add_argument("--manager", default="manager:manager-demo")
parser.add_argument("--programme", help="time the dashboard of this programme, loaded by an earlier run (no loading)")
args = parser.parse_args()
if args.events_per_participant < 2:
    parser.error("--events-per-participant must be at least 2 (her enrolment and her first entry)")
if args.participants < 1 or args.threads < 1 or args.requests < 1 or args.warmup < 0:
    parser.error("--participants, --threads and --requests must be at least 1, --warmup at least 0")
if not 0 < args.years <= 9:
    parser.error("--years must lie between 0 and 9 (a dashboard period is at most ten years)")


class Client:
    """One keep-alive connection to 127.0.0.1 as one user: HTTP Basic, and the session cookie once there is one."""

    def __init__(self, user):
        self.user = user
        self.auth = "Basic " + base64.b64encode(user.encode()).decode()
        self.conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        self.cookie = None

    def call(self, method, path, body=None):
        """Answers (JSON body or None, body size in bytes); any status other than 2xx raises."""
        headers = {"Authorization": self.auth, "Accept": "application/json"}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body)
        if self.cookie:
            headers["Cookie"] = self.cookie  # the session: BCrypt is checked once per connection, not per call
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, data, headers)
                response = self.conn.getresponse()
                raw = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # a connection left idle (e.g. the administrator's during loading) may have been closed by the server
                self.conn.close()
                if attempt == 2 or method == "POST":
                    raise
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        if not 200 <= response.status < 300:
            raise RuntimeError(f"{method} {path} as {self.user.split(':')[0]}: {response.status} {raw[:400]!r}")
        return (json.loads(raw) if raw else None), len(raw)


def percentile(ordered, q):
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def summary_ms(latencies):
    ordered = sorted(latencies)
    return (f"median {1000 * statistics.median(ordered):.1f} ms, p95 {1000 * percentile(ordered, 0.95):.1f} ms, "
            f"p99 {1000 * percentile(ordered, 0.99):.1f} ms, max {1000 * ordered[-1]:.1f} ms")


# The server refuses events dated after its today (its time zone, UTC unless JOURNEY_TIME_ZONE says otherwise):
# the latest date used is yesterday in UTC, which is not in the future in any time zone.
last_day = datetime.datetime.now(datetime.timezone.utc).date() - datetime.timedelta(days=1)
span_days = int(args.years * 365.25)
first_day = last_day - datetime.timedelta(days=span_days)

NAMES = ["Wren", "Robin", "Lark", "Ivy", "Hazel", "Fern", "Sage", "Willow", "Juniper", "Rowan", "Linnet", "Maple"]
REFERRALS = {"OUTREACH": 30, "COURT_DIVERSION": 20, "POLICE": 5, "SELF": 15, "PEER": 12, "TREATMENT_SERVICE": 10,
             "HEALTH_SERVICE": 5, "FAMILY_OR_FRIEND": 3}
GENDERS = {"WOMAN": 88, "TRANS_WOMAN": 6, "NON_BINARY": 3, "PREFER_NOT_TO_SAY": 3}
MILESTONES = {"SOBRIETY_DURATION_REACHED": 25, "STABLE_HOUSING": 12, "EMPLOYMENT": 8, "EDUCATION": 8,
              "LEGAL_MATTER_RESOLVED": 8, "HEALTH": 15, "REUNIFICATION_STEP": 8, "MODULE_COMPLETED": 12,
              "TWO_YEARS_OUT_OF_SEX_TRADE": 2, "CUSTOM": 2}
OWN_WORDS = ["Opened a bank account in her own name", "Sang in the community choir", "Passed her driving test"]
# no DIED: her journey goes on after every exit here
EXIT_REASONS = {"COMPLETED": 35, "LEFT_BY_CHOICE": 25, "DISCHARGED": 10, "TRANSFERRED": 8,
                "RETURNED_TO_SEX_TRADE": 10, "INCARCERATED": 7, "OTHER": 5}
RELAPSE_KINDS = {"DRUG_OR_ALCOHOL_USE": 50, "RETURN_TO_SEX_TRADE": 25, "CONTACT_WITH_ABUSIVE_PARTNER_OR_EXPLOITER": 20,
                 "OTHER": 5}
SUPPORT = ["PEER_SUPPORT", "CASEWORKER_CONTACT", "COUNSELLING", "DETOX", "RESIDENTIAL_TREATMENT",
           "OUTPATIENT_TREATMENT", "SAFETY_PLANNING", "HOUSING_SUPPORT", "MEDICAL_CARE", "LEGAL_SUPPORT"]
ORS_ITEMS = ["individually", "interpersonally", "socially", "overall"]
# what happens next, by where she stands: in the programme, or out of it (and whether a relapse followed the exit)
IN_PROGRAMME = {"milestone": 27, "peer-session": 36, "assessment": 28, "exit": 5}
OUT_OF_PROGRAMME = {"re-entry": 20, "relapse": 30, "milestone": 17, "peer-session": 28, "assessment": 17}


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def journey(n, programme):
    """Her requests in life order, [(path under /api/v1/participants/{id}, body)], the first her enrolment; and what
    they count. Drawn from a generator of her own, so the same seed gives the same journey whichever thread runs it."""
    rng = random.Random(f"{args.seed}/{n}")
    events = args.events_per_participant
    enrolled = first_day + datetime.timedelta(days=rng.randint(0, span_days * 3 // 4))
    room = (last_day - enrolled).days
    offsets = (sorted(rng.sample(range(1, room + 1), events - 1)) if room >= events - 1
               else sorted(rng.randint(0, room) for _ in range(events - 1)))  # same-day events keep their order
    days = [str(enrolled + datetime.timedelta(days=d)) for d in offsets]
    age = rng.randint(19, 58)
    band = ("AGE_18_TO_24" if age <= 24 else "AGE_25_TO_34" if age <= 34 else "AGE_35_TO_44" if age <= 44
            else "AGE_45_TO_54" if age <= 54 else "AGE_55_AND_OVER")
    requests = [("", {"chosenName": f"{rng.choice(NAMES)} {n + 1}", "yearOfBirth": enrolled.year - age,
                      "referralSource": pick(rng, REFERRALS), "enrolledOn": str(enrolled), "ageBand": band,
                      "genderIdentity": pick(rng, GENDERS), "ageAtFirstEntry": rng.randint(12, min(31, age))}),
                ("/programme-entries", {"programmeId": programme, "occurredOn": days[0]})]
    counts = {"entries": 1, "reentries": 0, "exits": 0, "milestones": 0, "peer-sessions": 0, "ors": 0, "relapses": 0}
    inside, relapsed_since_exit = True, False
    wellbeing = rng.uniform(3, 6)
    for day in days[1:]:
        choices = IN_PROGRAMME if inside else OUT_OF_PROGRAMME
        if not inside and relapsed_since_exit:
            choices = {k: v for k, v in choices.items() if k != "relapse"}
        kind = pick(rng, choices)
        if kind == "exit":
            requests.append(("/programme-exits", {"programmeId": programme, "occurredOn": day,
                                                  "reason": pick(rng, EXIT_REASONS)}))
            inside, relapsed_since_exit = False, False
            counts["exits"] += 1
        elif kind == "re-entry":
            requests.append(("/programme-entries", {"programmeId": programme, "occurredOn": day}))
            inside = True
            counts["entries"] += 1
            counts["reentries"] += 1
        elif kind == "relapse":
            requests.append(("/relapses", {"occurredOn": day, "kind": pick(rng, RELAPSE_KINDS),
                                           "severity": rng.choice(["LOW", "MODERATE", "HIGH"]),
                                           "supportFollowed": rng.sample(SUPPORT, rng.randint(1, 3))}))
            relapsed_since_exit = True
            wellbeing = max(0.0, wellbeing - rng.uniform(0.5, 2))
            counts["relapses"] += 1
        elif kind == "milestone":
            milestone = pick(rng, MILESTONES)
            body = {"occurredOn": day, "type": milestone}
            if milestone == "CUSTOM":
                body["description"] = rng.choice(OWN_WORDS)
            requests.append(("/milestones", body))
            counts["milestones"] += 1
        elif kind == "peer-session":
            requests.append(("/peer-sessions", {"kind": rng.choice(["ONE_TO_ONE", "GROUP"]),
                                                "minutes": rng.choice([45, 60, 90, 120]), "occurredOn": day}))
            counts["peer-sessions"] += 1
        else:  # an Outcome Rating Scale reading: four items 0-10, drifting upwards with noise
            wellbeing = min(10.0, max(0.0, wellbeing + rng.gauss(0.15, 0.6)))
            requests.append(("/assessments", {"instrument": "ors", "occurredOn": day, "itemScores": {
                item: min(10, max(0, round(wellbeing + rng.gauss(0, 1)))) for item in ORS_ITEMS}}))
            counts["ors"] += 1
    counts["ors-twice"] = 1 if counts["ors"] >= 2 else 0
    return requests, counts


def load():
    global programme, totals
    # 1. The programme, and who works in it
    admin = Client(args.admin)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    name = f"Dashboard benchmark {stamp} (seed {args.seed})"
    programme = admin.call("POST", "/api/v1/programmes", {"name": name, "type": "RESIDENTIAL"})[0]["programmeId"]
    for username in (args.manager.split(":")[0], args.caseworker.split(":")[0]):
        admin.call("PUT", f"/api/v1/admin/staff/{username}/programmes/{programme}")
    print(f"programme '{name}' ({programme}); {args.manager.split(':')[0]} and {args.caseworker.split(':')[0]} "
          f"assigned to it")
    PROJECTION = "/api/v1/admin/projections/programme-dashboard"
    position_before = admin.call("GET", PROJECTION)[0]["position"]

    # 2. The journeys
    total = args.participants * args.events_per_participant
    print(f"loading {args.participants} participants x {args.events_per_participant} events = {total} events with "
          f"{args.threads} threads (seed {args.seed}), dated {first_day} to {last_day}")
    lock = threading.Lock()
    next_participant = iter(range(args.participants))
    progress = {"events": 0, "next_tenth": 1}
    totals = {}
    command_latencies = []
    failures = []
    load_started = time.perf_counter()


    def worker():
        client = Client(args.caseworker)
        mine = []
        try:
            while not failures:
                with lock:
                    n = next(next_participant, None)
                if n is None:
                    break
                requests, counts = journey(n, programme)
                participant = None
                for path, body in requests:
                    started = time.perf_counter()
                    if participant is None:
                        participant = client.call("POST", "/api/v1/participants", body)[0]["participantId"]
                    else:
                        client.call("POST", f"/api/v1/participants/{participant}{path}", body)
                    mine.append(time.perf_counter() - started)
                    with lock:
                        progress["events"] += 1
                        tenth = progress["events"] * 10 // total
                        if tenth >= progress["next_tenth"]:
                            elapsed = time.perf_counter() - load_started
                            print(f"  {10 * tenth:3d}%  {progress['events']:>7}/{total} events  "
                                  f"{elapsed:7.1f} s  {progress['events'] / elapsed:6.1f} events/s", flush=True)
                            progress["next_tenth"] = tenth + 1
                with lock:
                    for key, value in counts.items():
                        totals[key] = totals.get(key, 0) + value
        except Exception as e:  # noqa: BLE001 - stop every thread, report the first failure
            with lock:
                failures.append(e)
        finally:
            with lock:
                command_latencies.extend(mine)


    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"loading stopped after {progress['events']} events: {failures[0]}")
    load_elapsed = time.perf_counter() - load_started
    print(f"loaded {total} events in {load_elapsed:.1f} s: {total / load_elapsed:.1f} events/s; "
          f"command latency {summary_ms(command_latencies)}")
    print(f"data: {args.participants} participants, {totals['entries']} entries ({totals['reentries']} re-entries), "
          f"{totals['exits']} exits, {totals['milestones']} milestones, {totals['peer-sessions']} peer sessions, "
          f"{totals['ors']} ORS readings, {totals['relapses']} relapses")

    # 3. Wait for the dashboard projection
    target = position_before + total
    wait_started = time.perf_counter()
    deadline = wait_started + args.wait_timeout
    last_position, steady_since, last_report = None, time.perf_counter(), 0.0
    while True:
        status = admin.call("GET", PROJECTION)[0]
        now = time.perf_counter()
        if status["position"] != last_position:
            last_position, steady_since = status["position"], now
        if status["running"] and last_position >= target and now - steady_since >= 3:
            break
        if now > deadline:
            raise SystemExit(f"the programme-dashboard projection did not catch up within {args.wait_timeout:.0f} s: "
                             f"position {last_position}, running {status['running']}, expected at least {target}")
        if now - last_report >= 10:
            print(f"  waiting: programme-dashboard at position {last_position}, at least {target} expected", flush=True)
            last_report = now
        time.sleep(0.5)
    print(f"programme-dashboard projection at position {last_position} (at least {target} expected) and steady for 3 s, "
          f"after {time.perf_counter() - wait_started:.1f} s of waiting (3 s of them the steadiness check)")



if args.programme:
    programme, totals = args.programme, None
    print(f"timing only: programme {programme}, loaded before")
else:
    load()

# 4. The dashboards, as the manager
manager = Client(args.manager)
period = f"from={first_day}&to={last_day}"
programme_path = f"/api/v1/programmes/{programme}/dashboard?{period}"
all_path = f"/api/v1/dashboard?{period}"
expected = {} if totals is None else {("headline", "participants"): args.participants, ("headline", "entries"): totals["entries"],
            ("headline", "reentries"): totals["reentries"], ("headline", "exits"): totals["exits"],
            ("milestones", "total"): totals["milestones"], ("peerSupport", "sessions"): totals["peer-sessions"]}
for attempt in range(10):
    dashboard = manager.call("GET", programme_path)[0]
    # a suppressed cell has no value at all (and the API leaves out null fields)
    mismatches = [f"{section}.{key}: {dashboard[section][key].get('value')} shown, {value} loaded"
                  for (section, key), value in expected.items()
                  if not dashboard[section][key]["suppressed"] and dashboard[section][key].get("value") != value]
    if not mismatches:
        break
    time.sleep(1)
suppressed = [f"{s}.{k}" for (s, k) in expected if dashboard[s][k]["suppressed"]]
if mismatches:
    print("CHECK FAILED: the dashboard does not count what was loaded: " + "; ".join(mismatches))
else:
    print("check: the dashboard counts what was loaded"
          + (f" (suppressed as small, not compared: {', '.join(suppressed)})" if suppressed else ""))


def headline(d):
    h = d["headline"]
    ors = [a for a in d["assessments"] if a["instrument"] == "ors"]
    return (f"participants {h['participants']['display']}, active now {h['activeNow']['display']}, "
            f"entries {h['entries']['display']}, re-entries {h['reentries']['display']}, "
            f"exits {h['exits']['display']}, milestones {d['milestones']['total']['display']}, "
            f"peer sessions {d['peerSupport']['sessions']['display']}, "
            f"ORS first/latest pairs {ors[0]['participants']['display'] if ors else 'none'}, "
            f"{len(d.get('movement', d.get('monthly', [])))} {d.get('interval', 'month').lower()}s of movement")


for label, path in (("one programme", programme_path), ("all her programmes", all_path)):
    for _ in range(args.warmup):
        manager.call("GET", path)
    latencies = []
    size = 0
    for _ in range(args.requests):
        started = time.perf_counter()
        body, size = manager.call("GET", path)
        latencies.append(time.perf_counter() - started)
    print(f"GET {path} ({label}: {len(body['programmes'])} programme(s); {headline(body)}; {size / 1024:.1f} KiB)")
    print(f"  {args.requests} requests as {args.manager.split(':')[0]} after {args.warmup} warm-up, session cookie "
          f"kept: {summary_ms(latencies)}")
if mismatches:
    raise SystemExit(1)
