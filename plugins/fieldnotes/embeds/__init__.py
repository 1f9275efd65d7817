"""Embeds in posts: 3Dmol.js protein viewers (```3dmol) and Hugging Face Space facades (```space)."""
