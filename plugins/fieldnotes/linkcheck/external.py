"""Visit external URLs: concurrent, polite and bounded in time, with a JSON cache between runs.

Every URL gets one GET (headers only). 5xx answers and timeouts are retried with exponential
backoff; 429 waits for Retry-After when that is short enough; redirects are followed by hand
so loops and overlong chains are named. A per-host semaphore keeps the load on each server low.
Definite answers are cached for --max-age hours; transient failures are checked again next run.
"""

from __future__ import annotations

import email.utils
import http.client
import itertools
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from .report import Problem
from .rules import is_private_host

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "fieldnotes-linkcheck/1.0 (+https://ml-field-notes.github.io/)"
CACHE_VERSION = 1
# Characters left as they are when a URL with spaces or non-ASCII text is put on the wire.
SAFE_URL_CHARACTERS = "/%?=&;:@!$'()*+,~-._#[]"


@dataclass(frozen=True)
class ExternalOptions:
    timeout: float = 10.0  # seconds per attempt
    retries: int = 2  # after the first attempt, for timeouts, connection errors and 5xx
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    max_redirects: int = 5
    max_retry_after: float = 30.0  # longest 429 Retry-After honoured; longer counts as a failure
    per_host: int = 2
    workers: int = 16
    cache_file: Path | None = None
    max_age_hours: float = 24.0
    allow_private: bool = False  # for tests that serve on 127.0.0.1; content links there are errors


@dataclass(frozen=True)
class Verdict:
    ok: bool
    detail: str  # "200", "404 Not Found", "redirect loop: a -> b -> a", "timed out (3 attempts)"
    transient: bool = False  # may pass next time: not cached
    checked_at: float = field(default_factory=time.time)


class _Retryable(Exception):
    """An attempt that may succeed if repeated; carries what to say if it never does."""


class ExternalChecker:
    def __init__(self, options: ExternalOptions) -> None:
        self.options = options
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()

    def check_all(self, urls: list[str]) -> dict[str, Verdict]:
        if not urls:
            return {}
        with ThreadPoolExecutor(max_workers=min(self.options.workers, len(urls))) as pool:
            return dict(zip(urls, pool.map(self.check, urls)))

    def check(self, url: str) -> Verdict:
        try:
            return self._follow(url)
        except _Retryable as failure:
            return Verdict(False, str(failure), transient=True)
        except ValueError as error:  # a URL, or a redirect's Location, that cannot be requested
            return Verdict(False, f"not a valid URL ({error})")

    def _follow(self, url: str) -> Verdict:
        chain = [url]
        current = url
        for _ in range(self.options.max_redirects + 1):
            host = urlsplit(current).hostname or ""
            if not self.options.allow_private and is_private_host(host):
                return Verdict(False, f"leads to a private address ({host})")
            status, reason, location = self._fetch_with_retries(current)
            if status in REDIRECT_STATUSES and location:
                following = urljoin(current, location)
                if following in chain:
                    return Verdict(False, "redirect loop: " + " -> ".join(chain + [following]))
                chain.append(following)
                current = following
                continue
            if status >= 400:
                return Verdict(False, f"HTTP {status} {reason}".rstrip(), transient=status >= 500 or status == 429)
            moved = f" after redirects to {current}" if len(chain) > 1 else ""
            return Verdict(True, f"HTTP {status}{moved}")
        return Verdict(False, f"more than {self.options.max_redirects} redirects: " + " -> ".join(chain))

    def _fetch_with_retries(self, url: str) -> tuple[int, str, str | None]:
        options = self.options
        for attempt in itertools.count():
            last = attempt >= options.retries
            try:
                status, reason, headers = self._fetch(url)
            except TimeoutError:
                failure = f"timed out after {options.timeout:g}s ({attempt + 1} attempts)"
            except (OSError, http.client.HTTPException) as error:
                failure = f"connection failed: {error or type(error).__name__} ({attempt + 1} attempts)"
            else:
                if status == 429:
                    wait = _retry_after_seconds(headers.get("Retry-After"))
                    if wait is None or wait > options.max_retry_after or last:
                        return status, reason, None
                    time.sleep(wait)
                    continue
                if status < 500 or last:
                    return status, reason, headers.get("Location")
                failure = f"HTTP {status} {reason}"
            if last:
                raise _Retryable(failure)
            time.sleep(options.backoff * 2**attempt)

    def _fetch(self, url: str) -> tuple[int, str, http.client.HTTPMessage]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(url)
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        target = quote(parts.path or "/", safe=SAFE_URL_CHARACTERS) + (
            f"?{quote(parts.query, safe=SAFE_URL_CHARACTERS)}" if parts.query else ""
        )
        with self._host_slot(parts.netloc.lower()):
            connection = connection_class(parts.hostname, parts.port, timeout=self.options.timeout)
            try:
                connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
                response = connection.getresponse()
                return response.status, response.reason, response.headers
            finally:
                connection.close()  # the body is never read

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        with self._hosts_lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.options.per_host)
            return slot


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds to wait: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class VerdictCache:
    """URL -> Verdict, kept in a JSON file; entries older than max_age_hours are ignored."""

    def __init__(self, path: Path | None, max_age_hours: float) -> None:
        self.path = path
        self.entries: dict[str, Verdict] = {}
        if path is None or not path.is_file():
            return
        oldest = time.time() - max_age_hours * 3600
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != CACHE_VERSION:
                return
            for url, entry in data["verdicts"].items():
                verdict = Verdict(**entry)
                if verdict.checked_at >= oldest:
                    self.entries[url] = verdict
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}  # an unreadable cache is rebuilt, never fatal

    def update(self, verdicts: dict[str, Verdict]) -> None:
        self.entries.update({url: verdict for url, verdict in verdicts.items() if not verdict.transient})

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": CACHE_VERSION, "verdicts": {url: asdict(verdict) for url, verdict in sorted(self.entries.items())}}
        temporary = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)


def check_urls(urls: list[str], options: ExternalOptions) -> dict[str, Verdict]:
    """A verdict for every URL: from the cache when fresh, else from the network."""
    cache = VerdictCache(options.cache_file, options.max_age_hours)
    unique_urls = list(dict.fromkeys(urls))
    verdicts = {url: cache.entries[url] for url in unique_urls if url in cache.entries}
    fresh = ExternalChecker(options).check_all([url for url in unique_urls if url not in verdicts])
    cache.update(fresh)
    cache.save()
    return {**verdicts, **fresh}


def check_external(occurrences: dict[str, list[tuple[str, str, int | None]]], options: ExternalOptions) -> list[Problem]:
    """Problems for each place a failing external URL is used. Private addresses are left out
    (the offline check reports them) unless `allow_private`."""
    urls = [url for url in occurrences if options.allow_private or not is_private_host(urlsplit(url).hostname or "")]
    verdicts = check_urls(urls, options)
    return [
        Problem(page, element, line, f'"{url}": {verdict.detail}')
        for url, verdict in verdicts.items()
        if not verdict.ok
        for page, element, line in occurrences[url]
    ]
