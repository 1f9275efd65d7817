"""The collection layer: posts/ and ja/ mounted into each language build, with listings and feeds."""
