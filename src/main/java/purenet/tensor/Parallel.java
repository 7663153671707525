package purenet.tensor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs tasks 0 … n−1 on up to {@code purenet.threads} threads: the caller and the daemon workers
 * of one shared pool, each taking the next task from a shared counter until none is left.
 *
 * <p>Why a counter rather than one fixed share per thread: on a busy machine a worker that is
 * scheduled late leaves its tasks to the others instead of being waited for. The kernels that use
 * this (matrix products, convolutions, pooling, activations) cut their work into tasks that
 * depend only on the shapes, never on the thread count, and write disjoint parts of their result,
 * so every element is computed by the same operations whichever thread runs its task: results are
 * bit-identical for any number of threads. A task that itself runs tasks (a product inside a
 * convolution's task) is safe: the inner caller works through its own tasks, so it never waits
 * for a worker that is waiting for it.
 */
final class Parallel {
  private static ForkJoinPool pool;

  private Parallel() {}

  /**
   * Elements per task of a pass split by {@link #allRanges}: 256 KiB of doubles, large enough that a
   * task costs far more than handing it to a thread, small enough that an arraywide pass (a weight
   * of 784×256 has 6 of them) keeps two threads busy.
   */
  static final int RANGE = 1 << 15;

  /** Work on elements {@code [from, to)} of an array that writes only those and answers a test of them. */
  @FunctionalInterface
  interface Range {
    /**
     * Does the work on one range.
     *
     * @param from first element, inclusive
     * @param to   last element, exclusive
     * @return whether the range passes the test
     */
    boolean run(int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, length)}: on one thread as the single range, else in ranges of
   * {@link #RANGE} elements as tasks, every one of them run (none is skipped when another fails). For
   * elementwise passes (each element computed alone), where the cut changes which thread computes an
   * element, never how: the same bits on any thread count.
   *
   * @param length the number of elements
   * @param body   the work on one range and its test
   * @return whether every range passed
   */
  static boolean allRanges(int length, Range body) {
    int threads = threads();
    int tasks = (length + RANGE - 1) / RANGE;
    if (threads <= 1 || tasks <= 1) {
      return body.run(0, length);
    }
    boolean[] failed = new boolean[tasks];
    run(tasks, threads, t -> failed[t] = !body.run(t * RANGE, Math.min(length, (t + 1) * RANGE)));
    for (boolean f : failed) {
      if (f) {
        return false;
      }
    }
    return true;
  }

  /** The thread count {@code purenet.threads} asks for (validated; see {@link GemmConfig}). */
  static int threads() {
    return GemmConfig.threads();
  }

  /**
   * Runs {@code task} for 0 … {@code tasks}−1 on at most {@code threads} threads and returns when
   * all have finished; the first exception or error thrown by a task is rethrown.
   *
   * @param tasks   how many tasks
   * @param threads the most threads to use (1: all on the caller, in order)
   * @param task    the work of task t, writing only what no other task writes
   */
  static void run(int tasks, int threads, IntConsumer task) {
    int helpers = Math.min(threads, tasks) - 1;
    if (helpers <= 0) {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(tasks);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable drain = () -> {
      for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
        try {
          task.accept(t);
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    };
    ForkJoinPool workers = atLeast(helpers);
    for (int i = 0; i < helpers; i++) {
      workers.execute(drain);
    }
    drain.run();
    awaitUninterruptibly(done);
    Throwable e = failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error r) {
      throw r;
    }
  }

  /** The pool, created on first use and replaced by a larger one when more workers are asked for. */
  private static synchronized ForkJoinPool atLeast(int workers) {
    if (pool == null || pool.getParallelism() < workers) {
      ForkJoinPool old = pool;
      pool = new ForkJoinPool(Math.max(1, workers));
      if (old != null) {
        old.shutdown();
      }
    }
    return pool;
  }

  /** Waits for every task: the workers write into the result, so the caller may not leave before them. */
  private static void awaitUninterruptibly(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
