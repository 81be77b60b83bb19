package org.tapercds.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The spool in {@code taper.alerts.spool-dir} and the writer's meters. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

    @Bean
    Spool alertSpool(AlertsProperties properties) {
        return new Spool(properties.spoolDir());
    }

    @Bean
    WriterMetrics alertWriterMetrics(MeterRegistry registry, Spool spool) {
        return new WriterMetrics(registry, spool);
    }
}
