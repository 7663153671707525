/**
 * Data augmentation: random, label-preserving transformations of images (n, channels, height,
 * width) that enlarge a training set with plausible variants of its examples.
 *
 * <ul>
 *   <li>{@link purenet.data.augmentation.Augmentation}: the interface, {@code apply(images, key)},
 *       with composition ({@code andThen}), the identity and application to a
 *       {@link purenet.data.Dataset} (features transformed, labels untouched).
 *   <li>Geometric: {@link purenet.data.augmentation.RandomAffine} (rotation, translation, scale),
 *       {@link purenet.data.augmentation.RandomFlip}, {@link purenet.data.augmentation.RandomCrop}
 *       (pad and crop back), {@link purenet.data.augmentation.ElasticDeformation} (Simard,
 *       Steinkraus &amp; Platt 2003). All of them resample through one bilinear interpolator that
 *       reads every output pixel from a source coordinate, with a fill value outside the image;
 *       integer source coordinates copy pixels exactly.
 *   <li>Photometric: {@link purenet.data.augmentation.PixelNoise} (additive Gaussian),
 *       {@link purenet.data.augmentation.GaussianBlur}, {@link purenet.data.augmentation.ChangedPixels}
 *       (a random fraction of pixels set to uniform values).
 * </ul>
 *
 * <p>Randomness: image i of a batch draws everything from {@code key.foldIn(i)} only, so an image's
 * transformation does not depend on the batch it is in, nor on the thread count, and the same key
 * gives the same bits. {@link purenet.train.FitConfig#withAugmentation} applies an augmentation to
 * every training batch of {@link purenet.train.Fit} (never to validation or evaluation data).
 */
package purenet.data.augmentation;
