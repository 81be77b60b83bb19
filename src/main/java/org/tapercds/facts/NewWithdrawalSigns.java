package org.tapercds.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * The distinct other withdrawal signs (withdrawal-signs-other) first recorded after the last dose
 * reduction.
 *
 * @param count how many distinct signs
 * @param signs their names
 * @param lastReduction the last dose reduction before today
 */
public record NewWithdrawalSigns(int count, List<String> signs, LocalDate lastReduction) {

    public NewWithdrawalSigns {
        signs = List.copyOf(signs);
    }
}
