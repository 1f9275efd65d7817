"""MkDocs File objects for one language build: posts, missing-translation pages, listings, assets.

Files are created with the unprefixed source path (`posts/<slug>.md`) and a destination under
the language prefix (`ja/posts/<slug>/`), as static-i18n does for docs/ pages: relative links
in a post (`assets/...`, `other-post.md`) then resolve the same way in every language.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ...core.collection import Post
from ...core.listing import Listing
from ...core.routes import Routes


def post_src_uri(slug: str) -> str:
    """Where every language's version of a post is mounted among the build's files."""
    return f"posts/{slug}.md"


def _dest_uri(prefix: str, key: str) -> str:
    """`posts/x/` under prefix `ja/` -> `ja/posts/x/index.html`."""
    return f"{prefix}{key}index.html"


def post_file(config: MkDocsConfig, post: Post, prefix: str) -> File:
    file = File(
        post_src_uri(post.slug),
        src_dir=None,
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
        dest_uri=_dest_uri(prefix, Routes.post_key(post.slug)),
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    file.abs_src_path = post.abs_path
    file.edit_uri = post.source
    return file


class TemplatePage(Page):
    """A generated page whose whole content comes from its template: there is no Markdown to read
    or convert, which spares building a Markdown parser for each of hundreds of listing pages."""

    def __init__(self, file: File, config: MkDocsConfig, title: str, template: str) -> None:
        super().__init__(None, file, config)
        self.generated_meta = {"title": title, "template": template, "search": {"exclude": True}}

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", dict(self.generated_meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc = "", get_toc([])


def generated_page(config: MkDocsConfig, key: str, prefix: str, title: str, template: str, src_uri: str | None = None) -> File:
    file = File.generated(config, src_uri or f"{key}index.md", content="", inclusion=InclusionLevel.NOT_IN_NAV)
    file.dest_uri = _dest_uri(prefix, key)
    TemplatePage(file, config, title, template)
    return file


def listing_file(config: MkDocsConfig, listing: Listing, prefix: str) -> File:
    # The first page of each listing has the source path a nav entry can name (posts/index.md).
    template = "fieldnotes/translations.html" if listing.kind == "translations" else "fieldnotes/listing.html"
    return generated_page(config, listing.key, prefix, listing.title, template)


def missing_translation_file(config: MkDocsConfig, post: Post, prefix: str, title: str) -> File:
    return generated_page(
        config, Routes.post_key(post.slug), prefix, title, "fieldnotes/missing.html", src_uri=post_src_uri(post.slug)
    )


def asset_files(config: MkDocsConfig, root: Path, folder: str) -> list[File]:
    """Files under posts/assets/, shared by every language at one URL."""
    assets = root / folder / "assets"
    files = []
    for directory, _, names in os.walk(assets):
        for name in sorted(names):
            if name.startswith(".") or (Path(directory) / name).is_symlink():
                continue  # not published; a link is reported by the asset check
            path = Path(directory) / name
            relative = path.relative_to(root / folder).as_posix()
            file = File(f"posts/{relative}", src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
            file.abs_src_path = str(path)
            files.append(file)
    return files
