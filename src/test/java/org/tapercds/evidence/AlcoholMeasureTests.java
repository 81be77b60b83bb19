package org.tapercds.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tapercds.system.CsvFormatException;

/**
 * PEth and EtG results in other units are converted to ng/mL before they are judged (RULES §4), with
 * the factors of {@code rules/alcohol/alcohol-units.csv}; units written as UCUM codes or as text.
 */
class AlcoholMeasureTests {

    private static final List<AlcoholMeasure> SHIPPED = AlcoholMeasure.load(Path.of("rules"));

    private static AlcoholMeasure shipped(String prefix) {
        return SHIPPED.stream()
                .filter(m -> m.measure().startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    static Stream<Arguments> convertibleResults() {
        return Stream.of(
                // PEth 16:0/18:1: µmol/L × 703 = ng/mL, every spelling of micro
                Arguments.of("Phosphatidylethanol", "0.05", "umol/L", "35.15"),
                Arguments.of("Phosphatidylethanol", "0.05", "\u00B5mol/L", "35.15"),
                Arguments.of("Phosphatidylethanol", "0.05", "\u03BCmol/L", "35.15"),
                Arguments.of("Phosphatidylethanol", "0.02", "umol/l", "14.06"),
                Arguments.of("Phosphatidylethanol", "25", "ng/mL", "25"),
                Arguments.of("Phosphatidylethanol", "25", "NG/ML", "25"),
                // EtG: mg/L × 1000, µg/L × 1
                Arguments.of("Urine ethyl glucuronide", "0.5", "mg/L", "500"),
                Arguments.of("Urine ethyl glucuronide", "0.05", "mg/L", "50"),
                Arguments.of("Urine ethyl glucuronide", "150", "ug/L", "150"),
                Arguments.of("Urine ethyl glucuronide", "150", "mcg/L", "150"),
                Arguments.of("Urine ethyl glucuronide", "150", "\u00B5g/L", "150"),
                Arguments.of("Urine ethyl glucuronide", "150", " \u03BCg/L ", "150"),
                Arguments.of("Urine ethyl glucuronide", "150", "ng/mL", "150"));
    }

    @ParameterizedTest(name = "{0}: {1} {2} = {3} ng/mL")
    @MethodSource("convertibleResults")
    void convertsAResultToTheMeasureUnit(String measure, String value, String unit, String ngPerMl) {
        Optional<BigDecimal> converted = shipped(measure).inMeasureUnit(new BigDecimal(value), unit);

        assertThat(converted).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(ngPerMl));
    }

    @Test
    void judgesConvertedResultsAgainstTheNgPerMlThresholds() {
        AlcoholMeasure peth = shipped("Phosphatidylethanol");
        AlcoholMeasure etg = shipped("Urine ethyl glucuronide");

        assertThat(peth.positive(
                        peth.inMeasureUnit(new BigDecimal("0.05"), "µmol/L")
                                .orElseThrow()
                                .doubleValue(),
                        false))
                .isTrue();
        assertThat(peth.positive(
                        peth.inMeasureUnit(new BigDecimal("0.02"), "µmol/L")
                                .orElseThrow()
                                .doubleValue(),
                        false))
                .isFalse();
        assertThat(etg.positive(
                        etg.inMeasureUnit(new BigDecimal("0.5"), "mg/L")
                                .orElseThrow()
                                .doubleValue(),
                        false))
                .isTrue();
        assertThat(etg.positive(
                        etg.inMeasureUnit(new BigDecimal("0.05"), "mg/L")
                                .orElseThrow()
                                .doubleValue(),
                        false))
                .isFalse();
    }

    @ParameterizedTest
    @MethodSource("unconvertibleUnits")
    void aUnitNeitherTheMeasuresNorConvertibleIsNotJudged(String measure, String unit) {
        assertThat(shipped(measure).inMeasureUnit(new BigDecimal("1"), unit)).isEmpty();
    }

    static Stream<Arguments> unconvertibleUnits() {
        return Stream.of(
                Arguments.of("Phosphatidylethanol", "mmol/L"),
                Arguments.of("Phosphatidylethanol", "mg/L"), // not listed: PEth is reported in ng/mL or µmol/L
                Arguments.of("Phosphatidylethanol", "%"),
                Arguments.of("Phosphatidylethanol", null),
                Arguments.of("Urine ethyl glucuronide", "umol/L"), // a molar EtG result needs its own factor
                Arguments.of("Urine ethyl glucuronide", "mg/dL"),
                Arguments.of("Urine ethyl glucuronide", null));
    }

    @Test
    void aScoreTakesAnyUnit() {
        assertThat(shipped("AUDIT-C").inMeasureUnit(new BigDecimal("5"), "{score}"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("5"));
    }

    @Test
    void withoutAUnitsFileOnlyTheMeasureUnitIsJudged(@TempDir Path rules) throws IOException {
        write(rules, AlcoholMeasure.FILE, evidenceTable());

        AlcoholMeasure peth = AlcoholMeasure.load(rules).get(0);

        assertThat(peth.inMeasureUnit(new BigDecimal("0.05"), "umol/L")).isEmpty();
        assertThat(peth.inMeasureUnit(new BigDecimal("25"), "ng/mL")).isPresent();
    }

    @Test
    void refusesAConversionOfAnUnknownMeasure(@TempDir Path rules) throws IOException {
        write(rules, AlcoholMeasure.FILE, evidenceTable());
        write(rules, AlcoholMeasure.UNITS_FILE, "measure,unit,factor,source\nPEth typo,umol/L,703,x\n");

        assertThatThrownBy(() -> AlcoholMeasure.load(rules))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("alcohol-units.csv:2")
                .hasMessageContaining("PEth typo is not in");
    }

    @Test
    void refusesAFactorThatIsNotAPositiveNumber(@TempDir Path rules) throws IOException {
        write(rules, AlcoholMeasure.FILE, evidenceTable());
        write(rules, AlcoholMeasure.UNITS_FILE, "measure,unit,factor,source\nPEth,umol/L,0,x\n");

        assertThatThrownBy(() -> AlcoholMeasure.load(rules)).hasMessageContaining("factor must be positive");

        write(rules, AlcoholMeasure.UNITS_FILE, "measure,unit,factor,source\nPEth,umol/L,seven,x\n");

        assertThatThrownBy(() -> AlcoholMeasure.load(rules)).hasMessageContaining("factor is not a number");
    }

    @Test
    void refusesAUnitListedTwiceInAnySpelling(@TempDir Path rules) throws IOException {
        write(rules, AlcoholMeasure.FILE, evidenceTable());
        write(rules, AlcoholMeasure.UNITS_FILE, "measure,unit,factor,source\nPEth,umol/L,703,x\nPEth,µmol/L,703,x\n");

        assertThatThrownBy(() -> AlcoholMeasure.load(rules)).hasMessageContaining("listed twice");
    }

    @Test
    void refusesAConversionOfAMeasureWithoutAUnit(@TempDir Path rules) throws IOException {
        write(rules, AlcoholMeasure.FILE, evidenceTable());
        write(rules, AlcoholMeasure.UNITS_FILE, "measure,unit,factor,source\nScore,x,2,x\n");

        assertThatThrownBy(() -> AlcoholMeasure.load(rules)).hasMessageContaining("has no unit");
    }

    private static String evidenceTable() {
        return "measure,value_set,kind,positive_when,threshold,threshold_male,unit,lookback_days\n"
                + "PEth,http://x/peth,observation,>=,20,,ng/mL,90\n"
                + "Score,http://x/score,observation,>=,3,,,365\n";
    }

    private static void write(Path rules, String file, String text) throws IOException {
        Path path = rules.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }
}
