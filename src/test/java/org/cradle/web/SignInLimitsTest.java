package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInLimitsTest {

    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anAccountIsLockedAfterFiveFailuresUntilTheWindowPasses() {
        var clock = new Hands();
        var limits = new SignInLimits(clock);
        for (int i = 0; i < SignInLimits.PER_ACCOUNT; i++) {
            assertThat(limits.allowed("sw.bucks", "10.0.0.1")).isTrue();
            limits.failed("sw.bucks", "10.0.0.1");
        }
        assertThat(limits.allowed("sw.bucks", "10.0.0.1")).isFalse();
        assertThat(limits.allowed("sw.bucks", "10.0.0.2")).as("the account, from anywhere").isFalse();
        assertThat(limits.allowed("hv.stockport", "10.0.0.1")).as("another account from the same address").isTrue();
        clock.now = clock.now.plus(SignInLimits.WINDOW).plusSeconds(1);
        assertThat(limits.allowed("sw.bucks", "10.0.0.1")).isTrue();
    }

    @Test
    void anAddressIsBlockedAfterTwentyFailuresAcrossAccounts() {
        var clock = new Hands();
        var limits = new SignInLimits(clock);
        for (int i = 0; i < SignInLimits.PER_ADDRESS; i++) {
            assertThat(limits.allowed("guess" + i, "10.0.0.9")).isTrue();
            limits.failed("guess" + i, "10.0.0.9");
            clock.now = clock.now.plus(Duration.ofSeconds(10));
        }
        assertThat(limits.allowed("someone-new", "10.0.0.9")).isFalse();
        assertThat(limits.allowed("someone-new", "10.0.0.10")).isTrue();
    }
}
