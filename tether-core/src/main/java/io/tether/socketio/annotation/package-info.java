/**
 * Handler classes, the second way to write handlers: {@code @SocketNamespace}, {@code @OnConnect},
 * {@code @OnEvent} and {@code @OnDisconnect} on the methods of an object that {@code io.register(handler)} binds to
 * every socket of its namespace. Depends on the Socket.IO API's socket-side types only, not on the server.
 */
package io.tether.socketio.annotation;
