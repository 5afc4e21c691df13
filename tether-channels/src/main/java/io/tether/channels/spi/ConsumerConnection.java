package io.tether.channels.spi;

import java.util.concurrent.CompletionStage;

/**
 * One connection's events, handed in by the network layer from any thread; the consumer handles them one at a time
 * in the order they were handed in. {@link #opened()} comes first and {@link #closed(int)} last.
 */
public interface ConsumerConnection {

    /** The client asks to connect; the consumer answers on the sink (accept or close). */
    void opened();

    /** A text frame arrived. */
    void text(String text);

    /** A binary frame arrived. */
    void bytes(byte[] bytes);

    /**
     * The connection closed with this code (either side closed it, or it was lost: 1006). The stage completes once
     * the consumer's disconnect has run.
     */
    CompletionStage<Void> closed(int code);
}
