package io.tether.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and an optional payload that is either text or binary. Immutable; a
 * broadcast hands the same instance to every recipient, and its wire form is computed once.
 *
 * <pre>{@code
 * EnginePacket.message("hello");           // 4hello
 * EnginePacket.binary(new byte[] {1, 2});  // a binary frame, or b AQI= in polling
 * }</pre>
 */
public final class EnginePacket {

    public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, null, null);
    public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, null, null);
    public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, null, null);
    public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, null, null);
    public static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, null, null);

    private final EnginePacketType type;
    private final String text;
    private final byte[] binary;
    private volatile byte[] textFrame;

    public EnginePacket(EnginePacketType type, String text, byte[] binary) {
        this.type = Objects.requireNonNull(type, "type");
        if (text != null && binary != null) {
            throw new IllegalArgumentException("a packet carries text or binary, not both");
        }
        this.text = text;
        this.binary = binary;
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

    public EnginePacketType type() {
        return type;
    }

    /** The text payload, or null. */
    public String text() {
        return text;
    }

    /** The binary payload, or null. */
    public byte[] binary() {
        return binary;
    }

    /** Whether the payload is binary. */
    public boolean isBinary() {
        return binary != null;
    }

    /**
     * The UTF-8 bytes of this text packet as a WebSocket text frame carries it ({@code 4hello}), encoded on
     * first use and shared afterwards: callers must not modify them.
     */
    public byte[] textFrameBytes() {
        byte[] bytes = textFrame;
        if (bytes == null) {
            bytes = EngineCodec.encodeText(this).getBytes(StandardCharsets.UTF_8);
            textFrame = bytes;
        }
        return bytes;
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
