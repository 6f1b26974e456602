package org.journeyplatform.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.journeyplatform.api.planted.PlantedSqlController;
import org.journeyplatform.domain.planted.SpringInTheDomain;
import org.journeyplatform.projections.planted.ProjectionReachingOut;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The modules' boundaries, checked on the compiled classes of every module (the Maven graph alone cannot see a
 * controller running SQL, nor catch the domain reaching for a framework). Each rule is shown to be able to fail: a
 * planted violation in this module's test sources (packages {@code ...planted}, never used) is found by it, and a rule
 * that matches no class fails rather than passes.
 */
@DisplayName("The architecture")
class ArchitectureTest {

    /** Every production class of the platform: the four modules' main classes, not test classes. */
    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.journeyplatform");

    /** The domain knows Java and Axon's annotations and messaging types, nothing else: no Spring, JDBC or Jackson. */
    static final ArchRule DOMAIN_DEPENDS_ON_JAVA_AND_AXON_ONLY = classes()
            .that()
            .resideInAPackage("org.journeyplatform.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.axonframework..", "org.journeyplatform.domain..")
            .because("the domain is the core every other module depends on (README: journey-domain)");

    /** Read models depend inward only: on the domain, never on the infrastructure wiring or the web layer. */
    static final ArchRule PROJECTIONS_DEPEND_INWARD = noClasses()
            .that()
            .resideInAPackage("org.journeyplatform.projections..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.journeyplatform.infra..", "org.journeyplatform.api..")
            .because("dependencies point inward to the domain");

    /** The infrastructure wiring never depends on the web layer. */
    static final ArchRule INFRA_DEPENDS_INWARD = noClasses()
            .that()
            .resideInAPackage("org.journeyplatform.infra..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.journeyplatform.api..")
            .because("dependencies point inward to the domain");

    /** Controllers answer requests; SQL lives in components of their own. */
    static final ArchRule CONTROLLERS_RUN_NO_SQL = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(Controller.class)
            .or()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
            .because("a controller that runs SQL mixes the web layer with storage (issue 17)");

    static final List<ArchRule> RULES = List.of(
            DOMAIN_DEPENDS_ON_JAVA_AND_AXON_ONLY,
            PROJECTIONS_DEPEND_INWARD,
            INFRA_DEPENDS_INWARD,
            CONTROLLERS_RUN_NO_SQL);

    @Nested
    @DisplayName("holds for the platform's classes")
    class Holds {

        @Test
        @DisplayName("the domain depends on Java and Axon only")
        void domain() {
            DOMAIN_DEPENDS_ON_JAVA_AND_AXON_ONLY.check(PLATFORM);
        }

        @Test
        @DisplayName("projections depend on neither infra nor the web layer")
        void projections() {
            PROJECTIONS_DEPEND_INWARD.check(PLATFORM);
        }

        @Test
        @DisplayName("infra does not depend on the web layer")
        void infra() {
            INFRA_DEPENDS_INWARD.check(PLATFORM);
        }

        @Test
        @DisplayName("no controller runs SQL")
        void controllers() {
            CONTROLLERS_RUN_NO_SQL.check(PLATFORM);
        }

        @Test
        @DisplayName("and it looked at every module")
        void sawEveryModule() {
            for (String module : List.of("domain", "projections", "infra", "api")) {
                assertThat(PLATFORM.stream()
                                .filter(c -> c.getPackageName().startsWith("org.journeyplatform." + module))
                                .count())
                        .as("classes of " + module)
                        .isGreaterThan(10);
            }
        }
    }

    @Nested
    @DisplayName("can fail")
    class CanFail {

        @Test
        @DisplayName("the planted domain class that uses Spring breaks the domain rule")
        void plantedDomain() {
            assertThat(DOMAIN_DEPENDS_ON_JAVA_AND_AXON_ONLY
                            .evaluate(new ClassFileImporter().importClasses(SpringInTheDomain.class))
                            .hasViolation())
                    .isTrue();
        }

        @Test
        @DisplayName("the planted projection that uses the web layer breaks the projections rule")
        void plantedProjection() {
            assertThat(PROJECTIONS_DEPEND_INWARD
                            .evaluate(new ClassFileImporter().importClasses(ProjectionReachingOut.class))
                            .hasViolation())
                    .isTrue();
        }

        @Test
        @DisplayName("the planted controller that runs SQL breaks the controller rule")
        void plantedController() {
            assertThat(CONTROLLERS_RUN_NO_SQL
                            .evaluate(new ClassFileImporter().importClasses(PlantedSqlController.class))
                            .hasViolation())
                    .isTrue();
        }

        @Test
        @DisplayName("a rule that finds no class to judge fails instead of passing")
        void emptyRulesFail() {
            JavaClasses none = new ClassFileImporter().importClasses(String.class);
            for (ArchRule rule : RULES) {
                assertThatThrownBy(() -> rule.check(none))
                        .as(rule.getDescription())
                        .isInstanceOf(AssertionError.class);
            }
        }
    }
}
