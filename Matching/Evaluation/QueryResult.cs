namespace Recommend.Matching.Evaluation;

/// <summary>One judged query's scores.</summary>
public sealed record QueryResult(string QueryId, double Ndcg10, double Recall100);
