"""The embed blocks of a post: 3Dmol.js viewers and Hugging Face Space facades, checked and rendered."""
