package io.tether.channels.layer;

import java.util.Map;
import java.util.Optional;

/**
 * Channels and groups shared by the consumers of one process or, for a networked layer, of many. A message is a
 * map with a {@code type} entry; its values must be what the layer can carry (strings, numbers, booleans, lists,
 * maps, byte arrays).
 *
 * <pre>{@code
 * layer.groupAdd("chat_lobby", channelName);
 * layer.groupSend("chat_lobby", Map.of("type", "chat_message", "message", "hello"));
 * }</pre>
 */
public interface ChannelLayer {

    /** A fresh channel name, unique to this layer, for one consumer ({@code specific.…!…}). */
    String newChannel();

    /**
     * Queues a message on a channel.
     *
     * @throws ChannelFullException if the channel holds its capacity of unexpired messages
     */
    void send(String channel, Map<String, Object> message);

    /** The channel's oldest unexpired message, removed from it, or empty if there is none; never waits. */
    Optional<Map<String, Object>> receive(String channel);

    /**
     * Calls {@code wakeUp} once for every message sent to the channel from now on, until the returned registration
     * is closed; the listener then {@link #receive(String) receives}. One listener per channel.
     */
    Registration listen(String channel, Runnable wakeUp);

    /** Adds a channel to a group (creating the group), or renews its membership. */
    void groupAdd(String group, String channel);

    /** Removes a channel from a group; nothing happens if it was not a member. */
    void groupDiscard(String group, String channel);

    /**
     * Sends a message to every channel of a group. As in Channels, a member whose channel is full misses the
     * message and the others still get it; members whose membership has expired are dropped.
     */
    void groupSend(String group, Map<String, Object> message);

    /** A listener's registration; closing it stops the wake-ups. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
