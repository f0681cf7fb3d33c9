package io.incidentops.reporter.architecture;

import io.incidentops.platform.messaging.IncidentEventHandler;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/** One layout in every service: resources in {@code api} packages, Kafka consumers in {@code messaging}. */
class LayoutTest {

    @Test
    void resourcesLiveInApiPackages() {
        classes().that().areAnnotatedWith(Path.class).should().resideInAPackage("..api")
                .check(ReporterClasses.get());
        methods().that().areAnnotatedWith(Path.class).should().beDeclaredInClassesThat().resideInAPackage("..api")
                .check(ReporterClasses.get());
    }

    @Test
    void consumersLiveInMessaging() {
        classes().that().implement(IncidentEventHandler.class).should()
                .resideInAPackage(ReporterClasses.ROOT + ".messaging").check(ReporterClasses.get());
        // today the reporter's only consumer is the platform's incident-events consumer; this keeps a future one in place
        methods().that().areAnnotatedWith(Incoming.class).should().beDeclaredInClassesThat()
                .resideInAPackage(ReporterClasses.ROOT + ".messaging..").allowEmptyShould(true)
                .check(ReporterClasses.get());
    }
}
