/** The chat application and the {@code tether} command line; an application, so it exports nothing. */
module io.tether.chat {
    requires io.tether.netty;
    requires io.tether.redis;
    requires info.picocli;
    requires org.slf4j;

    // picocli fills the commands' options reflectively; Jackson binds the events' payloads to records
    opens io.tether.chat to info.picocli, com.fasterxml.jackson.databind;
}
