package org.tapercds.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.Service;
import org.tapercds.rules.RuleBase;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorDetail;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code evaluate <request.json> [--now DATE] [--service id]}: the cards JSON the service would
 * answer to this request on that day (UTC; today by default), with the rule base of the given
 * directories, validated first. The service is the request's hook's unless named. Not done here:
 * profile validation ({@code taper.validation.mode}) and snoozes, which need the service's state.
 */
final class EvaluateCommand {

    private EvaluateCommand() {}

    private record Options(Path request, LocalDate today, Optional<String> service, Path rules, Path profiles) {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = options(args);
        if (!Files.isRegularFile(options.request())) {
            err.println(options.request() + ": no such file");
            return CommandLine.PROBLEMS;
        }
        return CommandLine.withContext(
                new Path[] {options.rules(), options.profiles()}, context -> evaluate(context, options, out, err));
    }

    private static int evaluate(CommandContext context, Options options, PrintStream out, PrintStream err) {
        JsonNode body;
        try {
            body = context.json().readTree(Files.readString(options.request()));
        } catch (JacksonException e) {
            String at = e.getLocation() == null
                    ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            err.println(options.request() + at + ": not valid JSON (" + e.getOriginalMessage() + ")");
            return CommandLine.PROBLEMS;
        } catch (IOException e) {
            err.println(options.request() + ": cannot be read (" + e.getMessage() + ")");
            return CommandLine.PROBLEMS;
        }
        Optional<Service> service = options.service().isPresent()
                ? Service.find(options.service().get())
                : Arrays.stream(Service.values())
                        .filter(s ->
                                s.hook().wireName().equals(body.path("hook").asString("")))
                        .findFirst();
        if (service.isEmpty()) {
            err.println(options.request() + ": no service for "
                    + options.service().map(id -> "id " + id).orElse("hook " + body.path("hook"))
                    + " (services: "
                    + Arrays.stream(Service.values()).map(Service::id).toList() + ")");
            return CommandLine.PROBLEMS;
        }
        Optional<RuleBase> ruleBase = context.load("evaluate", err);
        if (ruleBase.isEmpty()) {
            return CommandLine.PROBLEMS;
        }
        Evaluation evaluation;
        try {
            evaluation = context.pipeline()
                    .evaluate(context.pipeline().read(service.get(), body), ruleBase.get(), options.today());
        } catch (ApiException e) {
            err.println(options.request() + ": the service would refuse this request with "
                    + e.code().status().value() + " " + e.code().code() + ": " + describe(e));
            return CommandLine.PROBLEMS;
        }
        out.println(context.json().writerWithDefaultPrettyPrinter().writeValueAsString(evaluation.response()));
        return CommandLine.OK;
    }

    private static String describe(ApiException e) {
        List<String> details = new ArrayList<>();
        for (ErrorDetail detail : e.details()) {
            details.add(detail.expression() == null ? detail.message() : detail.expression() + ": " + detail.message());
        }
        return details.isEmpty() ? e.getMessage() : String.join("; ", details);
    }

    private static Options options(List<String> args) {
        Path request = null;
        LocalDate today = LocalDate.now(Clock.systemUTC());
        String service = null;
        Path rules = Path.of("rules");
        Path profiles = Path.of("fhir-profiles");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (i + 1 >= args.size()) {
                    throw new CommandLine.UsageException(arg + " needs a value");
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--now" -> today = day(value);
                    case "--service" -> service = value;
                    case "--rules" -> rules = Path.of(value);
                    case "--profiles" -> profiles = Path.of(value);
                    default -> throw new CommandLine.UsageException("unknown option " + arg);
                }
            } else if (request == null) {
                request = Path.of(arg);
            } else {
                throw new CommandLine.UsageException("one request file, not " + arg);
            }
        }
        if (request == null) {
            throw new CommandLine.UsageException("evaluate needs a request file");
        }
        return new Options(request, today, Optional.ofNullable(service), rules, profiles);
    }

    /** A day (2026-11-22) or an instant (2026-11-22T10:00:00Z), whose UTC date is used. */
    private static LocalDate day(String value) {
        try {
            return value.contains("T")
                    ? LocalDate.ofInstant(Instant.parse(value), ZoneOffset.UTC)
                    : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.UsageException("--now must be a date such as 2026-11-22: " + value);
        }
    }
}
