/**
 * What "like the live page" means: a page reduced to what a user sees
 * ({@link dev.hexsnap.diff.similarity.PageContent}) and the similarity of two of them
 * ({@link dev.hexsnap.diff.similarity.Similarity}, whose Javadoc is the definition the report prints).
 */
package dev.hexsnap.diff.similarity;
