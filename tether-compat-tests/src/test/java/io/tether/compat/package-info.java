/** Tests with the Socket.IO v2 era Java client (1.x, Engine.IO 3) against a Tether server that allows EIO3. */
package io.tether.compat;
