"""The content policy on rendered HTML: what it refuses, what it lets through, and that the fast
pre-scan never lets through what the full parse would refuse."""

from __future__ import annotations

import pytest

from fieldnotes.core.content_policy import _Scanner, find_violations

REFUSED = {
    "script": "<p>x</p><script>alert(1)</script>",
    "upper-case script": "<SCRIPT SRC=//x.example/a.js></SCRIPT>",
    "iframe": '<iframe src="https://x.example"></iframe>',
    "object": '<object data="a.swf"></object>',
    "embed": '<embed src="a.swf">',
    "form": '<form action="/x"><input></form>',
    "base": '<base href="https://x.example/">',
    "style element": "<style>body{}</style>",
    "event handler": '<img src="a.png" alt="" onerror="alert(1)">',
    "event handler after a slash": "<svg/onload=alert(1)>",
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "scheme split by a tab": '<a href="java\tscript:alert(1)">x</a>',
    "scheme behind a character reference": '<a href="javascript&colon;alert(1)">x</a>',
    "numeric reference": '<a href="&#106;avascript:alert(1)">x</a>',
    "data URL": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "vbscript": "<a href='vbscript:msgbox(1)'>x</a>",
    "unquoted upper-case scheme": "<A HREF=JAVASCRIPT:alert(1)>x</A>",
    "xlink": '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    "srcset candidate": '<img alt="" srcset="a.png 1x, javascript:alert(1) 2x">',
    "form action attribute": '<button formaction="javascript:alert(1)">x</button>',
}
ALLOWED = {
    "plain text": "<p>Quantization stores weights in fewer bits.</p>",
    "https link with a query": '<p><a href="https://example.org/?a=1&amp;b=2">x</a></p>',
    "relative link": '<p><a href="../other/#part">x</a></p>',
    "mailto": '<a href="mailto:team@example.org">mail</a>',
    "code about scripts": "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
    "the word on in prose": "<p>It depends on the data.</p>",
}


@pytest.mark.parametrize("html", REFUSED.values(), ids=list(REFUSED))
def test_refused(html):
    assert find_violations(html)


@pytest.mark.parametrize("html", ALLOWED.values(), ids=list(ALLOWED))
def test_allowed(html):
    assert find_violations(html) == []


@pytest.mark.parametrize("html", list(REFUSED.values()) + list(ALLOWED.values()))
def test_pre_scan_agrees_with_the_full_parse(html):
    scanner = _Scanner()
    scanner.feed(html)
    assert bool(find_violations(html)) == bool(scanner.violations)
