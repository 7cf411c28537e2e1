"""The corpus, training the purpose classifier, and evaluating the hybrid on held-out data."""
