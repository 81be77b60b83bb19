package org.tapercds;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies run one way: hooks → rules → evidence/timeline → fhir → facts (STYLE.md). */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tapercds");
    }

    @Test
    void factsAreAPlainVocabularyWithoutFhirJsonOrOtherFeatures() {
        noClasses()
                .that()
                .resideInAPackage("org.tapercds.facts..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.tapercds.hooks..",
                        "org.tapercds.fhir..",
                        "org.tapercds.timeline..",
                        "org.tapercds.rules..",
                        "org.tapercds.system..",
                        "org.hl7.fhir..",
                        "ca.uhn.fhir..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void timelineKnowsNeitherRulesNorTheHttpEdge() {
        noClasses()
                .that()
                .resideInAPackage("org.tapercds.timeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tapercds.hooks..", "org.tapercds.rules..", "org.springframework..")
                .check(classes);
    }

    @Test
    void fhirKnowsNeitherRulesNorTimeline() {
        noClasses()
                .that()
                .resideInAPackage("org.tapercds.fhir..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tapercds.rules..", "org.tapercds.timeline..", "org.tapercds.evidence..")
                .check(classes);
    }

    @Test
    void evidenceKnowsNeitherRulesNorTheHttpEdge() {
        noClasses()
                .that()
                .resideInAPackage("org.tapercds.evidence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tapercds.hooks..", "org.tapercds.rules..", "org.springframework..")
                .check(classes);
    }

    @Test
    void rulesDoNotDependOnTheHttpEdge() {
        noClasses()
                .that()
                .resideInAPackage("org.tapercds.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.tapercds.hooks..")
                .check(classes);
    }
}
