"""Authoring commands: scaffold a post, start or stamp a translation, and check posts before a commit."""
