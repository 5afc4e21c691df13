/** The fixture servers the official Engine.IO and Socket.IO test suites run against; exports nothing. */
module io.tether.conformance {
    requires io.tether.netty;
}
