"""Python-Markdown extensions: blocks an author writes in a post (embeds, mathematics)."""
