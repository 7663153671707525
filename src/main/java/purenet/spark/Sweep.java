package purenet.spark;

import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A grid of independent trainings, (configuration × seed), run as Spark tasks: one task per cell,
 * spread over the executors, the results collected to the driver as a table in grid order
 * (configurations outer, seeds inner), exactly as the nested loop {@link #local} gives it. Since
 * every task is a pure function of its cell, the table is the same bits as the local run's.
 */
public final class Sweep {
  private Sweep() {}

  /**
   * Runs every (configuration, seed) cell as one Spark task.
   *
   * @param context        the Spark context
   * @param configurations the configurations, serializable
   * @param seeds          the seeds
   * @param task           what one cell trains and measures
   * @param <C>            the configuration type
   * @param <R>            the result type
   * @return the table, configurations outer, seeds inner
   * @throws IllegalArgumentException before any Spark job if the task or a configuration cannot be
   *     serialized (naming which and the class), or if the grid is empty
   */
  public static <C, R> Vector<SweepResult<C, R>> run(JavaSparkContext context, Vector<C> configurations,
      Vector<Long> seeds, SweepTask<C, R> task) {
    requireGrid(configurations, seeds);
    Wire.requireSerializable(task, "sweep task");
    for (int i = 0; i < configurations.size(); i++) {
      Wire.requireSerializable(configurations.get(i), "configuration " + i);
    }
    List<Cell<C>> cells = new ArrayList<>();
    for (int i = 0; i < configurations.size(); i++) {
      for (int j = 0; j < seeds.size(); j++) {
        cells.add(new Cell<>(i * seeds.size() + j, configurations.get(i), seeds.get(j)));
      }
    }
    List<Indexed<C, R>> done = new ArrayList<>(context.parallelize(cells, cells.size())
        .map(c -> new Indexed<>(c.index(), new SweepResult<>(c.configuration(), c.seed(),
            task.run(c.configuration(), c.seed()))))
        .collect());
    done.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return Vector.ofAll(done).map(Indexed::row);
  }

  /**
   * {@return the same grid as {@link #run}, trained one cell after another in this JVM: the
   * reference the Spark run reproduces}
   *
   * @param configurations the configurations, serializable
   * @param seeds the seeds
   * @param task what one cell trains and measures
   * @param <C> the configuration type
   * @param <R> the result type
   */
  public static <C, R> Vector<SweepResult<C, R>> local(Vector<C> configurations, Vector<Long> seeds,
      SweepTask<C, R> task) {
    requireGrid(configurations, seeds);
    return configurations.flatMap(c -> seeds.map(s -> new SweepResult<>(c, s, task.run(c, s))));
  }

  private static void requireGrid(Vector<?> configurations, Vector<Long> seeds) {
    if (configurations.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one configuration and one seed, got "
          + configurations.size() + " configurations and " + seeds.size() + " seeds");
    }
  }

  private record Cell<C>(int index, C configuration, long seed) implements java.io.Serializable {}

  private record Indexed<C, R>(int index, SweepResult<C, R> row) implements java.io.Serializable {}
}
