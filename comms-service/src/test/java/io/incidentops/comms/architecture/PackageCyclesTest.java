package io.incidentops.comms.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Comms' packages form no cycle: every package, sub-packages included ({@code statuspage.api} apart from
 * {@code statuspage}), can be read without the ones that use it.
 */
class PackageCyclesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.comms");

    @Test
    void noPackageCycles() {
        slices().matching("io.incidentops.comms.(**)").should().beFreeOfCycles().check(classes);
    }
}
