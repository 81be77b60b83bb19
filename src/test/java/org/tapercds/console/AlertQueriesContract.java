package org.tapercds.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.tapercds.alerts.AlertFilter;
import org.tapercds.alerts.AlertPage;
import org.tapercds.alerts.AlertQueries;
import org.tapercds.alerts.OverrideAnalytics;
import org.tapercds.alerts.ReviewActions;
import org.tapercds.alerts.StoredAction;
import org.tapercds.alerts.StoredAlert;
import org.tapercds.alerts.StoredAuditEvent;
import org.tapercds.evaluation.ChartEvidence;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link AlertQueries} and {@link ReviewActions} must do on every database the service runs
 * on; each subclass gives a freshly migrated one (H2, PostgreSQL).
 */
abstract class AlertQueriesContract {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z"); // a Monday
    static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();
    private JdbcClient jdbc;
    private ConsoleTestData data;
    private AlertQueries queries;
    private ReviewActions actions;

    abstract DataSource dataSource();

    @BeforeEach
    void wire() {
        DataSource dataSource = dataSource();
        jdbc = JdbcClient.create(dataSource);
        data = new ConsoleTestData(jdbc);
        queries = new AlertQueries(jdbc, json);
        actions = new ReviewActions(
                jdbc, new DataSourceTransactionManager(dataSource), json, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void listsNewestFirstAndPagesStably() {
        for (int i = 0; i < 7; i++) {
            data.alert("p1", "taper-rate-exceeded", "warning", T0.plusSeconds(60L * i));
        }

        AlertPage<StoredAlert> first = queries.alerts(AlertFilter.NONE, 0, 3);
        AlertPage<StoredAlert> last = queries.alerts(AlertFilter.NONE, 2, 3);

        assertThat(first.total()).isEqualTo(7);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(first.items())
                .extracting(StoredAlert::createdAt)
                .containsExactly(T0.plusSeconds(360), T0.plusSeconds(300), T0.plusSeconds(240));
        assertThat(last.items()).extracting(StoredAlert::createdAt).containsExactly(T0);
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    void filtersByStatusIndicatorCategoryPatientAndTime() {
        String match = data.alert(
                "p1", "alcohol-co-use", "critical", "alcohol-co-use", "escalated", true, T0.plusSeconds(3600), "m");
        data.alert("p1", "alcohol-co-use", "critical", "alcohol-co-use", "open", true, T0.plusSeconds(3600), "s");
        data.alert("p1", "alcohol-co-use", "warning", "alcohol-co-use", "escalated", true, T0.plusSeconds(3600), "i");
        data.alert("p1", "taper-rate-exceeded", "critical", "r", "escalated", true, T0.plusSeconds(3600), "c");
        data.alert("p2", "alcohol-co-use", "critical", "alcohol-co-use", "escalated", true, T0.plusSeconds(3600), "p");
        data.alert("p1", "alcohol-co-use", "critical", "alcohol-co-use", "escalated", true, T0.minusSeconds(1), "t");

        AlertPage<StoredAlert> page = queries.alerts(
                new AlertFilter("escalated", "critical", "alcohol-co-use", "p1", T0, T0.plusSeconds(7200)), 0, 10);

        assertThat(page.items()).extracting(StoredAlert::id).containsExactly(match);
        assertThat(queries.alerts(new AlertFilter(null, null, null, "p1", null, T0), 0, 10)
                        .total())
                .isEqualTo(1);
    }

    @Test
    void readsTheStoredEvidenceBackAsTheChartEvidence() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        ChartEvidence evidence = queries.alert(id).orElseThrow().evidence();

        assertThat(evidence.dose()).hasSize(3);
        assertThat(evidence.dose().get(2))
                .isEqualTo(new ChartEvidence.DosePoint(LocalDate.parse("2026-02-20"), 10.0, false, true));
        assertThat(evidence.scores())
                .extracting(ChartEvidence.ScorePoint::value)
                .containsExactly(8.0, 21.0);
        assertThat(evidence.reductions().get(0).percent()).isEqualTo(50.0);
        assertThat(evidence.maxReductionPercent()).isEqualTo(25.0);
        assertThat(evidence.windowDays()).isEqualTo(14);
    }

    @Test
    void anUnreadableEvidenceLeavesTheAlertListed() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);
        jdbc.sql("update alert set evidence = 'not json' where id = :id")
                .param("id", id)
                .update();

        assertThat(queries.alert(id)).get().extracting(StoredAlert::evidence).isNull();
        assertThat(queries.alerts(AlertFilter.NONE, 0, 5).items()).hasSize(1);
    }

    @Test
    void findsTheFeedbackOfAnAlertAndOfAPatient() {
        String id = data.alert("p1", "taper-rate-exceeded", "warning", T0);
        String other = data.alert("p2", "taper-rate-exceeded", "warning", T0);
        data.feedback(id, "overridden", "benefits", "Benefits outweigh risks", "tapering slowly anyway", T0);
        data.feedback(other, "accepted", null, null, null, T0);

        assertThat(queries.feedbackFor(id)).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo("overridden");
            assertThat(f.overrideCode()).isEqualTo("benefits");
            assertThat(f.overrideDisplay()).isEqualTo("Benefits outweigh risks");
            assertThat(f.comment()).isEqualTo("tapering slowly anyway");
            assertThat(f.outcomeTimestamp()).isEqualTo(T0);
        });
        assertThat(queries.feedbackForPatient("p2"))
                .extracting(f -> f.cardUuid())
                .containsExactly(other);
    }

    @Test
    void aReviewActionSetsTheStatusAndIsAuditedWithoutItsNote() {
        String id = data.alert("p1", "taper-rate-exceeded", "critical", T0);

        StoredAction action = actions.record(id, ReviewActions.Action.ESCALATE, "  call the prescriber  ", "pat")
                .orElseThrow();

        assertThat(queries.alert(id).orElseThrow().status()).isEqualTo("escalated");
        assertThat(queries.actionsFor(id)).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(action.id());
            assertThat(a.note()).isEqualTo("call the prescriber");
            assertThat(a.actor()).isEqualTo("pat");
            assertThat(a.createdAt()).isEqualTo(NOW);
        });
        StoredAuditEvent audit = queries.audit("review-action", 0, 10).items().get(0);
        assertThat(audit.alertId()).isEqualTo(id);
        assertThat(audit.actor()).isEqualTo("pat");
        assertThat(audit.patientId()).isEqualTo("p1");
        assertThat(audit.outcome()).isEqualTo("escalated");
        assertThat(json.readValue(audit.detail(), Map.class))
                .containsEntry("reviewActionId", action.id())
                .containsEntry("previousStatus", "open");
        assertThat(audit.detail()).doesNotContain("prescriber");
    }

    @Test
    void anActionOnAnUnknownAlertWritesNothing() {
        assertThat(actions.record("no-such-alert", ReviewActions.Action.RESOLVE, "x", "pat"))
                .isEmpty();
        assertThat(queries.audit(null, 0, 10).total()).isZero();
        assertThat(jdbc.sql("select count(*) from review_action")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void countsShownOverriddenAndWithheldAlertsPerRuleCategoryAndWeek() {
        String a1 = data.alert("p1", "taper-rate-exceeded", "warning", T0);
        String a2 = data.alert("p2", "taper-rate-exceeded", "warning", T0.plusSeconds(86_400));
        data.alert("p3", "taper-rate-exceeded", "warning", T0.plusSeconds(8 * 86_400)); // next week
        data.alert("p1", "taper-rate-exceeded", "warning", "taper-rate-exceeded", "open", false, T0, "withheld");
        String b1 = data.alert("p1", "alcohol-co-use", "warning", T0);
        data.alert("p9", "alcohol-co-use", "warning", T0.minusSeconds(30 * 86_400)); // before the period
        data.feedback(a1, "overridden", "benefits", "Benefits outweigh risks", null, T0);
        data.feedback(a2, "overridden", "benefits", "Benefits outweigh risks", null, T0);
        data.feedback(b1, "overridden", "patient-declined", "Patient declined", null, T0);

        OverrideAnalytics analytics =
                queries.overrides(T0.minusSeconds(86_400), T0.plusSeconds(14 * 86_400), ZoneId.of("UTC"));

        assertThat(analytics.perCategory())
                .containsExactly(
                        new OverrideAnalytics.Rate("taper-rate-exceeded", 3, 2, 1),
                        new OverrideAnalytics.Rate("alcohol-co-use", 1, 1, 0));
        assertThat(analytics.perRule())
                .extracting(OverrideAnalytics.Rate::key)
                .containsExactly("taper-rate-exceeded", "alcohol-co-use");
        assertThat(analytics.weeklyPerCategory())
                .containsExactly(
                        new OverrideAnalytics.WeeklyRate(LocalDate.parse("2026-03-02"), "alcohol-co-use", 1, 1),
                        new OverrideAnalytics.WeeklyRate(LocalDate.parse("2026-03-02"), "taper-rate-exceeded", 2, 2),
                        new OverrideAnalytics.WeeklyRate(LocalDate.parse("2026-03-09"), "taper-rate-exceeded", 1, 0));
        assertThat(analytics.reasons())
                .extracting(OverrideAnalytics.Reason::code, OverrideAnalytics.Reason::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("benefits", 2L),
                        org.assertj.core.groups.Tuple.tuple("patient-declined", 1L));
        assertThat(analytics.perCategory().get(0).rate()).isEqualTo(2.0 / 3.0);
    }
}
