package io.incidentops.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout every service shares (docs/architecture.md), as tests a service inherits:
 * <pre>
 * class ServiceLayoutTest extends ServiceLayoutRules {
 *     ServiceLayoutTest() { super("io.incidentops.comms"); }
 * }
 * </pre>
 * Every package is its own slice and no slice reaches itself through others; JAX-RS resources live in our {@code api}
 * packages, Kafka consumers (the {@code incident-events} handler and any {@code @Incoming}) in {@code messaging}, and
 * both sit on top of the feature packages, which never depend on them.
 */
public abstract class ServiceLayoutRules {

    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String INCOMING = "org.eclipse.microprofile.reactive.messaging.Incoming";
    private static final String EVENT_HANDLER = "io.incidentops.platform.messaging.IncidentEventHandler";

    private final String root;
    private final String api;
    private final String messaging;
    private final JavaClasses classes;

    protected ServiceLayoutRules(String rootPackage) {
        this.root = rootPackage;
        // our api packages only: "..api.." alone would also match libraries' api packages
        this.api = rootPackage + "..api..";
        this.messaging = rootPackage + ".messaging..";
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    @Test
    void noPackageCycles() {
        slices().matching(root + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void resourcesLiveInApiPackages() {
        classes().that().areAnnotatedWith(PATH).should().resideInAPackage(api).check(classes);
        methods().that().areAnnotatedWith(PATH).should().beDeclaredInClassesThat().resideInAPackage(api).check(classes);
    }

    @Test
    void consumersLiveInMessaging() {
        classes().that().implement(EVENT_HANDLER).should().resideInAPackage(messaging)
                .allowEmptyShould(true).check(classes);
        methods().that().areAnnotatedWith(INCOMING).should().beDeclaredInClassesThat().resideInAPackage(messaging)
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void featuresDependOnNeitherApiNorMessaging() {
        noClasses().that().resideOutsideOfPackages(api, messaging)
                .should().dependOnClassesThat().resideInAnyPackage(api, messaging)
                .check(classes);
    }
}
