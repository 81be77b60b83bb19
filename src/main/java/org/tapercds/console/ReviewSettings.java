package org.tapercds.console;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code taper.console.*} settings of the pages (docs/console.md); who may log in is {@code
 * security.ConsoleLoginProperties}.
 *
 * @param timeZone the zone the pages show times in and the date filters and analytics weeks use
 * @param pageSize alerts per queue page (the API takes {@code size} up to {@link #MAX_PAGE_SIZE})
 * @param analyticsWeeks how many weeks back the dashboard and the analytics API reach by default
 */
@ConfigurationProperties("taper.console")
record ReviewSettings(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("25") int pageSize,
        @DefaultValue("12") int analyticsWeeks) {

    static final int MAX_PAGE_SIZE = 200;

    ReviewSettings {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("taper.console.page-size must be 1 to " + MAX_PAGE_SIZE);
        }
        if (analyticsWeeks < 1) {
            throw new IllegalArgumentException("taper.console.analytics-weeks must be at least 1");
        }
    }
}
