package purenet.optim;

import purenet.tree.Tree;

/**
 * The result of one {@link GradientTransform#update}.
 *
 * @param updates the transformed gradients; for a complete optimizer, the amounts to add to the
 *                parameters (new params = params + updates)
 * @param state   the transform's new state
 */
public record Step(Tree updates, Tree state) {}
