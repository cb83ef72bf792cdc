"""Data safety of everything kbgen writes into content/ and other user files.

One writer at a time per content folder; a run's changes all or none; line endings, byte-order
marks, comments, modes and symlinks of existing files kept; temp files recognisable and
cleaned; special targets (stdout, FIFOs) written directly; nothing outside the `kbgen:` block
ever changed by an evidence refresh.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.cli import cli
from kbgen.content.lock import LOCK_NAME, content_lock
from kbgen.content.splice import outside_evidence, splice_evidence
from kbgen.errors import ContentError, KbgenError
from kbgen.writes import TMP_MARK, FileChanges, atomic_write
from tests.conftest import FakeEmbedder
from tests.test_drafts import REFUND_ANSWER, drafted, suggest, write_tickets

ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """Every file, link and folder under `folder`: kind, bytes (or link target), mode."""
    out: dict[str, tuple[str, bytes | str, int]] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        st = os.lstat(path)
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path), 0)
        elif path.is_dir():
            out[rel] = ("dir", b"", stat.S_IMODE(st.st_mode))
        else:
            out[rel] = ("file", path.read_bytes(), stat.S_IMODE(st.st_mode))
    return out


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if TMP_MARK in p.name or p.name.endswith(".tmp")]


def one_line_error(err: str) -> None:
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture
def project(fake_embedder: FakeEmbedder, tmp_path: Path) -> tuple[Path, Path]:
    """content/ with the two drafts of a first run, and a grown export for a second run
    (evidence refreshes of both drafts plus nothing new) and one with a new issue."""
    tickets = write_tickets(tmp_path / "t.csv")
    content = tmp_path / "content"
    code, _, err = suggest(tickets, content, "--write")
    assert code == 0, err
    return content, write_tickets(tmp_path / "t2.csv", extra=5)


def refund_file(content: Path) -> Path:
    return next(p for p in content.rglob("*.md") if REFUND_ANSWER in p.read_text("utf-8"))


# --- 1. one writer at a time -----------------------------------------------------------------

RUN_KBGEN = """
import sys
from kbgen import embed
from tests.conftest import FakeEmbedder
fake, original = FakeEmbedder(), embed.load_embedder
embed.load_embedder = lambda name=None: (
    fake if embed.resolve_model_name(name) == "fake" else original(name))
from kbgen.cli import cli
cli(sys.argv[1:], prog_name="kbgen")
"""


def kbgen_process(*args: str, stdout: object = subprocess.PIPE) -> subprocess.Popen[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "KBGEN_MODEL": "fake"}
    return subprocess.Popen(
        [sys.executable, "-c", RUN_KBGEN, *args],
        env=environ,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_concurrent_write_runs_draft_each_issue_once(tmp_path: Path) -> None:
    tickets = write_tickets(tmp_path / "t.csv")
    content = tmp_path / "content"
    args = ("suggest", str(tickets), "--content", str(content), "--min-size", "3", "--write")
    runs = [kbgen_process(*args) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], results
    files = sorted(str(p.relative_to(content)) for p in content.rglob("*.md"))
    assert len(files) == 2, files  # not x.md and x-2.md for every issue
    check = CliRunner().invoke(cli, ["check", str(content)])
    assert check.exit_code == 0, check.output
    assert not (content / LOCK_NAME).exists() and temps(content) == []


def test_overlapping_write_runs_in_threads_draft_each_issue_once(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs forced to overlap: the first pauses after reading content/ until the second
    has started its drafting step too. Without a lock both see no articles and both draft."""
    from kbgen import pipeline
    from kbgen.content import coverage

    tickets = write_tickets(tmp_path / "t.csv")
    content = tmp_path / "content"
    drafting = threading.Semaphore(0)
    real_check, checks = coverage.check, [0]

    class Reporter(pipeline.SilentReporter):
        def progress(self, label: str, total: int):  # type: ignore[no-untyped-def]
            if label == "Drafting":
                drafting.release()
            return super().progress(label, total)

    def check(*args: object, **kwargs: object) -> object:
        checks[0] += 1
        if checks[0] == 1:  # the first run has read content/: wait for the second to come
            drafting.acquire(timeout=60)  # its own release
            drafting.acquire(timeout=60)  # the other run's
            time.sleep(0.5)  # time for it to read content/ too, unless something stops it
        return real_check(*args, **kwargs)

    monkeypatch.setattr(coverage, "check", check)
    options = pipeline.SuggestOptions(min_size=3, content_dir=content, write=True)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            pipeline.suggest(tickets, options, embedder=fake_embedder, reporter=Reporter())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert errors == [] and checks[0] == 2
    assert len(drafted(content)) == 2, sorted(drafted(content))
    assert CliRunner().invoke(cli, ["check", str(content)]).exit_code == 0


def test_a_second_writer_waits_for_the_first(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kbgen.content import lock

    tickets = write_tickets(tmp_path / "t.csv")
    content = tmp_path / "content"
    held, waiting = threading.Event(), threading.Event()
    real_holder = lock._holder

    def holder(path: Path) -> str:  # asked when a run finds the lock taken
        waiting.set()
        return real_holder(path)

    monkeypatch.setattr(lock, "_holder", holder)

    def first_run() -> None:
        with content_lock(content):
            held.set()
            waiting.wait(120)
            time.sleep(0.3)
            atomic_write(content / "orders" / "marker.md", "not an entry\n")

    thread = threading.Thread(target=first_run)
    thread.start()
    held.wait(10)
    code, data, err = suggest(tickets, content, "--write")
    thread.join()
    assert code == 0, err
    assert waiting.is_set() and "waiting for another kbgen run" in err
    assert (content / "orders" / "marker.md").exists()  # it read content/ after the first
    assert len(drafted(content)) == 3


def test_lock_timeout_is_one_clear_error(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, grown = project
    before = snapshot(content)
    monkeypatch.setenv("KBGEN_LOCK_TIMEOUT", "0.5")
    with content_lock(content):
        (content / LOCK_NAME).write_text("4242\n")  # what a holder writes: its pid
        code, _, err = suggest(grown, content, "--write")
        published = CliRunner().invoke(cli, ["publish", str(refund_file(content))])
    assert code == 1
    one_line_error(err[err.index("Error: ") :])
    assert "another kbgen run (pid 4242) is writing to" in err and "KBGEN_LOCK_TIMEOUT" in err
    assert published.exit_code == 1 and "another kbgen run" in published.stderr
    assert snapshot(content) == before


def test_a_killed_run_neither_blocks_the_next_nor_leaves_its_temp_files(
    project: tuple[Path, Path],
) -> None:
    import signal

    content, grown = project
    killed = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, str(content)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert killed.stdout is not None and killed.stdout.readline() == "writing\n"
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(30)
    orphan = next(content.rglob(f"*{TMP_MARK}*"))
    assert (content / LOCK_NAME).exists()  # left behind, but no longer held
    code, _, err = suggest(grown, content, "--write")
    assert code == 0, err
    assert "waiting" not in err
    assert not orphan.exists() and not (content / LOCK_NAME).exists()


KILLED_RUN = """
import sys, time
from pathlib import Path
from kbgen.content.lock import content_lock
from kbgen.writes import temp_path
content = Path(sys.argv[1])
with content_lock(content):
    temp_path(next(content.rglob("*.md"))).write_text("half a draft")
    print("writing", flush=True)
    time.sleep(120)
"""


def test_bad_lock_timeout_setting_is_one_clear_error(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, grown = project
    monkeypatch.setenv("KBGEN_LOCK_TIMEOUT", "soon")
    code, _, err = suggest(grown, content, "--write")
    assert code == 1 and "KBGEN_LOCK_TIMEOUT must be a number" in err


def test_plan_only_run_needs_no_lock(project: tuple[Path, Path]) -> None:
    content, grown = project
    with content_lock(content, timeout=0):
        code, data, _ = suggest(grown, content)  # no --write: reads only, never waits
    assert code == 0 and data["issues"]


def test_lock_made_for_a_new_content_folder_is_removed_with_it(tmp_path: Path) -> None:
    content = tmp_path / "fresh" / "content"
    with content_lock(content):
        assert (content / LOCK_NAME).is_file()
    assert not (tmp_path / "fresh").exists()


# --- 2. all or nothing -----------------------------------------------------------------------


def fail_nth(monkeypatch: pytest.MonkeyPatch, name: str, n: int, under: Path) -> list[int]:
    """Make the n-th call of os.<name> on a path under `under` fail with ENOSPC (other calls,
    e.g. the saved state in KBGEN_HOME, pass); returns the call counter."""
    real = getattr(os, name)
    calls = [0]

    def failing(*args: object, **kwargs: object) -> object:
        if any(str(a).startswith(str(under)) for a in args):
            calls[0] += 1
            if calls[0] == n:
                raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)
    return calls


def grown_with_new_issue(tmp_path: Path) -> Path:
    """A second export: both drafted issues grew (two evidence refreshes), and a third
    recurring issue is new (a new draft): three files to write."""
    import csv

    path = write_tickets(tmp_path / "t3.csv", extra=5)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for i in range(5):
            writer.writerow([f"S{i}", "2026-11-20", f"Where is my parcel tracking number {i}?", ""])
            writer.writerow([f"Q{i}", "2026-11-21", f"I forgot my password, cannot log in {i}", ""])
    return path


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("call", ["replace", "open"])
def test_nth_write_failing_leaves_content_byte_identical(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, n: int
) -> None:
    content, _ = project
    tickets = grown_with_new_issue(tmp_path)
    before = snapshot(content)
    calls = fail_nth(monkeypatch, call, n, content)
    code, _, err = suggest(tickets, content, "--write")
    assert calls[0] >= n  # the run got as far as the n-th write
    assert code == 1 and "No space left on device" in err and "Traceback" not in err
    assert snapshot(content) == before
    monkeypatch.undo()
    code, data, err = suggest(tickets, content, "--write")  # and a later run works
    assert code == 0, err
    assert len(drafted(content)) == 3


def test_ctrl_c_during_the_commit_undoes_it(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, _ = project
    tickets = grown_with_new_issue(tmp_path)
    before = snapshot(content)
    real, calls = os.replace, [0]

    def interrupted(src: object, dst: object) -> None:
        if str(dst).startswith(str(content)):
            calls[0] += 1
            if calls[0] == 3:
                raise KeyboardInterrupt
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", interrupted)
    code, _, err = suggest(tickets, content, "--write")
    assert code == 130 and "Interrupted." in err
    assert snapshot(content) == before


def test_file_system_without_locks_still_writes(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl

    def no_locks(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    content = tmp_path / "content"
    code, _, err = suggest(write_tickets(tmp_path / "t.csv"), content, "--write")
    assert code == 0 and "cannot lock" in err and "No locks available" in err
    assert len(drafted(content)) == 2 and not (content / LOCK_NAME).exists()


def test_failure_mid_drafting_writes_nothing(
    project: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, _ = project
    tickets = grown_with_new_issue(tmp_path)
    before = snapshot(content)
    from kbgen.content import draft

    real, seen = draft.evidence_for, [0]

    def evidence_then_fail(*args: object, **kwargs: object) -> object:
        seen[0] += 1
        if seen[0] == 3:  # two issues already staged
            raise ContentError("simulated failure while drafting")
        return real(*args, **kwargs)

    monkeypatch.setattr(draft, "evidence_for", evidence_then_fail)
    code, _, err = suggest(tickets, content, "--write")
    assert code == 1 and "simulated failure" in err
    assert snapshot(content) == before
    assert not (content / LOCK_NAME).exists()


def test_failed_run_in_a_fresh_project_leaves_no_folder(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    fail_nth(monkeypatch, "replace", 2, content)
    code, _, err = suggest(write_tickets(tmp_path / "t.csv"), content, "--write")
    assert code == 1 and "nothing was written" in err
    assert not content.exists()


def test_assignments_and_drafts_commit_together(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = tmp_path / "content", tmp_path / "assign.jsonl"
    out.write_text("previous results\n")
    real = os.replace

    def refuse_assignments(src: object, dst: object) -> None:
        if str(dst).endswith("assign.jsonl"):
            raise OSError(13, "Permission denied")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refuse_assignments)
    code, _, err = suggest(
        write_tickets(tmp_path / "t.csv"), content, "--write", "--assignments", str(out)
    )
    assert code == 1 and "Permission denied" in err
    assert out.read_text() == "previous results\n"
    assert not content.exists()  # the drafts were rolled back with it


def test_file_edited_during_the_run_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "entry.md"
    path.write_bytes(b"old\n")
    with FileChanges() as changes:
        changes.update(path, "kbgen's version\n", b"old\n")
        path.write_bytes(b"the person's edit\n")  # saved in an editor meanwhile
        with pytest.raises(KbgenError, match="changed while kbgen was running"):
            changes.commit()
    assert path.read_bytes() == b"the person's edit\n"
    assert temps(tmp_path) == []


# --- 3. properties of existing files -----------------------------------------------------------


def test_crlf_file_stays_crlf_on_refresh_and_publish(project: tuple[Path, Path]) -> None:
    content, grown = project
    path = refund_file(content)
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    code, _, err = suggest(grown, content, "--write")
    assert code == 0, err
    refreshed = path.read_bytes()
    assert refreshed != crlf and b"questions: 12\r\n" in refreshed
    assert refreshed.count(b"\n") == refreshed.count(b"\r\n")
    published = CliRunner().invoke(cli, ["publish", str(path)])
    assert published.exit_code == 0, published.output
    assert path.read_bytes() == refreshed.replace(b"status: draft\r\n", b"status: published\r\n")


def test_comment_after_the_block_is_kept() -> None:
    text = (
        "---\ntitle: Refund?\nkbgen:\n  issue: i-1\n  questions: 3\n"
        "# the owner: keep the title short\n  # and indented too\n\ntags: [a]\n---\nBody\n"
    )
    new = splice_evidence(text, {"issue": "i-1", "questions": 9})
    assert new == text.replace("questions: 3", "questions: 9")


@pytest.mark.parametrize("key", ['"kbgen"', "'kbgen'"])
def test_quoted_kbgen_key_is_recognised(key: str) -> None:
    text = f"---\ntitle: Refund?\n{key}:\n  issue: i-1\n  questions: 3\nstatus: draft\n---\nB\n"
    new = splice_evidence(text, {"issue": "i-1", "questions": 9})
    assert new.count("kbgen") == 1 and "questions: 9" in new and "questions: 3" not in new
    assert yaml.safe_load(new.split("---")[1])["kbgen"]["questions"] == 9


def test_two_kbgen_blocks_are_left_alone(project: tuple[Path, Path]) -> None:
    content, grown = project
    path = refund_file(content)
    text = path.read_text("utf-8").replace("status: draft", "status: draft\n'kbgen': {}", 1)
    path.write_text(text, "utf-8")
    code, _, err = suggest(grown, content, "--write")
    assert code == 0 and "more than one 'kbgen' block" in err
    assert path.read_text("utf-8") == text


def test_modes_are_kept_and_new_files_follow_the_umask(project: tuple[Path, Path]) -> None:
    content, grown = project
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    for path in content.rglob("*.md"):  # drafted by the first run
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~old_umask
    path = refund_file(content)
    path.chmod(0o640)
    code, _, err = suggest(grown, content, "--write")
    assert code == 0, err
    assert "questions: 12" in path.read_text("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_symlinked_entry_stays_a_symlink(project: tuple[Path, Path], tmp_path: Path) -> None:
    content, grown = project
    path = refund_file(content)
    elsewhere = tmp_path / "shared" / "refund.md"
    elsewhere.parent.mkdir()
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    code, _, err = suggest(grown, content, "--write")
    assert code == 0, err
    assert path.is_symlink() and "questions: 12" in elsewhere.read_text("utf-8")
    published = CliRunner().invoke(cli, ["publish", str(path)])
    assert published.exit_code == 0, published.output
    assert path.is_symlink() and "status: published" in elsewhere.read_text("utf-8")
    assert temps(tmp_path / "shared") == []


def test_symlinked_assignments_file_stays_a_symlink(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "assign.jsonl"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "assign.jsonl"
    link.symlink_to(target)
    code, _, err = suggest(write_tickets(tmp_path / "t.csv"), tmp_path / "c", "--assignments",
                           str(link))  # fmt: skip
    assert code == 0, err
    assert link.is_symlink() and target.read_text().count('"cluster"') == 16


def test_orphan_temp_files_are_removed(project: tuple[Path, Path]) -> None:
    content, grown = project
    folder = refund_file(content).parent
    orphan = folder / f".x.md{TMP_MARK}0badf00d"  # a killed run's
    orphan.write_text("half")
    old_style = folder / ".x.md.k3j_a9zq.tmp"  # an older kbgen's mkstemp name, a day old
    old_style.write_text("half")
    os.utime(old_style, (time.time() - 86400,) * 2)
    recent = folder / ".y.md.abcdefgh.tmp"  # maybe another tool's, and new: kept
    recent.write_text("x")
    person = folder / ".notes"
    person.write_text("mine")
    code, _, err = suggest(grown, content, "--write")
    assert code == 0, err
    assert not orphan.exists() and not old_style.exists()
    assert recent.exists() and person.read_text() == "mine"


def test_stale_temp_beside_an_assignments_file_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "assign.jsonl"
    stale = tmp_path / f".assign.jsonl{TMP_MARK}deadbeef"
    fresh = tmp_path / f".assign.jsonl{TMP_MARK}cafecafe"  # maybe a live run's: kept
    stale.write_text("x")
    fresh.write_text("x")
    os.utime(stale, (time.time() - 7200,) * 2)
    atomic_write(out, "new\n")
    assert out.read_text() == "new\n" and not stale.exists() and fresh.exists()


def test_old_style_orphan_beside_a_file_is_removed_and_private_files_stay_private(
    tmp_path: Path,
) -> None:
    out = tmp_path / "state.npz"
    old_style = tmp_path / ".state.npz.a1b2c3d4.tmp"  # an older kbgen's, from a killed run
    old_style.write_text("x")
    os.utime(old_style, (time.time() - 7200,) * 2)
    atomic_write(out, b"data", private=True)
    assert not old_style.exists()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_state_under_kbgen_home_is_private(kbgen_home: Path) -> None:
    path = kbgen_home / "runs" / "x.npz"
    atomic_write(path, b"state")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_dangling_symlink_is_not_taken_for_a_free_name(project: tuple[Path, Path]) -> None:
    content, _ = project
    refund = refund_file(content)
    refund.unlink()  # the issue is new again, and its old name is now a dangling link
    refund.symlink_to(content / "nowhere.md")
    tickets = write_tickets(content.parent / "t4.csv")
    code, data, err = suggest(tickets, content, "--write")
    assert code == 0, err
    assert refund.is_symlink() and not (content / "nowhere.md").exists()
    assert any(p.name.endswith("-2.md") for p in refund.parent.iterdir())


# --- 4. special targets -------------------------------------------------------------------------


def test_paths_naming_open_descriptors(tmp_path: Path) -> None:
    from kbgen.writes import is_special, open_fd

    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")
    assert [open_fd(p) for p in ("/dev/stdout", "/dev/fd/3", "/proc/self/fd/2", link)] == [
        1, 3, 2, 1
    ]  # fmt: skip
    assert open_fd(tmp_path / "file") is None and open_fd("/proc/1/fd/1") is None
    assert is_special("-") and is_special(link) and not is_special(tmp_path / "new.jsonl")


def test_assignments_to_stdout_with_dash(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    tickets = write_tickets(tmp_path / "t.csv")
    result = CliRunner().invoke(
        cli, ["suggest", str(tickets), "--min-size", "3", "-f", "json", "--assignments", "-"]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith('{"id"')]
    assert len(rows) == 16
    assert not (tmp_path / "-").exists()


def test_assignments_to_a_fifo_and_a_link_to_one(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    """/dev/stdout is a link to a pipe: the same shape as `link` here."""
    tickets = write_tickets(tmp_path / "t.csv")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    for target in (fifo, link):
        got: list[bytes] = []
        reader = threading.Thread(target=lambda got=got: got.append(fifo.read_bytes()), daemon=True)
        reader.start()
        code, _, err = suggest(tickets, tmp_path / "c", "--assignments", str(target))
        reader.join(5)
        if reader.is_alive():  # nothing was written to the FIFO: unblock the reader
            with contextlib.suppress(OSError):  # ENXIO: it closed its end meanwhile
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(30)
        assert code == 0, err
        assert got and got[0].count(b'"cluster"') == 16
        assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()


def test_fifo_nobody_reads_is_one_clear_error(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kbgen import writes

    monkeypatch.setattr(writes, "FIFO_WAIT", 0.3)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = suggest(write_tickets(tmp_path / "t.csv"), tmp_path / "c", "--assignments",
                           str(fifo))  # fmt: skip
    assert code == 1 and "nothing reads from this pipe" in err
    one_line_error(err[err.index("Error: ") :])
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("redirect", ["pipe", "file"])
def test_subprocess_assignments_to_a_link_to_stdout(tmp_path: Path, redirect: str) -> None:
    """`--assignments /dev/stdout`, with a link of the same shape (to /proc/self/fd/1) in
    tmp_path, so a broken kbgen run as root could never replace the system's /dev/stdout.
    With stdout sent to a file (`> out.txt`), the file gets the assignments and the table."""
    tickets = write_tickets(tmp_path / "t.csv")
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    args = ("suggest", str(tickets), "--min-size", "3", "-q", "--assignments", str(stdout))
    out_file = tmp_path / "out.txt"
    with out_file.open("w") as sink:
        proc = kbgen_process(*args, stdout=sink if redirect == "file" else subprocess.PIPE)
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    out = out if redirect == "pipe" else out_file.read_text()
    assert out.count('"cluster"') == 16 and "recurring issues cover" in out
    assert out.index('"cluster"') < out.index("recurring issues cover")
    assert stdout.is_symlink() and temps(tmp_path) == []


# --- 5. nothing outside the kbgen block ----------------------------------------------------------

SAMPLES = {
    "bom-crlf-trailing": "\ufeff---\r\ntitle: Refund?   \r\nkbgen:\r\n  issue: i-1\r\n"
    "  questions: 3\r\nstatus: draft \r\n---\r\nBody   \r\n\r\n",
    "comments-everywhere": "--- \n# top\ntitle: x # t\nkbgen: # why\n  issue: i-1\n"
    "  # inside\n  questions: 3\n  also_asked:\n  - a\n  -   b\n\n\n# after\nlang: en\n---\nB",
    "flow-block": "---\ntitle: x\nkbgen: {issue: i-1, questions: 3}\ntags: [a]\n---\n",
    "quoted-last": '---\ntitle: x\n\'kbgen\':\n  issue: i-1\n  sources: ["a",\n    "b"]\n---\n',
    "literal": "---\ntitle: x\nkbgen:\n  issue: i-1\n  note: |\n    line\n\n\nstatus: draft\n---\n",
    "lone-cr": "---\rtitle: x\rkbgen:\r  issue: i-1\r  questions: 3\rstatus: draft\r---\rBody\r",
    "no-block-crlf": "---\r\ntitle: x\r\nstatus: draft\r\n---\r\nBody\r\n",
    "unicode": "---\ntitle: 退款什么时候到账😀\nkbgen:\n  issue: i-1\n  also_asked:\n"
    "  - ขอคืนเงินค่ะ\n# 注释\ncategory: 'a'\n---\n正文\u2028\n",
}


def strip_block(text: str) -> str:
    """The test's own reading: drop the `kbgen` key's line and the indented lines after it."""
    out, inside = [], False
    for line in text.splitlines(keepends=True):
        if line.lstrip("'\"").startswith("kbgen"):
            inside = True
        elif not (inside and line[:1] in (" ", "\t")):
            inside = False
            out.append(line)
    return "".join(out)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_refresh_changes_nothing_outside_the_block(name: str) -> None:
    text = SAMPLES[name]
    evidence = {"issue": "i-1", "questions": 12, "also_asked": ["x y"], "sources": ["T1"]}
    new = splice_evidence(text, evidence)
    assert outside_evidence(new) == outside_evidence(text)
    if "kbgen" in text and name not in {"literal"}:
        assert strip_block(new) == strip_block(text)
    head = new.split("---", 2)[1]
    assert yaml.safe_load(head.lstrip("\ufeff"))["kbgen"]["questions"] == 12
    assert new.startswith("\ufeff") == text.startswith("\ufeff")
    if "\r\n" in text:
        assert new.count("\n") == new.count("\r\n")
    if "\n" not in text:
        assert "\n" not in new


def test_refresh_through_the_cli_keeps_bom_and_trailing_spaces(project: tuple[Path, Path]) -> None:
    content, grown = project
    path = refund_file(content)
    text = path.read_text("utf-8")
    text = "\ufeff" + text.replace("status: draft\n", "status: draft   \n# owner: ok\n")
    text = text.replace("\n---\n", "\n---\n\n\n", 1) + "trailing   \n\n"
    path.write_bytes(text.encode("utf-8"))
    code, _, err = suggest(grown, content, "--write")
    assert code == 0, err
    new = path.read_bytes().decode("utf-8")
    assert new != text and "questions: 12" in new
    assert strip_block(new) == strip_block(text)


_LINE = st.sampled_from(
    ["title: Refund?", "status: draft", "lang: en", "tags: [a, b]", "category: 'orders'",
     "# a person's comment", "  # an indented comment", "", "   ", "note: |", "  kept text",
     "title2: 'x'   # trailing", "退款: 到账", "เรื่อง: คืนเงิน"]
)  # fmt: skip
_BLOCK = st.sampled_from(
    ["kbgen:\n  issue: i-1\n  questions: 3", "'kbgen':\n  issue: i-1", '"kbgen": {issue: i-1}',
     "kbgen:\n  issue: i-1\n  also_asked:\n  - a\n  -  b  ", "kbgen: # why\n  issue: i-1", ""]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(_LINE, max_size=4),
    block=_BLOCK,
    after=st.lists(_LINE, max_size=4),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    body=st.sampled_from(["", "Body\n", "Body  \n\n", "正文"]),
)
def test_refresh_never_changes_a_byte_outside_the_block(
    before: list[str], block: str, after: list[str], newline: str, bom: bool, body: str
) -> None:
    """Any front matter kbgen agrees to rewrite keeps every byte outside the block."""
    lines = [*before, *block.split("\n"), *after] if block else [*before, *after]
    head = newline.join(["---", *lines, "---"]) + newline
    body, closing = body.replace("\n", newline), "---" + newline
    text = ("\ufeff" if bom else "") + head + body
    try:
        new = splice_evidence(text, {"issue": "i-1", "questions": 12, "also_asked": ["q"]})
    except ContentError:
        return  # unusual front matter is left alone: also safe
    assert outside_evidence(new) == outside_evidence(text)
    if block:
        assert strip_block(new) == strip_block(text)
    else:
        assert new.startswith(text[: len(text) - len(body) - len(closing)])  # appended
    assert new.endswith(closing + body)
    assert new.startswith("\ufeff") == bom
    if newline == "\r\n":
        assert new.count("\n") == new.count("\r\n")
