package org.tapercds.admin.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The informaticist's commands, run from the service's jar ({@code java -jar taper-cds.jar
 * validate|test|evaluate|preview …}): no Maven, no IDE, no server. Each starts a small Spring context
 * ({@link CliConfiguration}) with logging off, prints its result on stdout and its problems on
 * stderr as {@code file:line:column: message}, never a stack trace, and returns the exit code: 0
 * when all is well, 1 when something is wrong with the files, 2 for a usage error.
 */
public final class CommandLine {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 2;

    private static final Set<String> COMMANDS = Set.of("validate", "test", "evaluate", "preview", "help", "--help");

    static final String USAGE_TEXT =
            """
            usage: java -jar taper-cds.jar <command>
              validate [rules-dir] [profiles-dir]   compile and check the rule base (as the service does at start)
              test [rules-dir] [profiles-dir]       run every scenario, with a report per folder and rule
              evaluate <request.json> [--now YYYY-MM-DD] [--service id] [--rules dir] [--profiles dir]
                                                    print the cards the service would answer
              preview [rules-dir] [profiles-dir] [--baseline dir] [--baseline-profiles dir] [--accept]
                                                    the cards each scenario gains, loses or changes with a
                                                    candidate rule base (the directories given) against the
                                                    baseline (--baseline, default ./rules and ./fhir-profiles,
                                                    what the service reads); --accept then rewrites the changed
                                                    scenarios' expectations in the candidate's directory
            Without a command the jar starts the service. Defaults: ./rules and ./fhir-profiles.""";

    private CommandLine() {}

    /** Whether the arguments ask for a command (otherwise the jar starts the service). */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command the arguments name; the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "validate" -> withContext(dirs(rest, 0), context -> new ValidateCommand(context).run(out, err));
                case "test" -> withContext(dirs(rest, 0), context -> new TestCommand(context).run(out, err));
                case "evaluate" -> EvaluateCommand.run(rest, out, err);
                case "preview" -> PreviewCommand.run(rest, out, err);
                default -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
            };
        } catch (UsageException e) {
            err.println("taper-cds: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (RuntimeException e) {
            // The files' problems are reported by the commands; this is a fault of the program.
            err.println("taper-cds: " + args[0] + " failed unexpectedly ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return PROBLEMS;
        }
    }

    /** A wrong use of a command. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The rules and profiles directories given, or ./rules and ./fhir-profiles. */
    static Path[] dirs(List<String> args, int from) {
        if (args.size() - from > 2 || args.stream().anyMatch(a -> a.startsWith("-"))) {
            throw new UsageException("expected at most a rules directory and a profiles directory: " + args);
        }
        Path rules = Path.of(args.size() > from ? args.get(from) : "rules");
        Path profiles = Path.of(args.size() > from + 1 ? args.get(from + 1) : "fhir-profiles");
        return new Path[] {rules, profiles};
    }

    /** What a command does in the context. */
    interface Command {
        int run(CommandContext context);
    }

    /** Starts the command context on these directories, runs the command in it, closes it. */
    static int withContext(Path[] dirs, Command command) {
        SpringApplication application = new SpringApplication(CliConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(Map.of("logging.level.root", "OFF"));
        // Beans are made when a command first uses them: a run makes only what it needs (no FHIR
        // client for the prefetch fallback unless a request needs it). Logging is off (Drools logs each compile error
        // at ERROR with its stack; the command reports
        // them itself); the directories as the service's own settings, so every bean sees them.
        try (ConfigurableApplicationContext context = application.run(
                "--logging.level.root=OFF",
                "--spring.main.lazy-initialization=true",
                "--logging.level.ca.uhn.fhir=OFF",
                "--logging.level.org.apache=OFF",
                "--taper.rules-dir=" + dirs[0],
                "--taper.profiles-dir=" + dirs[1])) {
            return command.run(new CommandContext(context, dirs[0], dirs[1]));
        }
    }
}
