/**
 * Data sets ({@link purenet.data.Dataset}) with keyed shuffling, batching and splitting, and
 * readers for the file formats of the real data sets (IDX for MNIST, CSV).
 */
package purenet.data;
