package io.tether.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and an optional payload that is either text or binary.
 *
 * <pre>{@code
 * EnginePacket.message("hello");           // 4hello
 * EnginePacket.binary(new byte[] {1, 2});  // a binary frame, or b AQI= in polling
 * }</pre>
 */
public record EnginePacket(EnginePacketType type, String text, byte[] binary) {

    public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, null, null);
    public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, null, null);
    public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, null, null);
    public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, null, null);
    public static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, null, null);

    public EnginePacket {
        Objects.requireNonNull(type, "type");
        if (text != null && binary != null) {
            throw new IllegalArgumentException("a packet carries text or binary, not both");
        }
    }

    /** A text message packet. */
    public static EnginePacket message(String text) {
        return new EnginePacket(EnginePacketType.MESSAGE, Objects.requireNonNull(text, "text"), null);
    }

    /** A binary message packet. */
    public static EnginePacket binary(byte[] data) {
        return new EnginePacket(EnginePacketType.MESSAGE, null, Objects.requireNonNull(data, "data"));
    }

    /** A packet of the given type with a text payload (may be null). */
    public static EnginePacket of(EnginePacketType type, String text) {
        return new EnginePacket(type, text, null);
    }

    /** Whether the payload is binary. */
    public boolean isBinary() {
        return binary != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnginePacket p && p.type == type && Objects.equals(p.text, text)
                && Arrays.equals(p.binary, binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text) * 31 + Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return "EnginePacket[" + type + (text != null ? ", " + abbreviate(text) : "")
                + (binary != null ? ", " + binary.length + " bytes" : "") + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
