/**
 * An adapter written outside tether-core on the adapter SPI alone ({@code io.tether.socketio.adapter}), which the
 * rooms and broadcast suites of tether-netty run on again: the proof that the SPI is enough to build an adapter.
 */
package io.tether.testadapter;
