namespace Recommend.Matching.Text.Semantic;

/// <summary>One result of a <see cref="DenseIndex"/> search: the stored id and its dot product with the query.</summary>
public readonly record struct DenseHit(string Id, float Score);
