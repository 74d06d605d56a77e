"""Making the files of a build: each once, only when its inputs changed, on both cores when it pays.

A `Job` says how to make one file (several paths may share it: a form is in uitdelen/
and in instrumenten/) and carries a key, a hash of everything the file is made from:
the template, the values it is filled with, the course data and desi-pack's own code and
libraries. The manifest of the output folder records the key of every file written. A
file whose key matches, and which is still byte for byte what desi-pack wrote, is read
back instead of made again: a trainer who changes a date gets the draaiboeks and print
files of that date made anew and everything else in an instant.

What is left is made in this process, or, when there is enough of it, by two worker
processes forked from this one (they inherit the jobs, so nothing but the finished
bytes travels between processes).
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import sys
import zipfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

from desi_pack.writing.output import checksum, read_facts, read_manifest

Progress = Callable[[str, int, int], None]  # (stage, done, total)

# Rough cost of a job in milliseconds on one core (measured on the example), to decide whether
# two processes pay: starting them and compiling the templates in each costs about 100 ms.
PARALLEL_FROM_MS = 150


@dataclass(eq=False)
class Job:
    """How to make one file: `make(*args, *needed files)`, and the hash of its inputs."""

    key: str
    make: Callable[..., bytes]
    args: tuple = ()
    needs: dict[str, Job] = field(default_factory=dict)  # other jobs' files, passed after args as a dict
    cost_ms: float = 20
    result: bytes | None = field(default=None, repr=False)
    reused: bool = False
    # Made by this process while the workers make the others (a workbook: then only this process
    # imports openpyxl, 0.1 s, and not each worker): see _run_forked.
    here: bool = False
    # Keys of other versions of the file that serve as well, when the last build left one: a print
    # file whose pages an earlier build with PDFs counted is as good as one without page numbers.
    also: tuple[str, ...] = ()


def key(*inputs) -> str:
    """A hash of everything a file is made from: '<the inputs>-<desi-pack's code and libraries>'.

    Two parts, because a file the user changed is out of date when its inputs changed (a date, a
    name), not because desi-pack was updated since (see `same_inputs`).
    """
    text = json.dumps(list(inputs), sort_keys=True, ensure_ascii=False, default=_plain)
    return f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}-{code_fingerprint()[:16]}"


def inputs_of(job_key: str) -> str:
    """The part of a key that says what a file is made from, without desi-pack's code."""
    return job_key.split("-")[0]


def same_inputs(a: str, b: str) -> bool | None:
    """Whether two keys are of the same inputs, whatever code made them; None for a key of an older
    desi-pack, which hashed the two together."""
    if "-" not in a or "-" not in b:
        return None
    return inputs_of(a) == inputs_of(b)


def _plain(value):
    if isinstance(value, bytes):  # a picture: its hash stands for it
        return hashlib.sha256(value).hexdigest()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return str(value)


LIBRARIES = ("python-docx", "docxtpl", "jinja2", "lxml", "openpyxl", "docxcompose", "icalendar")


@cache
def code_fingerprint() -> str:
    """desi-pack's source and the versions of the libraries that write the files."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    # From the installed packages' metadata, not their modules: importing openpyxl alone costs 0.1 s.
    versions = [version(name) for name in LIBRARIES] + [sys.version]
    digest.update(repr(versions).encode())
    return digest.hexdigest()


_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def _opens(data: bytes, path: str) -> bool:
    """Whether a file is a package a word processor or spreadsheet opens (not a file left half-saved)."""
    main = _MAIN_PART.get(Path(path).suffix)
    if main is None:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return main in archive.namelist()
    except zipfile.BadZipFile:
        return False


class Previous:
    """The files the last build wrote under root, by key; only those still as written."""

    def __init__(self, root: Path):
        self.root = root
        checksums, inputs = read_manifest(root)
        self._checksums, self._inputs, self._facts = checksums, inputs, read_facts(root)
        self._by_key: dict[str, list[str]] = {}
        for rel, input_key in inputs.items():
            self._by_key.setdefault(input_key, []).append(rel)

    def changed_by_user(self, paths) -> dict[str, bytes]:
        """The files among `paths` that someone changed (or put there) after desi-pack wrote them,
        and that still open as what they are (.docx or .xlsx): they stay, and are printed as they are."""
        changed = {}
        for rel in paths:
            try:
                data = (self.root / rel).read_bytes()
            except OSError:
                continue
            if checksum(data) != self._checksums.get(rel) and _opens(data, rel):
                changed[rel] = data
        return changed

    def recorded_key(self, rel: str) -> str | None:
        """The key of what the file at `rel` was made from when desi-pack last wrote it."""
        return self._inputs.get(rel)

    def facts(self, rel: str) -> dict:
        """What the file at `rel` showed when desi-pack last wrote it (date, time, place, agenda)."""
        return self._facts.get(rel, {})

    def get(self, input_key: str) -> bytes | None:
        for rel in self._by_key.get(input_key, ()):
            try:
                data = (self.root / rel).read_bytes()
            except OSError:
                continue
            if checksum(data) == self._checksums.get(rel):
                return data
        return None


def run(
    jobs: dict[str, Job],
    previous: Previous | None,
    stage: str,
    progress: Progress | None = None,
    parallel: bool | None = None,
) -> dict[str, bytes]:
    """Make (or take from the last build) the file of every job; bytes by path.

    A job that needs other jobs' files (a print file) is made once those are there.
    """
    distinct = list({id(job): job for job in jobs.values()}.values())
    todo = []
    for job in distinct:
        if job.result is not None:  # given as it is (a file the user changed)
            job.reused = True
            continue
        data = _earlier(previous, job) if previous else None
        if data is not None:
            job.result, job.reused = data, True
        else:
            todo.append(job)
    total, done = len(distinct), len(distinct) - len(todo)
    if progress:
        progress(stage, done, total)
    if parallel is None:
        parallel = can_fork() and sum(job.cost_ms for job in todo) >= PARALLEL_FROM_MS and len(todo) > 1
    waiting = _in_order(todo)
    if parallel:
        for job in _first_of_each_kind(waiting):
            job.result = job.make(*job.args)
            waiting.remove(job)
            done += 1
            if progress:
                progress(stage, done, total)
        _run_forked(waiting, stage, progress, done, total)
        return _results(jobs)
    while waiting:
        ready = _next_ready(waiting)
        if ready is None:
            raise RuntimeError("jobs that wait for each other")
        ready.result = ready.make(*ready.args, *_needs(ready))
        done += 1
        if progress:
            progress(stage, done, total)
    return _results(jobs)


def _results(jobs: dict[str, Job]) -> dict[str, bytes]:
    """Every job's file by path, once all are made."""
    made = {rel: job.result for rel, job in jobs.items() if job.result is not None}
    if len(made) != len(jobs):
        raise RuntimeError("a job that made no file")
    return made


def _earlier(previous: Previous, job: Job) -> bytes | None:
    """The job's file as the last build left it, if that was made from the same inputs (its own key, or
    one of `also`: then the job takes that key, so that what is recorded says what the file is)."""
    for candidate in (job.key, *job.also):
        data = previous.get(candidate)
        if data is not None:
            job.key = candidate
            return data
    return None


def _in_order(todo: list[Job]) -> list[Job]:
    """The jobs in the order to start them: each print file (a job that needs others) right after
    what it needs, the longest first, so that it can start while the rest is still being made,
    instead of five print files at the end; then the jobs nothing needs, the longest first, to
    fill the time until the last print file is done."""
    ordered: dict[int, Job] = {}
    waiting = {id(job) for job in todo}
    for job in todo:
        if job.needs:
            for needed in sorted(job.needs.values(), key=lambda needed: -needed.cost_ms):
                if id(needed) in waiting:
                    ordered.setdefault(id(needed), needed)
            ordered.setdefault(id(job), job)
    rest = sorted((job for job in todo if id(job) not in ordered), key=lambda job: -job.cost_ms)
    return list(ordered.values()) + rest


def _first_of_each_kind(waiting: list[Job]) -> list[Job]:
    """One job of each kind (the same `make`: a form, a homework sheet, a draaiboek), to make in
    this process before the workers are forked. What a kind reads and compiles once per process
    (its template, the frame of a form: 0.1 s in all) is then inherited by both workers, instead
    of each doing it again; on a machine whose other core is busy that is 0.1 s less."""
    first: dict = {}
    for job in waiting:
        kind = getattr(job.make, "__func__", job.make)  # a bound method: one kind, whatever its object
        if not job.needs and not job.here:
            first.setdefault(kind, job)
    return list(first.values())


def _next_ready(waiting: list[Job]) -> Job | None:
    """Take the first job whose needed files are all there; None if there is none."""
    for index, job in enumerate(waiting):
        if all(needed.result is not None for needed in job.needs.values()):
            return waiting.pop(index)
    return None


def _needs(job: Job) -> tuple:
    return ({path: needed.result for path, needed in job.needs.items()},) if job.needs else ()


def can_fork() -> bool:
    """Two processes by fork only: on Linux, where starting a worker costs milliseconds."""
    return (
        sys.platform.startswith("linux")
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


_forked_jobs: list[Job] = []
WORKERS = 2
IN_FLIGHT = WORKERS + 1  # a job waiting for each worker to be free, so the next best is chosen late


def _run_forked(waiting: list[Job], stage: str, progress: Progress | None, done: int, total: int) -> None:
    """Make the jobs in two worker processes forked from this one; they inherit the jobs. The jobs
    marked `here` this process makes itself meanwhile, instead of waiting idle."""
    global _forked_jobs
    _forked_jobs = list(waiting)
    number = {id(job): index for index, job in enumerate(_forked_jobs)}
    mine = [job for job in waiting if job.here]
    waiting = [job for job in waiting if not job.here]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
            running: dict = {}
            while waiting or running or mine:
                while waiting and len(running) < IN_FLIGHT:
                    job = _next_ready(waiting)
                    if job is None:
                        if not running and not mine:
                            raise RuntimeError("jobs that wait for each other")
                        break
                    running[pool.submit(_make, number[id(job)], _needs(job))] = job
                job = _next_ready(mine)
                if job is not None:  # the workers have their next job queued: make one here
                    job.result = job.make(*job.args, *_needs(job))
                    done += 1
                    if progress:
                        progress(stage, done, total)
                elif mine and not running:
                    raise RuntimeError("jobs that wait for each other")
                finished, _ = wait(running, timeout=0 if job is not None else None, return_when=FIRST_COMPLETED)
                for future in finished:
                    running.pop(future).result = future.result()
                    done += 1
                    if progress:
                        progress(stage, done, total)
    finally:
        _forked_jobs = []


def _make(index: int, needed: tuple) -> bytes:
    job = _forked_jobs[index]
    return job.make(*job.args, *needed)
