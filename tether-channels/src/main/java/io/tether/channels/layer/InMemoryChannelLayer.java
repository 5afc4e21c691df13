package io.tether.channels.layer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The channel layer of one process, with Channels' limits: a capacity per channel (100 unless overridden), message
 * expiry (60 s) and group expiry (one day), on a clock that tests may replace.
 *
 * <pre>{@code
 * ChannelLayer layer = InMemoryChannelLayer.builder().capacity(200).channelCapacity("thumbnails*", 10).build();
 * }</pre>
 */
public final class InMemoryChannelLayer implements ChannelLayer {

    private final Clock clock;
    private final int capacity;
    private final long expiryMillis;
    private final long groupExpiryMillis;
    private final List<Map.Entry<Pattern, Integer>> capacityOverrides;
    private final String prefix = "specific." + Long.toHexString(Double.doubleToLongBits(Math.random())) + "!";
    private final AtomicLong nextChannel = new AtomicLong();
    private final ConcurrentHashMap<String, Mailbox> channels = new ConcurrentHashMap<>();
    // group -> channel -> the millis it joined or last renewed; guarded by itself
    private final Map<String, Map<String, Long>> groups = new HashMap<>();

    private InMemoryChannelLayer(Builder builder) {
        this.clock = builder.clock;
        this.capacity = builder.capacity;
        this.expiryMillis = builder.expiry.toMillis();
        this.groupExpiryMillis = builder.groupExpiry.toMillis();
        this.capacityOverrides = List.copyOf(builder.capacityOverrides);
    }

    /** A layer with Channels' defaults. */
    public static InMemoryChannelLayer create() {
        return builder().build();
    }

    /** Options for a layer. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String newChannel() {
        return prefix + Long.toHexString(nextChannel.incrementAndGet());
    }

    @Override
    public void send(String channel, Map<String, Object> message) {
        Objects.requireNonNull(message, "message");
        Mailbox mailbox = channels.computeIfAbsent(channel, name -> new Mailbox(capacityOf(name)));
        Runnable wakeUp;
        synchronized (mailbox) {
            long now = clock.millis();
            mailbox.dropExpired(now);
            if (mailbox.messages.size() >= mailbox.capacity) {
                throw new ChannelFullException(channel, mailbox.capacity);
            }
            mailbox.messages.addLast(new Queued(Collections.unmodifiableMap(new LinkedHashMap<>(message)), now + expiryMillis));
            wakeUp = mailbox.wakeUp;
        }
        if (wakeUp != null) {
            wakeUp.run();
        }
    }

    @Override
    public Optional<Map<String, Object>> receive(String channel) {
        Mailbox mailbox = channels.get(channel);
        if (mailbox == null) {
            return Optional.empty();
        }
        synchronized (mailbox) {
            mailbox.dropExpired(clock.millis());
            Queued next = mailbox.messages.pollFirst();
            return next == null ? Optional.empty() : Optional.of(next.message);
        }
    }

    @Override
    public Registration listen(String channel, Runnable wakeUp) {
        Objects.requireNonNull(wakeUp, "wakeUp");
        Mailbox mailbox = channels.computeIfAbsent(channel, name -> new Mailbox(capacityOf(name)));
        synchronized (mailbox) {
            if (mailbox.wakeUp != null) {
                throw new IllegalStateException("channel " + channel + " already has a listener");
            }
            mailbox.wakeUp = wakeUp;
        }
        return () -> {
            synchronized (mailbox) {
                if (mailbox.wakeUp == wakeUp) {
                    mailbox.wakeUp = null;
                }
            }
            // a consumer's channel dies with it: its unread messages go too
            channels.remove(channel, mailbox);
        };
    }

    @Override
    public void groupAdd(String group, String channel) {
        synchronized (groups) {
            groups.computeIfAbsent(group, name -> new LinkedHashMap<>()).put(channel, clock.millis());
        }
    }

    @Override
    public void groupDiscard(String group, String channel) {
        synchronized (groups) {
            Map<String, Long> members = groups.get(group);
            if (members != null) {
                members.remove(channel);
                if (members.isEmpty()) {
                    groups.remove(group);
                }
            }
        }
    }

    @Override
    public void groupSend(String group, Map<String, Object> message) {
        List<String> recipients;
        synchronized (groups) {
            Map<String, Long> members = groups.get(group);
            if (members == null) {
                return;
            }
            long oldest = clock.millis() - groupExpiryMillis;
            members.values().removeIf(joined -> joined < oldest);
            recipients = new ArrayList<>(members.keySet());
        }
        Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(message));
        for (String channel : recipients) {
            try {
                send(channel, copy);
            } catch (ChannelFullException full) {
                // Channels' answer: a slow member misses the message, the group goes on
            }
        }
    }

    private int capacityOf(String channel) {
        for (Map.Entry<Pattern, Integer> override : capacityOverrides) {
            if (override.getKey().matcher(channel).matches()) {
                return override.getValue();
            }
        }
        return capacity;
    }

    private record Queued(Map<String, Object> message, long expiresAt) {
    }

    private static final class Mailbox {
        final int capacity;
        final ArrayDeque<Queued> messages = new ArrayDeque<>();
        Runnable wakeUp;

        Mailbox(int capacity) {
            this.capacity = capacity;
        }

        void dropExpired(long now) {
            while (!messages.isEmpty() && messages.peekFirst().expiresAt <= now) {
                messages.pollFirst();
            }
        }
    }

    /** Options for an {@link InMemoryChannelLayer}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int capacity = 100;
        private Duration expiry = Duration.ofSeconds(60);
        private Duration groupExpiry = Duration.ofDays(1);
        private final List<Map.Entry<Pattern, Integer>> capacityOverrides = new ArrayList<>();

        private Builder() {
        }

        /** How many unexpired messages a channel holds before sends to it fail; 100 by default. */
        public Builder capacity(int capacity) {
            this.capacity = positive(capacity);
            return this;
        }

        /**
         * The capacity of the channels whose names match a glob ({@code *} any run of characters, {@code ?} one);
         * the first matching override wins.
         */
        public Builder channelCapacity(String glob, int capacity) {
            capacityOverrides.add(Map.entry(globToPattern(glob), positive(capacity)));
            return this;
        }

        /** How long a message waits in a channel before it is dropped unread; 60 seconds by default. */
        public Builder expiry(Duration expiry) {
            this.expiry = Objects.requireNonNull(expiry, "expiry");
            return this;
        }

        /** How long a group membership lasts unless renewed by another groupAdd; one day by default. */
        public Builder groupExpiry(Duration groupExpiry) {
            this.groupExpiry = Objects.requireNonNull(groupExpiry, "groupExpiry");
            return this;
        }

        /** The clock expiries are measured on; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The layer. */
        public InMemoryChannelLayer build() {
            return new InMemoryChannelLayer(this);
        }

        private static int positive(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("a channel's capacity must be at least 1: " + capacity);
            }
            return capacity;
        }

        private static Pattern globToPattern(String glob) {
            StringBuilder regex = new StringBuilder();
            for (String literal : glob.split("((?<=[*?])|(?=[*?]))")) {
                switch (literal) {
                    case "*" -> regex.append(".*");
                    case "?" -> regex.append('.');
                    default -> regex.append(Pattern.quote(literal));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }
}
