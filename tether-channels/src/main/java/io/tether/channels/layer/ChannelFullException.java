package io.tether.channels.layer;

/** A send to a channel that already holds as many messages as its capacity allows (Channels' {@code ChannelFull}). */
public final class ChannelFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String channel;

    /** The exception for a send to {@code channel}, full at {@code capacity} messages. */
    public ChannelFullException(String channel, int capacity) {
        super("channel " + channel + " is full (capacity " + capacity + ")");
        this.channel = channel;
    }

    /** The channel that was full. */
    public String channel() {
        return channel;
    }
}
