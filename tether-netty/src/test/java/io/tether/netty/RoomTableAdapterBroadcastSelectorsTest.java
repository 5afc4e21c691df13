package io.tether.netty;

import io.tether.socketio.SocketIoOptions;
import io.tether.testadapter.RoomTableAdapter;

/** {@link BroadcastSelectorsTest} again, on {@link RoomTableAdapter}: an adapter written outside core on the adapter SPI alone. */
class RoomTableAdapterBroadcastSelectorsTest extends BroadcastSelectorsTest {
    @Override
    protected SocketIoOptions.Builder serverOptions() {
        return SocketIoOptions.builder().adapter(RoomTableAdapter::new);
    }
}
