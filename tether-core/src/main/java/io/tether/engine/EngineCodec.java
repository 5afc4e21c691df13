package io.tether.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO packets and HTTP long-polling payloads, for protocol versions 3 and 4.
 *
 * <p>Version 4 payloads join packets with the record separator {@code \x1e}; binary packets travel as
 * {@code b} followed by base64. Version 3 payloads prefix each packet with its length and a colon
 * ({@code 6:4hello}), or use the binary payload format when the client posts
 * {@code application/octet-stream}.
 */
public final class EngineCodec {
    /** The separator between packets of a version 4 polling payload. */
    public static final char RECORD_SEPARATOR = '\u001e';

    private EngineCodec() {}

    /** Encodes a text packet as it travels in a WebSocket text frame or a v4 payload entry. */
    public static String encodeText(EnginePacket packet) {
        if (packet.isBinary()) {
            throw new IllegalArgumentException("binary packet has no text form: " + packet);
        }
        String text = packet.text();
        if (text == null) {
            return String.valueOf(packet.type().code());
        }
        return packet.type().code() + text;
    }

    /** Encodes a binary packet for a WebSocket binary frame: raw in v4, with a leading type byte in v3. */
    public static byte[] encodeBinaryFrame(EnginePacket packet, int protocol) {
        if (protocol >= 4) {
            return packet.binary();
        }
        byte[] data = packet.binary();
        byte[] framed = new byte[data.length + 1];
        framed[0] = (byte) packet.type().ordinal();
        System.arraycopy(data, 0, framed, 1, data.length);
        return framed;
    }

    /** Decodes a text packet (a WebSocket text frame or one entry of a payload). */
    public static EnginePacket decodeText(String data) {
        if (data == null || data.isEmpty()) {
            throw new EngineProtocolException("empty packet");
        }
        EnginePacketType type = EnginePacketType.fromCode(data.charAt(0));
        if (type == null) {
            throw new EngineProtocolException("unknown packet type '" + data.charAt(0) + "'");
        }
        return EnginePacket.of(type, data.length() > 1 ? data.substring(1) : null);
    }

    /** Decodes a WebSocket binary frame: a message in v4; in v3 the first byte is the packet type. */
    public static EnginePacket decodeBinaryFrame(byte[] data, int protocol) {
        if (protocol >= 4) {
            return EnginePacket.binary(data);
        }
        if (data.length == 0 || data[0] != EnginePacketType.MESSAGE.ordinal()) {
            throw new EngineProtocolException("binary frame is not a message packet");
        }
        byte[] body = new byte[data.length - 1];
        System.arraycopy(data, 1, body, 0, body.length);
        return EnginePacket.binary(body);
    }

    // ---- polling payloads ----

    /** Encodes packets as a text polling payload for the given protocol version. */
    public static String encodePayload(List<EnginePacket> packets, int protocol) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            String entry = encodePayloadEntry(packets.get(i), protocol);
            if (protocol >= 4) {
                if (i > 0) {
                    sb.append(RECORD_SEPARATOR);
                }
            } else {
                sb.append(entry.length()).append(':');
            }
            sb.append(entry);
        }
        return sb.toString();
    }

    private static String encodePayloadEntry(EnginePacket packet, int protocol) {
        if (!packet.isBinary()) {
            return encodeText(packet);
        }
        String base64 = Base64.getEncoder().encodeToString(packet.binary());
        // v3 keeps the packet type after the 'b'; v4 only carries messages and drops it
        return protocol >= 4 ? "b" + base64 : "b" + packet.type().code() + base64;
    }

    /**
     * Encodes packets as a version 3 binary polling payload, which v3 clients that did not ask for base64
     * ({@code b64}) expect whenever a payload holds binary: for each packet a byte 0 (text) or 1 (binary), its
     * length as one byte per decimal digit, 0xFF, then the packet (UTF-8 text, or the type byte and the bytes).
     */
    public static byte[] encodeV3BinaryPayload(List<EnginePacket> packets) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (EnginePacket packet : packets) {
            byte[] body = packet.isBinary() ? encodeBinaryFrame(packet, 3)
                    : encodeText(packet).getBytes(StandardCharsets.UTF_8);
            out.write(packet.isBinary() ? 1 : 0);
            String length = Integer.toString(body.length);
            for (int i = 0; i < length.length(); i++) {
                out.write(length.charAt(i) - '0');
            }
            out.write(0xFF);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Decodes a text polling payload. */
    public static List<EnginePacket> decodePayload(String payload, int protocol) {
        return protocol >= 4 ? decodeV4Payload(payload) : decodeV3Payload(payload);
    }

    private static List<EnginePacket> decodeV4Payload(String payload) {
        if (payload.isEmpty()) {
            throw new EngineProtocolException("empty payload");
        }
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= payload.length()) {
            int end = payload.indexOf(RECORD_SEPARATOR, start);
            if (end < 0) {
                end = payload.length();
            }
            String entry = payload.substring(start, end);
            if (!entry.isEmpty() && entry.charAt(0) == 'b') {
                packets.add(EnginePacket.binary(decodeBase64(entry, 1)));
            } else {
                packets.add(decodeText(entry));
            }
            start = end + 1;
        }
        return packets;
    }

    private static List<EnginePacket> decodeV3Payload(String payload) {
        if (payload.isEmpty()) {
            throw new EngineProtocolException("empty payload");
        }
        List<EnginePacket> packets = new ArrayList<>();
        int i = 0;
        while (i < payload.length()) {
            int colon = payload.indexOf(':', i);
            if (colon <= i) {
                throw new EngineProtocolException("payload entry without a length");
            }
            int length = parseLength(payload.substring(i, colon));
            int start = colon + 1;
            if (length == 0 || start + length > payload.length()) {
                throw new EngineProtocolException("payload entry length " + length + " does not match its data");
            }
            String entry = payload.substring(start, start + length);
            if (entry.charAt(0) == 'b') {
                if (entry.length() < 2 || entry.charAt(1) != EnginePacketType.MESSAGE.code()) {
                    throw new EngineProtocolException("base64 packet is not a message");
                }
                packets.add(EnginePacket.binary(decodeBase64(entry, 2)));
            } else {
                packets.add(decodeText(entry));
            }
            i = start + length;
        }
        return packets;
    }

    /**
     * Decodes a version 3 binary polling payload: for each packet a byte 0 (text) or 1 (binary), the length
     * as one byte per decimal digit, 0xFF, then the packet.
     */
    public static List<EnginePacket> decodeV3BinaryPayload(byte[] payload) {
        if (payload.length == 0) {
            throw new EngineProtocolException("empty payload");
        }
        List<EnginePacket> packets = new ArrayList<>();
        int i = 0;
        while (i < payload.length) {
            int kind = payload[i++];
            if (kind != 0 && kind != 1) {
                throw new EngineProtocolException("binary payload entry of unknown kind " + kind);
            }
            long length = 0;
            int digits = 0;
            while (i < payload.length && (payload[i] & 0xFF) != 0xFF) {
                int digit = payload[i++];
                if (digit < 0 || digit > 9 || ++digits > 10) {
                    throw new EngineProtocolException("binary payload entry with a bad length");
                }
                length = length * 10 + digit;
            }
            if (i >= payload.length || digits == 0) {
                throw new EngineProtocolException("binary payload entry without a length");
            }
            i++; // 0xFF
            if (length == 0 || i + length > payload.length) {
                throw new EngineProtocolException("binary payload entry length " + length + " does not match its data");
            }
            int end = i + (int) length;
            if (kind == 0) {
                packets.add(decodeText(new String(payload, i, end - i, StandardCharsets.UTF_8)));
            } else {
                byte[] frame = new byte[end - i];
                System.arraycopy(payload, i, frame, 0, frame.length);
                packets.add(decodeBinaryFrame(frame, 3));
            }
            i = end;
        }
        return packets;
    }

    private static String stripLineBreaks(String entry, int offset) {
        StringBuilder sb = null;
        for (int i = offset; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '\n' || c == '\r') {
                if (sb == null) {
                    sb = new StringBuilder(entry.length()).append(entry, offset, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb != null ? sb.toString() : entry.substring(offset);
    }

    private static int parseLength(String digits) {
        if (digits.length() > 9) {
            throw new EngineProtocolException("payload entry length too long");
        }
        for (int k = 0; k < digits.length(); k++) {
            if (!Character.isDigit(digits.charAt(k)) || digits.charAt(k) > '9') {
                throw new EngineProtocolException("payload entry length is not a number: " + digits);
            }
        }
        return Integer.parseInt(digits);
    }

    private static byte[] decodeBase64(String entry, int offset) {
        try {
            // clients may wrap base64 in lines (the Java client does), as MIME does; Node ignores the breaks
            return Base64.getDecoder().decode(stripLineBreaks(entry, offset));
        } catch (IllegalArgumentException e) {
            throw new EngineProtocolException("invalid base64 in binary packet", e);
        }
    }
}
