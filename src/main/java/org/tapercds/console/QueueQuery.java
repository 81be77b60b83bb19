package org.tapercds.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.tapercds.alerts.AlertFilter;
import org.tapercds.system.ApiException;

/**
 * The queue's filters and paging as query parameters, shared by {@code /review} and {@code GET
 * /api/alerts}. Dates are days in the console's zone, both ends included.
 *
 * @param page from 0
 */
record QueueQuery(
        String status,
        String indicator,
        String category,
        String patient,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        Integer page,
        Integer size) {

    static final List<String> STATUSES = List.of("open", "acknowledged", "escalated", "resolved");
    static final List<String> INDICATORS = List.of("critical", "warning", "info");

    /** The filter, refusing values no alert can have (400 naming the parameter). */
    AlertFilter filter(ZoneId zone) {
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of " + String.join(", ", STATUSES));
        }
        if (indicator != null && !indicator.isBlank() && !INDICATORS.contains(indicator)) {
            throw ApiException.invalid("indicator", "must be one of " + String.join(", ", INDICATORS));
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.invalid("to", "must not be before from");
        }
        return new AlertFilter(
                status,
                indicator,
                category,
                patient,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    int pageOrFirst() {
        if (page != null && page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        return page == null ? 0 : page;
    }

    int sizeOr(int defaultSize) {
        if (size != null && (size < 1 || size > ReviewSettings.MAX_PAGE_SIZE)) {
            throw ApiException.invalid("size", "must be 1 to " + ReviewSettings.MAX_PAGE_SIZE);
        }
        return size == null ? defaultSize : size;
    }
}
