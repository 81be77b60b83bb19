package org.tapercds.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The kept CDS Hooks requests ({@link KeptRequest}), for the impact preview's replay. */
@Component
public class KeptRequests {

    private final JdbcClient jdbc;
    private final AlertsProperties properties;

    KeptRequests(JdbcClient jdbc, AlertsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Whether requests are kept at all ({@code taper.alerts.keep-requests} set). */
    public boolean keeping() {
        return properties.keepingRequests();
    }

    /** The requests evaluated at {@code from} or later, oldest first, at most {@code limit}. */
    public List<KeptRequest> since(Instant from, int limit) {
        return jdbc.sql(
                        """
                        select id, service_id, hook_instance, evaluated_at, body from kept_request
                        where evaluated_at >= ? order by evaluated_at, id
                        fetch first ? rows only
                        """)
                .params(AlertStore.utc(from), limit)
                .query((rs, n) -> new KeptRequest(
                        rs.getString("id"),
                        rs.getString("service_id"),
                        rs.getString("hook_instance"),
                        rs.getObject("evaluated_at", OffsetDateTime.class).toInstant(),
                        rs.getString("body")))
                .list();
    }
}
