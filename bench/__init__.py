"""Benchmarks behind `make bench`: the gateway timed side by side with a baseline, as ratios."""
