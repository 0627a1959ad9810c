// intake-bench: benchmarks (see README). Filled in by the performance work.
print("intake-bench: nothing to measure yet")
