package com.example;

import purenet.layer.Forward;
import purenet.layer.Grads;
import purenet.layer.Layer;
import purenet.layer.Mode;
import purenet.tensor.Tensor;
import purenet.tree.Tree;

/** A deliberately broken copy of {@link PRelu}: its gradient with respect to α is off by a factor of 2. */
record BrokenPRelu(Tensor alpha) implements Layer {

  @Override
  public Forward forward(Tensor x, Mode mode) {
    Tensor negative = x.map(v -> Math.min(v, 0));
    Tensor positive = x.map(v -> v > 0 ? 1 : 0);
    Tensor y = x.map(v -> Math.max(v, 0)).add(negative.mul(alpha));
    return new Forward(y, g -> new Grads(
        g.mul(positive).add(g.mul(positive.map(p -> 1 - p)).mul(alpha)),
        Tree.empty().with("alpha", g.mul(negative).sum(0).mul(2))), this);
  }
}
