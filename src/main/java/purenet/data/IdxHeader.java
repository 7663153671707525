package purenet.data;

import purenet.tensor.Shape;

/**
 * The header of an IDX file: its element type and shape (the dimensions that follow the magic
 * number, as big-endian 32-bit integers).
 *
 * @param type  the element type
 * @param shape the dimensions, rank 1 to 8
 */
public record IdxHeader(IdxType type, Shape shape) {

  /**
   * Checks that both parts are present and that the rank is one the format allows.
   *
   * @param type the element type
   * @param shape the dimensions, rank 1 to 8
   */
  public IdxHeader {
    if (type == null || shape == null) {
      throw new IllegalArgumentException("IDX header needs a type and a shape, got " + type + " and " + shape);
    }
    if (shape.rank() < 1 || shape.rank() > Idx.MAX_RANK) {
      throw new IllegalArgumentException("IDX rank must be in 1.." + Idx.MAX_RANK + ", got shape " + shape);
    }
  }

  /** {@return length of the header in bytes: 4 for the magic number, 4 per dimension} */
  public int headerBytes() {
    return 4 + 4 * shape.rank();
  }

  /** {@return length of the data in bytes: elements × bytes per element} */
  public long dataBytes() {
    return (long) shape.size() * type.bytes();
  }
}
