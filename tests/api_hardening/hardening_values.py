"""Values the API hardening tests share (a module of its own: test modules never import conftest,
whose module name is not unique across the suite)."""

TOKEN = "s3cret-token-for-tests-only"
# Article ids that look like SQL or paths: they must be stored and served as plain data.
ODD_IDS = ["x' OR '1'='1", "../../etc/passwd", "a%_b\\c", "robert'); DROP TABLE articles;--",
           "ünïcødé/ßlash"]
