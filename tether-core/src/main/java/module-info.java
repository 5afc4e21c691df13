/**
 * Tether's core: Engine.IO and Socket.IO without network code. Applications use the API packages; network layers
 * use the transport SPI ({@code io.tether.engine.spi}); cluster adapters use the adapter SPI
 * ({@code io.tether.socketio.adapter}). {@code io.tether.engine.internal} is not exported.
 *
 * <p>Annotated handler classes ({@code io.register(handler)}) are called reflectively: on the module path, open
 * their package to {@code io.tether.core}; arguments bound to your records need it opened to Jackson.
 */
module io.tether.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.tether.engine;
    exports io.tether.engine.spi;
    exports io.tether.socketio;
    exports io.tether.socketio.adapter;
    exports io.tether.socketio.annotation;
}
