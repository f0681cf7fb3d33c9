package io.incidentops.reporter.architecture;

import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The reporter's packages form no cycle (each package is its own slice, so {@code mttr.api} and {@code mttr} count
 * apart), and the entry points depend on the features, never the other way.
 */
class PackageCyclesTest {

    @Test
    void noPackageCycles() {
        slices().matching(ReporterClasses.ROOT + ".(**)").should().beFreeOfCycles().check(ReporterClasses.get());
    }

    @Test
    void featuresDoNotDependOnMessagingOrApi() {
        noClasses().that().resideOutsideOfPackages(ReporterClasses.ROOT + ".messaging..", ReporterClasses.ROOT + "..api..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(ReporterClasses.ROOT + ".messaging..", ReporterClasses.ROOT + "..api..")
                .check(ReporterClasses.get());
    }
}
