package io.tether.netty;

import io.tether.socketio.adapter.AdapterFactory;
import io.tether.socketio.adapter.InMemoryAdapter;

/** The broadcast behaviours of {@link TestAdapterBroadcastTest}, against the default adapter. */
class InMemoryAdapterBroadcastTest extends TestAdapterBroadcastTest {
    @Override
    AdapterFactory adapterFactory() {
        return InMemoryAdapter::new;
    }
}
