package org.tapercds;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each package may use (STYLE.md): dependencies run one way, {@code hooks} (and the coming
 * {@code console}, {@code admin}) → {@code evaluation} → {@code rules} → {@code evidence} /
 * {@code timeline} → {@code fhir} → {@code facts}, with {@code system} for all but {@code facts};
 * {@code security} (EHR JWT, CORS, console login; used by the edges) uses only {@code system};
 * {@code alerts} (stored alerts, feedback, snoozes, audit; fed by evaluations) is used by the edges
 * ({@code hooks} hands it the EHR's feedback). Every package is listed with what it may use, and no two packages depend on each
 * other in a cycle.
 */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tapercds");
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("application")
                .definedBy("org.tapercds")
                .layer("hooks")
                .definedBy("org.tapercds.hooks..")
                .layer("console")
                .definedBy("org.tapercds.console..")
                .layer("admin")
                .definedBy("org.tapercds.admin..")
                .layer("alerts")
                .definedBy("org.tapercds.alerts..")
                .layer("security")
                .definedBy("org.tapercds.security..")
                .layer("evaluation")
                .definedBy("org.tapercds.evaluation..")
                .layer("rules")
                .definedBy("org.tapercds.rules..")
                .layer("evidence")
                .definedBy("org.tapercds.evidence..")
                .layer("timeline")
                .definedBy("org.tapercds.timeline..")
                .layer("fhir")
                .definedBy("org.tapercds.fhir..")
                .layer("facts")
                .definedBy("org.tapercds.facts..")
                .layer("system")
                .definedBy("org.tapercds.system..")
                .whereLayer("hooks")
                .mayOnlyAccessLayers("alerts", "evaluation", "rules", "fhir", "facts", "system", "security")
                .whereLayer("console")
                .mayOnlyAccessLayers("alerts", "evaluation", "rules", "facts", "system", "security")
                .whereLayer("admin")
                .mayOnlyAccessLayers("alerts", "evaluation", "rules", "facts", "system", "security")
                .whereLayer("alerts")
                .mayOnlyAccessLayers("evaluation", "rules", "fhir", "facts", "system")
                .whereLayer("security")
                .mayOnlyAccessLayers("system")
                .whereLayer("evaluation")
                .mayOnlyAccessLayers("rules", "evidence", "timeline", "fhir", "facts", "system")
                .whereLayer("rules")
                .mayOnlyAccessLayers("evidence", "timeline", "fhir", "facts", "system")
                .whereLayer("evidence")
                .mayOnlyAccessLayers("timeline", "fhir", "facts", "system")
                .whereLayer("timeline")
                .mayOnlyAccessLayers("fhir", "facts", "system")
                .whereLayer("fhir")
                .mayOnlyAccessLayers("facts", "system")
                .whereLayer("system")
                .mayNotAccessAnyLayer()
                .whereLayer("facts")
                .mayNotAccessAnyLayer()
                .check(classes);
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("org.tapercds.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void factsAreAPlainVocabularyWithoutFhirJsonOrSpring() {
        noClasses()
                .that()
                .resideInAPackage("org.tapercds.facts..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.hl7.fhir..",
                        "ca.uhn.fhir..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..",
                        "org.springframework..")
                .check(classes);
    }

    @Test
    void timelineAndEvidenceAreFreeOfSpring() {
        noClasses()
                .that()
                .resideInAnyPackage("org.tapercds.timeline..", "org.tapercds.evidence..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void onlyTheHttpEdgeKnowsServlets() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.tapercds.evaluation..",
                        "org.tapercds.rules..",
                        "org.tapercds.evidence..",
                        "org.tapercds.timeline..",
                        "org.tapercds.fhir..",
                        "org.tapercds.facts..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.servlet..")
                .check(classes);
    }
}
