package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A recovered socket's state and the event payloads it missed, oldest first.
 *
 * @param state what the socket left behind
 * @param missedPackets the {@code [event, args..., offset]} arrays of the broadcasts it missed
 */
public record RecoveredSession(SessionState state, List<JsonNode> missedPackets) { }
