"""Site search with Pagefind: what is indexed, how text is folded, the bundle on disk and the
query sets that measure it. Nothing here imports MkDocs; the indexing itself runs in Node."""
