package io.tether.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void anIdIsTwentyUrlSafeCharacters() {
        assertThat(Ids.random()).hasSize(20).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theLengthFollowsTheNumberOfRandomBytes() {
        assertThat(Ids.random(8)).hasSize(11).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.random());
        }
        assertThat(ids).hasSize(10_000);
    }
}
