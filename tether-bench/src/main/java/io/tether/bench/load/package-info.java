/**
 * The comparison load generator: WebSocket clients that speak Engine.IO 4 / Socket.IO 5 by hand (the same bytes
 * for every server under test), the idle, echo, fixed-rate echo and fan-out scenarios, the probes of a server's
 * CPU and memory, and the results table of {@code RESULTS.md}. Depends on Netty and HdrHistogram, not on Tether.
 */
package io.tether.bench.load;
