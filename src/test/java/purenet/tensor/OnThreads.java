package purenet.tensor;

/**
 * Runs test code with the system property {@code purenet.threads} set, restoring its previous value
 * (or its absence) afterwards, for tests that compare results across thread counts.
 */
public final class OnThreads {
  private OnThreads() {}

  /**
   * Runs {@code body} with {@code purenet.threads = threads}.
   *
   * @param threads the thread count to set
   * @param body    the code to run
   */
  public static void run(int threads, Runnable body) {
    String before = System.getProperty(GemmConfig.THREADS);
    System.setProperty(GemmConfig.THREADS, Integer.toString(threads));
    try {
      body.run();
    } finally {
      if (before == null) {
        System.clearProperty(GemmConfig.THREADS);
      } else {
        System.setProperty(GemmConfig.THREADS, before);
      }
    }
  }
}
