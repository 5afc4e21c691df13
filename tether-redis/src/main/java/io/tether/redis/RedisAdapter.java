package io.tether.redis;

import io.tether.socketio.BroadcastOptions;
import io.tether.socketio.InMemoryAdapter;
import io.tether.socketio.Namespace;
import io.tether.socketio.SocketIoPacket;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster adapter over Redis pub/sub, wire-compatible with @socket.io/redis-adapter 8.x (classic mode):
 * broadcasts are published as MessagePack {@code [uid, packet, opts]} on {@code <key>#<nsp>#} (or
 * {@code <key>#<nsp>#<room>#} for exactly one room) and every other node delivers them to its
 * own sockets. Rooms stay local, as in the reference adapter.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
 *         .adapter(RedisAdapter.factory("redis://127.0.0.1:6379"))
 *         .build());
 * }</pre>
 */
public class RedisAdapter extends InMemoryAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final RedisAdapterFactory factory;
    private final String uid = randomUid(10);
    private final String channel;

    RedisAdapter(Namespace namespace, RedisAdapterFactory factory) {
        super(namespace);
        this.factory = factory;
        this.channel = RedisProtocol.broadcastChannel(factory.options().key(), namespace.name());
    }

    /** A factory for {@code SocketIoOptions.Builder.adapter}, with the default key {@code socket.io}. */
    public static RedisAdapterFactory factory(String redisUri) {
        return factory(RedisAdapterOptions.of(redisUri));
    }

    /** A factory for {@code SocketIoOptions.Builder.adapter}. */
    public static RedisAdapterFactory factory(RedisAdapterOptions options) {
        return new RedisAdapterFactory(options);
    }

    /** This node's id in the cluster; a node ignores its own messages. */
    public String uid() {
        return uid;
    }

    String pattern() {
        return channel + "*";
    }

    @Override
    public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
        if (!options.local()) {
            SocketIoPacket sent = new SocketIoPacket(packet.type(), namespace().name(), packet.ackId(), packet.data());
            // as the reference adapter: the room's own channel for exactly one room
            String target = RedisProtocol.broadcastChannel(factory.options().key(), namespace().name(),
                    options.rooms());
            factory.publish(target, RedisAdapterCodec.encode(uid, sent, options));
        }
        super.broadcast(packet, options);
    }

    /** A message on one of this namespace's channels, from any node. */
    void onMessage(String from, byte[] message) {
        String room = RedisProtocol.roomOfChannel(factory.options().key(), namespace().name(), from);
        if (room == null) {
            return;
        }
        if (!room.isEmpty() && sockets(Set.of(room)).isEmpty()) {
            return; // nobody here is in that room: no need to decode
        }
        RedisAdapterCodec.Broadcast broadcast;
        try {
            broadcast = RedisAdapterCodec.decode(message);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring a malformed message on {}: {}", from, e.getMessage());
            return;
        }
        if (uid.equals(broadcast.uid()) || !namespace().name().equals(broadcast.packet().namespace())) {
            return;
        }
        try {
            super.broadcast(broadcast.packet(), broadcast.options());
        } catch (RuntimeException e) {
            log.warn("cannot deliver a broadcast from node {} on {}: {}", broadcast.uid(), from, e.toString());
        }
    }

    @Override
    public void close() {
        factory.release(this);
        super.close();
    }

    private static String randomUid(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
