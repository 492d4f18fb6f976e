"""policykg: ingest layer."""
