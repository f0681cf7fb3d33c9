package io.incidentops.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The platform's packages form no cycle: each one can be read (and changed) without the ones that use it. */
class PackageCyclesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.platform");

    @Test
    void noPackageCycles() {
        slices().matching("io.incidentops.platform.(*)..").should().beFreeOfCycles().check(classes);
    }
}
