package org.tapercds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: the CDS Hooks service, its rule base and (later) the review console. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TaperCdsApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaperCdsApplication.class, args);
    }
}
