/**
 * The Engine.IO implementation behind the API and the SPI: the session state machine
 * ({@link io.tether.engine.internal.RealEngineSession}), long-polling and the session registry. Not exported:
 * nothing outside tether-core may depend on it; use {@code io.tether.engine} and {@code io.tether.engine.spi}.
 */
package io.tether.engine.internal;
