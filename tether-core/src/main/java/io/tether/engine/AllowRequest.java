package io.tether.engine;

/**
 * Decides whether a handshake may open a session, like Node's {@code allowRequest} option.
 *
 * <pre>{@code
 * options.allowRequest(req -> "secret".equals(req.query("token"))
 *         ? AllowRequest.Verdict.allow()
 *         : AllowRequest.Verdict.refuse("bad token"));
 * }</pre>
 */
@FunctionalInterface
public interface AllowRequest {
    Verdict check(EngineRequest request);

    /** Lets every handshake through: the default. */
    static AllowRequest allowAll() {
        return request -> Verdict.allow();
    }

    /** The answer of an {@link AllowRequest}: allowed, or refused with a message sent to the client. */
    record Verdict(boolean allowed, String message) {
        private static final Verdict ALLOW = new Verdict(true, null);

        public static Verdict allow() {
            return ALLOW;
        }

        public static Verdict refuse(String message) {
            return new Verdict(false, message);
        }
    }
}
