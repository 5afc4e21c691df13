package io.tether.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A consumer that speaks JSON (Jackson) in text frames, as Channels' {@code JsonWebsocketConsumer}. A frame that is
 * not JSON, or a binary frame, is answered with {@code {"error": "..."}} and the connection lives on.
 *
 * <pre>{@code
 * class Echo extends JsonWebsocketConsumer {
 *     protected void receiveJson(JsonNode content) { sendJson(Map.of("message", content.path("message").asText())); }
 * }
 * }</pre>
 */
public abstract class JsonWebsocketConsumer extends WebsocketConsumer {

    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper();

    private final ObjectMapper mapper;

    /** A consumer with Jackson's default mapper. */
    protected JsonWebsocketConsumer() {
        this(DEFAULT_MAPPER);
    }

    /** A consumer with the application's mapper. */
    protected JsonWebsocketConsumer(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** A decoded JSON frame arrived. */
    protected abstract void receiveJson(JsonNode content);

    /** Sends a value encoded as JSON in a text frame. */
    protected final void sendJson(Object content) {
        try {
            send(mapper.writeValueAsString(content));
        } catch (JsonProcessingException unencodable) {
            throw new UncheckedIOException(unencodable);
        }
    }

    /** The mapper this consumer decodes and encodes with. */
    protected final ObjectMapper mapper() {
        return mapper;
    }

    @Override
    protected final void receive(String text) {
        JsonNode content;
        try {
            content = mapper.readTree(text);
        } catch (JsonProcessingException malformed) {
            sendError("invalid JSON: " + malformed.getOriginalMessage());
            return;
        }
        if (content == null || content.isMissingNode()) {
            sendError("invalid JSON: an empty frame");
            return;
        }
        receiveJson(content);
    }

    @Override
    protected final void receive(byte[] bytes) {
        sendError("a JSON consumer takes text frames, not binary ones");
    }

    private void sendError(String error) {
        ObjectNode answer = mapper.createObjectNode().put("error", error);
        sendJson(answer);
    }
}
