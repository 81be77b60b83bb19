package org.tapercds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.tapercds.admin.cli.CommandLine;

/**
 * Entry point: the CDS Hooks service, its rule base and (later) the review console; with a command
 * ({@code validate}, {@code test}, {@code evaluate}) the informaticist's command line instead, which
 * starts no server ({@link CommandLine}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TaperCdsApplication {

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(args, System.out, System.err));
        }
        SpringApplication.run(TaperCdsApplication.class, args);
    }
}
