"""The blog plugin: posts from their own folders, listings, feeds and sitemap, in every language."""
