/** Benchmarks: the bench-contract server, the load generator and the JMH micro-benchmarks; exports nothing. */
module io.tether.bench {
    requires io.tether.netty;
    requires io.tether.redis;
    requires io.tether.testkit;
    requires io.netty.buffer;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires java.net.http;
    requires jmh.core;
    requires HdrHistogram;

    // JMH instantiates the benchmark states reflectively; Jackson binds the bench events' payloads
    opens io.tether.bench to com.fasterxml.jackson.databind;
    opens io.tether.bench.jmh to jmh.core;
    opens io.tether.bench.load to com.fasterxml.jackson.databind;
}
