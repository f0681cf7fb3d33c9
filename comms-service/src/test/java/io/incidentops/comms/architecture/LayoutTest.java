package io.incidentops.comms.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The role layout of every service: HTTP resources in {@code api} packages, Kafka consumers in {@code messaging},
 * and both on top of the feature packages, which never depend on them.
 */
class LayoutTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.comms");

    @Test
    void resourcesLiveInApiPackages() {
        classes().that().areAnnotatedWith(Path.class).should().resideInAPackage("..api..").check(classes);
        methods().that().areAnnotatedWith(Path.class).should().beDeclaredInClassesThat().resideInAPackage("..api..")
                .check(classes);
    }

    @Test
    void kafkaConsumersLiveInMessaging() {
        // comms has no @Incoming of its own today (the platform consumes incident-events for it): the rule guards
        // the next consumer
        methods().that().areAnnotatedWith(Incoming.class)
                .should().beDeclaredInClassesThat().resideInAPackage("io.incidentops.comms.messaging..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void featuresDependOnNeitherApiNorMessaging() {
        noClasses().that().resideOutsideOfPackages("..api..", "io.incidentops.comms.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.incidentops.comms..api..",
                        "io.incidentops.comms.messaging..")
                .check(classes);
    }
}
