"""Suggestion: the tactics catalogue, slots, ranking, and applying rewrites to a draft."""
