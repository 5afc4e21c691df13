/**
 * Django Channels' model for plain WebSockets: {@link io.tether.channels.ChannelRoutes} map URL paths (with path
 * parameters) to consumers; a {@link io.tether.channels.WebsocketConsumer} (or a
 * {@link io.tether.channels.JsonWebsocketConsumer}) lives as long as its connection, sees its
 * {@link io.tether.channels.Scope}, and joins groups of a {@link io.tether.channels.layer.ChannelLayer};
 * {@link io.tether.channels.ChannelsApplication} puts them together for a network layer.
 */
package io.tether.channels;
