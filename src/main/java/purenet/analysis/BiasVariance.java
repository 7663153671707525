package purenet.analysis;

import io.vavr.collection.Vector;
import java.util.function.Function;
import purenet.data.Dataset;
import purenet.random.Key;
import purenet.tensor.Tensor;

/**
 * Monte-Carlo estimate of the bias-variance decomposition of a learner (Bishop 2006,
 * §3.2, Fig. 3.5–3.6): draw L data sets D_1 … D_L independently from the same distribution, train
 * one predictor y_l = f̂(·|D_l) on each, and compare their predictions at test inputs x with the
 * true function h(x):
 * <pre>
 *   E_D E_t[(t − y_D(x))²] = (E_D[y_D(x)] − h(x))² + E_D[(y_D(x) − E_D[y_D(x)])²] + σ²
 *                          =  bias²                 +  variance                     + noise
 * </pre>
 * with expectations over D replaced by averages over the L data sets (see {@link Decomposition}).
 *
 * <p>Randomness: {@code key.split(L)} gives one key per data set, and that key's
 * {@code split(2)} gives the key the generator draws D_l from and the key the learner trains with.
 * The same key, generator and learner therefore give the same decomposition, bit for bit.
 *
 * @param dataSets the number of data sets L ≥ 2 (Bishop uses 100)
 */
public record BiasVariance(int dataSets) {

  /**
   * Rejects fewer than two data sets: a variance needs at least two models.
   *
   * @param dataSets the number of data sets L ≥ 2 (Bishop uses 100)
   */
  public BiasVariance {
    if (dataSets < 2) {
      throw new IllegalArgumentException("the number of data sets L must be >= 2, got " + dataSets);
    }
  }

  /**
   * Draws the L data sets and trains one predictor on each.
   *
   * @param generator draws one training set from a key: features (n, d), targets (n, k)
   * @param learner   the learning algorithm
   * @param key       the key all data sets and trainings are derived from
   * @return the L fitted predictors, in data-set order
   */
  public Vector<Fitted> fit(Function<Key, Dataset> generator, Learner learner, Key key) {
    Vector<Fitted> fits = Vector.empty();
    for (int l = 0; l < dataSets; l++) {
      fits = fits.append(fit(generator, learner, key, l));
    }
    return fits;
  }

  /**
   * Draws data set l alone and trains its predictor: element l of {@link #fit(Function, Learner,
   * Key)}, for running the L trainings apart (e.g. as Spark tasks).
   *
   * @param generator draws one training set from a key
   * @param learner   the learning algorithm
   * @param key       the key all data sets and trainings are derived from
   * @param dataSet   l, 0 ≤ l &lt; L
   * @return the fitted predictor of data set l
   */
  public Fitted fit(Function<Key, Dataset> generator, Learner learner, Key key, int dataSet) {
    if (dataSet < 0 || dataSet >= dataSets) {
      throw new IllegalArgumentException("data set index must be in [0, " + dataSets + "), got " + dataSet);
    }
    Key[] pair = key.split(dataSets)[dataSet].split(2);
    Dataset data = generator.apply(pair[0]);
    if (data == null) {
      throw new IllegalArgumentException("the generator returned no data set for data set " + dataSet);
    }
    return new Fitted(data, learner.fit(data, pair[1]));
  }

  /**
   * The stacked predictions y_l(x) of fitted models.
   *
   * @param fits the models, at least 2
   * @param x    test inputs (m, d)
   * @param k    outputs per input
   * @return (L, m, k)
   * @throws IllegalArgumentException naming the model whose predictions are not (m, k)
   */
  public static Tensor predictions(Vector<Fitted> fits, Tensor x, int k) {
    if (x.rank() != 2) {
      throw new IllegalArgumentException("test inputs x must be (m, d), got " + x.shape());
    }
    if (fits.isEmpty()) {
      throw new IllegalArgumentException("predictions need at least one fitted model, got none");
    }
    Tensor[] rows = new Tensor[fits.size()];
    for (int l = 0; l < rows.length; l++) {
      Tensor y = fits.get(l).predict(x);
      if (y.rank() != 2 || y.dim(1) != k) {
        throw new IllegalArgumentException("the predictor of data set " + l + " must map inputs " + x.shape()
            + " to (" + x.dim(0) + ", " + k + "), got " + y.shape());
      }
      rows[l] = y;
    }
    return Tensor.stack(rows);
  }

  /**
   * Trains L models on independently drawn data sets and decomposes their error at x.
   *
   * @param generator     draws one training set from a key
   * @param learner       the learning algorithm
   * @param x             test inputs (m, d)
   * @param truth         the true function values h(x), (m, k)
   * @param noiseVariance σ² ≥ 0, the variance of the targets around h
   * @param key           the key all data sets and trainings are derived from
   * @return the decomposition into bias², variance and noise at x
   * @throws IllegalArgumentException naming the shapes or values that do not fit (checked before
   *     any training)
   */
  public Decomposition estimate(Function<Key, Dataset> generator, Learner learner, Tensor x, Tensor truth,
      double noiseVariance, Key key) {
    requireNoiseVariance(noiseVariance);
    if (x.rank() != 2 || truth.rank() != 2 || x.dim(0) != truth.dim(0)) {
      throw new IllegalArgumentException("test inputs x (m, d) and true values h(x) (m, k) need the same m, got "
          + x.shape() + " and " + truth.shape());
    }
    Vector<Fitted> fits = fit(generator, learner, key);
    return Decomposition.of(predictions(fits, x, truth.dim(1)), truth, noiseVariance);
  }

  static void requireNoiseVariance(double noiseVariance) {
    if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
      throw new IllegalArgumentException("noise variance σ² must be finite and >= 0, got " + noiseVariance);
    }
  }
}
