package purenet.data;

import java.nio.file.Path;

/**
 * Where the data sets live: the folder that {@code scripts/fetch-data.sh} of the purenet
 * repository fills, with {@code mnist/}, {@code fashion-mnist/}, {@code moby-dick/} and
 * {@code sklearn/} inside.
 *
 * <p>The folder is the first of:
 * <ol>
 *   <li>the system property {@value #PROPERTY} ({@code java -Dpurenet.data=/path/to/data ...}),
 *   <li>the environment variable {@value #VARIABLE},
 *   <li>{@value #DEFAULT} relative to the working directory (the repository root when our examples
 *       run through Maven).
 * </ol>
 * A blank value counts as unset. The system property comes first because it is the more specific
 * choice: it is given for one JVM, on its command line, while the environment variable is inherited
 * by every program started from a shell.
 *
 * <p>Loaders that cannot find a file end their message with {@link #help()}, which names all three
 * settings, the folder they resolved to and the fetch script.
 */
public final class DataHome {
  /** System property naming the data folder; wins over {@link #VARIABLE}. */
  public static final String PROPERTY = "purenet.data";
  /** Environment variable naming the data folder, used when {@link #PROPERTY} is unset. */
  public static final String VARIABLE = "PURENET_DATA";
  /** The data folder, relative to the working directory, when neither is set. */
  public static final String DEFAULT = "data";
  /** The script that fetches the data sets, by its path in the purenet repository. */
  public static final String FETCH_SCRIPT = "scripts/fetch-data.sh";

  private DataHome() {}

  /**
   * Which setting chose the data folder.
   */
  public enum Source {
    /** The system property {@value DataHome#PROPERTY}. */
    SYSTEM_PROPERTY,
    /** The environment variable {@value DataHome#VARIABLE}. */
    ENVIRONMENT_VARIABLE,
    /** Neither was set: {@value DataHome#DEFAULT} under the working directory. */
    WORKING_DIRECTORY
  }

  /**
   * A resolved data folder and the setting it came from.
   *
   * @param path   the data folder, as given (possibly relative)
   * @param source the setting that chose it
   */
  public record Location(Path path, Source source) {
    /**
     * Checks that both parts are present.
     *
     * @param path the data folder, as given (possibly relative)
     * @param source the setting that chose it
     */
    public Location {
      if (path == null || source == null) {
        throw new IllegalArgumentException("a data location needs a path and a source, got " + path + " and " + source);
      }
    }

    /**
     * The folder and its origin in words, e.g. {@code /home/me/data (from the environment variable PURENET_DATA)}.
     *
     * @return the absolute path followed by the setting that chose it
     */
    public String describe() {
      String from = switch (source) {
        case SYSTEM_PROPERTY -> "from the system property " + PROPERTY;
        case ENVIRONMENT_VARIABLE -> "from the environment variable " + VARIABLE;
        case WORKING_DIRECTORY -> "the default ./" + DEFAULT + ": neither " + PROPERTY + " nor " + VARIABLE + " is set";
      };
      return path.toAbsolutePath().normalize() + " (" + from + ")";
    }
  }

  /**
   * The data folder of this process, from its system properties and environment.
   *
   * @return the location chosen by {@link #locate(String, String)} for the current settings
   */
  public static Location locate() {
    return locate(System.getProperty(PROPERTY), System.getenv(VARIABLE));
  }

  /**
   * The data folder for given settings: {@code property} if it is non-blank, else {@code variable}
   * if it is non-blank, else {@value #DEFAULT}.
   *
   * @param property the value of the system property {@value #PROPERTY}, or {@code null} if unset
   * @param variable the value of the environment variable {@value #VARIABLE}, or {@code null} if unset
   * @return the chosen folder and the setting that chose it
   */
  public static Location locate(String property, String variable) {
    if (property != null && !property.isBlank()) {
      return new Location(Path.of(property.strip()), Source.SYSTEM_PROPERTY);
    }
    if (variable != null && !variable.isBlank()) {
      return new Location(Path.of(variable.strip()), Source.ENVIRONMENT_VARIABLE);
    }
    return new Location(Path.of(DEFAULT), Source.WORKING_DIRECTORY);
  }

  /**
   * The data folder.
   *
   * @return {@code locate().path()}
   */
  public static Path path() {
    return locate().path();
  }

  /**
   * The folder of one data set, e.g. {@code resolve("mnist")}.
   *
   * @param name the data set's folder name
   * @return {@code name} under {@link #path()}
   */
  public static Path resolve(String name) {
    return path().resolve(name);
  }

  /**
   * How to point purenet at the data and how to fetch it, for "not found" messages, with the
   * folder this process resolved to.
   *
   * @return one sentence naming {@value #PROPERTY}, {@value #VARIABLE}, {@code ./data},
   *     the resolved folder and {@value #FETCH_SCRIPT}
   */
  public static String help() {
    return help(locate());
  }

  /**
   * {@link #help()} for a given location.
   *
   * @param location the resolved data folder to report
   * @return one sentence naming {@value #PROPERTY}, {@value #VARIABLE}, {@code ./data},
   *     the location and {@value #FETCH_SCRIPT}
   */
  public static String help(Location location) {
    return "purenet reads data sets from the folder named by the system property " + PROPERTY
        + " (-D" + PROPERTY + "=DIR), else the environment variable " + VARIABLE + ", else ./" + DEFAULT
        + " in the working directory; here that is " + location.describe() + ". To fetch the data sets into it,"
        + " run " + FETCH_SCRIPT + " from the purenet repository (bash " + FETCH_SCRIPT + " DIR)";
  }
}
