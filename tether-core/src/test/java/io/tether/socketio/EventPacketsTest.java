package io.tether.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EventPacketsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Function<Object, JsonNode> toNode = mapper::valueToTree;

    @Test
    void eventDataIsTheEventFollowedByItsArguments() {
        JsonNode data = EventPackets.eventData("news", new Object[] {"hello", 2, Map.of("k", true)}, toNode);

        assertThat(data.toString()).isEqualTo("[\"news\",\"hello\",2,{\"k\":true}]");
    }

    @Test
    void ackDataIsTheArgumentsAlone() {
        JsonNode data = EventPackets.ackData(new Object[] {"ok", 1}, toNode);

        assertThat(data.toString()).isEqualTo("[\"ok\",1]");
    }

    @Test
    void anAckCallbackIsNotAnArgument() {
        AckCallback callback = (error, answer) -> { };

        assertThatThrownBy(() -> EventPackets.eventData("q", new Object[] {"x", callback}, toNode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emit(event, callback, args...)");
    }

    @Test
    void aBroadcastAckCallbackIsNotAnArgument() {
        BroadcastAckCallback callback = (error, answers) -> { };

        assertThatThrownBy(() -> EventPackets.ackData(new Object[] {callback}, toNode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BroadcastAckCallback is not an argument");
    }

    @Test
    void theProtocolReservesItsSixEventNames() {
        assertThat(EventPackets.RESERVED_EVENTS).containsExactlyInAnyOrder(
                "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
        assertThat(EventPackets.isReserved("message")).isFalse();
    }

    @Test
    void aReservedEventCannotBeEmitted() {
        assertThatThrownBy(() -> EventPackets.requireEmittable("connect_error"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"connect_error\" is a reserved event name");
        assertThat(EventPackets.requireEmittable("chat")).isEqualTo("chat");
    }
}
