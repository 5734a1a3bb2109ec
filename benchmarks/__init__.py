"""Performance benchmark for the site build (run with `make bench`)."""
