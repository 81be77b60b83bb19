package org.tapercds.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: the service's own REST endpoints only (which
 * paths: {@code springdoc.paths-to-match}). The CDS Hooks endpoints are left out on purpose: EHRs
 * learn them from CDS Hooks discovery ({@code GET /cds-services}) and the CDS Hooks 2.0 spec.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI taperCdsOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("taper-cds REST API")
                        .description("Endpoints of taper-cds besides CDS Hooks (which are described by"
                                + " CDS Hooks discovery at GET /cds-services) and besides the actuator.")
                        .version(version()));
    }

    /** The jar's version ({@code Implementation-Version}); {@code dev} when run from classes. */
    private static String version() {
        String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
