"""Detection: the spaCy components, the purpose classifier, the hybrid decision, message checks."""
