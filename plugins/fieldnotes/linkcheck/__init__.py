"""Link check of the built site: `fieldnotes linkcheck`.

site.py knows the files and URL space of the build, extract.py reads each page, feed and sitemap
once into a Document, rules.py judges the documents, external.py visits external URLs on
request, report.py prints the problems and checker.py runs the whole; command.py is the CLI.
"""
