"""The works a post cites, as indexers read them: Highwire Press `citation_reference` tags (Google
Scholar, Zotero) and schema.org's `citation` of the BlogPosting."""

from __future__ import annotations

from ..features.feature import CitedWork

# CSL type -> schema.org type; anything else is a CreativeWork.
SCHEMA_TYPES = {
    "article-journal": "ScholarlyArticle",
    "paper-conference": "ScholarlyArticle",
    "article": "ScholarlyArticle",
    "report": "Report",
    "webpage": "WebPage",
    "post-weblog": "BlogPosting",
    "software": "SoftwareSourceCode",
    "book": "Book",
    "chapter": "Chapter",
    "thesis": "Thesis",
    "dataset": "Dataset",
}
# CSL type -> the Highwire field that names where the work appeared.
CONTAINER_FIELDS = {"article-journal": "citation_journal_title", "paper-conference": "citation_conference_title"}


def _date(issued: tuple[int, ...], separator: str) -> str:
    return separator.join(f"{part:04d}" if at == 0 else f"{part:02d}" for at, part in enumerate(issued))


def scholar_reference(work: CitedWork) -> str:
    """One `citation_reference` value: `field=value` pairs joined by "; " (so no value keeps a ";")."""
    fields = [("citation_title", work.title)]
    fields += [("citation_author", f"{family}, {given}" if given else family) for family, given in work.authors]
    if work.issued:
        fields.append(("citation_publication_date", _date(work.issued, "/")))
    if work.container:
        fields.append((CONTAINER_FIELDS.get(work.kind, "citation_publisher"), work.container))
    if work.doi:
        fields.append(("citation_doi", work.doi))
    if work.preprint:
        fields.append(("citation_arxiv_id", work.preprint))
    if work.url:
        fields.append(("citation_public_url", work.url))
    return "; ".join(f"{name}={' '.join(value.replace(';', ',').split())}" for name, value in fields if value)


def _agent(family: str, given: str) -> dict:
    if not given:
        return {"@type": "Organization", "name": family}
    return {"@type": "Person", "name": f"{given} {family}", "givenName": given, "familyName": family}


def schema_work(work: CitedWork) -> dict:
    data: dict = {"@type": SCHEMA_TYPES.get(work.kind, "CreativeWork"), "name": work.title}
    if work.authors:
        data["author"] = [_agent(family, given) for family, given in work.authors]
    if work.issued:
        data["datePublished"] = _date(work.issued, "-")
    if work.container:
        data["isPartOf"] = {"@type": "CreativeWork", "name": work.container}
    if work.publisher:
        data["publisher"] = {"@type": "Organization", "name": work.publisher}
    if work.url:
        data["url"] = work.url
    if work.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": work.doi}
    if work.preprint and work.url != f"https://arxiv.org/abs/{work.preprint}":
        data["sameAs"] = f"https://arxiv.org/abs/{work.preprint}"
    return data
