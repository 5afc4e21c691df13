/**
 * Socket.IO test doubles: {@link io.tether.testkit.socketio.InProcessClient}, a Socket.IO client on an in-memory
 * WebSocket bound through the transport SPI, for tests of sockets, namespaces and handlers without a network.
 * Depends on tether-core's API and transport SPI only.
 */
package io.tether.testkit.socketio;
