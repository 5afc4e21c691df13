package io.tether.netty;

import io.tether.socketio.SocketIoOptions;
import io.tether.testadapter.RoomTableAdapter;

/** {@link RoomLifecycleTest} again, on {@link RoomTableAdapter}: an adapter written outside core on the adapter SPI alone. */
class RoomTableAdapterRoomLifecycleTest extends RoomLifecycleTest {
    @Override
    protected SocketIoOptions.Builder serverOptions() {
        return SocketIoOptions.builder().adapter(RoomTableAdapter::new);
    }
}
