# policykg — the two commands: `make demo` (set up + main job, embedded store) and `make test`.
.PHONY: setup demo test test-fast bench clean-store

setup:
	@bash scripts/setup.sh

demo: setup
	@.venv/bin/policykg demo

test:
	@bash scripts/test.sh

# fast local subset (no model, no Neo4j, no browser); CI always runs `make test`
test-fast: setup
	@.venv/bin/python -m pytest -q -m "not model and not neo4j and not browser"

bench: setup
	@bash scripts/bench.sh

clean-store:
	rm -rf "$${POLICYKG_HOME:-$$HOME/.cache/policykg}/store"
