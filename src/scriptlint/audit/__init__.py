"""Batch audits: mailbox sources, the parallel run, aggregates, and the reports."""
