package io.tether.channels.testing;

import java.util.Optional;
import java.util.OptionalInt;

/** How a consumer answered a connection: accepted (perhaps with a subprotocol), or rejected with a close code. */
public record ConnectResult(boolean accepted, Optional<String> subprotocol, OptionalInt closeCode) {

    static ConnectResult accepted(String subprotocol) {
        return new ConnectResult(true, Optional.ofNullable(subprotocol), OptionalInt.empty());
    }

    static ConnectResult rejected(int code) {
        return new ConnectResult(false, Optional.empty(), OptionalInt.of(code));
    }
}
