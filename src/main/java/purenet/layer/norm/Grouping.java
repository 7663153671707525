package purenet.layer.norm;

/**
 * Which elements share normalization statistics: a tensor viewed as (rows, channels, inner), row
 * major, where every (row, channel) slice of {@code inner} contiguous elements belongs to one
 * statistics group. Package-internal; {@code groupOf} is never mutated after construction.
 *
 * @param rows     the size of the leading axis (the batch, or all axes before a layer norm's)
 * @param channels the size of the channel axis (the normalized features for a layer norm)
 * @param inner    the product of the trailing (spatial) axes; 1 for (batch, features) inputs
 * @param groupOf  the group of each (row, channel) pair, at index row·channels + channel
 * @param groups   the number of groups
 */
record Grouping(int rows, int channels, int inner, int[] groupOf, int groups) {

  /** A way of grouping a (rows, channels, inner) view, e.g. {@code Grouping::perRowChannel}. */
  @FunctionalInterface
  interface Rule {
    Grouping of(int rows, int channels, int inner);
  }

  /** Batch norm: one group per channel, over the batch and the spatial axes. */
  static Grouping perChannel(int rows, int channels, int inner) {
    return of(rows, channels, inner, channels, (r, c) -> c);
  }

  /** Ghost batch norm: one group per channel within each virtual batch of {@code size} rows. */
  static Grouping ghost(int rows, int channels, int inner, int size) {
    int virtual = (rows + size - 1) / size;
    return of(rows, channels, inner, virtual * channels, (r, c) -> (r / size) * channels + c);
  }

  /** Instance norm and FRN: one group per (row, channel), over the spatial axes. */
  static Grouping perRowChannel(int rows, int channels, int inner) {
    return of(rows, channels, inner, rows * channels, (r, c) -> r * channels + c);
  }

  /** Group norm: channels split into {@code groups} consecutive blocks, one group per (row, block). */
  static Grouping channelBlocks(int rows, int channels, int inner, int groups) {
    int width = channels / groups;
    return of(rows, channels, inner, rows * groups, (r, c) -> r * groups + c / width);
  }

  /** Layer norm: one group per row, over the channels and the spatial axes. */
  static Grouping perRow(int rows, int channels, int inner) {
    return of(rows, channels, inner, rows, (r, c) -> r);
  }

  private static Grouping of(int rows, int channels, int inner, int groups, Assign assign) {
    int[] groupOf = new int[rows * channels];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        groupOf[r * channels + c] = assign.group(r, c);
      }
    }
    return new Grouping(rows, channels, inner, groupOf, groups);
  }

  /** Number of elements in the view. */
  int size() {
    return rows * channels * inner;
  }

  /** Number of elements in each group. */
  int[] counts() {
    int[] n = new int[groups];
    for (int g : groupOf) {
      n[g] += inner;
    }
    return n;
  }

  @FunctionalInterface
  private interface Assign {
    int group(int row, int channel);
  }
}
