package purenet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one local[2] Spark context the Spark tests share: starting one costs seconds, so every test
 * class of the run uses the same. Spark stops it at JVM exit with its own shutdown hook.
 */
final class LocalSpark {
  private LocalSpark() {}

  private static JavaSparkContext context;

  /** The shared context, started on first use. */
  static synchronized JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("purenet-tests")
          .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1");
      context = new JavaSparkContext(conf);
      context.setLogLevel("WARN");
    }
    return context;
  }
}
