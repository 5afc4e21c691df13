/**
 * Testing tools for applications: {@link io.tether.channels.testing.WebsocketCommunicator} drives a consumer in
 * process, without a network, as Channels' communicator does.
 */
package io.tether.channels.testing;
