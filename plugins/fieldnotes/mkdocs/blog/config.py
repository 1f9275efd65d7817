"""Options of the blog plugin, as written under `plugins: - fieldnotes/blog:` in mkdocs.yml.

The options the `fieldnotes` command reads too are declared with the core's defaults.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ...core.options import BlogOptions


class BlogConfig(Config):
    enabled = c.Type(bool, default=True)

    # Language -> folder of its posts; the first language is the default one, served at /.
    sources = c.Type(dict)
    authors_file = c.Type(str, default=BlogOptions.authors_file)
    tags_file = c.Type(str, default=BlogOptions.tags_file)
    # Interface text: one <lang>.yml per language, relative to mkdocs.yml.
    locales_dir = c.Type(str, default=BlogOptions.locales_dir)

    listing_page_size = c.Type(int, default=20)
    listing_home_posts = c.Type(int, default=5)
    # Newest posts per language in the RSS and JSON feeds; each item carries its whole article.
    feed_length = c.Type(int, default=20)
