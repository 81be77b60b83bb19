package org.tapercds.admin.cli;

import java.io.PrintStream;
import java.util.Optional;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleInfo;

/**
 * {@code validate}: everything the service checks at start-up before it runs the scenarios: the
 * settings, the drug knowledge, the ValueSets and profiles, the DRL (compiled), each rule's
 * metadata and header, the card wording and its templates.
 */
final class ValidateCommand {

    private final CommandContext context;

    ValidateCommand(CommandContext context) {
        this.context = context;
    }

    int run(PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        Optional<RuleBase> loaded = context.load("validate", err);
        if (loaded.isEmpty()) {
            return CommandLine.PROBLEMS;
        }
        RuleBase ruleBase = loaded.get();
        long folders =
                ruleBase.rules().stream().map(RuleInfo::folder).distinct().count();
        out.printf(
                "validate: %s and %s are valid: rule base %s, %d rules in %d folders, %d card categories (%.1f s)%n",
                context.rulesDir(),
                context.profilesDir(),
                ruleBase.version(),
                ruleBase.rules().size(),
                folders,
                ruleBase.cardWording().categories().size(),
                (System.nanoTime() - start) / 1e9);
        out.println("Next: `test` runs the scenarios.");
        return CommandLine.OK;
    }
}
