"""What is wrong with the documents of a built site.

Local rules need one document and the site's file list; they run wherever the document was
parsed (possibly a worker process) and return Findings, which also carry what needs the other
pages: #fragments to look up in their target, and the external URLs for the network check.
Site rules then look across pages: fragments, hreflang, the language switcher and the sitemap.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import unquote, urlsplit

from ..core.hub import HUB_HOSTS, SPACE_HOST_RE, SPACE_HOST_SUFFIX, space_page_problem
from .extract import Alternate, Document, Link
from .report import Problem
from .site import EXTERNAL, INTERNAL, MALFORMED, OUTSIDE, PAGE, SITEMAP, UNKNOWN_SCHEME, Site, SiteConfig

COLAB_HOST = "colab.research.google.com"
# The branch and path stay together in "rest": branch names may contain "/".
COLAB_PATH_RE = re.compile(r"^/github/(?P<owner>[^/]+)/(?P<repo>[^/]+)/(?P<view>blob)/(?P<rest>[^/]+/.+)$")
GITHUB_FILE_PATH_RE = re.compile(r"^/(?P<owner>[^/]+)/(?P<repo>[^/]+)/(?P<view>blob|tree|raw|edit)/(?P<rest>[^/]+(?:/.*)?)$")
TEXT_FRAGMENT_PREFIX = ":~:"
X_DEFAULT = "x-default"


@dataclass
class Findings:
    """What the local rules found in one document (plain data: it may come from a worker process)."""

    page: str
    links: int = 0
    problems: list[Problem] = field(default_factory=list)
    anchors: list[tuple[str, str, str, int | None, str]] = field(
        default_factory=list
    )  # (target page, fragment, element, line, url)
    external: list[tuple[str, str, int | None]] = field(default_factory=list)  # (url, element, line)


def origin_of(document: Document, site: Site) -> str:
    """What the document's relative links resolve against: itself, or its <base>."""
    if document.base is None:
        return document.path
    target = site.locate(document.base, document.path)
    return target.path if target.kind == INTERNAL else document.path


def check_locally(document: Document, site: Site) -> Findings:
    findings = Findings(document.path, len(document.links))
    if document.error is not None:
        line, message = document.error
        findings.problems.append(Problem(document.path, "file", line, message))
        return findings
    check_links(document, site, findings)
    if document.kind == PAGE:
        findings.problems.extend(check_images(document))
    return findings


class Context:
    """Every document of the site, for the rules that look across pages."""

    def __init__(self, site: Site, documents: list[Document]) -> None:
        self.site = site
        self.pages = {document.path: document for document in documents if document.kind == PAGE}
        self._alternate_targets: dict[str, tuple[set[str], set[str]]] = {}

    def page_at(self, url: str, document: Document) -> str | None:
        """The page file a URL in `document` leads to, if it is one of the site's pages."""
        target = self.site.locate(url, origin_of(document, self.site))
        if target.kind != INTERNAL:
            return None
        found = self.site.find(target.path)
        return found if found in self.pages else None

    def alternate_targets(self, document: Document) -> tuple[set[str], set[str]]:
        """The pages a page's hreflang links lead to: all of them, and those named by a language (not x-default)."""
        targets = self._alternate_targets.get(document.path)
        if targets is None:
            every, by_language = set(), set()
            for alternate in document.alternates:
                found = self.page_at(alternate.url, document)
                if found is not None:
                    every.add(found)
                    if alternate.hreflang.lower() != X_DEFAULT:
                        by_language.add(found)
            targets = self._alternate_targets[document.path] = (every, by_language)
        return targets


def check_across(document: Document, context: Context) -> list[Problem]:
    if document.error is not None:
        return []
    return [problem for rule in SITE_RULES.get(document.kind, ()) for problem in rule(document, context)]


def check_anchors(findings: Findings, context: Context) -> list[Problem]:
    """The #fragments of links to other pages, each looked up among its target's ids."""
    problems = []
    for target, fragment, element, line, url in findings.anchors:
        page = context.pages.get(target)
        if page is not None and page.error is None and not _fragment_exists(fragment, page.ids):
            problems.append(
                Problem(findings.page, element, line, f"\"{url}\": no element with id '{unquote(fragment)}' in {target}")
            )
    return problems


# -- links of every kind of document ----------------------------------------------------------


def check_links(document: Document, site: Site, findings: Findings) -> None:
    origin = origin_of(document, site)
    https = site.config.https
    problems = findings.problems
    for link in document.links:
        url = link.url.strip()
        target = site.locate(url, origin)
        problem = partial(_link_problem, document, link)
        if https and link.fetched and url[:7].lower() == "http://":
            problems.append(
                problem("loaded over http:// on an https site (mixed content: browsers block or flag it); use https://")
            )
        if link.target.lower() == "_blank" and "noopener" not in link.rel.lower().split():
            problems.append(
                problem('target="_blank" without rel="noopener" gives the opened page control of this one; add rel="noopener"')
            )
        if target.kind == INTERNAL:
            _check_internal(document, link, target, site, findings, problem)
        elif target.kind == EXTERNAL:
            _check_external(document, link, target.path, site, findings, problem)
        elif target.kind == OUTSIDE:
            problems.append(problem(f"leads outside the site, which is served under {site.config.site_url}"))
        elif target.kind == UNKNOWN_SCHEME:
            problems.append(problem(f"unknown URL scheme '{target.path.partition(':')[0]}:' (a typo?)"))
        elif target.kind == MALFORMED:
            problems.append(problem("not a valid URL"))


def _link_problem(document: Document, link: Link, message: str) -> Problem:
    return Problem(document.path, link.element, link.line, f'"{link.url.strip()}": {message}')


def _check_internal(document: Document, link: Link, target, site: Site, findings: Findings, problem) -> None:
    found = site.find(target.path)
    if found is None:
        findings.problems.append(problem(f"not found in the site (no {site.looked_for(target.path)})"))
        return
    if target.insecure:
        findings.problems.append(problem("links the site itself over http://; use https://"))
    fragment = target.fragment
    if not fragment or not found.endswith(".html"):
        return
    if found == document.path:
        if not _fragment_exists(fragment, document.ids):
            findings.problems.append(problem(f"no element with id '{unquote(fragment)}' on this page"))
    else:
        findings.anchors.append((found, fragment, link.element, link.line, link.url.strip()))


def _fragment_exists(fragment: str, ids: frozenset[str]) -> bool:
    # "#top" scrolls to the top of any page; ":~:text=" is a text fragment, not an id.
    return fragment in ids or unquote(fragment) in ids or fragment.lower() == "top" or fragment.startswith(TEXT_FRAGMENT_PREFIX)


def _check_external(document: Document, link: Link, url: str, site: Site, findings: Findings, problem) -> None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    problems = findings.problems
    if is_private_host(host):
        problems.append(problem(f"points at a private address ({host}) that readers cannot reach"))
    # An http:// URL the page loads is already reported as mixed content.
    needs_https = parts.scheme != "https" and not (link.fetched and site.config.https)
    repository_file = None
    if host == COLAB_HOST and parts.path.startswith("/github/"):
        match = COLAB_PATH_RE.match(parts.path)
        if not match:
            problems.append(
                problem(
                    "not a Colab notebook link: expected https://colab.research.google.com/github/<owner>/<repo>/blob/<branch>/<path>.ipynb"
                )
            )
            return
        if not match["rest"].endswith(".ipynb"):
            problems.append(problem(f"Colab opens notebooks, but {match['rest'].partition('/')[2]} is not an .ipynb file"))
        repository_file = match
    elif host == "github.com":
        repository_file = GITHUB_FILE_PATH_RE.match(parts.path)
    elif host in HUB_HOSTS and (parts.path == "/spaces" or parts.path.startswith("/spaces/")):
        if space_page_problem(parts.path):
            problems.append(problem("not a well-formed Space link: expected https://huggingface.co/spaces/<owner>/<name>"))
        elif needs_https:
            problems.append(problem("Space links must use https://"))
    elif host.endswith(SPACE_HOST_SUFFIX):
        if not SPACE_HOST_RE.match(host):
            problems.append(
                problem(
                    "not a well-formed Space host: expected https://<owner>-<name>.hf.space (lowercase letters, digits and hyphens)"
                )
            )
        elif needs_https:
            problems.append(problem("Space apps must be loaded over https://"))
    if repository_file is not None and _is_site_repository(repository_file, site.config):
        message = _repository_file_problem(repository_file, site.config)
        if message:
            problems.append(problem(message))
        return  # checked against the working tree; the pushed repository may lag behind
    findings.external.append((url, link.element, link.line))


def _is_site_repository(match: re.Match, config: SiteConfig) -> bool:
    return (match["owner"].lower(), match["repo"].lower()) == config.repo


def _repository_file_problem(match: re.Match, config: SiteConfig) -> str | None:
    rest, branch = match["rest"], config.branch
    if branch is None:
        branch = rest.partition("/")[0]
    elif not rest.startswith(branch + "/"):
        return f"names branch '{rest.partition('/')[0]}', but the site's notebooks are linked from '{branch}' (mkdocs.yml)"
    relative = unquote(rest[len(branch) + 1 :]).strip("/")
    root = config.repo_root
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        return f"{relative} is outside the repository"
    if not (path.is_dir() if match["view"] == "tree" else path.is_file()):
        return f"{relative} does not exist in the repository (looked in {root})"
    return None


def is_private_host(host: str) -> bool:
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified


# -- pages -----------------------------------------------------------------------------------------


def check_images(document: Document):
    for line, src in document.images_without_alt:
        yield Problem(
            document.path, "img[alt]", line, f'image "{src}" has no alt attribute; describe it, or use alt="" if it is decorative'
        )


def check_alternates(document: Document, context: Context):
    """hreflang: complete (self, x-default), reciprocal, and each pointing at a page in its language."""
    path = document.path
    alternates = document.alternates
    if not alternates:
        if not document.noindex and not _is_error_page(path):
            yield Problem(
                path,
                "link[rel=alternate][hreflang]",
                None,
                'no hreflang alternates; list the language versions and x-default, or mark the page <meta name="robots" content="noindex">',
            )
        return
    first_line = alternates[0].line
    given = {alternate.hreflang.lower() for alternate in alternates}
    if X_DEFAULT not in given:
        yield Problem(path, "link[rel=alternate][hreflang]", first_line, "hreflang alternates without an x-default")
    every, _ = context.alternate_targets(document)
    if path not in every:
        yield Problem(
            path, "link[rel=alternate][hreflang]", first_line, "the hreflang alternates do not include this page itself"
        )
    seen: dict[str, str] = {}
    for alternate in alternates:
        problem = partial(_alternate_problem, path, alternate)
        hreflang = alternate.hreflang.lower()
        if hreflang in seen and seen[hreflang] != alternate.url:
            yield problem(f"hreflang '{alternate.hreflang}' is given twice, also for {seen[hreflang]}")
        seen.setdefault(hreflang, alternate.url)
        found = context.page_at(alternate.url, document)
        if found is None:
            continue  # check_links reports the missing target
        other = context.pages[found]
        if hreflang != X_DEFAULT and not _same_language(hreflang, other.lang):
            yield problem(f"hreflang '{alternate.hreflang}' points at {found}, whose <html lang> is '{other.lang or 'missing'}'")
        if other.noindex:
            yield problem(f"hreflang points at {found}, which is marked noindex")
        elif other is not document:
            # A language version must be listed back as one; an x-default target just has to list this page.
            every, by_language = context.alternate_targets(other)
            if path not in (every if hreflang == X_DEFAULT else by_language):
                yield problem(f"one-way alternate: {found} does not list this page among its language versions")


def _alternate_problem(path: str, alternate: Alternate, message: str) -> Problem:
    return Problem(
        path, f"link[rel=alternate][hreflang={alternate.hreflang}][href]", alternate.line, f'"{alternate.url}": {message}'
    )


def check_switcher(document: Document, context: Context):
    """The language switcher leads to a page in the language it names (that it exists is a link check)."""
    for switch in document.switches:
        found = context.page_at(switch.url, document)
        if found is None or not switch.hreflang:
            continue
        lang = context.pages[found].lang
        if not _same_language(switch.hreflang.lower(), lang):
            yield Problem(
                document.path,
                "a[data-fieldnotes-switch][href]",
                switch.line,
                f"\"{switch.url}\": the switcher entry for '{switch.hreflang}' leads to {found}, whose <html lang> is '{lang or 'missing'}'",
            )


def _same_language(hreflang: str, lang: str | None) -> bool:
    return bool(lang) and lang.lower().split("-")[0] == hreflang.split("-")[0]


def _is_error_page(path: str) -> bool:
    return path == "404.html" or path.endswith("/404.html")


# -- sitemap -----------------------------------------------------------------------------------


def check_sitemap_pages(document: Document, context: Context):
    for link in document.listed:
        found = context.page_at(link.url, document)
        if found is not None and context.pages[found].noindex:
            yield Problem(document.path, link.element, link.line, f'"{link.url}": lists {found}, which is marked noindex')


SITE_RULES = {
    PAGE: (check_alternates, check_switcher),
    SITEMAP: (check_sitemap_pages,),
}
