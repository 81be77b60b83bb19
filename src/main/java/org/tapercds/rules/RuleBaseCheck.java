package org.tapercds.rules;

import java.util.List;

/**
 * A check a candidate rule base must pass before it may serve, run at start-up and at every reload
 * after it has compiled and loaded: e.g. that every card template renders with the values it
 * will be given, and that every scenario under {@code rules/} gives its expected cards. Implemented
 * outside this package (by the evaluation, which knows how cards are written and how a call runs).
 */
public interface RuleBaseCheck {

    /** What this check looks at, for the start-up log and a refusal's message. */
    String name();

    /**
     * The problems that keep {@code candidate} from serving, each naming the file (and line where
     * there is one); empty when it may serve.
     */
    List<String> problems(RuleBase candidate);
}
