package io.tether.socketio.adapter;

import java.util.Set;

/**
 * Who a broadcast reaches and how: the rooms (none means the whole namespace), the rooms excluded, and the
 * flags. Adapters receive it; a cluster adapter sends it to the other nodes.
 *
 * @param rooms the rooms whose sockets receive it; empty for every socket of the namespace
 * @param except the rooms whose sockets do not receive it
 * @param isVolatile whether a socket that cannot take the packet right now simply misses it
 * @param compress whether the packet may be compressed (only with WebSocket compression, which Tether does not
 *     negotiate yet: the flag is carried for adapters and future use)
 * @param local whether only this node's sockets receive it (meaningful in a cluster)
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean isVolatile, boolean compress,
        boolean local) {

    public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), false, true, false);

    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }
}
