/**
 * Tether Channels: Django Channels' model for plain WebSockets. Applications use {@code io.tether.channels}
 * (routes, scope, consumers), {@code io.tether.channels.layer} (channel layers) and
 * {@code io.tether.channels.testing} (the in-process communicator); network layers drive consumers through
 * {@code io.tether.channels.spi}. {@code io.tether.channels.internal} is not exported.
 */
module io.tether.channels {
    requires transitive io.tether.core;
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.tether.channels;
    exports io.tether.channels.layer;
    exports io.tether.channels.spi;
    exports io.tether.channels.testing;
}
