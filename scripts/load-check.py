#!/usr/bin/env python3
"""Heavy use of `intake serve` (issue 18): nothing acknowledged is ever lost.

  load: CLIENTS concurrent clients each POST PER_CLIENT distinct forms to /v1/applications
        (several clients write to the same applications at once); afterwards the register
        holds exactly one version per acknowledged (201) submission, numbered without gaps.
  kill: the same load, but the server is killed with SIGKILL mid-run; after a restart every
        acknowledged submission is there with the bytes' SHA-256 it was acknowledged with.

  scripts/load-check.py --server .build/debug/intake-server --db /tmp/x.sqlite [--mode load|kill|both]

Prints submissions stored per second (the load phase's wall time) for the closing note.
"""
import argparse, http.client, json, os, signal, socket, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORM = open(os.path.join(ROOT, "samples/en/austin.json"), encoding="utf-8").read()
assert '"city": "Austin"' in FORM and '"population": 974447' in FORM


def form(client, n):
    """A distinct form: the city is shared by several clients, the population makes the bytes unique."""
    city = f"Loadville {(client + n) % 8}"
    return FORM.replace('"city": "Austin"', f'"city": "{city}"').replace(
        '"population": 974447', f'"population": {100000 + client * 10000 + n}').encode()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, binary, db, log):
        self.binary, self.db, self.log = binary, db, log
        self.port = free_port()
        self.process = subprocess.Popen([binary, "serve", "--db", db, "--port", str(self.port)],
                                        stdout=log, stderr=log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the server did not start")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.terminate()
        self.process.wait()


def token(binary, db, name, role):
    return subprocess.run([binary, "register", "token", "add", name, "--role", role, "--db", db],
                          check=True, capture_output=True, text=True).stdout.strip()


def run_clients(port, submitter, clients, per_client, stop_after=None, on_threshold=None):
    """Returns the acknowledged submissions: (application id, version, sha256)."""
    acked, lock, failures = [], threading.Lock(), []
    fired = threading.Event()

    def client(c):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for n in range(per_client):
            try:
                conn.request("POST", "/v1/applications", body=form(c, n),
                             headers={"Authorization": f"Bearer {submitter}", "Content-Type": "application/json"})
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                if stop_after is None:
                    failures.append(f"client {c} submission {n}: connection failed")
                return
            if response.status != 201:
                failures.append(f"client {c} submission {n}: HTTP {response.status} {body[:200]!r}")
                return
            answer = json.loads(body)
            with lock:
                acked.append((answer["application"]["id"], answer["version"], answer["record"]["source"]["sha256"]))
                if stop_after is not None and len(acked) >= stop_after and not fired.is_set():
                    fired.set()
                    on_threshold()

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return acked, failures


def stored(port, staff):
    """Every version in the register: {(application id, version): sha256}."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {staff}"}
    conn.request("GET", "/v1/applications", headers=headers)
    applications = json.loads(conn.getresponse().read())
    versions = {}
    for application in applications:
        conn.request("GET", f"/v1/applications/{application['id']}/versions", headers=headers)
        for v in json.loads(conn.getresponse().read()):
            versions[(application["id"], v["number"])] = v["sha256"]
    return versions


def check(binary, db, mode, clients, per_client, log):
    staff = token(binary, db, f"{mode}-staff", "staff")
    submitter = token(binary, db, f"{mode}-submitter", "submitter")
    server = Server(binary, db, log)
    total = clients * per_client
    started = time.time()
    if mode == "load":
        acked, failures = run_clients(server.port, submitter, clients, per_client)
        elapsed = time.time() - started
        versions = stored(server.port, staff)
        server.stop()
        problems = list(failures)
        if len(acked) != total:
            problems.append(f"{len(acked)} of {total} submissions acknowledged")
        if len(versions) != len(acked):
            problems.append(f"{len(versions)} versions stored for {len(acked)} acknowledged submissions")
        if len(set((a, v) for a, v, _ in acked)) != len(acked):
            problems.append("two acknowledgements name the same version")
        for (a, v, sha) in acked:
            if versions.get((a, v)) != sha:
                problems.append(f"application {a} version {v}: acknowledged {sha}, stored {versions.get((a, v))}")
                break
        by_application = {}
        for (a, v) in versions:
            by_application.setdefault(a, []).append(v)
        for a, numbers in by_application.items():
            if sorted(numbers) != list(range(1, len(numbers) + 1)):
                problems.append(f"application {a}: versions {sorted(numbers)[:5]}… have gaps")
        print(f"load: {clients} clients x {per_client} submissions: {len(acked)} acknowledged, {len(versions)} stored, "
              f"{len(by_application)} applications, {len(acked) / elapsed:.0f} submissions/s stored ({elapsed:.1f} s)")
        return problems
    # kill: SIGKILL once a third of the load is acknowledged, while the clients keep sending.
    acked, _ = run_clients(server.port, submitter, clients, per_client, stop_after=total // 3, on_threshold=server.kill)
    server.process.wait()
    restarted = Server(binary, db, log)
    versions = stored(restarted.port, staff)
    restarted.stop()
    lost = [(a, v, sha) for (a, v, sha) in acked if versions.get((a, v)) != sha]
    print(f"kill: SIGKILL after {total // 3} acknowledgements; {len(acked)} acknowledged in all, {len(versions)} versions "
          f"stored after the restart, {len(lost)} acknowledged submissions lost")
    return [f"lost: application {a} version {v} ({sha})" for a, v, sha in lost[:10]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default=os.path.join(ROOT, ".build/debug/intake-server"))
    parser.add_argument("--db", help="SQLite file or postgres:// URL of an EMPTY register (default: a new temp file)")
    parser.add_argument("--mode", choices=["load", "kill", "both"], default="both")
    parser.add_argument("--postgres", metavar="URL",
                        help="run against PostgreSQL: a fresh database per mode is created on this server (psql) and dropped")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=200)
    args = parser.parse_args()
    problems = []
    with tempfile.TemporaryDirectory(prefix="wwc-load-check.") as work:
        log = open(os.path.join(work, "server.log"), "w")
        for mode in (["load", "kill"] if args.mode == "both" else [args.mode]):
            if args.db and args.mode == "both":
                raise SystemExit("--db names one empty register: give --mode load or --mode kill with it")
            if args.postgres:
                name = f"wwc_load_{mode}_{os.getpid()}"
                base = args.postgres.rsplit("/", 1)[0]
                subprocess.run(["psql", args.postgres, "-qc", f"CREATE DATABASE {name}"], check=True)
                try:
                    problems += check(args.server, f"{base}/{name}", mode, args.clients, args.per_client, log)
                finally:
                    subprocess.run(["psql", args.postgres, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
            else:
                db = args.db or os.path.join(work, f"{mode}.sqlite")
                problems += check(args.server, db, mode, args.clients, args.per_client, log)
        log.close()
        if problems:
            print(open(os.path.join(work, "server.log")).read()[-3000:], file=sys.stderr)
    for problem in problems:
        print("FAIL: " + problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
