package org.cargorisk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.cargorisk.architecture.fixture.RawDeltaAccess;
import org.junit.jupiter.api.Test;

/**
 * Every Delta table is reached through its declaration (issue 21, items 2 and 6): only the lake
 * module's packages ({@code org.cargorisk.lake}, and {@code org.cargorisk.audit} whose run and
 * access logs live there too, both of which go through {@code TableIO}) touch tables by path. A
 * class anywhere else that loads or saves a path with Spark's reader or writer, or opens a
 * {@code DeltaTable} by path or name, fails this test.
 *
 * <p>The rule is on the calls, not on {@code format("delta")}: the byte code does not keep the
 * format string, but every Delta read ends in {@code DataFrameReader.load(String)} (or {@code
 * table(String)}) and every write in {@code DataFrameWriter.save(String)} (or {@code
 * saveAsTable}/{@code insertInto}). What stays allowed, on purpose: the landing files read with
 * {@code csv/json/parquet/text} (ingest) and written by the generator, Spark's no-op sink {@code
 * save()} without a path (ingest's floor), Spark ML's own {@code MLReader.load} and {@code
 * MLWriter.save} (model folders, fitted statistics), and the instance methods of a {@code
 * DeltaTable} handed out by {@code TableIO.deltaTable} (the MERGE builder stays where the merge
 * logic lives). No exceptions are needed today; add one only by name, here.
 */
class DeltaAccessRuleTest {
  /** The lake module's packages: the only ones that reach Delta tables by path. */
  private static final String[] LAKE_PACKAGES = {"org.cargorisk.lake..", "org.cargorisk.audit.."};

  private static final Set<String> DELTA_TABLE_BY_LOCATION =
      Set.of("forPath", "forName", "isDeltaTable", "create", "createIfNotExists", "createOrReplace", "replace", "convertToDelta");

  static final ArchRule RAW_DELTA_ACCESS =
      noClasses()
          .that()
          .resideOutsideOfPackages(LAKE_PACKAGES)
          .should()
          .callMethodWhere(rawDeltaAccess())
          .because(
              "Delta tables are read and written through their LakeTable declaration (TableIO), which"
                  + " applies the declared write mode and records the versions for the run record");

  @Test
  void onlyTheLakeReachesDeltaTablesByPath() {
    JavaClasses production = ProductionClasses.get();
    assertThat(production.containPackage("org.cargorisk.scoring.export")).as("classes of every module imported").isTrue();
    assertThat(production.containPackage("org.cargorisk.synthetic")).isTrue();
    RAW_DELTA_ACCESS.check(production);
  }

  @Test
  void theRuleRefusesAPathReadAWriteAndADeltaTableByPath() {
    EvaluationResult result =
        RAW_DELTA_ACCESS.evaluate(new ClassFileImporter().importClasses(RawDeltaAccess.class));

    List<String> violations = result.getFailureReport().getDetails();
    assertThat(violations).hasSize(4);
    assertThat(String.join("\n", violations))
        .contains("DataFrameReader.load(java.lang.String)")
        .contains("DataFrameWriter.save(java.lang.String)")
        .contains("DeltaTable.forPath(")
        .contains("DeltaLog.forTable(");
  }

  private static DescribedPredicate<JavaMethodCall> rawDeltaAccess() {
    return DescribedPredicate.describe(
        "a path load or save of Spark's reader or writer, or a DeltaTable or DeltaLog opened by location",
        call -> {
          String owner = call.getTargetOwner().getName();
          String name = call.getName();
          if (owner.equals(DataFrameReader.class.getName())) {
            return (name.equals("load") || name.equals("table")) && !call.getTarget().getRawParameterTypes().isEmpty();
          }
          if (owner.equals(DataFrameWriter.class.getName())) {
            return (name.equals("save") && !call.getTarget().getRawParameterTypes().isEmpty())
                || name.equals("saveAsTable")
                || name.equals("insertInto");
          }
          if (owner.equals("org.apache.spark.sql.delta.DeltaLog")) {
            return name.equals("forTable");
          }
          return owner.equals(DeltaTable.class.getName()) && DELTA_TABLE_BY_LOCATION.contains(name);
        });
  }
}
