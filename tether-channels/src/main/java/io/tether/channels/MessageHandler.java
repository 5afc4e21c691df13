package io.tether.channels;

import java.util.Map;

/** Handles a layer message of one type, as a Channels consumer's method of that type's name does. */
@FunctionalInterface
public interface MessageHandler {

    /** Handles the message (its {@code type} entry included). */
    void handle(Map<String, Object> message);
}
