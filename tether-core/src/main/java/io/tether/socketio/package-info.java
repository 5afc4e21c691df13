/**
 * Socket.IO, the API applications write against: {@link io.tether.socketio.SocketIoServer}, its
 * {@link io.tether.socketio.Namespace}s and {@link io.tether.socketio.Socket}s, broadcasts
 * ({@link io.tether.socketio.BroadcastOperator}), acknowledgements, middleware, options and the packet format
 * ({@link io.tether.socketio.SocketIoParser}). The machinery behind them (the client multiplexing one Engine.IO
 * session over namespaces, the packet codec, the per-socket serial executor, the handler pool) is package-private.
 * Depends on {@code io.tether.engine}; adapters reach it through {@code io.tether.socketio.adapter} only.
 */
package io.tether.socketio;
