"""Domain operations of test sessions: each writes in one transaction and raises ``ValidationError`` keyed by field."""
