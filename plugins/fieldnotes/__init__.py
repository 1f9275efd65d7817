"""ML Field Notes: MkDocs plugins for a bilingual English/Japanese blog."""
