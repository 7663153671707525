package purenet.autodiff;

import java.util.Arrays;
import java.util.List;
import purenet.tensor.Convolution;
import purenet.tensor.Pooling;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;

/**
 * A differentiable expression: a tensor value together with the operation that produced it, that
 * operation's inputs and its {@link Pullback} (vector-Jacobian product). Writing the forward
 * computation with these methods builds an immutable directed acyclic graph; {@link #gradients}
 * runs reverse-mode automatic differentiation over it.
 *
 * <pre>{@code
 * Expr x = Expr.leaf(input);              // (batch, F)
 * Expr w = Expr.leaf(weight);             // (F, H)
 * Expr y = x.matmul(w).plus(Expr.leaf(bias)).tanh();
 * Gradients g = y.gradients(upstream, List.of(x, w));   // ∂L/∂x, ∂L/∂w
 * }</pre>
 *
 * <p>Semantics. Values are computed eagerly when an operation is applied; nothing is mutated and
 * there is no global tape: the graph is reachable only from the expressions that hold it, so an
 * expression that is no longer referenced is garbage. {@link #gradients} orders the nodes
 * reachable from the root topologically, pulls back every operation that lies between the root
 * and a requested expression exactly once, and sums the gradients of a value used more than
 * once. Its cost is linear in the size of the graph: fifty steps of x ← x + x make a graph of
 * fifty nodes and fifty pullbacks, never 2⁵⁰ (see {@link Gradients#pullbacks()}).
 *
 * <p>Broadcasting: binary elementwise operations broadcast as NumPy does; the gradient of a
 * broadcast operand is summed back to its shape. Axes may be negative (counted from the end).
 *
 * <p>Identity. An expression is a node of a graph, so equality is identity: two nodes with equal
 * values are still different nodes (with different inputs). That is why this is a final class and
 * not a record, whose structural {@code equals} would also walk the graph, exponentially in the
 * worst case.
 */
public final class Expr {
  private static final Expr[] NONE = new Expr[0];

  private final String op;
  private final Tensor value;
  private final Pullback pullback;
  private final List<Expr> inputs;

  private Expr(String op, Tensor value, Pullback pullback, Expr[] inputs) {
    this.op = op;
    this.value = value;
    this.pullback = pullback;
    this.inputs = List.of(inputs);
  }

  /**
   * A leaf: an input or parameter of the expression, whose gradient {@link #gradients} can return.
   *
   * @param value the tensor
   * @return the leaf
   */
  public static Expr leaf(Tensor value) {
    if (value == null) {
      throw new IllegalArgumentException("Expr.leaf needs a tensor, got null");
    }
    return new Expr("leaf", value, null, NONE);
  }

  /**
   * A rank-0 leaf holding {@code c}: a constant to combine with other expressions.
   *
   * @param c the value
   * @return the leaf
   */
  public static Expr constant(double c) {
    return leaf(Tensor.scalar(c));
  }

  /**
   * A new primitive operation: the extension point for an operation this class lacks. The value is
   * computed by the caller; {@code pullback} must return, for each wanted input, (∂y/∂aᵢ)ᵀ·g of
   * that input's shape ({@link #gradients} checks the shapes and names {@code op} if they are wrong).
   *
   * @param op       the operation's name, for messages
   * @param value    the output y
   * @param pullback the vector-Jacobian product
   * @param inputs   the operands a₀ … aₙ₋₁, at least one
   * @return the expression
   */
  public static Expr op(String op, Tensor value, Pullback pullback, Expr... inputs) {
    if (op == null || value == null || pullback == null || inputs == null || inputs.length == 0
        || Arrays.stream(inputs).anyMatch(e -> e == null)) {
      throw new IllegalArgumentException("Expr.op needs a name, a value, a pullback and at least one non-null input, got "
          + op + ", " + (value == null ? "null" : value.shape()) + ", " + pullback + ", "
          + (inputs == null ? "null" : Arrays.toString(inputs)));
    }
    return new Expr(op, value, pullback, inputs.clone());
  }

  // ---------------------------------------------------------------- the node

  /**
   * The value of this expression.
   *
   * @return the value of this expression
   */
  public Tensor value() {
    return value;
  }

  /**
   * The shape of {@link #value()}.
   *
   * @return the shape of {@link #value()}
   */
  public Shape shape() {
    return value.shape();
  }

  /**
   * The operation's name ({@code "leaf"} for a leaf).
   *
   * @return the operation's name ({@code "leaf"} for a leaf)
   */
  public String op() {
    return op;
  }

  /**
   * The operands, empty for a leaf.
   *
   * @return the operands, empty for a leaf
   */
  public List<Expr> inputList() {
    return inputs;
  }

  Pullback pullback() {
    return pullback;
  }

  /**
   * Reverse-mode differentiation: ∂L/∂vᵢ for each requested expression vᵢ, given ∂L/∂(this).
   * Only operations on a path from this expression to a requested one are pulled back, each once;
   * an operand whose gradient nobody requested is skipped (its pullback entry is not computed).
   *
   * @param outputGrad ∂L/∂(this), of this expression's shape
   * @param wrt        the expressions to differentiate with respect to (leaves or inner nodes)
   * @return the gradients in the order of {@code wrt}, zeros for those this does not depend on
   * @throws IllegalArgumentException if {@code outputGrad} does not have this expression's shape
   */
  public Gradients gradients(Tensor outputGrad, List<Expr> wrt) {
    return Backprop.run(this, outputGrad, wrt);
  }

  /**
   * ∂(this)/∂v for a scalar expression (a single element): the gradient of the value itself.
   *
   * @param wrt the expression v
   * @return ∂(this)/∂v, of v's shape
   * @throws IllegalArgumentException if this expression has more than one element
   */
  public Tensor gradient(Expr wrt) {
    requireScalar("gradient");
    return gradients(Tensor.ones(shape().dims()), List.of(wrt)).get(0);
  }

  void requireScalar(String what) {
    if (value.size() != 1) {
      throw new IllegalArgumentException(what + " needs a scalar expression (one element), got "
          + shape() + " from " + op);
    }
  }

  // ---------------------------------------------------------------- elementwise

  /**
   * This + b.
   *
   * @param other b, broadcast
   * @return this + b
   */
  public Expr plus(Expr other) {
    return Elementwise.plus(this, other);
  }

  /**
   * This + c.
   *
   * @param c a constant
   * @return this + c
   */
  public Expr plus(double c) {
    return Elementwise.plus(this, c);
  }

  /**
   * This − b.
   *
   * @param other b, broadcast
   * @return this − b
   */
  public Expr minus(Expr other) {
    return Elementwise.minus(this, other);
  }

  /**
   * This ⊙ b (elementwise).
   *
   * @param other b, broadcast
   * @return this ⊙ b (elementwise)
   */
  public Expr times(Expr other) {
    return Elementwise.times(this, other);
  }

  /**
   * The constant multiple c·this.
   *
   * @param c a constant
   * @return c·this
   */
  public Expr times(double c) {
    return Elementwise.times(this, c);
  }

  /**
   * This ⊘ b (elementwise); ∂b = −g ⊙ this/b².
   *
   * @param other b, broadcast
   * @return this ⊘ b (elementwise); ∂b = −g ⊙ this/b²
   */
  public Expr div(Expr other) {
    return Elementwise.div(this, other);
  }

  /**
   * −this.
   *
   * @return −this
   */
  public Expr neg() {
    return Elementwise.neg(this);
  }

  /**
   * Eˣ; pullback g ⊙ eˣ.
   *
   * @return eˣ; pullback g ⊙ eˣ
   */
  public Expr exp() {
    return Elementwise.exp(this);
  }

  /**
   * Ln x (x &gt; 0); pullback g ⊘ x.
   *
   * @return ln x (x &gt; 0); pullback g ⊘ x
   */
  public Expr log() {
    return Elementwise.log(this);
  }

  /**
   * √x (x &gt; 0 for a finite gradient); pullback g ⊘ (2√x).
   *
   * @return √x (x &gt; 0 for a finite gradient); pullback g ⊘ (2√x)
   */
  public Expr sqrt() {
    return Elementwise.sqrt(this);
  }

  /**
   * Xᵖ elementwise; pullback g ⊙ p·xᵖ⁻¹.
   *
   * @param p the exponent
   * @return xᵖ elementwise; pullback g ⊙ p·xᵖ⁻¹
   */
  public Expr pow(double p) {
    return Elementwise.pow(this, p);
  }

  /**
   * Tanh x; pullback g ⊙ (1 − tanh²x).
   *
   * @return tanh x; pullback g ⊙ (1 − tanh²x)
   */
  public Expr tanh() {
    return Elementwise.tanh(this);
  }

  /**
   * Σ(x) = 1/(1 + e⁻ˣ), computed without overflow; pullback g ⊙ σ(1 − σ).
   *
   * @return σ(x) = 1/(1 + e⁻ˣ), computed without overflow; pullback g ⊙ σ(1 − σ)
   */
  public Expr sigmoid() {
    return Elementwise.sigmoid(this);
  }

  /**
   * Max(x, 0); pullback g where x &gt; 0, else 0 (0 at x = 0).
   *
   * @return max(x, 0); pullback g where x &gt; 0, else 0 (0 at x = 0)
   */
  public Expr relu() {
    return Elementwise.relu(this);
  }

  /**
   * Softplus x = ln(1 + eˣ), computed without overflow; pullback g ⊙ σ(x).
   *
   * @return softplus x = ln(1 + eˣ), computed without overflow; pullback g ⊙ σ(x)
   */
  public Expr softplus() {
    return Elementwise.softplus(this);
  }

  // ---------------------------------------------------------------- reductions

  /**
   * Sum over the given axes, which are removed; over all axes (a rank-0 result) when none are given.
   *
   * @param axes distinct axes, possibly negative
   * @return the sum
   */
  public Expr sum(int... axes) {
    return Reductions.sum(this, axes, false);
  }

  /**
   * The sum with the reduced axes kept as size 1.
   *
   * @param axes distinct axes; all when empty
   * @return the sum with the reduced axes kept as size 1
   */
  public Expr sumKeepingAxes(int... axes) {
    return Reductions.sum(this, axes, true);
  }

  /**
   * The mean over the axes, which are removed.
   *
   * @param axes distinct axes; all when empty
   * @return the mean over the axes, which are removed
   */
  public Expr mean(int... axes) {
    return Reductions.mean(this, axes, false);
  }

  /**
   * The mean with the reduced axes kept as size 1.
   *
   * @param axes distinct axes; all when empty
   * @return the mean with the reduced axes kept as size 1
   */
  public Expr meanKeepingAxes(int... axes) {
    return Reductions.mean(this, axes, true);
  }

  /**
   * Maximum along one axis, which is removed. The gradient flows to the maximum alone, to the first
   * one on ties (as {@link Tensor#argmax}).
   *
   * @param axis the axis
   * @return the maxima
   */
  public Expr max(int axis) {
    return Reductions.max(this, axis, false);
  }

  /**
   * {@link #max(int)} with the axis kept as size 1.
   *
   * @param axis the axis
   * @return {@link #max(int)} with the axis kept as size 1
   */
  public Expr maxKeepingAxis(int axis) {
    return Reductions.max(this, axis, true);
  }

  // ---------------------------------------------------------------- shapes

  /**
   * The same elements in that shape.
   *
   * @param dims the new shape, one entry may be −1
   * @return the same elements in that shape
   */
  public Expr reshape(int... dims) {
    return Shapes.reshape(this, dims);
  }

  /**
   * The last two axes swapped (the matrix transpose).
   *
   * @return the last two axes swapped (the matrix transpose)
   */
  public Expr transpose() {
    return Shapes.transpose(this);
  }

  /**
   * The permuted tensor.
   *
   * @param axes output axis i is input axis {@code axes[i]}
   * @return the permuted tensor
   */
  public Expr permute(int... axes) {
    return Shapes.permute(this, axes);
  }

  /**
   * Indices {@code from ≤ i < to} along one axis; the pullback writes g into zeros of this shape.
   *
   * @param axis the axis
   * @param from first index, inclusive
   * @param to   last index, exclusive
   * @return the slice
   */
  public Expr slice(int axis, int from, int to) {
    return Shapes.slice(this, axis, from, to);
  }

  /**
   * The slice at {@code index}, with the axis removed.
   *
   * @param axis the axis
   * @param index the position
   * @return the slice at {@code index}, with the axis removed
   */
  public Expr select(int axis, int index) {
    Shape s = shape();
    return slice(axis, index, index + 1).reshape(s.without(axis).dims());
  }

  /**
   * The broadcast copy; pullback sums back.
   *
   * @param target a shape this one broadcasts to
   * @return the broadcast copy; pullback sums back
   */
  public Expr broadcastTo(Shape target) {
    return Shapes.broadcastTo(this, target);
  }

  /**
   * Joins expressions along an existing axis; every other dimension must agree. The pullback
   * slices g into the parts.
   *
   * @param axis  the axis
   * @param parts at least one expression
   * @return the concatenation
   */
  public static Expr concat(int axis, Expr... parts) {
    return Shapes.concat(axis, parts);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * Matrix product, shapes as {@link Tensor#matmul}: (m, k)·(k, n), (b, m, k)·(b, k, n) and
   * (b, m, k)·(k, n). Pullback ∂A = G·Bᵀ, ∂B = Aᵀ·G (summed over a shared batch).
   *
   * @param other B
   * @return A·B
   */
  public Expr matmul(Expr other) {
    return Products.matmul(this, other);
  }

  /**
   * A·Bᵀ without forming Bᵀ; pullback ∂A = G·B, ∂B = Gᵀ·A.
   *
   * @param other B, (n, k)
   * @return A·Bᵀ without forming Bᵀ; pullback ∂A = G·B, ∂B = Gᵀ·A
   */
  public Expr matmulTransposed(Expr other) {
    return Products.matmulTransposed(this, other);
  }

  /**
   * Aᵀ·B without forming Aᵀ; pullback ∂A = B·Gᵀ, ∂B = A·G.
   *
   * @param other B, (k, n)
   * @return Aᵀ·B without forming Aᵀ; pullback ∂A = B·Gᵀ, ∂B = A·G
   */
  public Expr transposedMatmul(Expr other) {
    return Products.transposedMatmul(this, other);
  }

  // ---------------------------------------------------------------- softmax

  /**
   * Exp(x − max) / Σ exp(x − max) along the axis.
   *
   * @param axis the axis
   * @return exp(x − max) / Σ exp(x − max) along the axis
   */
  public Expr softmax(int axis) {
    return Softmaxes.softmax(this, axis);
  }

  /**
   * X − max − ln Σ exp(x − max) along the axis.
   *
   * @param axis the axis
   * @return x − max − ln Σ exp(x − max) along the axis
   */
  public Expr logSoftmax(int axis) {
    return Softmaxes.logSoftmax(this, axis);
  }

  // ---------------------------------------------------------------- convolution and pooling

  /**
   * The library's 2-d convolution (cross-correlation) of this input (B, C, H, W) with a kernel
   * (K, C, kh, kw), giving (B, K, Ho, Wo); the pullbacks are {@link Convolution#inputGrad} and
   * {@link Convolution#kernelGrad}.
   *
   * @param kernel the kernel
   * @param conv   stride, padding and dilation
   * @return the convolution
   */
  public Expr conv2d(Expr kernel, Convolution conv) {
    return Convolutions.conv2d(this, kernel, conv);
  }

  /**
   * {@link #conv2d(Expr, Convolution)} plus a per-output-channel bias (K), in one kernel call.
   *
   * @param kernel the kernel (K, C, kh, kw)
   * @param bias   the bias (K)
   * @param conv   stride, padding and dilation
   * @return the convolution plus bias
   */
  public Expr conv2d(Expr kernel, Expr bias, Convolution conv) {
    return Convolutions.conv2d(this, kernel, bias, conv);
  }

  /**
   * The library's max pooling of (B, C, H, W).
   *
   * @param pool window, stride and padding
   * @return the library's max pooling of (B, C, H, W)
   */
  public Expr maxPool(Pooling pool) {
    return Convolutions.maxPool(this, pool);
  }

  /**
   * The library's average pooling of (B, C, H, W).
   *
   * @param pool window, stride and padding
   * @return the library's average pooling of (B, C, H, W)
   */
  public Expr avgPool(Pooling pool) {
    return Convolutions.avgPool(this, pool);
  }

  /**
   * The operation and shape, e.g. {@code Expr[tanh (2, 3)]}; never the graph.
   *
   * @return the operation and shape, e.g. {@code Expr[tanh (2, 3)]}; never the graph
   */
  @Override
  public String toString() {
    return "Expr[" + op + " " + shape() + "]";
  }
}
