/**
 * The seam a network layer drives consumers through: it hands a connection's events to a
 * {@link io.tether.channels.spi.ConsumerConnection} and carries out the commands it receives on its own
 * {@link io.tether.channels.spi.WebsocketSink}. The in-process communicator uses the same seam.
 */
package io.tether.channels.spi;
