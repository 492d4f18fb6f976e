"""policykg: ui layer."""
