package io.tether.engine.spi;

import io.tether.engine.EngineError;

/** A refused request: the error and the message to send. */
public record RequestError(EngineError error, String message) {
    public RequestError(EngineError error) {
        this(error, error.message());
    }

    /** The JSON body Node sends: {@code {"code":N,"message":"..."}}. */
    public String toJson() {
        return "{\"code\":" + error.code() + ",\"message\":\"" + escape(message) + "\"}";
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
