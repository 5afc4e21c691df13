package io.tether.engine.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one generator of Tether's random ids: Engine.IO session ids, socket ids, private session ids, cluster node
 * and request ids. Unguessable, as a session id lets whoever knows it speak for the client.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    private static final int DEFAULT_BYTES = 15;

    private Ids() {}

    /** A random id of 20 URL-safe characters (Node's length for session and socket ids). */
    public static String random() {
        return random(DEFAULT_BYTES);
    }

    /** A random id of this many random bytes, in URL-safe Base64 without padding. */
    public static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
