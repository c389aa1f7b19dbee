package dev.accountd;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: {@code api|cli -> service -> store -> domain}, wired together in one place
 * ({@code Main} and {@code Accountd}, which the CLI commands open). Read from the compiled classes, so every kind of reference counts: imports,
 * static imports, fully qualified names, signatures and annotations.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.accountd");
    }

    @Test
    void layersOnlyReachDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Wiring").definedBy("dev.accountd")
                .layer("Cli").definedBy("dev.accountd.cli..")
                .layer("Api").definedBy("dev.accountd.api..")
                .layer("Service").definedBy("dev.accountd.service..")
                .layer("Store").definedBy("dev.accountd.store")
                .layer("StoreImplementation").definedBy("dev.accountd.store.jdbc..")
                .layer("Domain").definedBy("dev.accountd.domain..")
                .layer("Error").definedBy("dev.accountd.error..")
                .layer("Config").definedBy("dev.accountd.config..")
                .layer("Json").definedBy("dev.accountd.json..")
                .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Cli") // each command opens the wiring it runs on
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Api", "Cli", "Wiring")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Service", "StoreImplementation", "Wiring")
                .whereLayer("StoreImplementation").mayOnlyBeAccessedByLayers("Wiring")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Cli", "Wiring")
                .whereLayer("Json").mayOnlyBeAccessedByLayers("Api", "Cli", "StoreImplementation", "Wiring")
                .check(classes);
    }

    @Test
    void domainErrorAndConfig_useTheJdkOnly() {
        noClasses().that().resideInAnyPackage("dev.accountd.domain..", "dev.accountd.error..", "dev.accountd.config..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.accountd.domain..", "dev.accountd.error..",
                        "dev.accountd.config..")
                .check(classes);
    }

    @Test
    void frameworksStayInTheirLayer() {
        noClasses().that().resideOutsideOfPackage("dev.accountd.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.accountd.store.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "com.zaxxer..", "org.flywaydb..", "org.sqlite..",
                        "org.postgresql..", "java.sql..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.accountd.cli..", "dev.accountd")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(classes);
    }

    @Test
    void servicesAreFreeOfHttpAndSql() {
        noClasses().that().resideInAPackage("dev.accountd.service..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "dev.accountd.json..")
                .check(classes);
    }
}
