package io.incidentops.executor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/** Where a reader finds the HTTP surface and the Kafka consumers: resources in {@code api}, consumers in {@code messaging}. */
class RolePackagesTest {

    private final JavaClasses executor = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.executor");

    @Test
    void resourcesLiveInApiPackages() {
        classes().that().areAnnotatedWith(Path.class).should().resideInAPackage("..api").check(executor);
        methods().that().areAnnotatedWith(Path.class).should().beDeclaredInClassesThat().resideInAPackage("..api")
                .check(executor);
    }

    @Test
    void kafkaConsumersLiveInMessaging() {
        methods().that().areAnnotatedWith(Incoming.class).should().beDeclaredInClassesThat()
                .resideInAPackage("io.incidentops.executor.messaging").check(executor);
    }
}
