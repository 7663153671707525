package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The system properties purenet.threads and purenet.gemm, and the Vector-API-absent warning. */
class GemmConfigTest {

  private static final Tensor A = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);

  @Test
  void aBadThreadCountFailsEveryTimeAProductUsesIt() {
    for (String bad : List.of("zero", "0", "-3", "", "1.5")) {
      withProperty(GemmConfig.THREADS, bad, () -> {
        for (int attempt = 0; attempt < 2; attempt++) {
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> A.matmul(A));
          assertTrue(e.getMessage().contains("purenet.threads") && e.getMessage().contains("\"" + bad + "\""),
              e.getMessage());
        }
      });
    }
    // Once the value is valid again, products work: nothing was left broken by the failures.
    assertEquals(Tensor.of(new double[] {7, 10, 15, 22}, 2, 2), A.matmul(A));
  }

  @Test
  void aBadKernelChoiceFailsEveryTimeAProductUsesIt() {
    withProperty(GemmConfig.KERNEL, "fast", () -> {
      for (int attempt = 0; attempt < 2; attempt++) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> A.matmul(A));
        assertTrue(e.getMessage().contains("purenet.gemm") && e.getMessage().contains("\"fast\""), e.getMessage());
      }
    });
    assertEquals(Tensor.of(new double[] {7, 10, 15, 22}, 2, 2), A.matmul(A));
  }

  @Test
  void validValuesAreHonouredWhenTheyChange() {
    withProperty(GemmConfig.THREADS, "3", () -> assertEquals(3, GemmConfig.threads()));
    withProperty(GemmConfig.THREADS, " 1 ", () -> assertEquals(1, GemmConfig.threads()));
    withProperty(GemmConfig.KERNEL, "scalar", () -> assertSame(Gemm.scalarKernel(), GemmConfig.kernel()));
    assertEquals(Runtime.getRuntime().availableProcessors(), GemmConfig.parseThreads(null));
  }

  @Test
  void vectorWithoutTheModuleNamesTheFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GemmConfig.chooseKernel("vector", null, new VectorAbsence(new Recording())));
    assertTrue(e.getMessage().contains("purenet.gemm") && e.getMessage().contains("--add-modules=jdk.incubator.vector"),
        e.getMessage());
  }

  @Test
  void theAbsentModuleIsReportedOnceThroughSystemLogger() {
    Recording log = new Recording();
    VectorAbsence absence = new VectorAbsence(log);
    for (int i = 0; i < 5; i++) {
      assertSame(Gemm.scalarKernel(), GemmConfig.chooseKernel(i % 2 == 0 ? null : "auto", null, absence));
    }
    assertEquals(1, log.records.size(), log.records.toString());
    String message = log.records.get(0);
    assertTrue(message.startsWith("WARNING "), message);
    assertTrue(message.contains("--add-modules=jdk.incubator.vector") && message.contains("slower"), message);
  }

  @Test
  void noWarningWhenTheScalarKernelIsChosenOrTheModuleIsPresent() {
    Recording log = new Recording();
    VectorAbsence absence = new VectorAbsence(log);
    assertSame(Gemm.scalarKernel(), GemmConfig.chooseKernel("scalar", null, absence));
    MicroKernel vector = Gemm.scalarKernel();
    assertSame(vector, GemmConfig.chooseKernel("auto", vector, absence));
    assertEquals(List.of(), log.records);
  }

  private static void withProperty(String name, String value, Runnable body) {
    String before = System.getProperty(name);
    System.setProperty(name, value);
    try {
      body.run();
    } finally {
      if (before == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, before);
      }
    }
  }

  /** A System.Logger that records "LEVEL message" for every record it is given. */
  private static final class Recording implements System.Logger {
    final List<String> records = new ArrayList<>();

    @Override
    public String getName() {
      return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      records.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      records.add(level + " " + format);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      records.add(level + " " + msgSupplier.get());
    }
  }
}
