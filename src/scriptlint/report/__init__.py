"""Output: text (Rich), JSON, GitHub annotations, and rule documentation."""
