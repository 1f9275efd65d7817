"""One run of the link check: read every document of the built site once and apply its local
rules, then the rules across pages, and optionally visit the external URLs met on the way."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .external import ExternalOptions, check_external
from .extract import Document, read_document
from .report import Problem, unique
from .rules import Context, Findings, check_across, check_anchors, check_locally
from .site import Site, SiteConfig

# From this many documents, reading and the local rules run in worker processes: on the
# 2,339-page benchmark site the parent then needs 0.4 s of CPU and each of 2 workers 1.4 s,
# against 2.9 s in one process. Below it, starting the workers costs more than they save.
PARALLEL_MIN_DOCUMENTS = 300
PARALLEL_CHUNK = 32

_worker_site: Site | None = None  # a worker's copy of the site, inherited through fork


@dataclass
class Result:
    problems: list[Problem]
    pages: int
    links: int
    seconds: float


def check_site(site_dir: Path, config: SiteConfig, external: ExternalOptions | None = None) -> Result:
    """Check the site built in `site_dir`; with `external` options, also visit external URLs."""
    start = time.perf_counter()
    site = Site(site_dir, config)
    documents, findings = read_and_check_locally(site)
    context = Context(site, documents)
    problems = [problem for found in findings for problem in found.problems]
    problems += [problem for found in findings for problem in check_anchors(found, context)]
    problems += [problem for document in documents for problem in check_across(document, context)]
    if external is not None:
        occurrences = defaultdict(list)
        for found in findings:
            for url, element, line in found.external:
                occurrences[url].append((found.page, element, line))
        problems += check_external(occurrences, external)
    return Result(
        problems=unique(problems),
        pages=len(context.pages),
        links=sum(found.links for found in findings),
        seconds=time.perf_counter() - start,
    )


def read_and_check_locally(site: Site) -> tuple[list[Document], list[Findings]]:
    kinds_and_paths = site.documents()
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or len(kinds_and_paths) < PARALLEL_MIN_DOCUMENTS or "fork" not in multiprocessing.get_all_start_methods():
        results = [_read_and_check(site, kind, path) for kind, path in kinds_and_paths]
    else:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker, initargs=(site,)) as pool:
            results = pool.map(_read_and_check_in_worker, kinds_and_paths, chunksize=PARALLEL_CHUNK)
    documents = [document for document, _ in results]
    return documents, [findings for _, findings in results]


def _read_and_check(site: Site, kind: str, path: str) -> tuple[Document, Findings]:
    document = read_document(site.root, kind, path)
    findings = check_locally(document, site)
    # The links are most of a document's size and no later rule needs them.
    document.links = []
    return document, findings


def _start_worker(site: Site) -> None:
    global _worker_site
    _worker_site = site


def _read_and_check_in_worker(kind_and_path: tuple[str, str]) -> tuple[Document, Findings]:
    return _read_and_check(_worker_site, *kind_and_path)
