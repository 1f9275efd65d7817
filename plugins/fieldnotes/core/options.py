"""The blog's settings as mkdocs.yml gives them (`fieldnotes/blog:`), read the same way by the
build and by the `fieldnotes` command."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class BlogOptions:
    sources: dict[str, str]  # language -> folder of its posts; the first language is the default, served at /
    authors_file: str = "authors.yml"
    tags_file: str = "tags.yml"
    locales_dir: str = "locales"  # interface text, one <lang>.yml per language

    @property
    def languages(self) -> list[str]:
        return list(self.sources)

    @classmethod
    def from_mapping(cls, data: dict) -> BlogOptions:
        """The options of a `fieldnotes/blog:` entry; ValueError says what is wrong."""
        sources = data.get("sources")
        if not isinstance(sources, dict) or not sources:
            raise ValueError("'sources' must map each language to its posts folder, e.g. {en: posts, ja: ja}")
        if not all(isinstance(lang, str) and isinstance(folder, str) for lang, folder in sources.items()):
            raise ValueError("'sources' must map each language code to a folder name")
        values = {"sources": dict(sources)}
        for field in fields(cls)[1:]:
            if field.name in data:
                if not isinstance(data[field.name], str):
                    raise ValueError(f"'{field.name}' must be a path, not {data[field.name]!r}")
                values[field.name] = data[field.name]
        return cls(**values)
