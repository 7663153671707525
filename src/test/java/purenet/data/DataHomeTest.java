package purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Try;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataHomeTest {

  @Test
  void thePropertyWinsOverTheVariableWhichWinsOverTheDefault() {
    assertEquals(new DataHome.Location(Path.of("/p"), DataHome.Source.SYSTEM_PROPERTY), DataHome.locate("/p", "/v"));
    assertEquals(new DataHome.Location(Path.of("/v"), DataHome.Source.ENVIRONMENT_VARIABLE), DataHome.locate(null, "/v"));
    assertEquals(new DataHome.Location(Path.of("data"), DataHome.Source.WORKING_DIRECTORY), DataHome.locate(null, null));
  }

  @Test
  void blankSettingsCountAsUnsetAndValuesAreStripped() {
    assertEquals(new DataHome.Location(Path.of("/v"), DataHome.Source.ENVIRONMENT_VARIABLE), DataHome.locate("  ", " /v "));
    assertEquals(new DataHome.Location(Path.of("data"), DataHome.Source.WORKING_DIRECTORY), DataHome.locate("", "\t"));
  }

  @Test
  void theHelpNamesAllThreeSettingsTheResolvedFolderAndTheFetchScript() {
    DataHome.Location here = DataHome.locate(null, "/somewhere/data");
    String help = DataHome.help(here);
    for (String part : new String[] {"-Dpurenet.data=DIR", "PURENET_DATA", "./data", "scripts/fetch-data.sh",
        Path.of("/somewhere/data").toAbsolutePath().toString(), "from the environment variable PURENET_DATA"}) {
      assertTrue(help.contains(part), "'" + part + "' missing from: " + help);
    }
    assertTrue(DataHome.help(DataHome.locate(null, null)).contains(Path.of("data").toAbsolutePath().toString()));
    assertTrue(DataHome.locate("/x", null).describe().contains("from the system property purenet.data"));
  }

  @Test
  void everyLoaderFollowsTheSystemPropertyAndSaysSoWhenFilesAreMissing(@TempDir Path dir) {
    String before = System.getProperty(DataHome.PROPERTY);
    System.setProperty(DataHome.PROPERTY, dir.toString());
    try {
      assertEquals(new DataHome.Location(dir, DataHome.Source.SYSTEM_PROPERTY), DataHome.locate());
      assertEquals(dir.resolve("mnist"), Mnist.defaultDir());
      assertEquals(dir.resolve("fashion-mnist"), Mnist.fashionDir());
      assertEquals(dir.resolve("sklearn"), Tabular.defaultDir());
      assertEquals(dir.resolve("moby-dick").resolve("moby-dick.txt"), TextCorpus.mobyDick());
      for (Try<?> missing : java.util.List.of(Mnist.load(), Mnist.fashion(), Tabular.iris(Tabular.defaultDir()),
          TextCorpus.load(TextCorpus.mobyDick()))) {
        assertTrue(missing.isFailure());
        String message = missing.getCause().getMessage();
        for (String part : new String[] {dir.toAbsolutePath().toString(), "purenet.data", "PURENET_DATA", "./data",
            "scripts/fetch-data.sh"}) {
          assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
      }
    } finally {
      if (before == null) {
        System.clearProperty(DataHome.PROPERTY);
      } else {
        System.setProperty(DataHome.PROPERTY, before);
      }
    }
    assertFalse(DataHome.locate().path().equals(dir));
  }
}
