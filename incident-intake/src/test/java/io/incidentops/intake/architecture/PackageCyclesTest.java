package io.incidentops.intake.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * No package cycle inside intake. Every package is its own slice ({@code alerts}, {@code alerts.api},
 * {@code declaration}, {@code incident}, {@code incident.api}, ...), so the rule also holds between a feature and the
 * {@code api} package on top of it: {@code alerts} and {@code incident} know nothing of each other, and
 * {@code declaration} is the one place that joins them.
 */
class PackageCyclesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.intake");

    @Test
    void noPackageCycles() {
        slices().matching("io.incidentops.intake.(**)").should().beFreeOfCycles().check(classes);
    }
}
