"""The "Open in Colab" and "View on GitHub" links of a post that names a notebook in `colab:`."""
