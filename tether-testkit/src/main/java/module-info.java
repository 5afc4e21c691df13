/** Test doubles and runners shared by Tether's tests: in-process clients, a manual loop, Node and Redis runners. */
module io.tether.testkit {
    requires transitive io.tether.core;

    exports io.tether.testkit;
    exports io.tether.testkit.engine;
    exports io.tether.testkit.socketio;
}
