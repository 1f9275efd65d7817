"""A Content-Security-Policy for every page, as a <meta> element computed from the page itself."""
