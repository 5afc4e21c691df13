/**
 * Test helpers shared by the modules' tests, written once: runners for the official JavaScript client under Node
 * ({@link io.tether.testkit.NodeClient}) and for a real {@code redis-server} on a free port
 * ({@link io.tether.testkit.RedisTestServer}). Test scope only; the library modules (core, netty, redis) never depend on
 * it.
 */
package io.tether.testkit;
