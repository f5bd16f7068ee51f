namespace Recommend.Matching.Evaluation;

/// <summary>Relevance judgements: query id to (document id to judgement value). Only judged queries are evaluated.</summary>
public sealed class Qrels(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> judgements)
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgements { get; } = judgements;

    public IEnumerable<string> QueryIds => Judgements.Keys;

    public int QueryCount => Judgements.Count;

    public IReadOnlyDictionary<string, int> For(string queryId) =>
        Judgements.TryGetValue(queryId, out var judged) ? judged : new Dictionary<string, int>();
}
