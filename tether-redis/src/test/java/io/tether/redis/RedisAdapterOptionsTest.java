package io.tether.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisAdapterOptionsTest {
    private static final String URI = "redis://127.0.0.1:6379";

    @Test
    void defaultsAreTheNodeAdapters() {
        RedisAdapterOptions options = RedisAdapterOptions.of(URI);

        assertThat(options.key()).isEqualTo("socket.io");
        assertThat(options.requestsTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.requestQueueSize()).isEqualTo(10_000);
    }

    @Test
    void toBuilderKeepsEverySettingAndChangesOnlyWhatIsSet() {
        RedisAdapterOptions original = RedisAdapterOptions.builder(URI).key("app").requestQueueSize(3)
                .commandTimeout(Duration.ofSeconds(1)).requestsTimeout(Duration.ofSeconds(2)).build();

        RedisAdapterOptions changed = original.toBuilder().key("other-app").build();

        assertThat(original.toBuilder().build()).isEqualTo(original);
        assertThat(changed).isEqualTo(new RedisAdapterOptions(URI, "other-app", 3, Duration.ofSeconds(1),
                Duration.ofSeconds(2)));
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> RedisAdapterOptions.builder(URI).requestsTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
