"""Sharing, citing and syndicating posts: social cards, head metadata, JSON-LD, citations, full feeds.

Plain functions over plain data; the MkDocs adapter gathers the facts and puts the results in pages.
"""
