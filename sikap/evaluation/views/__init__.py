"""Evaluation pages, one module per area."""
