"""Interface text per language, read from one data file per language (`locales/<lang>.yml`).

A key a language lacks falls back to the default language's text, with a warning naming the key;
plural forms and dates follow the language's CLDR rules through Babel. No code names a language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date

from .problems import Problem
from .yamlfile import load_yaml

DATE_FORMAT_KEY = "date_format"
# Placeholders given as a language code and shown as that language's name in the reader's language.
LANGUAGE_PLACEHOLDERS = ("language", "original_language")


@dataclass
class Locales:
    languages: list[str]  # the default language first: the fallback for every missing key
    texts: dict[str, dict[str, object]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _tables: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False)

    @property
    def default(self) -> str:
        return self.languages[0]

    def _value(self, lang: str, key: str) -> object:
        value = self.texts.get(lang, {}).get(key)
        return value if value is not None else self.texts[self.default][key]

    def raw(self, lang: str, key: str) -> object:
        """`key` as written (placeholders unfilled; plural forms as a mapping), for the browser to fill in."""
        return self._value(lang, key)

    def text(self, lang: str, key: str, **values: object) -> str:
        """The interface string `key` in `lang`, filled with `values`. {reader_language} is the name of
        `lang`; a language code given as `language` or `original_language` is shown as its name."""
        value = self._value(lang, key)
        if isinstance(value, dict):
            value = value.get("other") or next(iter(value.values()))
        return str(value).format(**self._names(lang, values))

    def plural(self, lang: str, key: str, count: int, **values: object) -> str:
        """`key` in the plural form CLDR gives `count` in `lang` (`one`, `few`, `other`, ...), else `other`."""
        forms = self._value(lang, key)
        if not isinstance(forms, dict):
            return self.text(lang, key, count=count, **values)
        form = _locale(lang).plural_form(count)
        chosen = forms.get(form) or forms.get("other") or next(iter(forms.values()))
        return str(chosen).format(**self._names(lang, {"count": count, **values}))

    def group(self, lang: str, key: str) -> dict[str, str]:
        """A group of texts (a mapping under `key`), each falling back to the default language's."""
        own = self.texts.get(lang, {}).get(key) or {}
        return {name: str(own.get(name) or value) for name, value in self.texts[self.default][key].items()}

    def table(self, lang: str) -> dict[str, str]:
        """Every plain string of `lang`, fallbacks included, {reader_language} filled in and other
        placeholders kept: what templates read as `t.<key>`. Made once per language; read-only."""
        if lang not in self._tables:
            names = _KeepUnknown(self._names(lang, {}))
            keys = self.texts[self.default]
            self._tables[lang] = {
                key: str(self._value(lang, key)).format_map(names) for key, value in keys.items() if isinstance(value, str)
            }
        return self._tables[lang]

    def language_name(self, lang: str, in_lang: str) -> str:
        """The name of `lang` written in `in_lang` (CLDR): "Japanese" in English, 英語 in Japanese, 日本語 in itself."""
        return _language_name(lang, in_lang)

    def format_date(self, value: dt.date, lang: str) -> str:
        """A date as a reader of `lang` writes it ("May 24, 2023", "2023年5月24日")."""
        return _format_date(value, str(self._value(lang, DATE_FORMAT_KEY)), lang)

    def _names(self, lang: str, values: dict) -> dict:
        names = {key: self.language_name(str(values[key]), lang) for key in LANGUAGE_PLACEHOLDERS if key in values}
        return {**values, **names, "reader_language": self.language_name(lang, lang)}


class _KeepUnknown(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


@lru_cache(maxsize=4096)  # a listing shows each post's date on many pages
def _format_date(value: dt.date, pattern: str, lang: str) -> str:
    return babel_format_date(value, format=pattern, locale=_locale(lang))


@cache
def _language_name(lang: str, in_lang: str) -> str:
    return _locale(lang).get_language_name(_locale(in_lang)) or lang


def load_locales(folder: Path, languages: list[str], shown: str = "locales") -> Locales:
    """Read `<folder>/<lang>.yml` for each language; problems for files, keys and Babel locales."""
    locales = Locales(languages)
    documents = {}
    for lang in languages:
        path = folder / f"{lang}.yml"
        name = f"{shown}/{lang}.yml"
        try:
            _locale(lang)
        except (UnknownLocaleError, ValueError):
            locales.problems.append(
                Problem(name, None, f"'{lang}' is not a language Babel knows (CLDR); use a code like en or ja")
            )
        if not path.is_file():
            if lang == languages[0]:
                message = f"no interface text for '{lang}', the default language every other one falls back to; add the file"
            else:
                message = f"no interface text for '{lang}'; add the file (start from {shown}/{languages[0]}.yml)"
            locales.problems.append(Problem(name, None, message, warning=lang != languages[0]))
            locales.texts[lang] = {}
            continue
        document, problems = load_yaml(path.read_text(encoding="utf-8"), name)
        documents[lang] = document
        locales.problems += problems
        data = document.data if document else None
        if document is not None and not isinstance(data, dict):
            locales.problems.append(Problem(name, 1, "expected a mapping of keys to texts"))
            data = None
        locales.texts[lang] = data or {}
    default_keys = locales.texts.get(languages[0], {})
    for lang in languages[1:]:
        own = locales.texts[lang]
        if not own:
            continue
        name = f"{shown}/{lang}.yml"
        for key in default_keys:
            if key not in own:
                locales.problems.append(
                    Problem(name, None, f"no text for '{key}'; using the {languages[0]} one", key=key, warning=True)
                )
        for key in own:
            if key not in default_keys:
                line = documents[lang].line_of(key) if documents.get(lang) else None
                locales.problems.append(Problem(name, line, f"'{key}' is not a key of {shown}/{languages[0]}.yml", key=key))
    return locales
