package purenet.data;

import java.nio.file.Path;

/**
 * Where the fetched data sets live: the folder {@code scripts/fetch-data.sh} fills.
 *
 * <p>The first of: the system property {@value #PROPERTY}, the environment variable
 * {@value #VARIABLE}, or {@code data} relative to the working directory (the repository root when
 * run through Maven). Inside it: {@code mnist/}, {@code fashion-mnist/}, {@code moby-dick/},
 * {@code sklearn/}.
 */
public final class DataHome {
  /** System property naming the data folder. */
  public static final String PROPERTY = "purenet.data";
  /** Environment variable naming the data folder. */
  public static final String VARIABLE = "PURENET_DATA";

  private DataHome() {}

  /** The data folder. */
  public static Path path() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String variable = System.getenv(VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable);
    }
    return Path.of("data");
  }

  /** The folder of one data set, e.g. {@code resolve("mnist")}. */
  public static Path resolve(String name) {
    return path().resolve(name);
  }
}
