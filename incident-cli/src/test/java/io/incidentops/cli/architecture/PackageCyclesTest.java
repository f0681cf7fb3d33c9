package io.incidentops.cli.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The CLI's packages form no cycle, and the commands share only what is below them (support, config, http, output,
 * command): no command reaches into another.
 */
class PackageCyclesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.cli");

    @Test
    void noPackageCycles() {
        slices().matching("io.incidentops.cli.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void commandsDoNotUseEachOther() {
        String[] commands = {"incidents", "alerts", "oncall", "runbooks", "login", "tail"};
        for (String command : commands) {
            String[] others = java.util.Arrays.stream(commands).filter(c -> !c.equals(command))
                    .map(c -> "io.incidentops.cli." + c + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("io.incidentops.cli." + command + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
        }
    }
}
