package io.tether.engine.spi;

/**
 * HTTP long-polling as a network layer drives it: a GET waits until the session has packets for it, a POST
 * delivers the client's packets. Every call is made on the session's loop, in arrival order
 * ({@link TransportSession#runInOrder}). {@link #writable()} tells whether a GET is waiting.
 */
public interface PollingTransport extends Transport {

    /** Answers one waiting GET (the network layer adds status and headers). */
    interface PollResponder {
        /** Answers with a text payload. */
        void respond(String payload);

        /** Answers with a binary payload ({@code application/octet-stream}); only v3 clients get one. */
        void respond(byte[] payload);
    }

    /** What became of a POST. */
    enum DataResult { OK, BAD_REQUEST, CLOSED }

    /**
     * A GET arrived. Returns false when it must be refused with a bad request (the session is gone, or a GET
     * was already waiting, which closes the session as Node does).
     */
    boolean onPoll(PollResponder responder);

    /** The client dropped the connection of its waiting GET. */
    void onPollAborted(PollResponder responder);

    /** A POST with a text body arrived. */
    DataResult onData(String body);

    /** A POST with a binary body arrived (only v3 clients send binary payloads). */
    DataResult onBinaryData(byte[] body);

    /** The network layer saw the client misbehave (e.g. an oversized body): the session closes. */
    void onError(String description);
}
