using Recommend.Matching.Text;

namespace Recommend.Matching.Evaluation;

/// <summary>
/// One configuration to try when tuning: a label for reports and a way to get a retriever set up
/// that way (candidates may share an index and only change its parameters, so they are activated
/// one at a time).
/// </summary>
public sealed record TuningCandidate(string Label, Func<IRetriever> Activate);
