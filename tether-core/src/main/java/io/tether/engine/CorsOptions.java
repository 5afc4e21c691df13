package io.tether.engine;

import java.util.List;
import java.util.Objects;

/**
 * Cross-origin settings for HTTP long-polling requests from browsers.
 *
 * <pre>{@code
 * CorsOptions.anyOrigin();                                       // Access-Control-Allow-Origin: *
 * CorsOptions.builder().origins(List.of("https://example.com")).credentials(true).build();
 * }</pre>
 *
 * @param origins the allowed origins; {@code "*"} allows any
 * @param credentials whether {@code Access-Control-Allow-Credentials: true} is sent (the request's origin
 *     is then echoed instead of {@code *}, as browsers require)
 */
public record CorsOptions(List<String> origins, boolean credentials) {
    public CorsOptions {
        origins = List.copyOf(Objects.requireNonNull(origins, "origins"));
    }

    /** No cross-origin access: no CORS headers are sent. */
    public static CorsOptions none() {
        return new CorsOptions(List.of(), false);
    }

    /** Any origin may call. */
    public static CorsOptions anyOrigin() {
        return new CorsOptions(List.of("*"), false);
    }

    /** Only the listed origins may call. */
    public static CorsOptions origins(List<String> origins) {
        return new CorsOptions(origins, false);
    }

    /** A builder starting from no cross-origin access. */
    public static Builder builder() {
        return none().toBuilder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.origins = origins;
        b.credentials = credentials;
        return b;
    }

    /** Whether any CORS headers are sent at all. */
    public boolean enabled() {
        return !origins.isEmpty();
    }

    /** The value of {@code Access-Control-Allow-Origin} for a request's origin, or null when refused. */
    public String allowOriginFor(String requestOrigin) {
        if (origins.contains("*")) {
            return credentials && requestOrigin != null ? requestOrigin : "*";
        }
        return requestOrigin != null && origins.contains(requestOrigin) ? requestOrigin : null;
    }

    /** Builds {@link CorsOptions}. */
    public static final class Builder {
        private List<String> origins;
        private boolean credentials;

        private Builder() {}

        /** The allowed origins; {@code "*"} allows any. */
        public Builder origins(List<String> origins) {
            this.origins = origins;
            return this;
        }

        /** Whether credentials (cookies, authorization headers) may be sent; off by default. */
        public Builder credentials(boolean credentials) {
            this.credentials = credentials;
            return this;
        }

        public CorsOptions build() {
            return new CorsOptions(origins, credentials);
        }
    }
}
