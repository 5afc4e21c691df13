package io.tether.socketio.adapter;

import java.util.Map;
import java.util.Set;

/**
 * What a disconnected socket leaves behind for connection state recovery.
 *
 * @param sid the socket id it had and gets back
 * @param pid the private id its client presents to recover it
 * @param rooms the rooms it was in
 * @param data its {@code socket.data()}
 */
public record SessionState(String sid, String pid, Set<String> rooms, Map<String, Object> data) { }
