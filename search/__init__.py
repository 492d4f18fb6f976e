"""policykg: search layer."""
