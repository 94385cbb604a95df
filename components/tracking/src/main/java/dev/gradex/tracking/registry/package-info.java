/**
 * Model registration with the champion/challenger rule: a new version takes alias {@code champion}
 * only if its loss is strictly lower than the champion's, else it takes {@code challenger}.
 *
 * <p>Allowed dependencies: the API package ({@code ModelPromotion}) and {@code rest}.
 */
package dev.gradex.tracking.registry;
