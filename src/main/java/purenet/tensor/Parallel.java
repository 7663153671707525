package purenet.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs tasks 0 … n−1 on up to {@code purenet.threads} threads: the caller and the daemon workers
 * of one shared team, each taking the next task from a shared counter until none is left. Workers
 * poll for {@link #POLL_NANOS} after each call before they sleep, so that the next call, a few
 * hundred microseconds later in a training step, does not wait for a thread to wake.
 *
 * <p>Why a counter rather than one fixed share per thread: on a busy machine a worker that is
 * scheduled late leaves its tasks to the others instead of being waited for. The kernels that use
 * this (matrix products, convolutions, pooling, activations) cut their work into tasks that
 * depend only on the shapes, never on the thread count, and write disjoint parts of their result,
 * so every element is computed by the same operations whichever thread runs its task: results are
 * bit-identical for any number of threads. The team serves one call at a time: a call made while
 * it is busy (a product inside a convolution's task, or another thread's call) runs its tasks on its
 * own thread, so no call ever waits for a worker that is waiting for it.
 */
final class Parallel {
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
   * all have finished; the first exception or error thrown by a task is rethrown (a checked one,
   * which no task of this package throws, wrapped in an {@link IllegalStateException} when the
   * workers took part).
   *
   * <p>A call made while the workers serve another call (from another thread, or from inside a
   * task) runs its tasks on its own thread: the same results, without waiting for the workers.
   *
   * @param tasks   how many tasks
   * @param threads the most threads to use (1: all on the caller, in order)
   * @param task    the work of task t, writing only what no other task writes
   */
  static void run(int tasks, int threads, IntConsumer task) {
    int helpers = Math.min(threads, tasks) - 1;
    Team team = helpers > 0 ? Team.atLeast(helpers) : null;
    if (team == null || !team.claim()) {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
      return;
    }
    Job job = new Job(tasks, helpers, task);
    try {
      team.post(job);
      job.drain();
      job.await();
    } finally {
      team.release();
    }
    Throwable e = job.failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error r) {
      throw r;
    }
    if (e != null) {
      throw new IllegalStateException("a task of Parallel.run threw " + e, e);
    }
  }

  /**
   * How long a thread polls before it sleeps: a worker after its last task, waiting for the next
   * call, and a caller waiting for the workers' last tasks.
   *
   * <p>Why poll: on this virtual machine, waking a sleeping thread on the other processor cost about
   * 25 µs per call. Two tasks of 45 µs each took 71 µs on two threads with a pool of sleeping
   * workers and 50 µs with polling, and at two threads an MLP training step ran 1.12 times as fast
   * (LeNet 1.05; {@code scripts/bench-builds.sh}). A training step calls the workers every few
   * hundred microseconds, so while it runs they rarely sleep; 1 ms rather than 0.2 ms: MLP 1.03,
   * LeNet 1.04 times as fast. An idle worker costs at most this much processor time after each call.
   */
  static final long POLL_NANOS = 1_000_000;

  /** One call's tasks: taken from a shared counter by the caller and at most {@code helpers} workers. */
  private static final class Job {
    /** Numbers the jobs of a team from 1, so that a worker knows which it has seen without holding on to it. */
    private long number;
    private final int tasks;
    private final IntConsumer task;
    private final AtomicInteger helpers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final Thread caller = Thread.currentThread();
    private volatile boolean callerAsleep;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(int tasks, int helpers, IntConsumer task) {
      this.tasks = tasks;
      this.task = task;
      this.helpers = new AtomicInteger(helpers);
    }

    /** Whether a worker may help (at most {@code helpers} do). */
    boolean enlist() {
      return helpers.getAndDecrement() > 0;
    }

    /** Runs tasks until none is left to take. */
    void drain() {
      for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
        try {
          task.accept(t);
        } catch (Throwable e) {
          // Any throwable, so that none ends a worker unseen by the caller.
          failure.compareAndSet(null, e);
        } finally {
          if (finished.incrementAndGet() == tasks && callerAsleep) {
            LockSupport.unpark(caller);
          }
        }
      }
    }

    /** Waits until every task has finished: they write the caller's result. */
    void await() {
      long deadline = System.nanoTime() + POLL_NANOS;
      while (finished.get() < tasks) {
        if (System.nanoTime() < deadline) {
          Thread.onSpinWait();
        } else {
          callerAsleep = true;
          if (finished.get() < tasks) {
            LockSupport.park(this);
          }
        }
      }
    }
  }

  /**
   * The worker threads (daemons), replaced by a larger team when more are asked for, serving one
   * call at a time.
   */
  private static final class Team {
    private static volatile Team current;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Worker[] workers;
    /** The job being served, null between calls (so that no call's data outlives it here). */
    private volatile Job posted;
    private volatile boolean retired;
    private long posts;

    private Team(int size) {
      workers = new Worker[size];
      for (int i = 0; i < size; i++) {
        workers[i] = new Worker(this, i);
        workers[i].start();
      }
    }

    /** The team, created on first use and replaced by a larger one when more workers are asked for. */
    static Team atLeast(int size) {
      Team team = current;
      return team != null && team.workers.length >= size ? team : grown(size);
    }

    private static synchronized Team grown(int size) {
      if (current == null || current.workers.length < size) {
        Team old = current;
        current = new Team(size);
        if (old != null) {
          old.retire();
        }
      }
      return current;
    }

    /** Whether this caller may use the team: false while it serves another call. */
    boolean claim() {
      return !busy.get() && busy.compareAndSet(false, true);
    }

    void release() {
      posted = null;
      busy.set(false);
    }

    void post(Job job) {
      job.number = ++posts;
      posted = job;
      for (Worker w : workers) {
        if (w.asleep) {
          LockSupport.unpark(w);
        }
      }
    }

    private void retire() {
      retired = true;
      for (Worker w : workers) {
        LockSupport.unpark(w);
      }
    }
  }

  /** A worker: polls for a newly posted job, then sleeps until one is posted. */
  private static final class Worker extends Thread {
    private final Team team;
    private volatile boolean asleep;

    Worker(Team team, int index) {
      super("purenet-worker-" + index);
      this.team = team;
      setDaemon(true);
    }

    @Override
    public void run() {
      long seen = 0;
      while (!team.retired) {
        Job job = team.posted;
        if (job != null && job.number != seen) {
          seen = job.number;
          if (job.enlist()) {
            job.drain();
          }
          continue;
        }
        long deadline = System.nanoTime() + POLL_NANOS;
        while (idle(seen) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        if (idle(seen)) {
          asleep = true;
          if (idle(seen)) {
            LockSupport.park(this);
          }
          asleep = false;
        }
      }
    }

    /** Whether there is nothing to do: no job posted after job {@code seen}, and the team still serves. */
    private boolean idle(long seen) {
      Job job = team.posted;
      return (job == null || job.number == seen) && !team.retired;
    }
  }
}
