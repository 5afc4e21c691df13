/**
 * Engine.IO test doubles for tests and benchmarks: {@link io.tether.testkit.engine.ManualLoop}, a session loop on
 * the test's thread with a clock the test moves. Depends on tether-core's public API only.
 */
package io.tether.testkit.engine;
