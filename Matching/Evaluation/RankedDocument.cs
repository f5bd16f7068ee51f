namespace Recommend.Matching.Evaluation;

/// <summary>One line of a run: a document id and the score the system gave it.</summary>
public readonly record struct RankedDocument(string DocId, double Score);
