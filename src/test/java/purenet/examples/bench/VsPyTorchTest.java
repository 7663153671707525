package purenet.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Smoke test of the purenet-versus-PyTorch benchmark without PyTorch (no timing is asserted). */
class VsPyTorchTest {

  @Test
  void measuresAWorkloadWithoutPyTorch() throws IOException {
    VsPyTorch.Row row = VsPyTorch.measure(Workload.named("mlp-infer-b1"), 0.05, 1, 0, List.of());
    assertTrue(row.purenet() > 0, row.toString());
    assertTrue(Double.isNaN(row.torch()) && Double.isNaN(row.cpuRatio()), row.toString());
    assertTrue(row.bytesPerStep() >= 0, row.toString());
    assertTrue(row.toString().contains("MLP inference, b1"), row.toString());
  }

  @Test
  void everyWorkloadBuildsAndRunsOneStep() {
    for (Workload w : Workload.all()) {
      if (!w.name().equals("gemm-1024")) {
        w.factory().get().run();
      }
    }
  }

  @Test
  void thePythonSideDefinesExactlyTheSameWorkloads() throws IOException {
    String script = Files.readString(Path.of("scripts", "bench_torch.py"));
    Matcher m = Pattern.compile("^    \"([a-z0-9-]+)\": lambda", Pattern.MULTILINE).matcher(script);
    List<String> python = m.results().map(r -> r.group(1)).toList();
    assertEquals(Workload.all().stream().map(Workload::name).toList(), python);
  }

  @Test
  void listsTheWorkloadNamesForTheScriptThatStartsOneJvmPerWorkload() throws IOException {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      VsPyTorch.main(new String[] {"--list"});
    } finally {
      System.setOut(out);
    }
    assertEquals(Workload.all().stream().map(Workload::name).toList(),
        printed.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void anUnknownWorkloadNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.named("mlp"));
    assertTrue(e.getMessage().contains("mlp-train"), e.getMessage());
  }
}
