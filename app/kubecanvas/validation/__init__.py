"""Validation: findings about a document, from the wiring graph, the schemas and the API rules."""
