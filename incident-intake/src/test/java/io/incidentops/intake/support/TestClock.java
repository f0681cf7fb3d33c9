package io.incidentops.intake.support;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application's clock in tests (it replaces the platform's default {@code ClockProducer} bean): the system clock
 * until a test stops time at an instant of its choosing; that test calls {@link #reset()} when it is done.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Clock current = Clock.systemUTC();

    /** From now on the application reads {@code instant}, in {@code zone}, until {@link #reset()}. */
    public void stopAt(Instant instant, ZoneId zone) {
        current = Clock.fixed(instant, zone);
    }

    public void reset() {
        current = Clock.systemUTC();
    }

    @Override
    public ZoneId getZone() {
        return current.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return current.withZone(zone);
    }

    @Override
    public Instant instant() {
        return current.instant();
    }
}
