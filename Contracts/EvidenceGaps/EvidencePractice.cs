using Recommend.Contracts.Practices;

namespace Recommend.Contracts.EvidenceGaps;

/// <summary>What the gap map needs of a practice: small enough to keep beside the gateway's browse snapshot.</summary>
public sealed record EvidencePractice(
    string Id,
    string Title,
    IReadOnlyList<string> ServiceAreas,
    int? EvidenceLevel,
    EvidenceContext Context,
    IReadOnlyList<Adopter> Adopters)
{
    public static EvidencePractice From(Practice practice) => new(
        practice.Id,
        practice.Title,
        practice.ServiceAreas,
        practice.Evidence.Level,
        practice.EvidenceContext ?? new EvidenceContext(),
        practice.Adopters);
}
