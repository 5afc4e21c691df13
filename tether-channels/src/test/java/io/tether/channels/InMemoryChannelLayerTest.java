package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tether.channels.layer.ChannelFullException;
import io.tether.channels.layer.InMemoryChannelLayer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryChannelLayerTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryChannelLayer layer = InMemoryChannelLayer.builder().clock(clock).build();

    private static Map<String, Object> message(int n) {
        return Map.of("type", "test.message", "n", n);
    }

    @Test
    void aChannelHandsOutItsMessagesInOrderOnce() {
        layer.send("inbox", message(1));
        layer.send("inbox", message(2));

        assertThat(layer.receive("inbox")).contains(message(1));
        assertThat(layer.receive("inbox")).contains(message(2));
        assertThat(layer.receive("inbox")).isEmpty();
    }

    @Test
    void aChannelHoldsAHundredMessagesByDefaultAndTheSenderOfTheNextSeesItFull() {
        for (int i = 0; i < 100; i++) {
            layer.send("inbox", message(i));
        }

        assertThatThrownBy(() -> layer.send("inbox", message(100)))
                .isInstanceOf(ChannelFullException.class)
                .hasMessageContaining("inbox")
                .satisfies(full -> assertThat(((ChannelFullException) full).channel()).isEqualTo("inbox"));
    }

    @Test
    void aReceivedMessageFreesItsPlace() {
        for (int i = 0; i < 100; i++) {
            layer.send("inbox", message(i));
        }
        layer.receive("inbox");

        layer.send("inbox", message(100));

        assertThat(layer.receive("inbox")).contains(message(1));
    }

    @Test
    void aCapacityOverrideAppliesToTheChannelsItsGlobMatches() {
        InMemoryChannelLayer small = InMemoryChannelLayer.builder().channelCapacity("thumb*", 2).build();
        small.send("thumbnails", message(1));
        small.send("thumbnails", message(2));

        assertThatThrownBy(() -> small.send("thumbnails", message(3))).isInstanceOf(ChannelFullException.class);
        for (int i = 0; i < 3; i++) {
            small.send("other", message(i));
        }
    }

    @Test
    void aMessageExpiresAfterSixtySecondsUnread() {
        layer.send("inbox", message(1));
        clock.advance(Duration.ofSeconds(59));
        layer.send("inbox", message(2));
        clock.advance(Duration.ofSeconds(1));

        assertThat(layer.receive("inbox")).contains(message(2));
    }

    @Test
    void expiredMessagesNoLongerCountAgainstTheCapacity() {
        for (int i = 0; i < 100; i++) {
            layer.send("inbox", message(i));
        }
        clock.advance(Duration.ofSeconds(60));

        layer.send("inbox", message(100));

        assertThat(layer.receive("inbox")).contains(message(100));
    }

    @Test
    void aGroupSendReachesEveryMember() {
        layer.groupAdd("room", "a");
        layer.groupAdd("room", "b");

        layer.groupSend("room", message(1));

        assertThat(layer.receive("a")).contains(message(1));
        assertThat(layer.receive("b")).contains(message(1));
    }

    @Test
    void aDiscardedChannelNoLongerReceivesTheGroup() {
        layer.groupAdd("room", "a");
        layer.groupDiscard("room", "a");

        layer.groupSend("room", message(1));

        assertThat(layer.receive("a")).isEmpty();
    }

    @Test
    void aMembershipExpiresAfterADayUnlessRenewed() {
        layer.groupAdd("room", "old");
        layer.groupAdd("room", "renewed");
        clock.advance(Duration.ofHours(23));
        layer.groupAdd("room", "renewed");
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        layer.groupSend("room", message(1));

        assertThat(layer.receive("old")).isEmpty();
        assertThat(layer.receive("renewed")).contains(message(1));
    }

    @Test
    void aFullMemberMissesAGroupSendAndTheOthersStillGetIt() {
        InMemoryChannelLayer small = InMemoryChannelLayer.builder().channelCapacity("full", 1).build();
        small.groupAdd("room", "full");
        small.groupAdd("room", "free");
        small.send("full", message(0));

        small.groupSend("room", message(1));

        assertThat(small.receive("free")).contains(message(1));
        assertThat(small.receive("full")).contains(message(0));
        assertThat(small.receive("full")).isEmpty();
    }

    @Test
    void aListenerIsWokenOncePerMessage() {
        AtomicInteger wakeUps = new AtomicInteger();
        try (var registration = layer.listen("inbox", wakeUps::incrementAndGet)) {
            layer.send("inbox", message(1));
            layer.groupAdd("room", "inbox");
            layer.groupSend("room", message(2));
        }
        layer.send("inbox", message(3));

        assertThat(wakeUps).hasValue(2);
    }

    @Test
    void newChannelNamesAreUnique() {
        assertThat(layer.newChannel()).startsWith("specific.").contains("!").isNotEqualTo(layer.newChannel());
    }
}
