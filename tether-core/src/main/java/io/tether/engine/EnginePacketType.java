package io.tether.engine;

/** The seven Engine.IO packet types, with their wire digit. */
public enum EnginePacketType {
    OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

    private static final EnginePacketType[] VALUES = values();

    /** The digit that starts this packet on the wire. */
    public char code() {
        return (char) ('0' + ordinal());
    }

    /** The type for a wire digit, or {@code null} when the character is not one. */
    static EnginePacketType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }
}
