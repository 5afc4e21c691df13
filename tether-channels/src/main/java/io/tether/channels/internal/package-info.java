/** Tether Channels' machinery, not exported: the per-consumer serial executor. */
package io.tether.channels.internal;
