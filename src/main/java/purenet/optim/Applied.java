package purenet.optim;

import purenet.tree.Tree;

/**
 * The result of one {@link GradientTransform#applyTo}: an optimizer step already added to the
 * parameters.
 *
 * @param params the new parameters, {@code params + updates}
 * @param state  the transform's new state
 */
public record Applied(Tree params, Tree state) {}
