package purenet.examples.bench;

import java.util.List;
import purenet.data.Dataset;
import purenet.examples.LeNet;
import purenet.init.Glorot;
import purenet.init.He;
import purenet.layer.Dense;
import purenet.layer.Flatten;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.layer.Relu;
import purenet.layer.conv.Conv2d;
import purenet.layer.conv.MaxPool2d;
import purenet.layer.recurrent.LastStep;
import purenet.layer.recurrent.Lstm;
import purenet.layer.recurrent.Scan;
import purenet.loss.SoftmaxCrossEntropy;
import purenet.net.Sequential;
import purenet.optim.Optimizers;
import purenet.random.Key;
import purenet.tensor.Shape;
import purenet.tensor.Tensor;
import purenet.train.TrainState;
import purenet.train.TrainStep;

/**
 * One row of the purenet-versus-PyTorch benchmark ({@link VsPyTorch}): a named workload, how many
 * items (images, sequences, inferences or products) one step processes, and a factory for its step.
 *
 * <p>The same workloads, with the same shapes, are defined for PyTorch in
 * {@code scripts/bench_torch.py}; the names are the protocol between the two.
 *
 * @param name     the workload's name, shared with the PyTorch side
 * @param title    the row label of the table
 * @param items    items per step, for the throughput
 * @param factory  builds a fresh step: each call of the returned runnable performs one step
 */
public record Workload(String name, String title, int items, java.util.function.Supplier<Runnable> factory) {

  /** Every workload of the table, in the order of its rows. */
  public static List<Workload> all() {
    return List.of(
        new Workload("mlp-train", "MLP 784-256-256-10 ReLU train, b128", 128, () -> mlpTrain(128)),
        new Workload("lenet-train", "LeNet (examples/LeNet) train, b64", 64, () -> train(LeNet.model(Key.of(3)),
            images(64, 1, 28, 28), 64)),
        new Workload("lenet5-train", "LeNet-5 classic train, b64", 64, () -> train(lenet5(Key.of(4)),
            images(64, 1, 28, 28), 64)),
        new Workload("lstm-train", "LSTM 32-128 T50 BPTT train, b32", 32, () -> train(lstm(Key.of(5)),
            images(32, 50, 32), 32)),
        new Workload("mlp-infer-b1", "MLP inference, b1", 1, () -> mlpInfer(1)),
        new Workload("mlp-infer-b128", "MLP inference, b128", 128, () -> mlpInfer(128)),
        new Workload("gemm-256", "GEMM 256x256 * 256x256", 1, () -> gemm(256, 256, 256)),
        new Workload("gemm-1024", "GEMM 1024x1024 * 1024x1024", 1, () -> gemm(1024, 1024, 1024)),
        new Workload("gemm-128x784x256", "GEMM 128x784 * 784x256", 1, () -> gemm(128, 784, 256)));
  }

  /** The workload of this name. */
  public static Workload named(String name) {
    return all().stream().filter(w -> w.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no workload named " + name + "; known: "
            + all().stream().map(Workload::name).toList()));
  }

  /** The MLP of the MLP rows: 784-256-256-10 with ReLU, He-initialised. */
  static Sequential mlp(Key key) {
    Key[] k = key.split(3);
    return Sequential.of(
        Dense.of(784, 256, He.normal(), k[0]), new Relu(),
        Dense.of(256, 256, He.normal(), k[1]), new Relu(),
        Dense.of(256, 10, Glorot.uniform(), k[2]));
  }

  /**
   * Classic LeNet-5 on 28×28 inputs: C1 "same" (1 → 6, 5×5, padding 2, as LeCun's 32×32 input),
   * ReLU, 2×2 max pool, C3 valid (6 → 16, 5×5) → (16, 10, 10), ReLU, 2×2 max pool → 400, dense
   * 400 → 120 → 84 → 10 with ReLU.
   */
  static Sequential lenet5(Key key) {
    Key[] k = key.split(5);
    return Sequential.of(
        Conv2d.same(1, 6, 5, k[0]), new Relu(), MaxPool2d.of(2),
        Conv2d.of(6, 16, 5, k[1]), new Relu(), MaxPool2d.of(2),
        new Flatten(),
        Dense.of(400, 120, He.normal(), k[2]), new Relu(),
        Dense.of(120, 84, He.normal(), k[3]), new Relu(),
        Dense.of(84, 10, Glorot.uniform(), k[4]));
  }

  /** LSTM 32 → 128 over the whole sequence, its last hidden state into a dense 128 → 10. */
  static Sequential lstm(Key key) {
    Key[] k = key.split(2);
    return Sequential.of(Scan.of(Lstm.of(32, 128, k[0])), new LastStep(), Dense.of(128, 10, Glorot.uniform(), k[1]));
  }

  private static Tensor images(int... shape) {
    Shape s = Shape.of(shape);
    return Tensor.of(Key.of(7).uniform(s.size()), s);
  }

  private static Runnable mlpTrain(int batch) {
    return train(mlp(Key.of(1)), images(batch, 784), batch);
  }

  /** A full SGD step: forward, mean softmax cross-entropy, backward, update. */
  private static Runnable train(Layer model, Tensor x, int batch) {
    Tensor y = Tensor.generate(Shape.of(batch), i -> i % 10);
    Dataset data = new Dataset(x, y);
    TrainStep step = TrainStep.of(SoftmaxCrossEntropy.mean(), Optimizers.sgd(0.01)).withoutAccuracy();
    TrainState[] state = {step.init(model, Key.of(9))};
    return () -> state[0] = step.apply(state[0], data).state();
  }

  private static Runnable mlpInfer(int batch) {
    Layer model = mlp(Key.of(2));
    Tensor x = images(batch, 784);
    Tensor[] sink = new Tensor[1];
    return () -> sink[0] = model.forward(x, Mode.eval()).output();
  }

  /**
   * One product A·B. B is a fresh view of the same values at every call (reshape shares the array):
   * a tensor reused as the right factor keeps its packed copy, and this row measures the product
   * as torch.matmul does it, packing included; the inference rows show the reuse.
   */
  private static Runnable gemm(int m, int k, int n) {
    Tensor a = images(m, k);
    Tensor b = Tensor.of(Key.of(8).uniform(k * n), k, n);
    Tensor[] sink = new Tensor[1];
    return () -> sink[0] = a.matmul(b.reshape(k, n));
  }
}
