package io.tether.channels.spi;

/**
 * The commands a consumer gives its connection, implemented by the network layer. They may be called from any
 * thread, one at a time per connection, in the order the consumer gave them.
 */
public interface WebsocketSink {

    /** Completes the handshake, choosing {@code subprotocol} (null for none). */
    void accept(String subprotocol);

    /** Sends a text frame. */
    void sendText(String text);

    /** Sends a binary frame. */
    void sendBytes(byte[] bytes);

    /**
     * Closes with a code; before {@link #accept(String)} this rejects the handshake (a network layer answers it
     * with HTTP 403, or accepts then closes with the code).
     */
    void close(int code);
}
