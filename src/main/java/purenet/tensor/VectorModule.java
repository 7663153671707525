package purenet.tensor;

import java.util.Optional;

/**
 * The Vector API forms of the package's kernels ({@code VectorGemm}, {@code VectorLstmGates},
 * {@code VectorFiniteScan}, {@code VectorWindowKernel}), loaded by class name so that no other class
 * links against the incubator module {@code jdk.incubator.vector}: without the module (no
 * {@code --add-modules=jdk.incubator.vector}) every caller keeps its scalar form.
 */
final class VectorModule {
  private VectorModule() {}

  /**
   * {@return an instance of the class {@code purenet.tensor.<simpleName>} through its no-argument
   * constructor, or empty when the module is absent or the class cannot be loaded}
   *
   * @param simpleName the class's simple name in this package
   * @param type what it implements
   * @param <T> that type
   */
  static <T> Optional<T> load(String simpleName, Class<T> type) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(type.cast(Class.forName(VectorModule.class.getPackageName() + "." + simpleName)
          .getDeclaredConstructor().newInstance()));
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }
}
