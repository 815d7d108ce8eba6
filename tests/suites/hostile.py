"""The runner of tests/suites/hostile.sh, which documents the checks and
makes the scratch copy of the cases; this runs them, each run of the
program one process, so that the suite's time is the program's.

usage: hostile.py BIN WORK LIMIT JOBS  (the current folder: WORK/cases)

Prints "ok ..." and "FAIL hostile ..." lines as tests/suite-lib.sh does,
case by case in the order of the .expect files, then the summary line
"hostile: N passed, M failed"."""
import collections
import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

BIN, WORK, LIMIT_ARG, JOBS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
LIMIT = float(LIMIT_ARG)
# A run may use LIMIT seconds of processor time (its own and its
# children's); one that waits on something instead is stopped after WALL
# seconds. Neither depends on how busy the machine is, as a limit on the
# elapsed time alone would.
WALL = 5 * LIMIT
CASES = os.getcwd()
# Output is compared as grep compares it in a UTF-8 locale: bytes that are
# not UTF-8 (decoded to surrogates) match no "." and no "[^ ]".
ANY = "[^\udc80-\udcff]"
DIAG = re.compile("^(%s+: (error|warning): \\[[A-Z0-9_]+\\] |chuyende (build|report): )" % ANY)
NO_FILE = re.compile(r"^: |^:[0-9]+:[0-9]+: ")
IS_ROOT = os.getuid() == 0


def text(data):
    return data.decode("utf-8", "surrogateescape")


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def snapshot(path):
    """The regular files a case reads, by content (a folder's FIFOs,
    symlinks and the folder itself when it is a symlink are skipped, as
    `find -type f` skips them)."""
    if os.path.isdir(path):
        if os.path.islink(path):
            return []
        files = []
        for top, dirs, names in os.walk(path):
            for n in names:
                p = os.path.join(top, n)
                try:
                    if stat.S_ISREG(os.lstat(p).st_mode):
                        data = read(p)
                        if data is not None:
                            files.append((p, hashlib.sha1(data).hexdigest()))
                except OSError:
                    pass
        return sorted(files)
    if os.path.isfile(path):
        data = read(path)
        return [("", hashlib.sha1(data).hexdigest() if data is not None else None)]
    return None


def copy_tree(src, dst):
    """cp -R: symlinks stay symlinks, FIFOs are made anew, never read."""
    st = os.lstat(src)
    if stat.S_ISLNK(st.st_mode):
        os.symlink(os.readlink(src), dst)
    elif stat.S_ISDIR(st.st_mode):
        os.mkdir(dst)
        for n in sorted(os.listdir(src)):
            copy_tree(os.path.join(src, n), os.path.join(dst, n))
    elif stat.S_ISFIFO(st.st_mode):
        os.mkfifo(dst)
    elif stat.S_ISREG(st.st_mode):
        shutil.copyfile(src, dst)


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def dot_entry(tops):
    """The first name starting with "." and longer than it under tops (find
    -name '.?*', symlinks not followed)."""
    for top in tops:
        for root, dirs, names in os.walk(top):
            for n in dirs + names:
                if n.startswith(".") and len(n) > 1:
                    return os.path.join(root, n)
    return None


IFS = " \t\n"


def fields(s):
    """s split as the shell splits an unquoted $s."""
    return [f for f in re.split("[%s]+" % IFS, s) if f]


def words(line):
    """A line as `read -r key rest` splits it."""
    line = line.strip(IFS)
    m = re.match("([^%s]*)[%s]*(.*)" % (IFS, IFS), line, re.S)
    return m.group(1), m.group(2)


class Watchdog:
    """One thread for every run: a process group still running WALL
    seconds after it started gets SIGTERM, and SIGKILL a second later (as
    timeout -k 1 does)."""

    def __init__(self):
        self.lock = threading.Condition()
        self.running = {}  # pid -> [start, signals sent]
        threading.Thread(target=self.watch, daemon=True).start()

    def start(self, pid):
        with self.lock:
            self.running[pid] = [time.monotonic(), 0]

    def end(self, pid):
        """True when the run was stopped."""
        with self.lock:
            return self.running.pop(pid)[1] > 0

    def watch(self):
        while True:
            with self.lock:
                now = time.monotonic()
                for pid, run in self.running.items():
                    if run[1] < 2 and now - run[0] >= WALL + run[1]:
                        run[1] += 1
                        try:
                            os.killpg(pid, signal.SIGTERM if run[1] == 1 else signal.SIGKILL)
                        except OSError:
                            pass
                self.lock.wait(0.1)


def execute(cmd, stdin, env, out_path, err_path):
    """Runs cmd in a process group of its own; returns (status as the
    shell gives it, stopped by the wall limit, processor seconds)."""
    with open(stdin, "rb") as i, open(out_path, "wb") as o, open(err_path, "wb") as e:
        p = subprocess.Popen(cmd, stdin=i, stdout=o, stderr=e, env=env, start_new_session=True)
    WATCHDOG.start(p.pid)
    try:
        _, status, usage = os.wait4(p.pid, 0)
    finally:
        stopped = WATCHDOG.end(p.pid)
    p.returncode = os.waitstatus_to_exitcode(status)
    st = p.returncode if p.returncode >= 0 else 128 - p.returncode
    return st, stopped, usage.ru_utime + usage.ru_stime


class Case:
    def __init__(self, expect):
        self.expect = expect
        self.name = expect[: -len(".expect")]
        self.k = 0
        self.lines = []
        self.passed = self.failed = self.runs = 0
        self.slowest = (0, "")
        self.busiest = (0, "")

    def ok(self, what):
        self.passed += 1
        self.lines.append("ok " + what)

    def bad(self, what):
        self.failed += 1
        self.lines.append("FAIL hostile " + what)

    def expand(self, s, out, outdir):
        for key, value in (("{in}", self.input), ("{out}", out), ("{outdir}", outdir),
                           ("{name}", self.name), ("{work}", WORK)):
            s = s.replace(key, value)
        return s

    def run_one(self, label, template, block, which):
        """One run of one block; which: "old" | "new" | "" (render pass)."""
        self.k += 1
        d = "%s/o/%s.%d" % (WORK, self.name, self.k)
        os.makedirs(d + "/o", exist_ok=True)
        out = "%s/o/%s.pdf" % (d, which)
        outdir = d + "/out"
        if which == "old":
            with open(out, "w") as f:
                f.write("keep me\n")
        args_line = self.expand(template, out, outdir)
        expect_exit, envs, fsize, stdin, skip, partial = "", [], "", "/dev/null", "", False
        codes, nocodes, keep, absent, created = [], [], [], [], []
        for line in block:
            key, rest = words(line)
            rest = self.expand(rest, out, outdir)
            if key == "exit":
                expect_exit = rest
            elif key == "code":
                codes.append(rest)
            elif key == "nocode":
                nocodes.append(rest)
            elif key == "env":
                envs += fields(rest)
            elif key == "ulimit-f":
                fsize = rest
            elif key == "skip-as-root":
                if IS_ROOT:
                    skip = "root writes anywhere"
            elif key == "stdin":
                stdin = rest
            elif key == "seed":
                os.makedirs(os.path.dirname(rest) or ".", exist_ok=True)
                with open(rest, "w") as f:
                    f.write("keep me\n")
                keep.append(rest)
            elif key == "keep":
                keep.append(rest)
            elif key == "absent":
                absent.append(rest)
            elif key == "created":
                created.append(rest)
            elif key == "partial":
                partial = True
        kept = [(f, read(f)) for f in keep]
        if skip:
            self.lines.append("skip %s: %s (%s)" % (self.name, label, skip))
            return

        env = dict(os.environ)
        for assignment in envs:
            var, _, value = assignment.partition("=")
            env[var] = value
        cmd = [BIN] + fields(args_line)
        if fsize:
            cmd = ["sh", "-c", 'trap "" XFSZ; ulimit -f "$0"; exec "$@"', fsize] + cmd
        t0 = time.monotonic()
        st, stopped, cpu = execute(cmd, stdin, env, d + "/stdout", d + "/stderr")
        ms = int((time.monotonic() - t0) * 1000)
        cpu_ms = int(cpu * 1000)
        self.runs += 1
        self.slowest = max(self.slowest, (ms, "%s: %s" % (self.name, label)))
        self.busiest = max(self.busiest, (cpu_ms, "%s: %s" % (self.name, label)))
        stdout, stderr = read(d + "/stdout"), read(d + "/stderr")
        every = text(stdout + stderr)
        lines = every.split("\n")
        if lines[-1] == "":
            lines.pop()

        why = []
        if stopped or st in (124, 137):
            why.append("timed out after %ss" % format_seconds(WALL))
        elif cpu > LIMIT:
            why.append("timed out: %d ms of processor time, more than %ss" % (cpu_ms, LIMIT_ARG))
        elif st >= 128:
            why.append("crashed (exit %d)" % st)
        elif expect_exit and str(st) != expect_exit:
            why.append("exit %d, expected %s" % (st, expect_exit))
        err = text(stderr)
        if "Sanitizer" in err or "runtime error:" in err:
            why.append("sanitizer report")
        # "code CODE FILE:LINE:COL", "code CODE FILE:LINE:" (any column),
        # "code CODE FILE" (the file, with or without a position), "code CODE"
        for spec in codes:
            code, loc = words(spec)
            if not code:
                continue
            c = " [%s] " % code
            found = False
            for line in lines:
                if c in line and line.startswith(loc):
                    rest = line[len(loc):]
                    if (loc == "" or loc.endswith(":") and re.match(r"[0-9]+: ", rest)
                            or re.match(r"(:[0-9]+:[0-9]+)?: ", rest)):
                        found = True
                        break
            if not found:
                why.append("no [%s]%s" % (code, " at " + loc if loc else ""))
        for code in nocodes:
            # a line's own code, not text quoted in its message
            code = code.strip(IFS)
            own = re.compile(r"^[^ \udc80-\udcff]* (error|warning): \[%s\]" % code)
            if any(own.search(line) for line in lines):
                why.append("[%s] printed" % code)
        if st != 2 and st < 124:
            # every line a diagnostic naming a file; "error:" exactly when failing
            other = [line for line in lines if not DIAG.match(line)]
            if other:
                why.append("a line that is not a diagnostic: " + cut(other[0], 80))
            if any(NO_FILE.match(line) for line in lines):
                why.append("a diagnostic names no file")
            twice = sorted(line for line, n in collections.Counter(lines).items() if n > 1)
            if twice:
                why.append("printed twice: " + cut(twice[0], 80))
            errors = any(": error: [" in line for line in lines)
            if st == 0 and errors:
                why.append("an error printed with exit 0")
            if st != 0 and not errors:
                why.append("exit %d with no error printed" % st)
        if not args_line.startswith("check") and st != 0 and not partial and stdout:
            why.append("wrote to standard output although it failed")
        # the render target: replaced only on success, never a temporary left
        if which:
            left = "".join(n + " " for n in sorted(os.listdir(d + "/o")))
            if st == 0 or partial and st == 1:
                if left != which + ".pdf ":
                    why.append("output folder holds: " + left)
                head = read(out)
                if head is None or not head.startswith(b"%PDF"):
                    why.append("no PDF written")
            elif which == "old":
                if (read(out) or b"").rstrip(b"\n") != b"keep me":
                    why.append("the existing output was changed")
                if left != "old.pdf ":
                    why.append("output folder holds: " + left)
            elif left:
                why.append("output folder holds: " + left)
        for f, before in kept:
            if before is None or read(f) != before:
                why.append(f + " changed")
        for f in absent:
            if os.path.exists(f):
                why.append(f + " was written")
        for f in created:
            try:
                if os.path.getsize(f) == 0:
                    why.append(f + " missing")
            except OSError:
                why.append(f + " missing")
        changed = snapshot(self.input) != self.snap
        if changed:
            why.append("the input changed")
        # its own folders here; the shared cases' folder once all have run
        tmp = dot_entry([d] + ([self.input] if os.path.isdir(self.input) and not os.path.islink(self.input) else []))
        if tmp:
            why.append("temporary file left: " + tmp)

        if not why:
            self.ok("%s: %s (%d ms)" % (self.name, label, ms))
        else:
            self.bad("%s: %s: %s" % (self.name, label, "; ".join(why)))
            self.lines += [cut("    " + line, 200) for line in lines[:5]]
            # a failed run may have damaged the input: restore it for the next
            if changed:
                remove(self.input)
                copy_tree(self.orig, self.input)

    def run_block(self, label, template, block):
        """A block for the command template: twice when it renders to {out}."""
        if "{out}" in template:
            self.run_one(label + " (onto an existing file)", template, block, "old")
            self.run_one(label + " (onto a new path)", template, block, "new")
        else:
            self.run_one(label, template, block, "")

    def run(self):
        name = self.name
        if os.path.isfile(name + ".yaml"):
            self.input, render = name + ".yaml", "agenda"
        elif os.path.isfile(name + ".md"):
            self.input, render = name + ".md", "paper"
        elif os.path.exists(name):
            self.input, render = name, ""
        else:
            self.bad(name + ": no input")
            return self
        self.snap = snapshot(self.input)
        self.orig = "%s/snap/%s.orig" % (WORK, name)
        copy_tree(self.input, self.orig)
        with open(self.expect, encoding="utf-8", errors="surrogateescape") as f:
            expect = f.read().split("\n")
        if expect[-1] == "":
            expect.pop()
        if any(line.startswith("run ") for line in expect):
            template, block = None, []
            for line in expect:
                if line.startswith("#") or line == "":
                    continue
                if line.startswith("run "):
                    if template is not None:
                        self.run_block(template, template, block)
                    template, block = line[4:], []
                else:
                    block.append(line)
            if template is not None:
                self.run_block(template, template, block)
        else:
            block = [line for line in expect if not line.startswith("#")]
            self.run_block("check", "check {in}", block)
            if render:
                self.run_block(render, render + " {in} -o {out}", block)
        return self


def cut(s, n):
    """cut -c1-N, which counts bytes."""
    return s.encode("utf-8", "surrogateescape")[:n].decode("utf-8", "surrogateescape")


def format_seconds(s):
    return ("%g" % s)


def guarded(case):
    try:
        return case.run()
    except Exception as e:  # the harness's own failure is the case's
        case.bad("%s: the harness failed: %r" % (case.name, e))
        return case


WATCHDOG = None


def main():
    global WATCHDOG
    WATCHDOG = Watchdog()
    sys.stdout.reconfigure(errors="surrogateescape")
    os.makedirs(WORK + "/o", exist_ok=True)
    os.makedirs(WORK + "/snap", exist_ok=True)
    cases = [Case(n) for n in sorted(os.listdir(".")) if n.endswith(".expect")]
    passed = failed = runs = 0
    slowest = busiest = (0, "")
    with ThreadPoolExecutor(max_workers=max(1, JOBS)) as pool:
        for case in pool.map(guarded, cases):
            for line in case.lines:
                print(line)
            sys.stdout.flush()
            passed += case.passed
            failed += case.failed
            runs += case.runs
            slowest = max(slowest, case.slowest)
            busiest = max(busiest, case.busiest)
    tmp = dot_entry([CASES])
    if tmp is None:
        passed += 1
        print("ok no temporary file left among the cases")
    else:
        failed += 1
        print("FAIL hostile temporary file left: " + tmp)
    print("hostile: %d runs; the slowest took %d ms (%s), the busiest %d ms of processor time (%s); "
          "limit %ss of processor time, %ss in all" % (runs, slowest[0], slowest[1], busiest[0], busiest[1],
                                                      LIMIT_ARG, format_seconds(WALL)))
    print("hostile: %d passed, %d failed" % (passed, failed))


main()
