package io.incidentops.executor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * No package of the executor depends, directly or through others, on itself: every package is its own slice, so a
 * feature never reaches back into the {@code api} or {@code messaging} package that uses it, nor into another feature
 * that uses it.
 */
class PackageCyclesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.executor");

    @Test
    void noPackageCycles() {
        slices().matching("io.incidentops.executor.(**)").should().beFreeOfCycles().check(classes);
    }
}
