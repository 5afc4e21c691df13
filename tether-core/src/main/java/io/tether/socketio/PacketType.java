package io.tether.socketio;

/** The seven Socket.IO packet types, with their wire digit. */
public enum PacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    private static final PacketType[] VALUES = values();

    /** The digit that starts this packet on the wire. */
    public char code() {
        return (char) ('0' + ordinal());
    }

    /** Whether attachments follow the packet. */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    static PacketType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }
}
