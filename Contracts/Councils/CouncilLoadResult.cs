namespace Recommend.Contracts.Councils;

/// <summary>What loading council files produced: the good profiles and, per bad record, why it was refused.</summary>
public sealed record CouncilLoadResult(IReadOnlyList<CouncilProfile> Councils, IReadOnlyList<string> Rejects);
