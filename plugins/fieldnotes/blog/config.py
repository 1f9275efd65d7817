"""Options of the blog plugin, as written under `plugins: - fieldnotes/blog:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BlogConfig(Config):
    enabled = c.Type(bool, default=True)

    # Language -> folder of its posts; the first language is the default one, served at /.
    sources = c.Type(dict, default={"en": "posts", "ja": "ja"})
    authors_file = c.Type(str, default="authors.yml")
    tags_file = c.Type(str, default="tags.yml")

    listing_page_size = c.Type(int, default=20)
    listing_home_posts = c.Type(int, default=5)
