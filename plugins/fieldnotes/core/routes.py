"""Every URL of the site, made in one place: templates, feeds, sitemap, search and the link check
all ask here. Paths are relative to the site root and end in "/" for pages; `absolute` adds the
site URL. The default (first) language is served at the root, every other one under "<lang>/".
"""

from __future__ import annotations

from dataclasses import dataclass

FEED_RSS = "feed.xml"
FEED_JSON = "feed.json"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"


@dataclass(frozen=True)
class Routes:
    languages: tuple[str, ...]  # the default language first
    site_url: str  # absolute, with a trailing slash

    @classmethod
    def of(cls, languages: list[str], site_url: str) -> Routes:
        return cls(tuple(languages), site_url.rstrip("/") + "/")

    def prefix(self, lang: str) -> str:
        """`""` for the default language, else `"<lang>/"`."""
        return "" if lang == self.languages[0] else f"{lang}/"

    def page(self, lang: str, key: str) -> str:
        """A page of `lang` by its key, the path without language prefix (`""` is the home page)."""
        return self.prefix(lang) + key

    def key_of(self, lang: str, path: str) -> str:
        """The key of a page path of `lang`: the inverse of `page`."""
        prefix = self.prefix(lang)
        key = path[len(prefix) :] if prefix and path.startswith(prefix) else path
        return "" if key in (".", "./") else key

    def home(self, lang: str) -> str:
        return self.page(lang, "")

    # Keys, the same in every language: the language switcher maps a page onto its key.
    @staticmethod
    def post_key(slug: str) -> str:
        return f"posts/{slug}/"

    @staticmethod
    def tag_key(tag: str) -> str:
        return f"tags/{tag}/"

    @staticmethod
    def author_key(author: str) -> str:
        return f"authors/{author}/"

    @staticmethod
    def year_key(year: int) -> str:
        return f"archive/{year}/"

    @staticmethod
    def paged_key(key: str, number: int) -> str:
        """Page `number` of a paginated listing whose first page is `key`."""
        return key if number == 1 else f"{key}page/{number}/"

    POSTS_KEY = "posts/"
    TAGS_KEY = "tags/"
    AUTHORS_KEY = "authors/"
    ARCHIVE_KEY = "archive/"
    TRANSLATIONS_KEY = "translations/"

    def post(self, lang: str, slug: str) -> str:
        """A post in `lang`; where it is not translated, the page that says so."""
        return self.page(lang, self.post_key(slug))

    def tag(self, lang: str, tag: str) -> str:
        return self.page(lang, self.tag_key(tag))

    def author(self, lang: str, author: str) -> str:
        return self.page(lang, self.author_key(author))

    def posts_index(self, lang: str) -> str:
        return self.page(lang, self.POSTS_KEY)

    def feed_rss(self, lang: str) -> str:
        return self.prefix(lang) + FEED_RSS

    def feed_json(self, lang: str) -> str:
        return self.prefix(lang) + FEED_JSON

    def absolute(self, path: str) -> str:
        return self.site_url + ("" if path in (".", "./") else path)

    def alternates(self, key: str, languages: list[str] | set[str]) -> list[tuple[str, str]]:
        """hreflang pairs (language, absolute URL) of a page key in `languages`, with x-default.

        x-default is the default language's version, else the first language (in site order) that has one.
        """
        present = [lang for lang in self.languages if lang in languages]
        pairs = [(lang, self.absolute(self.page(lang, key))) for lang in present]
        if present:
            pairs.append(("x-default", self.absolute(self.page(present[0], key))))
        return pairs
