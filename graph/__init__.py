"""policykg: graph layer."""
