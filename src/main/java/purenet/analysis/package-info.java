/**
 * Analysis of learning algorithms rather than of single models. It sits on top of the library,
 * beside {@code purenet.train} and {@code purenet.check}, and may use any package below it.
 *
 * <ul>
 *   <li>{@link purenet.analysis.Learner}: a training procedure as a value, (data set, key) → predictor.</li>
 *   <li>{@link purenet.analysis.BiasVariance}: trains a learner on L independently drawn data sets
 *       and decomposes its expected squared error into bias², variance and noise
 *       ({@link purenet.analysis.Decomposition}; Maier et al., FAU Deep Learning lecture
 *       "Regularization", 2023, Bishop 2006 §3.2).</li>
 *   <li>{@link purenet.analysis.Fitted}: one trained predictor with the data set it was trained on.</li>
 * </ul>
 */
package purenet.analysis;
