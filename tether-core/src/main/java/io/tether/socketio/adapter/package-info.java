/**
 * The adapter SPI: how a namespace's rooms are kept and its broadcasts delivered, on one node
 * ({@link io.tether.socketio.adapter.InMemoryAdapter}) or across a cluster
 * ({@link io.tether.socketio.adapter.ClusterAdapter}, which a transport such as Redis extends). An adapter reaches
 * the namespace only through its {@link io.tether.socketio.adapter.AdapterContext}; this package depends on the
 * public types of {@code io.tether.socketio}, and only adapters and their factories depend on it.
 */
package io.tether.socketio.adapter;
