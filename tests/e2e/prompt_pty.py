#!/usr/bin/env python3
"""prompt_pty.py - drive coda's interactive prompt in a pseudo-terminal, as
a person types at it: keys in, screen text out.

    python3 tests/e2e/prompt_pty.py CODA

Each case starts coda with HOME set to a fresh folder, types keys and waits
for the text it expects on the terminal.  A case that never sees its text
fails when coda stops writing for WAIT seconds (a guard against a hang, not
a measure of speed).  Prints PASS/FAIL lines and "N passed, M failed";
exits 1 on a failure.  Standard library only.
"""
import os
import pty
import re
import select
import shutil
import sys
import tempfile
import termios
import time

WAIT = 20
UP, LEFT, TAB, CTRL_D = "\x1b[A", "\x1b[D", "\t", "\x04"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Prompt:
    """coda running in a pseudo-terminal."""

    def __init__(self, coda, home):
        env = dict(os.environ, HOME=home, TERM="xterm")
        env.pop("EDITRC", None)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(ROOT)
            os.execve(coda, [coda], env)
        self.seen = ""
        self.log = ""   # everything shown, for what must never appear

    def type(self, keys):
        """Wait for the prompt, as a person does, then type keys (what is
        typed before the line editor reads would reach the terminal's
        own line discipline instead)."""
        self.expect("> ")
        self.wait_editing()
        os.write(self.fd, keys.encode())

    def wait_editing(self):
        """Wait until the line editor has the terminal in its raw mode
        (ICANON off), which the pseudo-terminal's master can see."""
        for _ in range(WAIT * 100):
            if not termios.tcgetattr(self.fd)[3] & termios.ICANON:
                return
            time.sleep(0.01)
        raise AssertionError("the terminal never left line mode")

    def expect(self, text):
        """Read until the screen output (escape sequences removed) holds text
        after what earlier expectations consumed."""
        while True:
            plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r", "", self.seen)
            at = plain.find(text)
            if at >= 0:
                self.seen = plain[at + len(text):]
                return
            ready, _, _ = select.select([self.fd], [], [], WAIT)
            if not ready:
                raise AssertionError("no %r on the screen; it shows %r"
                                     % (text, plain[-300:]))
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                raise AssertionError("coda ended before %r; it showed %r"
                                     % (text, plain[-300:]))
            self.seen += chunk.decode("utf-8", "replace")
            self.log += chunk.decode("utf-8", "replace")

    def finish(self):
        """Ctrl-D; returns coda's exit status."""
        self.type(CTRL_D)
        try:
            while select.select([self.fd], [], [], WAIT)[0]:
                if not os.read(self.fd, 4096):
                    break
            else:
                os.kill(self.pid, 9)
                raise AssertionError("coda did not leave on Ctrl-D: %r" % self.log[-400:])
        except OSError:
            pass
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def case_arrows(coda, home):
    p = Prompt(coda, home)
    p.expect("loaded as 'coda'")
    p.type("x = 41\r")
    p.type("x + 1\r")
    p.expect("42")
    p.type(UP + "\x7f" + "9\r")          # Up recalls "x + 1": now x + 9
    p.expect("50")
    p.type("1+2" + LEFT + LEFT + "0\r")  # Left twice: 10+2
    p.expect("12")
    assert p.finish() == 0
    assert "error" not in p.log and "\\27" not in p.log, p.log


def case_history_across_sessions(coda, home):
    p = Prompt(coda, home)
    p.type('"hist" .. 6 * 7\r')
    p.expect("hist42")
    assert p.finish() == 0
    assert os.path.exists(os.path.join(home, ".coda_history"))
    p = Prompt(coda, home)
    p.expect("loaded as 'coda'")
    p.type(UP + "\r")
    p.expect("hist42")
    assert p.finish() == 0


def case_local_survives(coda, home):
    p = Prompt(coda, home)
    p.type("local y = 5\r")
    p.type("y * 2\r")
    p.expect("10")
    assert p.finish() == 0


def case_complete_method_and_column(coda, home):
    p = Prompt(coda, home)
    p.type('ds = coda.read_csv("datasets/examples/survey.csv")\r')
    p.type("ds:nr" + TAB + "()\r")       # ds:nrow()
    p.expect("12")
    p.type('ds:frequency("sta' + TAB + '")\r')  # the column state
    p.expect("Maharashtra")
    p.type("coda.read_cs" + TAB + "\x01print(\x05)\r")  # a module function
    p.expect("function: ")
    assert p.finish() == 0


def case_history_unwritable(coda, home):
    missing = os.path.join(home, "no", "such", "folder")
    p = Prompt(coda, missing)
    p.type("1 + 1\r")
    p.expect("cannot save the history")
    p.expect("2")
    p.type("2 + 2\r")
    p.expect("4")
    assert p.finish() == 0
    assert p.log.count("cannot save") == 1, p.log   # said once


def main():
    coda = os.path.abspath(sys.argv[1])
    passed = failed = 0
    for name, case in [(n, f) for n, f in globals().items()
                       if n.startswith("case_")]:
        home = tempfile.mkdtemp(prefix="coda-prompt-")
        try:
            case(coda, home)
            print("PASS", name[5:])
            passed += 1
        except AssertionError as e:
            print("FAIL", name[5:], "\n   ", e)
            failed += 1
        finally:
            shutil.rmtree(home, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
