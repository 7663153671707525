package purenet.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The laws of {@link Parallel#run}, the one place where purenet's kernels use threads, whatever the
 * workers are doing: every task runs exactly once and its writes are visible when {@code run}
 * returns, on 1–4 threads; also when a task itself calls {@code run} (nested), when several threads
 * call it at once, and when the thread count grows and shrinks between calls (the team is
 * replaced); a task's exception reaches the caller, and only once no task is running. Each check
 * runs under a 60 s deadline, so a lost wake-up fails the property rather than hanging the build.
 */
class ParallelRunLaws {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Property(tries = 200)
  void everyTaskRunsExactlyOnceAndItsWritesAreVisible(@ForAll @IntRange(min = 0, max = 300) int tasks,
      @ForAll @IntRange(min = 1, max = 4) int threads, @ForAll @IntRange(min = 0, max = 2000) int work) {
    withDeadline(() -> {
      int[] ran = new int[tasks];
      Parallel.run(tasks, threads, t -> ran[t] += 1 + spin(work) * 0);
      assertRanOnce(ran);
    });
  }

  @Property(tries = 60)
  void nestedCallsRunEveryInnerTaskOnce(@ForAll @IntRange(min = 1, max = 12) int outer,
      @ForAll @IntRange(min = 0, max = 40) int inner, @ForAll @IntRange(min = 1, max = 4) int threads) {
    withDeadline(() -> {
      AtomicIntegerArray ran = new AtomicIntegerArray(outer * inner);
      Parallel.run(outer, threads, o -> Parallel.run(inner, threads, i -> ran.incrementAndGet(o * inner + i)));
      for (int i = 0; i < ran.length(); i++) {
        assertEquals(1, ran.get(i), "inner task " + i);
      }
    });
  }

  @Property(tries = 30)
  void concurrentCallersEachRunEveryTaskOnce(@ForAll @IntRange(min = 2, max = 4) int callers,
      @ForAll @IntRange(min = 1, max = 60) int tasks, @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll @IntRange(min = 1, max = 30) int calls) {
    withDeadline(() -> {
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        List<Future<int[]>> results = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
          results.add(pool.submit(() -> {
            int[] ran = new int[tasks];
            for (int call = 0; call < calls; call++) {
              Parallel.run(tasks, threads, t -> ran[t]++);
            }
            return ran;
          }));
        }
        for (Future<int[]> result : results) {
          int[] ran = result.get();
          for (int t = 0; t < tasks; t++) {
            assertEquals(calls, ran[t], "task " + t + " over " + calls + " calls");
          }
        }
      } finally {
        pool.shutdownNow();
      }
    });
  }

  @Property(tries = 40)
  void theThreadCountMayChangeBetweenCalls(@ForAll @IntRange(min = 1, max = 5) int first,
      @ForAll @IntRange(min = 1, max = 5) int second, @ForAll @IntRange(min = 1, max = 5) int third,
      @ForAll @IntRange(min = 1, max = 50) int tasks) {
    withDeadline(() -> {
      for (int threads : new int[] {first, second, third}) {
        int[] ran = new int[tasks];
        Parallel.run(tasks, threads, t -> ran[t]++);
        assertRanOnce(ran);
      }
    });
  }

  @Property(tries = 100)
  void aFailingTaskIsRethrownOnceNoTaskIsRunning(@ForAll @IntRange(min = 1, max = 100) int tasks,
      @ForAll @IntRange(min = 1, max = 4) int threads, @ForAll @IntRange(min = 0, max = 99) int failing,
      @ForAll @IntRange(min = 0, max = 2000) int work) {
    int bad = failing % tasks;
    withDeadline(() -> {
      AtomicInteger started = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      IllegalStateException thrown = new IllegalStateException("task " + bad);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(tasks, threads, t -> {
        started.incrementAndGet();
        try {
          spin(work);
          if (t == bad) {
            throw thrown;
          }
        } finally {
          finished.incrementAndGet();
        }
      }));
      assertSame(thrown, e);
      assertEquals(started.get(), finished.get(), "tasks still running when run returned");
    });
  }

  private static void assertRanOnce(int[] ran) {
    for (int t = 0; t < ran.length; t++) {
      assertEquals(1, ran[t], "runs of task " + t + " of " + ran.length);
    }
  }

  /** Busy work of about {@code units} square roots, so that tasks overlap on several threads. */
  private static int spin(int units) {
    double s = 0;
    for (int i = 0; i < units; i++) {
      s += Math.sqrt(i);
    }
    return s < 0 ? 1 : 0;
  }

  /** A check that may throw what its futures throw. */
  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  /** Runs {@code check} on a thread of its own and fails if it takes longer than {@link #DEADLINE}. */
  private static void withDeadline(Check check) {
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      runner.submit(() -> {
        check.run();
        return null;
      }).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("Parallel.run did not return within " + DEADLINE + " (a lost wake-up?)", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      runner.shutdownNow();
    }
  }
}
