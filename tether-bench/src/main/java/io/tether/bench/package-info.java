/**
 * Benchmarks' servers: the bench-contract server ({@code BENCH.md}) that the comparison runs against, and the
 * cross-node fan-out benchmark on Redis. Tools, not API: they use tether-core's and tether-netty's public API
 * only, and nothing depends on them.
 */
package io.tether.bench;
