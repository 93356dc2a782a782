package dev.tracemodule.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point inward: web → application → domain ← infrastructure. */
@AnalyzeClasses(packages = "dev.tracemodule", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule layersPointInward =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Web").definedBy("dev.tracemodule.web..")
          .layer("Application").definedBy("dev.tracemodule.application..")
          .layer("Api").definedBy("dev.tracemodule.api..")
          .layer("Domain").definedBy("dev.tracemodule.domain..")
          .layer("Infrastructure").definedBy("dev.tracemodule.infrastructure..")
          .whereLayer("Web").mayNotBeAccessedByAnyLayer()
          .whereLayer("Infrastructure").mayNotBeAccessedByAnyLayer()
          .whereLayer("Application").mayOnlyBeAccessedByLayers("Web")
          .whereLayer("Api").mayOnlyBeAccessedByLayers("Web", "Application")
          .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Infrastructure");

  @ArchTest
  static final ArchRule domainIsPlainJava =
      noClasses()
          .that().resideInAPackage("dev.tracemodule.domain..")
          .should().dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta..", "javax..", "org.hibernate..", "org.mapstruct..", "org.eclipse.microprofile..",
              "com.fasterxml..", "org.postgresql..", "org.flywaydb..");

  @ArchTest
  static final ArchRule apiDependsOnNothingOfTheModule =
      noClasses()
          .that().resideInAPackage("dev.tracemodule.api..")
          .should().dependOnClassesThat()
          .resideInAnyPackage("dev.tracemodule.domain..", "dev.tracemodule.application..", "dev.tracemodule.infrastructure..");
}
