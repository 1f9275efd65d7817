"""The MkDocs adapter: plugins that hand what MkDocs knows to the core and put its results into pages."""
