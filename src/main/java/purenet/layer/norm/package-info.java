/**
 * The normalization family, each a {@link purenet.layer.Layer} record: {@link
 * purenet.layer.norm.BatchNorm} (running statistics as layer state, inference form {@link
 * purenet.layer.norm.Affine}), {@link purenet.layer.norm.GhostBatchNorm}, {@link
 * purenet.layer.norm.LayerNorm}, {@link purenet.layer.norm.InstanceNorm}, {@link
 * purenet.layer.norm.GroupNorm}, {@link purenet.layer.norm.WeightNorm}, {@link
 * purenet.layer.norm.FilterResponseNorm} and the {@link purenet.layer.norm.Tlu} activation.
 *
 * <p>Every backward pass is analytic. The statistics layers share one kernel: the input is viewed as
 * (batch, channels, space) and each (example, channel) slice belongs to a statistics group (per
 * channel for batch norm, per example for layer norm, per example and channel for instance norm and
 * FRN, per example and block of channels for group norm); γ and β are per channel (per normalized
 * element for layer norm). Layouts: (batch, features) and (batch, channels, height, width).
 *
 * <p>Values here are {@link java.io.Serializable} only to cross the wire between JVMs running the
 * same purenet version (e.g. Spark); their serialized form is not a stable format, so it is left
 * out of the documentation. Saved models use safetensors ({@code purenet.io}).
 *
 * @serial exclude
 */
package purenet.layer.norm;
