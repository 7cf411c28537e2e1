"""Bytes to the text we analyse: decoding, email/MIME, quotes and signatures, directives, lexicon."""
