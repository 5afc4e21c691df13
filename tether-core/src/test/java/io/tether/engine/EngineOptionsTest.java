package io.tether.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineOptionsTest {

    @Test
    void defaultsAreNodes() {
        EngineOptions options = EngineOptions.defaults();

        assertThat(options.path()).isEqualTo("/engine.io/");
        assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(options.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.upgradeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.maxHttpBufferSize()).isEqualTo(1_000_000);
        assertThat(options.transports()).containsExactlyInAnyOrder(TransportType.POLLING, TransportType.WEBSOCKET);
        assertThat(options.allowEIO3()).isFalse();
        assertThat(options.allowUpgrades()).isTrue();
        assertThat(options.cors().enabled()).isFalse();
    }

    @Test
    void allowsEveryHandshakeUnlessAHookIsGiven() {
        AllowRequest.Verdict verdict = EngineOptions.defaults().allowRequest().check(null);

        assertThat(verdict.allowed()).isTrue();
    }

    @Test
    void toBuilderKeepsEverySettingAndChangesOnlyWhatIsSet() {
        AllowRequest hook = request -> AllowRequest.Verdict.refuse("no");
        EngineOptions original = EngineOptions.builder().path("io").pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200)).upgradeTimeout(Duration.ofMillis(100))
                .closeTimeout(Duration.ofMillis(50)).maxHttpBufferSize(10).allowEIO3(true)
                .transports(TransportType.POLLING).allowUpgrades(false).cors(CorsOptions.anyOrigin())
                .allowRequest(hook).build();

        EngineOptions copy = original.toBuilder().build();
        EngineOptions changed = original.toBuilder().pingInterval(Duration.ofSeconds(1)).build();

        assertThat(copy).isEqualTo(original);
        assertThat(changed.pingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed).isEqualTo(new EngineOptions("/io/", Duration.ofSeconds(1), Duration.ofMillis(200), 10,
                Duration.ofMillis(100), Duration.ofMillis(50), true, Set.of(TransportType.POLLING), false,
                CorsOptions.anyOrigin(), hook));
    }

    @Test
    void refusesTimesShorterThanAMillisecond() {
        assertThatThrownBy(() -> EngineOptions.builder().pingInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pingInterval");
        assertThatThrownBy(() -> EngineOptions.builder().closeTimeout(Duration.ofNanos(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout");
    }

    @Test
    void refusesMissingSettingsInsteadOfTreatingThemAsDefaults() {
        assertThatThrownBy(() -> EngineOptions.builder().allowRequest(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("allowRequest");
        assertThatThrownBy(() -> EngineOptions.builder().upgradeTimeout(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("upgradeTimeout");
    }

    @Test
    void refusesToOfferNoTransportAtAll() {
        assertThatThrownBy(() -> EngineOptions.builder().transports(Set.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offersAnUpgradeOnlyWhenUpgradesAreAllowedAndWebSocketIsOffered() {
        assertThat(EngineOptions.defaults().offersUpgrade()).isTrue();
        assertThat(EngineOptions.builder().allowUpgrades(false).build().offersUpgrade()).isFalse();
        assertThat(EngineOptions.builder().transports(TransportType.POLLING).build().offersUpgrade()).isFalse();
    }

    @Test
    void transportsAreKnownByTheirWireNames() {
        assertThat(TransportType.fromWireName("polling")).contains(TransportType.POLLING);
        assertThat(TransportType.fromWireName("websocket")).contains(TransportType.WEBSOCKET);
        assertThat(TransportType.fromWireName("flashsocket")).isEmpty();
        assertThat(TransportType.fromWireName(null)).isEmpty();
        assertThat(TransportType.WEBSOCKET.wireName()).isEqualTo("websocket");
    }

    @Test
    void corsToBuilderKeepsOriginsAndChangesCredentials() {
        CorsOptions origins = CorsOptions.origins(List.of("https://example.com"));

        CorsOptions withCredentials = origins.toBuilder().credentials(true).build();

        assertThat(withCredentials).isEqualTo(new CorsOptions(List.of("https://example.com"), true));
        assertThat(CorsOptions.builder().build()).isEqualTo(CorsOptions.none());
    }
}
