package io.incidentops.reporter.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The reporter's main classes, imported once for the architecture rules. */
final class ReporterClasses {

    static final String ROOT = "io.incidentops.reporter";

    private static JavaClasses classes;

    private ReporterClasses() {
    }

    static synchronized JavaClasses get() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(ROOT);
        }
        return classes;
    }
}
