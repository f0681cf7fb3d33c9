package io.incidentops.intake.architecture;

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
 * The role layout every service shares: JAX-RS resources in {@code api} packages, Kafka consumers in
 * {@code messaging}, and both on top of the features (nothing in a feature reaches up into them).
 */
class RoleLayoutTest {

    /** Our {@code api} packages (not libraries' such as {@code io.smallrye.faulttolerance.api}). */
    private static final String API = "io.incidentops.intake..api";
    private static final String MESSAGING = "io.incidentops.intake.messaging..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incidentops.intake");

    @Test
    void resourcesLiveInApiPackages() {
        classes().that().areAnnotatedWith(Path.class).should().resideInAPackage(API).check(classes);
        methods().that().areAnnotatedWith(Path.class).should().beDeclaredInClassesThat().resideInAPackage(API)
                .check(classes);
    }

    @Test
    void consumersLiveInMessaging() {
        methods().that().areAnnotatedWith(Incoming.class).should().beDeclaredInClassesThat().resideInAPackage(MESSAGING)
                .check(classes);
    }

    @Test
    void featuresDoNotDependOnApiOrMessaging() {
        noClasses().that().resideOutsideOfPackage(API).should().dependOnClassesThat().resideInAPackage(API)
                .check(classes);
        noClasses().that().resideOutsideOfPackage(MESSAGING).should().dependOnClassesThat().resideInAPackage(MESSAGING)
                .check(classes);
    }
}
