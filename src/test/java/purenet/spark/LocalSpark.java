package purenet.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one local[2] Spark context the tests share (the Spark tests and the examples' --spark
 * tests): starting one costs seconds, and a JVM holds one at a time. Spark stops it at JVM exit
 * with its own shutdown hook.
 */
public final class LocalSpark {
  private LocalSpark() {}

  private static JavaSparkContext context;

  /** The shared context, started on first use. */
  public static synchronized JavaSparkContext context() {
    if (context == null) {
      SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("purenet-tests")
          .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1");
      context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
      context.setLogLevel("WARN");
    }
    return context;
  }
}
