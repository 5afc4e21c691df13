package io.tether.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DisconnectReasonTest {
    @Test
    void everyReasonHasNodesWireName() {
        assertThat(DisconnectReason.values()).extracting(DisconnectReason::wireName).containsExactly(
                "transport close", "transport error", "ping timeout", "parse error", "server namespace disconnect",
                "client namespace disconnect", "server shutting down", "forced close", "forced server close");
    }

    @Test
    void aWireNameLeadsBackToItsReason() {
        for (DisconnectReason reason : DisconnectReason.values()) {
            assertThat(DisconnectReason.fromWireName(reason.wireName())).isSameAs(reason);
        }
    }

    @Test
    void anUnknownWireNameIsRefused() {
        assertThatThrownBy(() -> DisconnectReason.fromWireName("bored"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bored");
    }

    @Test
    void aReasonPrintsAsItsWireName() {
        assertThat(DisconnectReason.PING_TIMEOUT).hasToString("ping timeout");
    }
}
