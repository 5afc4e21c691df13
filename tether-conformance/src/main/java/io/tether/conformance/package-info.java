/**
 * The servers the official Engine.IO and Socket.IO test suites (and their Java translations in this module's
 * tests) run against: the conformance fixture with the settings the suites expect, and a small echo server. A
 * tool; it uses tether-netty's API and nothing depends on it.
 */
package io.tether.conformance;
