namespace Recommend.Matching.Text;

/// <summary>One ranked result: the retriever's dense document number and its score (higher is better).</summary>
public readonly record struct SearchHit(int Doc, float Score);
