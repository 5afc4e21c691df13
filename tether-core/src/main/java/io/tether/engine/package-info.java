/**
 * Engine.IO, the API: {@link io.tether.engine.EngineServer} opens sessions and keeps them by id, an application sees
 * each as an {@link io.tether.engine.EngineSession}; the protocol's values ({@link io.tether.engine.EnginePacket},
 * {@link io.tether.engine.EngineCodec}, {@link io.tether.engine.EngineError}) and settings
 * ({@link io.tether.engine.EngineOptions}) live here too. No network code: network layers drive sessions through
 * {@code io.tether.engine.spi}. Depends on nothing but the JDK and SLF4J; everything in Tether may depend on it.
 */
package io.tether.engine;
