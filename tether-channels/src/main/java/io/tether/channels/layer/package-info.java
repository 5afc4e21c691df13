/**
 * Channel layers, as Django Channels has them: named channels (mailboxes with a capacity whose messages expire)
 * and groups of channels. {@link io.tether.channels.layer.ChannelLayer} is the interface;
 * {@link io.tether.channels.layer.InMemoryChannelLayer} the single-process default.
 */
package io.tether.channels.layer;
