"""Year-over-year rules: the RuleSet from rules/, rollover, sentences, audience, school types."""
