package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.cradle.store.MovingClock;
import org.junit.jupiter.api.Test;

class SignInLimitsTest {

    @Test
    void anAccountIsLockedAfterFiveFailuresUntilTheWindowPasses() {
        var clock = new MovingClock();
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
        var clock = new MovingClock();
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
