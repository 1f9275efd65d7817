"""What our plugins share in one site build, handed to each of them instead of read from another plugin.

A site build is one `mkdocs build` or one rebuild under `mkdocs serve`: MkDocs loads a configuration
for each, and static-i18n runs the other languages' builds inside the default language's with that
same configuration. The SharedBuild lives on it, so it is made with the site build and ends with it:
nothing reaches the next build, and projects built in one process never meet. The blog plugin opens
the site build when MkDocs lists the files of the outermost (default language) build; the Colab,
embeds, math and search plugins read the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..core.features.feature import CitedWork
from ..core.locales import Locales
from ..core.problems import Problem, summary
from ..core.site import LanguagePages, SiteBuild

log = get_plugin_logger(__name__)


@dataclass
class SharedBuild:
    root: Path  # the folder of mkdocs.yml
    site: SiteBuild | None = None
    locales: Locales | None = None
    serving: bool = False
    # Build languages in progress: static-i18n nests the other languages' builds in the default one's.
    stack: list[str] = field(default_factory=list)
    # A page's URL (unique across languages) -> the works it cites, for its sharing metadata; set as it renders.
    cited: dict[str, tuple[CitedWork, ...]] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.stack[-1]

    @property
    def outermost(self) -> bool:
        """The build under way is the default language's, which ends once every language is built."""
        return len(self.stack) == 1

    @property
    def pages(self) -> LanguagePages:
        return self.site.languages[self.lang]

    def text(self, lang: str):
        """The interface text of `lang` as a function of key and values."""
        return lambda key, **values: self.locales.text(lang, key, **values)

    def page_key(self, page: Page) -> str:
        return self.site.routes.key_of(self.lang, page.url)


SHARED_ATTRIBUTE = "fieldnotes_shared_build"


def shared_build(config: MkDocsConfig) -> SharedBuild:
    """The SharedBuild of the site build `config` belongs to, made by the first plugin that asks."""
    shared = getattr(config, SHARED_ATTRIBUTE, None)
    if shared is None:
        shared = SharedBuild(Path(config.config_file_path).resolve().parent)
        setattr(config, SHARED_ATTRIBUTE, shared)
    return shared


def raise_problems(problems: list[Problem], what: str) -> None:
    """Warnings are logged (`--strict` fails on them); errors stop the build with one message."""
    for problem in problems:
        if problem.warning:
            log.warning(str(problem))
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        raise PluginError(summary(errors, what))
