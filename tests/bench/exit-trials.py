#!/usr/bin/env python3
"""Sends a signal to `gradex run` at a random moment of meta-training, many times; counts crashes.

Issue 18's reproduction (BENCHMARKS.md, "SIGTERM during training"). Each trial copies the
problem's data and run.yaml (from `gradex problem real-text`, whose run.yaml has `out: "."`) into a
fresh directory, starts the CLI jar as ./gradex does (its report in the trial directory), waits
for the first `meta-train steps` line, sleeps a uniform 0..MAX_DELAY s, sends the signal and
records the exit code and whether an hs_err report appeared. Directories of crashed trials are
kept. Usage:

  exit-trials.py JAR PROBLEM_DIR TRIALS SIGTERM|SIGINT WORK_DIR [MAX_DELAY [SEED]]
"""
import glob, os, random, shutil, signal, subprocess, sys, time

jar, problem, n, sig, base = sys.argv[1], sys.argv[2], int(sys.argv[3]), getattr(signal, sys.argv[4]), sys.argv[5]
max_delay = float(sys.argv[6]) if len(sys.argv) > 6 else 8.0
rng = random.Random(int(sys.argv[7]) if len(sys.argv) > 7 else 1)
shutil.rmtree(base, ignore_errors=True)
os.makedirs(base)
counts = {}
for i in range(n):
    d = f"{base}/t{i}"
    os.makedirs(d)
    shutil.copytree(f"{problem}/data", f"{d}/data")
    shutil.copy(f"{problem}/run.yaml", d)
    cmd = ["nice", "-n", "10", "java", f"-XX:ErrorFile={d}/hs_err_pid%p.log", "-jar", jar, "run", "run.yaml"]
    with open(f"{d}/log", "wb") as log:
        # SIGINT is ignored in background jobs of a non-interactive shell; the JVM keeps it so
        p = subprocess.Popen(cmd, cwd=d, stdout=log, stderr=subprocess.STDOUT,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    t0 = time.time()
    while time.time() - t0 < 120 and b"meta-train steps" not in open(f"{d}/log", "rb").read():
        time.sleep(0.1)
    delay = rng.uniform(0, max_delay)
    time.sleep(delay)
    sent = time.time()
    p.send_signal(sig)
    try:
        rc = p.wait(180)
        rc = 128 - rc if rc < 0 else rc
    except subprocess.TimeoutExpired:
        p.kill()
        rc = "hang"
    reports = glob.glob(f"{d}/hs_err_pid*.log")
    frame = ""
    for line in open(reports[0], errors="replace") if reports else []:
        if line.startswith("# C  ") or line.startswith("# V  "):
            frame = line[2:].strip()
            break
    counts[(rc, bool(reports))] = counts.get((rc, bool(reports)), 0) + 1
    print(f"trial {i}: delay {delay:.2f} s, exit {rc} after {time.time() - sent:.1f} s,"
          f" hs_err {len(reports)} {frame}", flush=True)
    if not reports:
        shutil.rmtree(d)
print("summary (exit, hs_err) -> trials:", counts, flush=True)
