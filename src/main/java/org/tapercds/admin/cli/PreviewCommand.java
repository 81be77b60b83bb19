package org.tapercds.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tapercds.admin.ExpectationWriter;
import org.tapercds.admin.ImpactPreview;
import org.tapercds.admin.ImpactReport;
import org.tapercds.evaluation.scenarios.ScenarioException;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.rules.RuleBase;

/**
 * {@code preview [candidate-rules] [candidate-profiles] [--baseline dir] [--baseline-profiles dir]
 * [--accept]}: the impact of a candidate rule base on the scenario library against a baseline (by
 * default {@code ./rules} and {@code ./fhir-profiles}, the directories the service reads). Both are
 * loaded and checked as {@code validate} does; a refused one is reported with its files and lines
 * (exit 1). The candidate's failing scenarios do not refuse it: they are shown. {@code --accept}
 * then rewrites the expectations of the changed scenarios in the candidate's directory and says
 * whether {@code test} would pass.
 */
final class PreviewCommand {

    private PreviewCommand() {}

    private record Options(Path rules, Path profiles, Path baselineRules, Path baselineProfiles, boolean accept) {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = options(args);
        return CommandLine.withContext(
                new Path[] {options.rules(), options.profiles()}, context -> preview(context, options, out, err));
    }

    private static int preview(CommandContext context, Options options, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        Optional<RuleBase> candidate = context.load("preview", err);
        if (candidate.isEmpty()) {
            return CommandLine.PROBLEMS;
        }
        Optional<RuleBase> baseline = new CommandContext(
                        context.beans(), options.baselineRules(), options.baselineProfiles())
                .load("preview", err);
        if (baseline.isEmpty()) {
            err.println("preview: the baseline is refused; name another with --baseline");
            return CommandLine.PROBLEMS;
        }
        ImpactPreview impact = new ImpactPreview(context.beans().getBean(ScenarioFiles.class), context.scenarios());
        ImpactPreview.Preview preview;
        try {
            preview = impact.preview(
                    new ImpactPreview.Side(baseline.get(), name(options.baselineRules()), options.baselineRules()),
                    new ImpactPreview.Side(candidate.get(), name(options.rules()), options.rules()));
        } catch (ScenarioException e) {
            err.println(context.lines().located(e.getMessage()));
            err.println("preview: the scenarios cannot be read");
            return CommandLine.PROBLEMS;
        }
        ImpactReport report = preview.report();
        new PreviewText(options.rules(), options.baselineRules(), out).print(report);
        out.println();
        out.printf(
                "preview: %d of %d scenarios change: %d cards appear, %d disappear, %d change indicator, %d change"
                        + " suggestion, %d change plan; %d scenarios fail on the candidate (%.1f s)%n",
                report.totals().changed(),
                report.totals().scenarios(),
                report.totals().appearing(),
                report.totals().disappearing(),
                report.totals().indicatorChanges(),
                report.totals().suggestionChanges(),
                report.totals().planChanges(),
                report.totals().failing(),
                (System.nanoTime() - start) / 1e9);
        return options.accept() ? accept(context, impact, preview, candidate.get(), options, out, err) : CommandLine.OK;
    }

    /** Rewrites the changed scenarios' expectations, then runs the candidate's scenarios as {@code test} would. */
    private static int accept(
            CommandContext context,
            ImpactPreview impact,
            ImpactPreview.Preview preview,
            RuleBase candidate,
            Options options,
            PrintStream out,
            PrintStream err) {
        List<ExpectationWriter.Accepted> written;
        try {
            written = new ExpectationWriter(context.json()).accept(preview);
        } catch (IOException e) {
            err.println("preview --accept: a scenario file cannot be rewritten (" + e.getMessage() + ")");
            return CommandLine.PROBLEMS;
        }
        written.forEach(
                accepted -> out.println("accepted: " + name(options.rules().resolve(accepted.scenario()))));
        List<String> remaining = impact.problems(options.rules(), candidate);
        out.printf(
                "preview --accept: %d scenario %s rewritten in %s; ",
                written.size(), written.size() == 1 ? "file" : "files", name(options.rules()));
        if (remaining.isEmpty()) {
            out.println("`test` passes on the candidate");
        } else {
            out.println("`test` still fails on the candidate (fix these by hand):");
            remaining.forEach(problem -> out.println("  " + context.lines().located(problem)));
        }
        return CommandLine.OK;
    }

    private static String name(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static Options options(List<String> args) {
        List<String> dirs = new ArrayList<>();
        Path baselineRules = Path.of("rules");
        Path baselineProfiles = Path.of("fhir-profiles");
        boolean accept = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--accept" -> accept = true;
                case "--baseline", "--baseline-profiles" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                        throw new CommandLine.UsageException(arg + " needs a directory");
                    }
                    Path dir = Path.of(args.get(++i));
                    if (arg.equals("--baseline")) {
                        baselineRules = dir;
                    } else {
                        baselineProfiles = dir;
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new CommandLine.UsageException("unknown option " + arg);
                    }
                    dirs.add(arg);
                }
            }
        }
        Path[] candidate = CommandLine.dirs(dirs, 0);
        if (same(candidate[0], baselineRules) && same(candidate[1], baselineProfiles)) {
            throw new CommandLine.UsageException("preview compares two rule bases, but the candidate is the baseline ("
                    + name(baselineRules) + "): name the candidate's rules directory (a copy of rules/ with your"
                    + " change), or the baseline's with --baseline (a copy of the rules in service)");
        }
        return new Options(candidate[0], candidate[1], baselineRules, baselineProfiles, accept);
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
