"""The generator-free core: posts, routes, listings, feeds, validation. Nothing here imports MkDocs."""
