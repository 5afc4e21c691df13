/**
 * JMH micro-benchmarks of tether-core: the Engine.IO and Socket.IO codecs and a room broadcast over in-process
 * sockets. They reach core through its public API and SPI only, as any other module must.
 */
package io.tether.bench.jmh;
